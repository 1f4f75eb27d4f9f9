"use strict";
/**
 * Runs a bundle as the body of the main module: the runner's own `module`, so `require.main === module`
 * holds in the entry, with `process.argv[1]`, `module.filename` and `__filename` the bundle's.
 * It is compiled with a V8 code cache kept beside it (`<bundle>.v8-cache`): compiling the 4 MB synth
 * bundle is about a quarter of a short run, loading its cache a few milliseconds. The cache names the
 * bundle code it was made from and its own sha256 (V8 itself checks only the source's length); it is
 * made at exit, so it holds the functions the run compiled, when it was missing or V8 rejected it
 * (another Node or other V8 flags). Under `node --enable-source-maps` Node's own loader runs it instead.
 */
const { createHash } = require("node:crypto");
const { createRequire, runMain, wrap, _nodeModulePaths } = require("node:module");
const { dirname } = require("node:path");
const vm = require("node:vm");
const { readHeaderFile } = require("./header-file.cjs");
const { writeWhole } = require("./write-whole.cjs");

const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");

/** The cached data for the bundle code `codeSha256` if the cache file is whole and made from it. */
function readCodeCache(file, codeSha256) {
  const read = readHeaderFile(file);
  if (!read) return undefined;
  return read.header.codeSha256 === codeSha256 && read.header.dataSha256 === sha256(read.body) ? read.body : undefined;
}

function saveCodeCacheAtExit(script, file, codeSha256) {
  process.once("exit", () => {
    try {
      const data = script.createCachedData();
      writeWhole(file, Buffer.concat([Buffer.from(`${JSON.stringify({ codeSha256, dataSha256: sha256(data) })}\n`), data]));
    } catch {
      // Only a cache: the next run compiles again.
    }
  });
}

/**
 * Where the running bundle is kept for the code it runs: a worker thread it starts
 * (cli/parallel-synth.ts) is given these very bytes, not the file, which a build started meanwhile by
 * another run (after a source was edited) may have replaced.
 */
const RUNNING_BUNDLE = Symbol.for("room-as-code.running-bundle");

/** Compiles the bundle (with its code cache, which only the main thread saves) and runs its body as `module`'s. */
function runBundleAs(bundle, module, saveCache = true) {
  const cacheFile = `${bundle.file}.v8-cache`;
  const cachedData = readCodeCache(cacheFile, bundle.codeSha256);
  const script = new vm.Script(wrap(bundle.source), {
    filename: bundle.file,
    cachedData,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  if (saveCache && (cachedData === undefined || script.cachedDataRejected)) saveCodeCacheAtExit(script, cacheFile, bundle.codeSha256);
  module.filename = bundle.file;
  module.paths = _nodeModulePaths(dirname(bundle.file));
  const wrapper = script.runInThisContext({ displayErrors: true });
  wrapper.call(module.exports, module.exports, createRequire(bundle.file), module, bundle.file, dirname(bundle.file));
}

/**
 * @param {{ file: string, source: string, codeSha256: string }} bundle from bin/ts-bundle.cjs
 * @param {NodeJS.Module} mainModule the runner's `module` (require.main)
 */
function runBundleAsMain(bundle, mainModule) {
  globalThis[RUNNING_BUNDLE] = Object.freeze({ file: bundle.file, source: bundle.source, codeSha256: bundle.codeSha256 });
  process.argv[1] = bundle.file;
  if (process.sourceMapsEnabled) {
    // Node applies the bundle's source map (stack traces name the .ts files) only to what its loader
    // compiled: load the bundle as the main module the ordinary way, without the code cache.
    runMain();
    return;
  }
  runBundleAs(bundle, mainModule);
}

module.exports = { runBundleAs, runBundleAsMain, RUNNING_BUNDLE };
