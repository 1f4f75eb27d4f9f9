"use strict";
/**
 * A worker thread's entry (cli/parallel-synth.ts): runs the bundle whose code the starting thread runs,
 * handed over in `workerData.bundle` ({ file, source, codeSha256 }), so both threads run the same code
 * even if the bundle file was rebuilt in between. The bundle sees the whole `workerData`.
 */
const Module = require("node:module");
const { workerData } = require("node:worker_threads");
const { runBundleAs } = require("./run-bundle.cjs");

const bundle = workerData && workerData.bundle;
if (!bundle || typeof bundle.source !== "string" || typeof bundle.file !== "string")
  throw new Error("bin/bundle-worker.cjs: started without workerData.bundle");
runBundleAs(bundle, new Module(bundle.file, null), false);
