import { runCompliance, type ComplianceResult } from "../policies/compliance";
import type { ExtraWaiver } from "../policies/engine/waivers";
import type { EvaluationDate } from "../policies/report/provenance";
import { blockingFindings } from "../policies/engine/gate";
import type { Finding } from "../policies/engine/rule";
import { PolicyInputError, type StackDocument } from "../policies/engine/terraform-input";
import { formatReport, type ReportFormat } from "../policies/report/formats";
import { formatTerminalSummary } from "../policies/report/terminal";
import { PACKS } from "../policies/packs";
import { reportFailure } from "./command-failure";
import { reportProvenance } from "./compliance-output";
import type { ParamsFile } from "./params-file";
import { ExitCode, UsageError } from "./exit-codes";
import { markReport, writeReportFile } from "./report-file";

/** What `npm run audit` (and `npm run check`, its table view) checks and how it reports. */
export interface AuditRequest {
  /** The paths given (the provenance names the input's commit and hashes its files relative to them). */
  paths: readonly string[];
  /** The evaluation date and where it came from. */
  asOf: EvaluationDate;
  format: ReportFormat;
  /** Write the report here (formats other than table); else print it. */
  out?: string;
  /** Run only these packs (`--pack`); default every pack that applies. */
  packs?: readonly string[];
  /** Gate only this site's stacks (`--site`); every finding is still reported. */
  site?: string;
  /** Parameter overrides for every site, with their reasons (`--params`). */
  params?: ParamsFile;
  /** Reads the waivers to add (`--waivers`) once the input is read: they are checked against its sites and roster. */
  extraWaivers?: (docs: readonly StackDocument[]) => ExtraWaiver[];
}

export interface AuditRun {
  result: ComplianceResult;
  /** Mandatory findings without a valid waiver in the stacks gated. */
  blocking: Finding[];
}

/** Refuses pack ids no pack has, naming the packs there are. */
export function checkPackIds(ids: readonly string[]): void {
  const known = PACKS.map((p) => p.id);
  const unknown = ids.filter((id) => !known.includes(id));
  if (unknown.length) throw new UsageError(`--pack ${unknown.join(", ")}: no such pack; expected one of ${known.join(", ")}`);
}

/** Runs the checks over the documents read and applies the gate (per site with `--site`). */
export function auditDocuments(docs: readonly StackDocument[], request: AuditRequest): AuditRun {
  const result = runCompliance(docs, {
    asOf: request.asOf.date,
    params: request.params?.params,
    paramsSource: request.params?.paramsSource,
    provenance: reportProvenance(request.paths, docs, request.asOf),
    extraWaivers: request.extraWaivers?.(docs),
    packs: request.packs,
  });
  const { site } = request;
  if (site !== undefined && !result.sites.some((s) => s.site === site))
    throw new UsageError(`--site ${site}: the input has no site ${site} (it has ${result.sites.map((s) => s.site).join(", ")})`, false);
  const blocking = blockingFindings(result.findings).filter((f) => site === undefined || f.site === site);
  return { result, blocking };
}

/**
 * Prints or writes the run's report and returns the exit code: the terminal summary for `table` (and
 * beside a report written with `--out`), else the report itself on stdout.
 */
export async function deliverAudit(run: AuditRun, request: AuditRequest, out: NodeJS.WritableStream): Promise<number> {
  const { format } = request;
  if (format !== "table") {
    const text = markReport(format, formatReport(run.result, format));
    if (request.out === undefined) out.write(text);
    else await writeReportFile(request.out, text);
  }
  if (format === "table" || request.out !== undefined) out.write(formatTable(run, request.asOf.date, request.out));
  return exitCodeOf(run);
}

/** The table view: what `npm run check` prints. */
export function formatTable(run: AuditRun, asOf: string, reportPath?: string): string {
  return formatTerminalSummary(run.result, run.blocking, reportPath) + `evaluation date ${asOf}\n`;
}

export const exitCodeOf = (run: AuditRun): number => (run.blocking.length > 0 ? ExitCode.policyFailure : ExitCode.ok);

/** Input that cannot be read is one line naming the file (and line), exit 2; the rest as every command reports it. */
export function reportAuditFailure(e: unknown, err: NodeJS.WritableStream, usage: string): number {
  if (e instanceof PolicyInputError) {
    err.write(`${e.message}\n`);
    return ExitCode.badInput;
  }
  return reportFailure(e, err, usage);
}
