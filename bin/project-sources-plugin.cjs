"use strict";
/**
 * esbuild plugin: loads the project's own files into a bundle the way Node would run them one by one.
 * - `__dirname` and `__filename` are the source file's, not the bundle's (the bundle lives in the cache
 *   directory; cli/compliance-output.ts and others find the repository through `__dirname`).
 * - `require.main === module` holds only in the entry: in a bundle every file shares the bundle's
 *   `module`, so a guarded file imported by another entry would otherwise run its main when imported.
 * - Every file read is reported (size, mtime, sha256 of the bytes bundled) for the bundle cache.
 * The declarations go in front of the first line, so line numbers stay those of the source.
 */
const { createHash } = require("node:crypto");
const { readFileSync, statSync } = require("node:fs");
const { dirname, extname } = require("node:path");

const LOADERS = {
  ".ts": "ts",
  ".mts": "ts",
  ".cts": "ts",
  ".tsx": "tsx",
  ".js": "js",
  ".mjs": "js",
  ".cjs": "js",
  ".jsx": "jsx",
  ".json": "json",
};
const TYPESCRIPT = new Set(["ts", "tsx"]);

/** The declarations a file needs in front of it ("" when it uses none of the names). */
function preamble(file, text, isEntry, loader) {
  const names = [];
  if (/\b__dirname\b/.test(text)) names.push(`__dirname = ${JSON.stringify(dirname(file))}`);
  if (/\b__filename\b/.test(text)) names.push(`__filename = ${JSON.stringify(file)}`);
  // Only TypeScript (ES module syntax here): a CommonJS .js file uses `module` for its exports.
  if (!isEntry && TYPESCRIPT.has(loader) && /\brequire\.main\b/.test(text)) names.push("module = {}");
  return names.length > 0 ? `const ${names.join(", ")}; ` : "";
}

/** Puts `code` at the start of the first line, after a `#!` line if there is one (same line count). */
function prepend(code, text) {
  if (code === "" || !text.startsWith("#!")) return code + text;
  const eol = text.indexOf("\n");
  return eol < 0 ? text : text.slice(0, eol + 1) + code + text.slice(eol + 1);
}

/**
 * @param {string} entry absolute path of the entry
 * @param {(file: string, input: { size: number, mtimeMs: number, sha256: string }) => void} onRead
 */
function projectSourcesPlugin(entry, onRead) {
  return {
    name: "project-sources",
    setup(build) {
      build.onLoad({ filter: /\.(?:[cm]?[jt]sx?|json)$/, namespace: "file" }, (args) => {
        const loader = LOADERS[extname(args.path)];
        if (loader === undefined) return undefined;
        // Stat before reading: a write in between then shows as a changed mtime next run, and the hash
        // (of exactly these bytes) decides.
        const { size, mtimeMs } = statSync(args.path);
        const bytes = readFileSync(args.path);
        onRead(args.path, { size, mtimeMs, sha256: createHash("sha256").update(bytes).digest("hex") });
        if (loader === "json") return { contents: bytes, loader };
        const text = bytes.toString("utf8");
        return { contents: prepend(preamble(args.path, text, args.path === entry, loader), text), loader };
      });
    },
  };
}

module.exports = { projectSourcesPlugin };
