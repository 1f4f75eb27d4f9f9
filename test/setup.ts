import { Testing } from "cdktf";
import { AS_OF } from "./shared-synth";

// Typed cdktf matchers (toHaveResourceWithProperties, ...) for every test file.
Testing.setupJest();
// Nothing may depend on the clock: the evaluation date is pinned for every test.
process.env.ROOM_AS_OF = AS_OF;
process.env.CHECKPOINT_DISABLE = "1";
