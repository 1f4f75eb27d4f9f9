import { Testing } from "cdktf";

// Typed cdktf matchers (toHaveResourceWithProperties, ...) for every test file.
Testing.setupJest();
// Nothing may depend on the clock: the evaluation date is pinned for every test.
process.env.ROOM_AS_OF = "2026-11-22";
process.env.CHECKPOINT_DISABLE = "1";
