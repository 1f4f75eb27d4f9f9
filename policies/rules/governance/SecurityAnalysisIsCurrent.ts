import { attested, missingFacts } from "../../engine/checks";
import { defineRule, type Check } from "../../engine/rule";
import { SE_SAKERHETSSKYDDSFORORDNING, SE_SAKERHETSSKYDDSLAG } from "../../controls/references";
import { addMonths } from "../../engine/dates";
import { enforcementOf, missingEvidence } from "./onboarding";
import { workloadsOf } from "./tenancy";

/**
 * SE-SSKL-ANALYSIS: a Swedish tenant with security-classified workloads (säkerhetskänslig verksamhet)
 * has a säkerhetsskyddsanalys dated within `maxAgeMonths` (24: SSF 2 kap. 1 §, "at least every second
 * year") before the evaluation date, and not after it. The analysis is a person's record (the tenant's
 * `analysisDate`): `attested` when current, `fail` when missing or overdue, never a pass. A missing
 * analysis of a tenant being onboarded is advisory up to its `onboardingUntil`, mandatory after (an
 * overdue one never is: it is no longer missing evidence of a new tenant). Whether the placement is
 * consistent with the analysis is not in the configuration (not covered).
 */
export const SecurityAnalysisIsCurrent = defineRule({
  meta: {
    id: "SE-SSKL-ANALYSIS",
    name: "SecurityAnalysisIsCurrent",
    version: "1.1.0",
    area: "law",
    title: "Swedish tenants with security-classified workloads have a current säkerhetsskyddsanalys",
    rationale:
      "Säkerhetsskyddslagen requires the operator to investigate its need for protective security, and the förordning to update that analysis when needed and at least every second year; the room's placement of classified systems rests on it.",
    remediation: "Carry out (or update) the säkerhetsskyddsanalys and record its date as legal.analysisDate in the tenant file.",
    severity: "high",
    enforcement: "mandatory",
    evidence: "attested",
    params: {
      maxAgeMonths: { default: 24, description: "How old the analysis may be at most", unit: "months" },
    },
    controls: [SE_SAKERHETSSKYDDSLAG("2 kap. 1 §", true), SE_SAKERHETSSKYDDSFORORDNING("2 kap. 1 §", true)],
  },
  check(room, { params, asOf }) {
    const tenants = room.facility("tenant").filter((t) => t.lifecycle !== "removed");
    if (room.facility("tenant").length === 0)
      return missingFacts({
        observed: "no tenant objects",
        expected: "tenant objects with country and analysisDate",
        message: "The input has no tenant objects, so no säkerhetsskyddsanalys can be checked.",
      });
    const cutoff = addMonths(asOf, -params.maxAgeMonths);
    const expected = `analysisDate between ${cutoff} and ${asOf} (at most ${params.maxAgeMonths} months old)`;
    return tenants.map((t): Check => {
      const classified = workloadsOf(room, t.id).filter((w) => w.sensitivity === "security-classified");
      if (t.country !== "SE" || classified.length === 0)
        return attested("not-applicable", t, {
          observed: t.country !== "SE" ? `country ${t.country}` : "no security-classified workload",
          expected,
          message: `Tenant ${t.id}: säkerhetsskyddslagen's analysis duty is checked for Swedish tenants with security-classified workloads only.`,
        });
      const date = t.analysisDate;
      const observed = `analysisDate ${date ?? "-"} (${classified.length} security-classified workloads: ${classified.map((w) => w.id).join(", ")})`;
      const outcome = date !== null && date >= cutoff && date <= asOf ? "attested" : "fail";
      const why =
        date === null
          ? "no säkerhetsskyddsanalys recorded"
          : date > asOf
            ? `the analysis is dated ${date}, after the evaluation date ${asOf}`
            : date < cutoff
              ? `the analysis of ${date} is older than ${params.maxAgeMonths} months`
              : `analysis of ${date} is current`;
      const deferral = date === null ? missingEvidence(t, asOf) : { note: "" };
      return attested(outcome, t, { observed, expected, message: `Tenant ${t.id}: ${why}${deferral.note}`, ...enforcementOf(deferral) });
    });
  },
});
