"use strict";
const { readFileSync } = require("node:fs");

/**
 * The cache files of the runner (bundles, V8 code caches) are one line of JSON, after a fixed `prefix`,
 * then the body. Returns { header, body, bytes } when the file is there and its first line parses;
 * undefined otherwise (missing, cut short, not one of ours): the caller then builds it anew.
 */
function readHeaderFile(file, prefix = "") {
  let bytes;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  const eol = bytes.indexOf(10);
  if (eol < 0 || !bytes.subarray(0, prefix.length).equals(Buffer.from(prefix))) return undefined;
  try {
    return { header: JSON.parse(bytes.subarray(prefix.length, eol).toString("utf8")), body: bytes.subarray(eol + 1), bytes };
  } catch {
    return undefined;
  }
}

module.exports = { readHeaderFile };
