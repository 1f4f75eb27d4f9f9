import { spawnSync } from "node:child_process";
import { cpSync } from "node:fs";
import { join } from "node:path";
import { splitByWeight, stackWeights } from "../../cli/parallel-synth";
import { AS_OF, copySites, EXAMPLES, load, ROOT, runSynth, sharedSynth, tempDir, treeOf } from "../helpers";

/**
 * Parallel synth (cli/parallel-synth.ts) writes the bytes a serial run writes. It runs only from a
 * bundled entry, as the npm scripts start synth: these tests start it the same way, through
 * bin/run-ts.cjs, with ROOM_SYNTH_WORKERS forcing workers on sites that would otherwise be too small.
 */
function synthThroughRunner(args: string[], workers: number): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(ROOT, "bin", "run-ts.cjs"), join(ROOT, "cli", "synth.ts"), ...args, "--as-of", AS_OF], {
    cwd: ROOT,
    env: { ...process.env, ROOM_SYNTH_WORKERS: String(workers) },
    encoding: "utf8",
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function differing(a: Map<string, Buffer>, b: Map<string, Buffer>): string[] {
  return [...new Set([...a.keys(), ...b.keys()])].filter((f) => !a.get(f)?.equals(b.get(f) ?? Buffer.alloc(0)) || !b.has(f)).sort();
}

test.each([1, 2])("with %i worker thread(s) the example sites give the serial run's bytes, every file", (workers) => {
  const shared = sharedSynth("examples");
  const out = join(tempDir("parallel-"), "out");
  const r = synthThroughRunner(["--sites", copySites(shared.sites), "--out", out], workers);
  expect(r.stderr).toBe(""); // a worker that did not start would be named here
  expect(r.status).toBe(shared.result.code);
  const serial = treeOf(shared.out);
  expect(serial.size).toBeGreaterThan(10);
  expect(differing(treeOf(out), serial)).toEqual([]);
  expect(r.stdout.split(out).join("<out>")).toBe(shared.result.stdout.split(shared.out).join("<out>"));
});

test("one tenant with workers gives the bytes of one tenant serially (in-process)", () => {
  const shared = sharedSynth("examples");
  const parallel = join(tempDir("parallel-"), "out");
  const serial = join(tempDir("serial-"), "out");
  cpSync(shared.out, parallel, { recursive: true });
  cpSync(shared.out, serial, { recursive: true });
  const args = ["--site", "fjordvik", "--tenant", "lauvstad"];
  expect(synthThroughRunner(["--sites", copySites(shared.sites), "--out", parallel, ...args], 2).status).toBe(0);
  expect(runSynth(["--sites", copySites(shared.sites), "--out", serial, ...args, "--as-of", AS_OF]).code).toBe(0);
  expect(differing(treeOf(parallel), treeOf(serial))).toEqual([]);
});

test("the stacks are split into parts of about equal weight, heaviest first, each stack once", () => {
  const weights = new Map([
    ["a", 10],
    ["b", 7],
    ["c", 5],
    ["d", 4],
    ["e", 1],
  ]);
  expect(splitByWeight(weights, 2)).toEqual([
    ["a", "d"],
    ["b", "c", "e"],
  ]);
  expect(splitByWeight(weights, 9).flat().sort()).toEqual(["a", "b", "c", "d", "e"]);
  expect(splitByWeight(new Map([["only", 3]]), 2)).toEqual([["only"]]);
  // A worker's head start (its own load) leaves more to the first part, this thread's.
  expect(splitByWeight(weights, 2, 6)).toEqual([
    ["a", "c", "e"],
    ["b", "d"],
  ]);
});

test("every stack of the sites gets a weight, heavier for more VMs, without building any", () => {
  const loaded = load(EXAMPLES);
  const scratch = tempDir("weights-");
  const weights = stackWeights(loaded, join(scratch, "no-previous-output"), scratch);
  expect([...treeOf(scratch).keys()]).toEqual([]); // the skeleton wrote no file
  expect([...weights.keys()]).toEqual(
    expect.arrayContaining(["fjordvik-vsphere", "fjordvik-facility", "fjordvik-haugnes", "kvistrup-kvistrup"]),
  );
  const vmsOf = (tenant: string) => loaded.sites.flatMap((s) => s.tenants).find((t) => t.spec.tenant === tenant)?.vms.length ?? 0;
  expect(Math.sign((weights.get("fjordvik-fjordvik") ?? 0) - (weights.get("fjordvik-haugnes") ?? 0))).toBe(
    Math.sign(vmsOf("fjordvik") - vmsOf("haugnes")),
  );
});
