import type { ComplianceResult } from "../compliance";
import { isBlocking } from "../engine/gate";
import type { Finding, Outcome } from "../engine/rule";

/** What every report says about its own reach, first. */
export const SCOPE_NOTE =
  "These checks cover the configuration as declared (the synthesized Terraform and the facility facts typed into it), not the room as built: a passed check says the configuration asks for the right thing, not that the room has it. Attested items rest on a person's record; not-covered controls are checked by no rule.";

export const OUTCOMES: readonly Outcome[] = ["fail", "error", "not-evaluable", "attested", "not-applicable", "pass"];

export function countOutcomes(findings: readonly Finding[]): Record<Outcome, number> {
  const counts = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  for (const f of findings) counts[f.outcome]++;
  return counts;
}

/** Findings an engineer must act on, most serious first: blocking, then other fails and errors, then not-evaluable. */
export function actionable(result: Pick<ComplianceResult, "findings">): Finding[] {
  const rank = (f: Finding) => (isBlocking(f) ? 0 : f.outcome === "fail" || f.outcome === "error" ? (f.waiver ? 3 : 1) : 2);
  return result.findings.filter((f) => f.outcome === "fail" || f.outcome === "error").sort((a, b) => rank(a) - rank(b));
}

/** `address#findingId`, or the address. */
export const findingRef = (f: Finding): string => (f.findingId ? `${f.address}#${f.findingId}` : f.address);
