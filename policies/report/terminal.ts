import type { ComplianceResult } from "../engine/compliance";
import { isBlocking } from "../engine/gate";
import { actionable, countOutcomes, findingRef, OUTCOMES } from "./summary";

const MAX_ROWS = 30;

/** The short table synth and check print: counts, then the failures (rule, object, observed vs expected). */
export function formatTerminalSummary(result: ComplianceResult, blocking: number, reportPath?: string): string {
  const counts = countOutcomes(result.findings);
  const lines = [
    `checks: ${result.rules.length} rules over ${result.sites.length} site(s); ${OUTCOMES.map((o) => `${counts[o]} ${o}`).join(", ")}`,
  ];
  const rows = actionable(result);
  if (rows.length) {
    lines.push("");
    for (const f of rows.slice(0, MAX_ROWS)) {
      const mark = isBlocking(f) ? "FAIL" : f.waiver ? "WAIVED" : f.enforcement === "advisory" ? "ADVISORY" : f.outcome.toUpperCase();
      lines.push(`${mark.padEnd(8)} ${f.rule.padEnd(18)} ${f.stack}: ${findingRef(f)}`);
      lines.push(`         ${f.observed}; expected ${f.expected}`);
    }
    if (rows.length > MAX_ROWS) lines.push(`... and ${rows.length - MAX_ROWS} more${reportPath ? ` (see ${reportPath})` : ""}`);
  }
  lines.push(
    blocking > 0
      ? `${blocking} mandatory finding(s) without a valid waiver in the stacks checked: exit 1${reportPath ? `; report in ${reportPath}` : ""}`
      : `no mandatory finding without a valid waiver${reportPath ? `; report in ${reportPath}` : ""}`,
  );
  return lines.join("\n") + "\n";
}
