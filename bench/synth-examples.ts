/**
 * Benchmark: how long the main job takes on the example sites. Prints figures; asserts nothing.
 *   npm run bench            (3 runs, median)
 *   npm run bench -- 5 ./sites
 * Phases: load (YAML, schema, cross-references, IPAM), synth (constructs + writing JSON) and checks
 * (reading the synthesized JSON, the room model, every rule of the packs, waivers; what synth and
 * `npm run check` add).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { newApp, summarize, synthesizeSites } from "../cli/synthesize";
import { planSites } from "../plan/plan-sites";
import { runCompliance } from "../policies/compliance";
import { readTerraformInput } from "../policies/engine/terraform-input";

const runs = Number(process.argv[2] ?? 3);
const sitesDir = resolve(process.argv[3] ?? "sites");
const asOf = process.env.ROOM_AS_OF ?? "2026-11-22";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const loadMs: number[] = [];
const synthMs: number[] = [];
const checkMs: number[] = [];
let findings = 0;
let resources = 0;
let stacks = 0;
for (let i = 0; i < runs; i++) {
  const out = mkdtempSync(join(tmpdir(), "bench-"));
  const t0 = performance.now();
  const loaded = planSites(sitesDir, { asOf });
  const t1 = performance.now();
  synthesizeSites(newApp(out), loaded);
  const t2 = performance.now();
  findings = runCompliance(readTerraformInput([out]), { asOf }).findings.length;
  const t3 = performance.now();
  const summary = summarize(out);
  resources = summary.reduce((n, s) => n + s.resources, 0);
  stacks = summary.length;
  rmSync(out, { recursive: true, force: true });
  loadMs.push(t1 - t0);
  synthMs.push(t2 - t1);
  checkMs.push(t3 - t2);
}
const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
console.log(`sites: ${sitesDir}`);
console.log(`stacks: ${stacks}, resources: ${resources}, runs: ${runs} (in one process; the first includes module warm-up)`);
console.log(`load  median ${fmt(median(loadMs))}  (runs: ${loadMs.map(fmt).join(", ")})`);
console.log(`synth median ${fmt(median(synthMs))}  (runs: ${synthMs.map(fmt).join(", ")})`);
console.log(`checks median ${fmt(median(checkMs))}  (runs: ${checkMs.map(fmt).join(", ")}; ${findings} findings)`);
