// A synth worker thread (cli/parallel-synth.ts) runs the code and reads the spec files its caller did:
// it is handed the bundle's bytes (bin/bundle-worker.cjs), not the file another run may have rebuilt,
// and it builds nothing when its own load of the specs differs from the caller's (a file saved while
// synth ran), so the caller builds that part from what it read.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
import { runSynthPart } from "../../cli/parallel-synth";
import { copySites, edit, load, ROOT, tempDir, AS_OF } from "../helpers";

test("a worker runs the bundle source it is handed, whatever the bundle file now holds", async () => {
  const dir = tempDir("bundle-worker-");
  const file = join(dir, "synth.cjs");
  writeFileSync(file, 'throw new Error("the rebuilt bundle on disk ran");\n');
  const source = 'require("node:worker_threads").parentPort.postMessage(["handed-over code", __filename]);\n';
  const worker = new Worker(join(ROOT, "bin", "bundle-worker.cjs"), { workerData: { bundle: { file, source, codeSha256: "test" } } });
  const message = await new Promise((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  expect(message).toEqual(["handed-over code", file]);
  await worker.terminate();
});

test("the input digest is the same for the same files and changes with any spec file", () => {
  const sites = copySites();
  const first = load(sites).inputDigest;
  expect(load(sites).inputDigest).toBe(first);
  edit(sites, "tiny/tenants/alpha.yaml", "name: Alpha kommune", "name: Alpha kommune nord");
  expect(load(sites).inputDigest).not.toBe(first);
});

function runPart(sites: string, stacks: string[], inputDigest: string): unknown {
  const state = new SharedArrayBuffer(4);
  const { port1, port2 } = new MessageChannel();
  const out = join(tempDir("part-"), "part");
  runSynthPart({
    kind: "synth-part",
    job: { sitesDir: sites, asOf: AS_OF, stacks, outdir: out, inputDigest },
    state,
    port: port2,
    bundle: { file: "unused", source: "", codeSha256: "" },
  });
  const message = receiveMessageOnPort(port1)?.message as unknown;
  port1.close();
  return message;
}

test("a worker whose load differs from its caller's builds nothing and says why", () => {
  const sites = copySites();
  const callers = load(sites);
  const stacks = callers.sites[0].tenants.map((t) => `tiny-${t.spec.tenant}`);
  expect(runPart(sites, stacks, callers.inputDigest)).toMatchObject({ ok: true });
  edit(sites, "tiny/tenants/alpha.yaml", "name: Alpha kommune", "name: Alpha kommune nord");
  expect(runPart(sites, stacks, callers.inputDigest)).toEqual({ ok: false, inputsChanged: true });
  edit(sites, "tiny/tenants/alpha.yaml", "name: Alpha kommune nord", "name: [");
  expect(runPart(sites, stacks, callers.inputDigest)).toEqual({ ok: false, inputsChanged: true }); // now broken: still the caller's part
});
