import type { ApproverObject, WaiverObject } from "../../../contracts/facility-objects";
import type { Finding, RuleMeta } from "../rule";
import type { WaiverProblem } from "./waiver-problem";

/** The tenant keyword for findings on the site's shared stacks (vsphere, firewall, facility), which belong to no tenant. */
export const SHARED_TENANT = "shared";

/**
 * The kinds in which the approver accepts a risk: the municipality that owns the finding must accept it
 * itself, so an approver never signs these for another municipality's finding (a host for a partner, or
 * the other way round). Not-applicable and false-positive state facts about the rule, not a risk, so
 * whoever's authority names the tenant may record them.
 */
export const RISK_KINDS: ReadonlySet<WaiverObject["waiverKind"]> = new Set(["risk-acceptance", "compensating-control", "emergency"]);

const globMatches = (glob: string, id: string) =>
  new RegExp(
    `^${glob
      .split("*")
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
  ).test(id);

/**
 * Whether the approver's authority covers the waiver: its rule (an id or glob in `rules`), the rule's
 * severity, and the tenant of every finding it matches (`shared` for the site's shared stacks); and,
 * for the risk kinds, that every finding with a tenant is the approver's own municipality's.
 */
export function authorityProblems(
  approver: ApproverObject,
  waiver: WaiverObject,
  meta: RuleMeta,
  matched: readonly Finding[],
): WaiverProblem[] {
  const problems: WaiverProblem[] = [];
  const who = `approver ${approver.id} (${approver.name}, ${approver.role}, ${approver.tenant})`;
  const { rules, severities, tenants } = approver.authority;
  if (!rules.some((g) => globMatches(g, meta.id)))
    problems.push({
      condition: "the approver's authority covers the rule",
      observed: `${who} may approve rules ${rules.join(", ")}, not ${meta.id}`,
      expected: `${meta.id} among the approver's rules`,
    });
  if (!severities.includes(meta.severity))
    problems.push({
      condition: "the approver's authority covers the severity",
      observed: `${who} may approve severities ${severities.join(", ")}; ${meta.id} is ${meta.severity}`,
      expected: `${meta.severity} among the approver's severities`,
    });
  const findingTenants = [...new Set(matched.map((f) => f.tenant ?? SHARED_TENANT))].sort();
  const outside = findingTenants.filter((t) => !tenants.includes(t));
  if (outside.length)
    problems.push({
      condition: "the approver's authority covers the tenant of every finding",
      observed: `${who} may approve for ${tenants.join(", ")}; the waiver matches findings of ${outside.join(", ")}`,
      expected: `${outside.join(", ")} among the approver's tenants`,
    });
  if (RISK_KINDS.has(waiver.waiverKind)) {
    const foreign = [...new Set(matched.flatMap((f) => (f.tenant !== undefined && f.tenant !== approver.tenant ? [f.tenant] : [])))].sort();
    if (foreign.length)
      problems.push({
        condition: "a municipality accepts only its own risks",
        observed: `${who} acts for ${approver.tenant}; this ${waiver.waiverKind} covers findings of ${foreign.join(", ")}`,
        expected: `the ${waiver.waiverKind} approved by an approver acting for ${foreign.join(", ")} (a host municipality never accepts risk for a partner)`,
      });
  }
  return problems;
}
