import type { ComplianceResult } from "../compliance";
import { isBlocking } from "../engine/gate";
import type { Finding } from "../engine/rule";
import { actionable, countOutcomes, findingRef, OUTCOMES } from "./summary";

/** What the table is made from: a whole run's result, or the checks of one tenant (checkRooms). */
export type TerminalInput = Pick<ComplianceResult, "findings" | "rules" | "sites">;

/** Rows per rule before the rest of that rule is counted, so one rule's many findings never hide another rule. */
const ROWS_PER_RULE = 4;

/**
 * The short table synth and check print: counts, then the mandatory failures grouped by rule (rule,
 * object, observed vs expected), marked FAIL when they hold back this run, WAIVED when a waiver accepts
 * them, and "other stack" when they belong to stacks this run did not synthesize; advisory findings are
 * counted per rule. The report lists every finding.
 */
export function formatTerminalSummary(result: TerminalInput, blocking: readonly Finding[], reportPath?: string): string {
  const counts = countOutcomes(result.findings);
  const see = reportPath ? ` (see ${reportPath})` : "";
  const gated = new Set(blocking);
  const lines = [
    `checks: ${result.rules.length} rules over ${result.sites.length} site(s); ${OUTCOMES.map((o) => `${counts[o]} ${o}`).join(", ")}`,
  ];
  const rows = actionable(result);
  const byRule = group(rows.filter((f) => f.enforcement === "mandatory"));
  if (byRule.length) lines.push("");
  for (const [, findings] of byRule) {
    for (const f of findings.slice(0, ROWS_PER_RULE)) {
      const mark = gated.has(f) ? "FAIL" : f.waiver ? "WAIVED" : isBlocking(f) ? "OTHER" : f.outcome.toUpperCase();
      lines.push(`${mark.padEnd(8)} ${f.rule.padEnd(18)} ${f.stack}: ${findingRef(f)}${handWrittenAt(f)}`);
      const note = f.waiver
        ? ` (waiver ${f.waiver.id}, until ${f.waiver.expires})`
        : mark === "OTHER"
          ? " (a stack this run did not synthesize)"
          : "";
      lines.push(`         ${f.observed}; expected ${f.expected}${note}`);
    }
    if (findings.length > ROWS_PER_RULE)
      lines.push(`         ... and ${findings.length - ROWS_PER_RULE} more ${findings[0]?.rule ?? ""} finding(s)${see}`);
  }
  const advisory = group(rows.filter((f) => f.enforcement === "advisory"));
  if (advisory.length) lines.push(`advisory (not blocking): ${advisory.map(([rule, fs]) => `${rule} ${fs.length}`).join(", ")}${see}`);
  lines.push(
    blocking.length > 0
      ? `${blocking.length} mandatory finding(s) without a valid waiver in the stacks checked: exit 1${reportPath ? `; report in ${reportPath}` : ""}`
      : `no mandatory finding without a valid waiver in the stacks checked${reportPath ? `; report in ${reportPath}` : ""}`,
  );
  return lines.join("\n") + "\n";
}

/**
 * " at hosts.tf:10" for a finding in a file someone wrote by hand (HCL, *.tf.json): where to look.
 * Synthesized stacks (cdk.tf.json) are read through the stack and address, which the line already names.
 */
function handWrittenAt(f: Finding): string {
  if (f.file === undefined || f.file.endsWith("cdk.tf.json")) return "";
  return ` at ${f.file}${f.line !== undefined ? `:${f.line}` : ""}`;
}

/** Findings by rule, rules in id order, each rule's findings in the report's order. */
function group(findings: readonly Finding[]): [string, Finding[]][] {
  const byRule = new Map<string, Finding[]>();
  for (const f of findings) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);
  return [...byRule.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
}
