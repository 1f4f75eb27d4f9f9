import type { ApproverObject, TenantObject, WaiverObject } from "../../../contracts/facility-objects";
import type { Finding, RuleMeta } from "../rule";
import { authorityProblems } from "./approver-authority";
import { isGlob } from "./target-pattern";
import type { WaiverLimits } from "./waiver-limits";
import type { WaiverProblem } from "./waiver-problem";

export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

export interface WaiverContext {
  asOf: string;
  limits: WaiverLimits;
  /** The rule the waiver names, when the catalogue has it. */
  meta?: RuleMeta;
  /** The site's roster. */
  approvers: readonly ApproverObject[];
  /** The site's tenants (for the approver's municipality). */
  tenants: readonly TenantObject[];
  /** The findings its target matches. */
  matched: readonly Finding[];
}

/**
 * Every condition of a valid waiver (DESIGN, "Waivers are governed, not free text") it does not meet,
 * each observed against expected. None: the waiver is valid.
 */
export function waiverProblems(w: WaiverObject, ctx: WaiverContext): WaiverProblem[] {
  const { asOf, limits, meta } = ctx;
  const problems: WaiverProblem[] = [];
  if (!meta) {
    problems.push({
      condition: "the rule exists",
      observed: `no rule ${w.rule} in the catalogue`,
      expected: "a rule id of the catalogue (RULES.md)",
    });
    return problems;
  }
  if (meta.legalPrerequisite)
    problems.push({
      condition: "the rule is not a legal prerequisite",
      observed: `${meta.id} checks a legal prerequisite, which no waiver can accept`,
      expected: `the finding closed by recording the decision: ${meta.legalPrerequisite}`,
    });
  if (asOf > w.expires)
    problems.push({
      condition: "within its validity",
      observed: `expired on ${w.expires} (evaluation date ${asOf})`,
      expected: `expires on or after ${asOf}`,
      expired: true,
    });
  if (w.approved === undefined)
    problems.push({
      condition: "an approval date",
      observed: "no approval date (approved)",
      expected: "the day it was approved, YYYY-MM-DD",
    });
  else {
    if (w.expires < w.approved)
      problems.push({
        condition: "expires after its approval",
        observed: `expires ${w.expires}, before its approval on ${w.approved}`,
        expected: `expires on or after ${w.approved}`,
      });
    if (w.approved > asOf)
      problems.push({
        condition: "approved by the evaluation date",
        observed: `approved on ${w.approved}, after the evaluation date ${asOf}`,
        expected: `approved on or before ${asOf}`,
      });
    const span = daysBetween(w.approved, w.expires);
    if (w.waiverKind === "emergency" && span > limits.emergencyMaxDays)
      problems.push({
        condition: "an emergency waiver runs at most 72 hours",
        observed: `runs ${span} days, from ${w.approved} to ${w.expires}`,
        expected: `at most ${limits.emergencyMaxDays} days (${limits.emergencyMaxDays * 24} hours) from approval to expiry`,
      });
    const cap = limits.maxDaysBySeverity[meta.severity];
    if (w.waiverKind !== "emergency" && span > cap)
      problems.push({
        condition: "the span within the cap of the rule's severity",
        observed: `runs ${span} days, from ${w.approved} to ${w.expires}`,
        expected: `at most ${cap} days for a ${meta.severity} rule (${meta.id}); renew it instead`,
      });
  }
  const renewals = w.renewals ?? 0;
  if (renewals > limits.maxRenewals)
    problems.push({
      condition: "renewals within the limit",
      observed: `renewed ${renewals} times`,
      expected: `at most ${limits.maxRenewals} renewals; then fix the finding or decide it anew`,
    });
  if (w.waiverKind === "compensating-control" && !w.evidence)
    problems.push({
      condition: "a compensating control carries its evidence",
      observed: "no evidence",
      expected: "evidence { description, document, verified }",
    });
  if (isGlob(w.target) && meta.enforcement === "mandatory")
    problems.push({
      condition: "an exact target for a mandatory rule",
      observed: `target ${w.target} is a glob (matches ${ctx.matched.length} finding(s))`,
      expected: `one address (optionally #findingId): ${meta.id} is mandatory; globs only for advisory rules`,
    });
  const approver = ctx.approvers.find((a) => a.id === w.approver);
  if (!approver)
    problems.push({
      condition: "the approver is in the roster",
      observed: `no approver ${w.approver} in the site's roster (${ctx.approvers.map((a) => a.id).join(", ") || "no approver objects"})`,
      expected: "an approver id from approvers.yaml",
    });
  else {
    if (approver.validUntil !== undefined && approver.validUntil < asOf)
      problems.push({
        condition: "the approver's appointment holds",
        observed: `approver ${approver.id}'s authority ended on ${approver.validUntil}`,
        expected: `valid until on or after ${asOf}`,
      });
    if (ctx.tenants.length > 0 && !ctx.tenants.some((t) => t.id === approver.tenant))
      problems.push({
        condition: "the approver acts for a tenant of the site",
        observed: `approver ${approver.id} acts for ${approver.tenant}, which the site does not declare`,
        expected: `one of ${ctx.tenants.map((t) => t.id).join(", ")}`,
      });
    problems.push(...authorityProblems(approver, w, meta, ctx.matched));
  }
  return problems;
}
