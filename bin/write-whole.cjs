"use strict";
const { renameSync, unlinkSync, writeFileSync } = require("node:fs");

/**
 * Writes `bytes` under a temporary name beside `file` and renames it over `file`: a reader (another run
 * at the same time) sees the old file or the new one, never a part, and a Ctrl-C leaves at worst a
 * stray `.tmp` file.
 */
function writeWhole(file, bytes) {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, bytes);
    renameSync(tmp, file);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // never written
    }
    throw e;
  }
}

module.exports = { writeWhole };
