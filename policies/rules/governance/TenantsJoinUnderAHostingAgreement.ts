import type { FacilityOf } from "../../../contracts/facility-objects";
import { check, missingFacts } from "../../engine/checks";
import { defineRule, type Check } from "../../engine/rule";
import { ISO27001, NIS2 } from "../../controls/references";
import { enforcementOf, inOnboardingWindow, missingEvidence, processingStarted, type Deferral } from "./onboarding";
import { present } from "./tenancy";

type Tenant = FacilityOf<"tenant">;

/**
 * The window of the host's missing agreement: the agreement is made with its partners, so it is
 * advisory while every partner is within its onboarding window (the earliest end named), mandatory
 * once one is not (an established partner, or a window that ended).
 */
function hostDeferral(partners: readonly Tenant[], asOf: string): Deferral {
  const ends = partners.map((p) => p.onboardingUntil);
  if (ends.some((e) => e === null)) return { note: "" };
  const earliest = [...(ends as string[])].sort()[0] ?? "";
  return partners.every((p) => inOnboardingWindow(p, asOf))
    ? { enforcement: "advisory", note: `; its partners are onboarding, the earliest until ${earliest}` }
    : { note: `; the onboarding window of a partner ended on ${earliest}` };
}

/**
 * GOV-ONBOARDING: where there is another party, the hosting or cooperation agreement is recorded
 * (`agreementRef`, finding `agreement`): a partner tenant (not hostMunicipality) needs it, and a host
 * municipality once it hosts a live partner; a host that hosts nobody is not-applicable. The loader
 * requires it of every tenant except one being onboarded (`onboardingUntil` set, as `npm run clone`
 * writes it), so here it is the onboarding tenants' evidence still to come: advisory up to and
 * including `onboardingUntil`, mandatory after (the host's: while all of its partners are onboarding).
 *
 * A tenant that declares its data not processed yet (`processingStarted: false`, finding
 * `processing`) does so only inside its onboarding window: that declaration makes the legal
 * prerequisites of processing advisory (SE-SSKL-4-8-OUTSOURCE, SE-SSKL-IS-SAMRAD, NO-NORMEN-ZONE's NHN
 * agreement, GDPR-DPA), so once the window ended, or without one, it is a mandatory fail: either the
 * data is processed without the checks seeing it, or the onboarding stalled.
 */
export const TenantsJoinUnderAHostingAgreement = defineRule({
  meta: {
    id: "GOV-ONBOARDING",
    name: "TenantsJoinUnderAHostingAgreement",
    version: "1.0.0",
    area: "governance",
    title: "Tenants join the room under a hosting agreement, and their onboarding ends with its window",
    rationale:
      "The hosting or cooperation agreement says who is responsible for what in a shared room; a new tenant may be set up while it is being signed, but not run indefinitely without it, and a tenant may not declare its data unprocessed (which defers the legal prerequisites of processing) after its onboarding ended.",
    remediation:
      "Record the signed hosting or cooperation agreement as legal.agreementRef in the tenant file (and in the host's); when the tenant's data is processed in the room, with every prerequisite in place, remove processingStarted: false; otherwise set legal.onboardingUntil to the planned end of onboarding.",
    severity: "high",
    enforcement: "mandatory",
    evidence: "declared",
    params: {},
    controls: [ISO27001("5.20"), NIS2("Art. 21(2)(d) supply chain security")],
  },
  check(room, { asOf }) {
    if (room.facility("tenant").length === 0)
      return missingFacts({
        observed: "no tenant objects",
        expected: "tenant objects with their agreements and onboarding window",
        message: "The input has no tenant objects, so no hosting agreement can be checked.",
      });
    const live = room.facility("tenant").filter((t) => t.lifecycle !== "removed");
    const partners = live.filter((t) => !t.hostMunicipality);
    const host = live.find((t) => t.hostMunicipality);
    const checks: Check[] = [];
    for (const t of live) {
      const window = t.onboardingUntil === null ? "" : `; onboardingUntil ${t.onboardingUntil}`;
      const observed = `agreementRef ${t.agreementRef ?? "-"}${window}`;
      const others = partners.filter((p) => p.id !== t.id);
      if (t.hostMunicipality && others.length === 0)
        checks.push(
          check("declared", "not-applicable", t, {
            findingId: "agreement",
            observed: `${observed}; hosts no partner tenant`,
            expected: "agreementRef where there is another party",
            message: `Tenant ${t.id}: a host municipality that hosts nobody needs no hosting agreement.`,
          }),
        );
      else {
        const party = t.hostMunicipality
          ? `its partners ${others.map((p) => p.id).join(", ")}`
          : `the host municipality ${host?.id ?? "(none marked)"}`;
        const deferral = t.hostMunicipality ? hostDeferral(others, asOf) : missingEvidence(t, asOf);
        checks.push(
          check("declared", present(t.agreementRef) ? "pass" : "fail", t, {
            findingId: "agreement",
            observed,
            expected: `agreementRef: the hosting or cooperation agreement with ${party}`,
            message: `Tenant ${t.id}: ${present(t.agreementRef) ? `hosting agreement ${t.agreementRef}` : `no hosting or cooperation agreement with ${party}${deferral.note}`}`,
            ...(present(t.agreementRef) ? {} : enforcementOf(deferral)),
          }),
        );
      }
      if (processingStarted(t)) continue;
      const open = inOnboardingWindow(t, asOf);
      checks.push(
        check("declared", open ? "pass" : "fail", t, {
          findingId: "processing",
          observed: `processingStarted false${window || "; no onboardingUntil"}`,
          expected: `processingStarted false only up to onboardingUntil (on or after ${asOf})`,
          message: `Tenant ${t.id}: ${
            open
              ? `declares no processing yet, onboarding until ${t.onboardingUntil ?? ""}`
              : t.onboardingUntil === null
                ? "declares no processing (processingStarted: false) without an onboarding window, which would defer its legal prerequisites indefinitely"
                : `the onboarding window ended on ${t.onboardingUntil} while the tenant still declares no processing (processingStarted: false)`
          }`,
        }),
      );
    }
    return checks;
  },
});
