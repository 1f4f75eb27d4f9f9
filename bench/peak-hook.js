// The benchmark loads this into every Node process of a measured command (NODE_OPTIONS=--require): at
// exit each process writes its peak resident memory (getrusage's maxrss) to <BENCH_PEAK_DIR>/<pid>.json,
// so the parent reads the peak of a child and of the child's own children (tsx starts one, workers too).
"use strict";
const { writeFileSync } = require("node:fs");
const { join } = require("node:path");

const dir = process.env.BENCH_PEAK_DIR;
if (dir)
  process.on("exit", () => {
    const record = { pid: process.pid, ppid: process.ppid, maxRssKb: process.resourceUsage().maxRSS, argv: process.argv.slice(1) };
    try {
      writeFileSync(join(dir, `${process.pid}.json`), JSON.stringify(record));
    } catch {
      // A missing record shows as a process without a peak; it must not change the command's exit.
    }
  });
