import type { AttestedOutcome, Check, ConfigOutcome } from "./rule";
import type { FindingTarget } from "./room";

export interface CheckDetail {
  observed: string;
  expected: string;
  message: string;
  findingId?: string;
  /** This finding is advisory although its rule is mandatory (the rule documents when). */
  enforcement?: "advisory";
}

/** A check resting on the configuration (`config`) or on typed facility facts (`declared`). */
export function check(
  evidence: "config" | "declared",
  outcome: ConfigOutcome,
  targets: FindingTarget | readonly FindingTarget[],
  detail: CheckDetail,
): Check {
  return { evidence, outcome, targets: toList(targets), ...detail };
}

/** A check resting on a person's record: `attested` when current, never `pass`. */
export function attested(outcome: AttestedOutcome, targets: FindingTarget | readonly FindingTarget[], detail: CheckDetail): Check {
  return { evidence: "attested", outcome, targets: toList(targets), ...detail };
}

/** pass when `ok`, else fail. */
export const passOrFail = (ok: boolean): ConfigOutcome => (ok ? "pass" : "fail");

const toList = (t: FindingTarget | readonly FindingTarget[]): readonly FindingTarget[] =>
  Array.isArray(t) ? (t as readonly FindingTarget[]) : [t as FindingTarget];

/** Numbers in findings: at most two decimals, no trailing zeros ("72", "7.5", "0.33"). */
export const num = (n: number): string => String(Math.round(n * 100) / 100);

/**
 * The one check of a rule over input without the facts it needs (foreign Terraform without facility
 * objects): not-evaluable, with no targets. `observed` says what is missing; `evidence` is what the
 * rule's checks would have rested on.
 */
export const missingFacts = (detail: CheckDetail, evidence: Check["evidence"] = "declared"): Check[] => [
  evidence === "attested" ? attested("not-evaluable", [], detail) : check(evidence, "not-evaluable", [], detail),
];

/**
 * The error check of a join that does not resolve: `field` of `target` names a `what` the site does not
 * declare (observed `upsId "u9": no such UPS`, expected "the id of a UPS of the site").
 */
export function unresolved(
  target: FindingTarget,
  join: { field: string; value: string; what: string; message: string; findingId?: string },
): Check {
  return check("declared", "error", target, {
    ...(join.findingId === undefined ? {} : { findingId: join.findingId }),
    observed: `${join.field} ${JSON.stringify(join.value)}: no such ${join.what}`,
    expected: `the id of a ${join.what} of the site`,
    message: join.message,
  });
}

/**
 * The outcome of a check whose joins or references did not resolve: not-evaluable when every failure
 * rests on what the input does not hold (`Resolved.notInInput`: a plan-time value, a data source of
 * foreign input reading the live inventory), else error (a mistake of the input, or our own stacks
 * not joining).
 */
export const joinOutcome = (failures: readonly { notInInput?: boolean }[]): "error" | "not-evaluable" =>
  failures.length > 0 && failures.every((f) => f.notInInput === true) ? "not-evaluable" : "error";
