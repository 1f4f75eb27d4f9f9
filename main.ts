/**
 * cdktf app entry for `npx cdktf synth|diff|deploy`: synthesizes every site under ./sites (or
 * ROOM_SITES) into the directory cdktf gives (CDKTF_OUTDIR). It never writes an address lock: a site
 * whose lock would change (a new VM, a freed address) is refused, so what cdktf deploys always uses
 * the committed pins. `npm run synth` is the main job: it pins addresses, and commits output and locks
 * together.
 */
import { resolve } from "node:path";
import { evaluationDate } from "./cli/as-of";
import { UsageError } from "./cli/exit-codes";
import { reportFailure } from "./cli/command-failure";
import { newApp, synthesizeSites } from "./cli/synthesize";
import { planSites } from "./plan/plan-sites";

const HINT = "set ROOM_SITES, ROOM_SITE and ROOM_AS_OF to choose sites and the evaluation date";

function run(): number {
  try {
    const loaded = planSites(resolve(process.env.ROOM_SITES ?? "sites"), { asOf: evaluationDate(undefined), site: process.env.ROOM_SITE });
    const unpinned = [...loaded.ipam.values()].filter((plan) => plan.changed).map((plan) => plan.lockPath);
    if (unpinned.length) {
      throw new UsageError(
        `addresses are not pinned yet in ${unpinned.join(", ")}: run \`npm run synth\`, review and commit the lock, then run cdktf again`,
      );
    }
    synthesizeSites(newApp(), loaded);
    return 0;
  } catch (e) {
    return reportFailure(e, process.stderr, HINT);
  }
}

process.exitCode = run();
