#!/usr/bin/env node
"use strict";
/**
 * Runs a TypeScript entry of this repository: `node bin/run-ts.cjs cli/synth.ts [args...]` (what the npm
 * scripts call). Makes sure the FortiOS bindings in .gen are generated (cheap when they are up to
 * date), bundles the entry with esbuild into node_modules/.cache/room-as-code unless an up-to-date bundle
 * is there (bin/ts-bundle.cjs), and runs the bundle as the main module in this process: the entry's
 * `require.main === module` guard holds, and arguments, standard streams and exit code are its own.
 */
const { resolve } = require("node:path");
const { runBundleAsMain } = require("./run-bundle.cjs");
const { BundleError, bundledEntry } = require("./ts-bundle.cjs");

const GENERATOR = resolve(__dirname, "..", "providers", "fortios", "generate.ts");

/** A failure whose message says all (printed as it is). */
class GenerationError extends Error {}

/** Generates the bindings when their schema changed (the generator keeps a hash of it beside them). */
async function ensureFortiosBindings() {
  const { generateFortiosBindings } = require((await bundledEntry(GENERATOR)).file);
  // Generation points TF_CLI_CONFIG_FILE at /dev/null for @cdktf/commons; the entry gets the user's.
  const tfConfig = process.env.TF_CLI_CONFIG_FILE;
  try {
    if ((await generateFortiosBindings()) === "generated") console.error("FortiOS bindings generated in .gen/providers/fortios");
  } catch (e) {
    throw new GenerationError(`FortiOS binding generation failed: ${e && e.stack ? e.stack : String(e)}`);
  } finally {
    if (tfConfig === undefined) delete process.env.TF_CLI_CONFIG_FILE;
    else process.env.TF_CLI_CONFIG_FILE = tfConfig;
  }
}

async function main() {
  const entryArg = process.argv[2];
  if (entryArg === undefined) {
    console.error("usage: node bin/run-ts.cjs <entry.ts> [args...]");
    process.exitCode = 2;
    return;
  }
  const entry = resolve(entryArg);
  // The bundle may import the bindings, and the generator needs none of them.
  if (entry !== GENERATOR) await ensureFortiosBindings();
  const bundle = await bundledEntry(entry);
  process.argv.splice(2, 1); // the entry's arguments follow argv[1], which becomes the bundle
  return () => runBundleAsMain(bundle, module);
}

// The entry runs outside the promise chain (process.nextTick): an exception it throws is uncaught, as
// under `node entry.js`, not a rejection of the runner's promise.
main().then(
  (run) => {
    if (run) process.nextTick(run);
  },
  (e) => {
    // A build error is in the entry's sources (esbuild's report says where); anything else is the
    // runner's own failure. Either is a bug in this tool: exit 3, as the commands exit on theirs (exit 1
    // means a policy failure to them, cli/exit-codes.ts).
    const reported = e instanceof BundleError || e instanceof GenerationError;
    console.error(reported ? e.message : `bin/run-ts.cjs: ${e && e.stack ? e.stack : String(e)}`);
    process.exitCode = 3;
  },
);
