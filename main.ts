/**
 * cdktf app entry for `npx cdktf synth|diff|deploy`: synthesizes every site under ./sites (or
 * ROOM_SITES) into the directory cdktf gives (CDKTF_OUTDIR), then runs the same policy checks as
 * `npm run synth`: an unwaived mandatory failure exits 1, so `cdktf deploy` stops before any plan. It
 * never writes an address lock: a site whose lock would change (a new VM, a freed address) is refused,
 * so what cdktf deploys always uses the committed pins. `npm run synth` is the main job: it pins
 * addresses, and commits output and locks together.
 */
import { resolve } from "node:path";
import { evaluationDateWithSource } from "./cli/as-of";
import { sourceRevision } from "./cli/source-revision";
import { ExitCode, UsageError } from "./cli/exit-codes";
import { reportFailure } from "./cli/command-failure";
import { checkSynthesized, COMPLIANCE_DIR, writeReports } from "./cli/compliance-output";
import { checkPolicyFiles } from "./cli/policy-files";
import { newApp, synthesizeSites } from "./cli/synthesize";
import { planSites } from "./plan/plan-sites";
import { ALL_RULES } from "./policies/rules";
import { formatTerminalSummary } from "./policies/report/terminal";
import { SpecErrors } from "./spec/spec-error";

const HINT = "set ROOM_SITES, ROOM_SITE and ROOM_AS_OF to choose sites and the evaluation date";

function run(): number {
  try {
    const evaluation = evaluationDateWithSource(undefined);
    const asOf = evaluation.date;
    const sitesDir = resolve(process.env.ROOM_SITES ?? "sites");
    const loaded = planSites(sitesDir, { asOf, site: process.env.ROOM_SITE });
    const unpinned = [...loaded.ipam.values()].filter((plan) => plan.changed).map((plan) => plan.lockPath);
    if (unpinned.length) {
      throw new UsageError(
        `addresses are not pinned yet in ${unpinned.join(", ")}: run \`npm run synth\`, review and commit the lock, then run cdktf again`,
      );
    }
    const policyErrors = loaded.sites.flatMap((site) => checkPolicyFiles(site, ALL_RULES));
    if (policyErrors.length) throw new SpecErrors(policyErrors);
    const app = newApp();
    synthesizeSites(app, loaded);
    // The gate `npm run synth` applies: deploy must not be a way around the checks.
    const checks = checkSynthesized([app.outdir], evaluation, undefined, undefined, { revision: sourceRevision(sitesDir) });
    writeReports(app.outdir, checks.result);
    if (checks.blocking.length === 0) return ExitCode.ok;
    process.stderr.write(formatTerminalSummary(checks.result, checks.blocking, resolve(app.outdir, COMPLIANCE_DIR, "report.md")));
    return ExitCode.policyFailure;
  } catch (e) {
    return reportFailure(e, process.stderr, HINT);
  }
}

process.exitCode = run();
