import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { isMainThread, workerData } from "node:worker_threads";
import { planSites, type PlannedSites } from "../plan/plan-sites";
import { stackNames } from "../contracts/stack-names";
import type { StackFilter } from "../stacks/site-stacks";
import { formatSpecWarning, SpecErrors } from "../spec/spec-error";
import { evaluationDateWithSource } from "./as-of";
import { sourceRevision } from "./source-revision";
import { commitOutput, recoverEarlierRuns } from "./commit-output";
import { ExitCode, UsageError } from "./exit-codes";
import { exitQuietlyOnClosedOutput, reportFailure } from "./command-failure";
import { keepUnbuiltStacks, keepUnchangedFiles, previousStacks } from "./keep-previous-output";
import { checkOutputLocation, formatMarker, OUTPUT_MARKER } from "./output-directory";
import { formatSummary, summarize, summarizeStacks } from "./synthesize";
import { commandParallelism, isSynthPart, runSynthPart, SERIAL, synthesizeInParallel, type Parallelism } from "./parallel-synth";
import { ALL_RULES } from "../policies/rules";
import { formatTerminalSummary } from "../policies/report/terminal";
import { checkSynthesized, COMPLIANCE_DIR, writeReports, type ComplianceRun } from "./compliance-output";
import { checkPolicyFiles } from "./policy-files";
import { formatWorkList } from "./work-list";
import { formatStorageMoves, storageMoves } from "../plan/storage-moves";
import { PhaseClock } from "./phase-times";
import { PolicyInputError } from "../policies/engine/terraform-input";
import { checkTenant, type TenantChecks } from "./tenant-checks";

const USAGE = `usage: npm run synth -- [--sites <dir>] [--out <dir>] [--site <name> [--tenant <id>]] [--skip-checks] [--as-of <YYYY-MM-DD>]
  --sites   directory of sites (<site>/site.yaml, <site>/tenants/*.yaml); default ./sites
  --out     output directory, synth's own: replaced as a whole on success; default ./cdktf.out
  --site    synthesize only this site (the output keeps the other sites' stacks)
  --tenant  with --site: build only this tenant's stacks (<site>-<id>, <site>-<id>-fw) and the site's
            shared ones; the other tenants' stacks are kept from the output (built where it lacks them)
  --skip-checks
            the quick loop: write the stacks without the policy checks; the output then holds no
            compliance reports and the exit code says nothing about policy (check before you merge)
  --as-of   evaluation date (else ROOM_AS_OF, else today)`;

/** `npm run synth`: load and check the spec files, synthesize every stack, pin addresses, print a summary. */
export function main(
  argv: string[],
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
  parallelism: Parallelism = SERIAL,
): number {
  const phases = new PhaseClock();
  phases.end("start-up");
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        sites: { type: "string" },
        out: { type: "string" },
        site: { type: "string" },
        tenant: { type: "string" },
        "skip-checks": { type: "boolean" },
        "as-of": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      out.write(USAGE + "\n");
      return ExitCode.ok;
    }
    const evaluation = evaluationDateWithSource(values["as-of"]);
    const asOf = evaluation.date;
    const sitesDir = resolve(values.sites ?? "sites");
    const outDir = resolve(values.out ?? "cdktf.out");
    checkOutputLocation(values.out ?? "cdktf.out", outDir, sitesDir);
    const lockDirs = existsSync(sitesDir) && statSync(sitesDir).isDirectory() ? listSiteDirectories(sitesDir) : [];
    if (writeOrExplain(outDir, () => recoverEarlierRuns(outDir, lockDirs)))
      err.write(`finished the commit of an earlier run that was stopped (output and address locks are both its new ones)\n`);
    if (values.tenant !== undefined && values.site === undefined)
      throw new UsageError("--tenant needs --site: the site the tenant belongs to");
    const loaded = planSites(sitesDir, { asOf, site: values.site });
    const build = values.tenant === undefined ? undefined : tenantStacksFilter(loaded, values.site ?? "", values.tenant, outDir);
    for (const w of loaded.warnings) err.write(formatSpecWarning(w) + "\n");
    const policyErrors = loaded.sites.flatMap((site) => checkPolicyFiles(site, ALL_RULES));
    if (policyErrors.length) throw new SpecErrors(policyErrors);

    const workLists = loaded.sites.map((s) => ({
      site: s.spec.site,
      text: formatWorkList(s.spec.site, loaded.ipam.get(s.spec.site)?.work ?? []) + formatStorageMoves(s.spec.site, storageMoves(s)),
    }));
    const changedLocks = [...loaded.ipam.values()].filter((plan) => plan.changed).map((plan) => ({ path: plan.lockPath, text: plan.text }));
    const skipChecks = values["skip-checks"] === true;
    phases.end("load");
    let checks: ComplianceRun | undefined;
    let tenantChecks: TenantChecks | undefined;
    let builtStacks: string[] = [];
    const finishOutput = (built: string, sites: ReturnType<typeof keepUnbuiltStacks>) => {
      writeFileSync(join(built, OUTPUT_MARKER), formatMarker(sites));
      keepUnchangedFiles(outDir, built);
    };
    writeOrExplain(outDir, () =>
      commitOutput(
        outDir,
        (built) => {
          const written = synthesizeInParallel(built, loaded, build, parallelism, { sitesDir, asOf, site: values.site }, outDir, (note) =>
            err.write(`note: ${note}\n`),
          );
          mkdirSync(join(built, "worklists"), { recursive: true });
          for (const w of workLists) writeFileSync(join(built, "worklists", `${w.site}.txt`), w.text);
          // --site keeps the other sites' stacks of the previous output, --tenant the site's other stacks.
          const sites = keepUnbuiltStacks(outDir, built, written, values.site !== undefined);
          builtStacks = Object.values(written).flatMap((s) => s.built);
          phases.end("synth");
          // The checks read what was just written, all sites of the output; the gate holds only this run's stacks.
          // Skipped, the output has no reports: the previous ones described other stacks.
          if (skipChecks) return finishOutput(built, sites);
          if (values.tenant !== undefined) {
            // One tenant's checks leave out the other tenants' own findings: no reports (tenant-checks.ts).
            const siteStacks = sites[values.site ?? ""]?.stacks ?? [];
            tenantChecks = readingBack(built, outDir, () =>
              checkTenant(built, siteStacks, values.tenant ?? "", asOf, new Set(builtStacks)),
            );
            phases.end("checks");
            return finishOutput(built, sites);
          }
          checks = readingBack(built, outDir, () =>
            checkSynthesized([built], evaluation, new Set(builtStacks), undefined, { revision: sourceRevision(sitesDir) }),
          );
          phases.end("checks");
          writeReports(built, checks.result, outDir);
          phases.end("reports");
          finishOutput(built, sites);
        },
        changedLocks,
      ),
    );

    // The checks parsed every stack the output now holds (commitOutput always runs the build that sets them).
    const built = new Set(builtStacks);
    if (checks) out.write(formatSummary(summarizeStacks(checks.documents)));
    else if (tenantChecks)
      out.write(formatSummary(summarizeStacks(tenantChecks.documents.filter((d) => built.has(d.stack)))) + keptNote(outDir, builtStacks));
    else out.write(formatSummary(summarize(outDir, builtStacks)) + keptNote(outDir, builtStacks));
    for (const w of workLists) if (w.text) out.write("\n" + w.text);
    const outName = values.out ?? "cdktf.out";
    const reportPath = join(outName, COMPLIANCE_DIR, "report.md");
    const blocking = (checks ?? tenantChecks)?.blocking.length ?? 0;
    if (checks) out.write("\n" + formatTerminalSummary(checks.result, checks.blocking, reportPath));
    else if (tenantChecks)
      out.write("\n" + formatTerminalSummary(tenantChecks.result, tenantChecks.blocking) + tenantChecksNote(values.tenant ?? "", outName));
    else
      out.write(
        `\npolicy checks skipped (--skip-checks): the output holds no compliance reports; run synth without it, or npm run check -- ${outName}, before you merge or deploy\n`,
      );
    out.write(`evaluation date ${asOf}; output in ${values.out ?? "cdktf.out"}\n`);
    phases.end("commit and summary");
    err.write(phases.line());
    return blocking > 0 ? ExitCode.policyFailure : ExitCode.ok;
  } catch (e) {
    return reportFailure(e, err, USAGE);
  }
}

/** File-system errors of the places the user chose (read-only, full, not a directory, ...): exit 2, not our bug. */
const ENVIRONMENT_ERRORS = new Set([
  "EACCES",
  "EPERM",
  "EROFS",
  "ENOSPC",
  "EDQUOT",
  "ENOTDIR",
  "EISDIR",
  "ENAMETOOLONG",
  "ELOOP",
  "ENOENT",
  "EEXIST",
  "EBUSY",
  "EMFILE",
  "EXDEV",
]);

function writeOrExplain<T>(outDir: string, write: () => T): T {
  try {
    return write();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === undefined || !ENVIRONMENT_ERRORS.has(code)) throw e;
    throw new UsageError(`could not write the output ${outDir} and the address locks: ${(e as Error).message}; nothing was changed`, false);
  }
}

/**
 * With --tenant: the tenant's own stacks and the site's shared ones, which a tenant file feeds too (the
 * facility records name its VMs, the firewall stack holds its VLAN interfaces), and any stack of the
 * site the previous output lacks (so the output is whole even the first time). The other tenants'
 * stacks are kept: each is what its own files made it at the last run that built it.
 */
function tenantStacksFilter(loaded: PlannedSites, site: string, tenant: string, outDir: string): StackFilter {
  const tenants = loaded.sites.find((s) => s.spec.site === site)?.tenants.map((t) => t.spec.tenant) ?? [];
  if (!tenants.includes(tenant)) throw new UsageError(`site ${site} has no tenant ${tenant}; its tenants: ${tenants.join(", ") || "none"}`);
  const asked = new Set([
    stackNames.tenant(site, tenant),
    stackNames.tenantFirewall(site, tenant),
    stackNames.facility(site),
    stackNames.vsphere(site),
    stackNames.firewall(site),
  ]);
  const kept = previousStacks(outDir).get(site) ?? new Set<string>();
  return (stack) => asked.has(stack) || !kept.has(stack);
}

/**
 * The checks read every stack back, the ones kept from the previous output too: one someone broke there
 * (an edited cdk.tf.json) is bad input, named in the output where the user sees it, not our bug.
 */
function readingBack<T>(built: string, outDir: string, check: () => T): T {
  try {
    return check();
  } catch (e) {
    if (!(e instanceof PolicyInputError)) throw e;
    throw new UsageError(
      `${e.message.split(built).join(outDir)}\na stack kept from the previous output cannot be read: synthesize its site again (npm run synth -- --site <site>), or everything; nothing was written`,
      false,
    );
  }
}

/** Under the table of a --tenant run: what its checks covered, and why the output holds no reports. */
function tenantChecksNote(tenant: string, outName: string): string {
  const own = ALL_RULES.filter((r) => r.meta.reach === "tenant").length;
  return (
    `checked for tenant ${tenant}: ${own} rules over its objects and the site's shared ones, the others over the whole site; ` +
    `the output holds no compliance reports (they cover every stack): run synth without --tenant, or npm run check -- ${outName}, before you merge or deploy\n`
  );
}

/** Under a summary of the stacks built: how many others the output holds, kept from the previous output. */
function keptNote(outDir: string, built: readonly string[]): string {
  const all = readdirSync(join(outDir, "stacks")).length;
  return all > built.length ? `(and ${all - built.length} stacks kept from the previous output)\n` : "";
}

/** The site directories under `sitesDir`, where their address locks live (for leftovers of stopped runs). */
function listSiteDirectories(sitesDir: string): string[] {
  try {
    return readdirSync(sitesDir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => join(sitesDir, d.name));
  } catch {
    return []; // an unreadable sites directory: the loader reports it, naming the path
  }
}

if (!isMainThread && isSynthPart(workerData)) runSynthPart(workerData);
else if (require.main === module) {
  exitQuietlyOnClosedOutput(process.stdout);
  exitQuietlyOnClosedOutput(process.stderr);
  process.exitCode = main(process.argv.slice(2), process.stdout, process.stderr, commandParallelism());
}
