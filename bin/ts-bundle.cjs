"use strict";
/**
 * A TypeScript entry bundled by esbuild into one CommonJS file in the cache, reused while nothing it was
 * built from changed. The bundle's first line records what it was built from: the build key (esbuild's
 * and Node's versions, this runner's own code), every project file esbuild read and tsconfig.json (size,
 * mtime, sha256), and the length of the code after that line. A run stats the inputs, hashes only those
 * whose size or mtime moved, and rebuilds when one differs or is gone; a new import is an edit of a file
 * already read. The file is written whole (bin/write-whole.cjs), so concurrent runs or a Ctrl-C never
 * leave a half bundle, and a truncated one fails the length check. Packages stay external: the cache
 * lives under node_modules, so `require("cdktf")` from the bundle finds the project's own packages.
 */
const { createHash } = require("node:crypto");
const { mkdirSync, readFileSync, statSync } = require("node:fs");
const { basename, dirname, isAbsolute, join, relative } = require("node:path");
const { projectSourcesPlugin } = require("./project-sources-plugin.cjs");
const { readHeaderFile } = require("./header-file.cjs");
const { writeWhole } = require("./write-whole.cjs");

const ROOT = join(__dirname, "..");
const DEFAULT_CACHE = join(ROOT, "node_modules", ".cache", "room-as-code");
const HEADER = "// room-as-code bundle ";
/** Files whose content shapes every bundle beyond its inputs: the build options (this file, the plugin) and esbuild's version. */
const BUILD_FILES = [__filename, require.resolve("./project-sources-plugin.cjs"), require.resolve("esbuild/package.json")];
const TSCONFIG = join(ROOT, "tsconfig.json");

function sha256(bytes) {
  return createHash("sha256").update(bytes).digest("hex");
}

function buildKey() {
  const hash = createHash("sha256").update(process.version);
  for (const file of BUILD_FILES) hash.update(readFileSync(file));
  return hash.digest("hex");
}

/** Where the bundle of `entry` lives: the entry's path under the repository, or a hashed name outside it. */
function bundlePath(entry, cacheDir) {
  const rel = relative(ROOT, entry);
  const name = rel.startsWith("..") || isAbsolute(rel) ? join("outside", `${sha256(entry).slice(0, 16)}-${basename(entry)}`) : rel;
  return join(cacheDir, name.replace(/\.[cm]?[jt]sx?$/, "") + ".cjs");
}

/** A cached bundle, { header, source }, if it is there and whole, else undefined. */
function readBundle(file) {
  const read = readHeaderFile(file, HEADER);
  if (!read || read.header.codeBytes !== read.body.length) return undefined;
  return { header: read.header, source: read.bytes.toString("utf8") };
}

/** True when every input still has the bytes the bundle was built from. */
function inputsUnchanged(inputs) {
  for (const [file, size, mtimeMs, hash] of inputs) {
    let st;
    try {
      st = statSync(file);
    } catch {
      return false;
    }
    if (st.size === size && st.mtimeMs === mtimeMs) continue;
    if (st.size !== size || sha256(readFileSync(file)) !== hash) return false;
  }
  return true;
}

/** Thrown when esbuild cannot bundle the entry; the message is esbuild's report of it. */
class BundleError extends Error {}

async function build(entry, file, key) {
  const inputs = new Map();
  const record = (path, input) => inputs.set(path, input);
  // Loaded only to build: requiring esbuild costs more than the whole up-to-date check.
  const esbuild = require("esbuild");
  const result = await esbuild
    .build({
      entryPoints: [entry],
      bundle: true,
      platform: "node",
      format: "cjs",
      target: "node20",
      packages: "external",
      tsconfig: TSCONFIG,
      // A map beside the bundle, read only under `node --enable-source-maps` (stack traces then name the
      // .ts files); user errors print no stack, so nothing else depends on it.
      sourcemap: "linked",
      sourcesContent: false,
      outfile: file,
      write: false,
      metafile: true,
      logLevel: "silent",
      plugins: [projectSourcesPlugin(entry, record)],
    })
    .catch((e) => {
      if (!Array.isArray(e.errors)) throw e;
      const report = esbuild.formatMessagesSync(e.errors, { kind: "error", color: Boolean(process.stderr.isTTY) });
      throw new BundleError(report.join(""));
    });
  // Files esbuild read without the plugin (none today) and the tsconfig it read options from.
  for (const path of [TSCONFIG, ...Object.keys(result.metafile.inputs).map((p) => join(process.cwd(), p))]) {
    if (inputs.has(path)) continue;
    const { size, mtimeMs } = statSync(path);
    record(path, { size, mtimeMs, sha256: sha256(readFileSync(path)) });
  }
  const code = result.outputFiles.find((f) => f.path === file);
  const map = result.outputFiles.find((f) => f.path === `${file}.map`);
  const header = {
    entry,
    key,
    codeBytes: code.contents.length,
    codeSha256: sha256(code.contents),
    inputs: [...inputs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([path, i]) => [path, i.size, i.mtimeMs, i.sha256]),
  };
  // The header is one more line in front of the code: the map's first generated line is then empty.
  const sourceMap = JSON.parse(map.text);
  sourceMap.mappings = `;${sourceMap.mappings}`;
  mkdirSync(dirname(file), { recursive: true });
  writeWhole(`${file}.map`, JSON.stringify(sourceMap));
  const bytes = Buffer.concat([Buffer.from(`${HEADER}${JSON.stringify(header)}\n`), code.contents]);
  writeWhole(file, bytes);
  return { header, source: bytes.toString("utf8") };
}

/**
 * An up-to-date bundle of `entry` (absolute path), built first when missing or stale: { file, source,
 * codeSha256 } (source is the whole file, header line included). ROOM_AS_CODE_BUNDLE_CACHE moves the
 * cache (the runner's tests use their own).
 */
async function bundledEntry(entry) {
  const file = bundlePath(entry, process.env.ROOM_AS_CODE_BUNDLE_CACHE || DEFAULT_CACHE);
  const key = buildKey();
  let bundle = readBundle(file);
  const h = bundle?.header;
  if (h === undefined || h.key !== key || h.entry !== entry || !inputsUnchanged(h.inputs)) bundle = await build(entry, file, key);
  return { file, source: bundle.source, codeSha256: bundle.header.codeSha256 };
}

module.exports = { bundledEntry, BundleError };
