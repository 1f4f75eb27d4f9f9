import type { ComplianceResult } from "../engine/compliance";
import { isBlocking } from "../engine/gate";
import type { Finding } from "../engine/rule";
import { actionable, countOutcomes, findingRef, OUTCOMES } from "./summary";

const MAX_ROWS = 30;

/**
 * The short table synth and check print: counts, then the failures that block (rule, object, observed
 * vs expected), the waived ones, and the advisory ones counted per rule (the report lists them all).
 */
export function formatTerminalSummary(result: ComplianceResult, blocking: number, reportPath?: string): string {
  const counts = countOutcomes(result.findings);
  const see = reportPath ? ` (see ${reportPath})` : "";
  const lines = [
    `checks: ${result.rules.length} rules over ${result.sites.length} site(s); ${OUTCOMES.map((o) => `${counts[o]} ${o}`).join(", ")}`,
  ];
  const rows = actionable(result);
  const listed = rows.filter((f) => f.enforcement === "mandatory");
  if (listed.length) lines.push("");
  for (const f of listed.slice(0, MAX_ROWS)) {
    const mark = isBlocking(f) ? "FAIL" : f.waiver ? "WAIVED" : f.outcome.toUpperCase();
    lines.push(`${mark.padEnd(8)} ${f.rule.padEnd(18)} ${f.stack}: ${findingRef(f)}`);
    lines.push(`         ${f.observed}; expected ${f.expected}${f.waiver ? ` (waiver ${f.waiver.id}, until ${f.waiver.expires})` : ""}`);
  }
  if (listed.length > MAX_ROWS) lines.push(`... and ${listed.length - MAX_ROWS} more${see}`);
  const advisory = countByRule(rows.filter((f) => f.enforcement === "advisory"));
  if (advisory.length) lines.push(`advisory (not blocking): ${advisory.map(([rule, n]) => `${rule} ${n}`).join(", ")}${see}`);
  lines.push(
    blocking > 0
      ? `${blocking} mandatory finding(s) without a valid waiver in the stacks checked: exit 1${reportPath ? `; report in ${reportPath}` : ""}`
      : `no mandatory finding without a valid waiver${reportPath ? `; report in ${reportPath}` : ""}`,
  );
  return lines.join("\n") + "\n";
}

function countByRule(findings: readonly Finding[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
  return [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
}
