/**
 * cdktf app entry for `npx cdktf synth|diff|deploy`: synthesizes every site under ./sites (or
 * ROOM_SITES) into the directory cdktf gives (CDKTF_OUTDIR). `npm run synth` is the main job and
 * adds atomic output, the summary and the DNS work list; both write the same stacks.
 */
import { resolve } from "node:path";
import { evaluationDate } from "./cli/as-of";
import { writeFileAtomic } from "./cli/atomic-write";
import { reportFailure } from "./cli/synth";
import { newApp, synthesizeSites } from "./cli/synthesize";
import { planSites } from "./plan/plan-sites";

function run(): number {
  try {
    const loaded = planSites(resolve(process.env.ROOM_SITES ?? "sites"), { asOf: evaluationDate(undefined), site: process.env.ROOM_SITE });
    synthesizeSites(newApp(), loaded);
    for (const plan of loaded.ipam.values()) if (plan.changed) writeFileAtomic(plan.lockPath, plan.text);
    return 0;
  } catch (e) {
    return reportFailure(e, process.stderr, "set ROOM_SITES, ROOM_SITE and ROOM_AS_OF to choose sites and the evaluation date");
  }
}

process.exitCode = run();
