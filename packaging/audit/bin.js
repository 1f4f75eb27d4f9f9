#!/usr/bin/env node
// A bin runs as CommonJS, before tsx is registered: require is its import.
// The repository's own `bin` (npm link, or npm install -g from a clone): the same entry as the packed
// command, run through tsx. The packed tarball (npm run pack:audit) needs neither tsx nor TypeScript.
require("tsx/cjs/api").register();
require("../../cli/room-as-code.ts");
