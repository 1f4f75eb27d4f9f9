import { isSensitive } from "../../../contracts/classifications";
import type { FacilityOf } from "../../../contracts/facility-objects";
import { check, missingFacts } from "../../engine/checks";
import { defineRule, type Check } from "../../engine/rule";
import type { Room } from "../../engine/room";
import { GDPR } from "../../controls/references";
import { enforcementOf, missingPrerequisite } from "./onboarding";
import { hostOf, present, workloadsOf } from "./tenancy";

/**
 * Who processes the partners' data: the host municipality's legal entity when a tenant is marked as
 * the host, else the site's operator (site.yaml `municipality`: a joint operator that is no tenant).
 */
function processorOf(room: Room): { who: string; legalEntity: string | null } | undefined {
  const host = hostOf(room);
  if (host) return { who: `the host municipality ${host.id}`, legalEntity: host.legalEntity };
  const operator = room.facility("operator")[0];
  return operator ? { who: `the operator ${operator.legalEntity}`, legalEntity: operator.legalEntity } : undefined;
}

/**
 * GDPR-DPA: a partner tenant (not hostMunicipality) with personal, health or security-classified
 * workloads, whose room another legal entity runs (the host municipality, or the site's operator when
 * no tenant is the host), has a data-processing agreement with it (`dpaRef`): the operator processes
 * the partner's personal data on its behalf, which Art. 28(3) binds to a contract before processing.
 * The host itself, and a tenant of the operator's own legal entity, are not-applicable. A missing
 * agreement is advisory only while the tenant declares that its data is not processed in the room yet
 * (`processingStarted: false`); its onboarding window never defers it. Whether the agreement holds the
 * Art. 28(3) terms is not in the configuration (not covered).
 */
export const PersonalDataHasAProcessingAgreement = defineRule({
  meta: {
    id: "GDPR-DPA",
    name: "PersonalDataHasAProcessingAgreement",
    version: "1.0.0",
    area: "law",
    title: "Partner tenants with personal data hosted by another legal entity have a data-processing agreement",
    rationale:
      "The municipality that runs the room processes the partners' personal data on their behalf; the GDPR requires that processing to be governed by a contract with the processor before it starts.",
    remediation:
      "Sign the data-processing agreement (databehandleravtale) with the operator of the room and record it as legal.dpaRef in the tenant file; until then keep processingStarted: false and the personal data off the room.",
    severity: "high",
    enforcement: "mandatory",
    legalPrerequisite: "the signed data-processing agreement with the operator as the tenant's legal.dpaRef (tenant file)",
    evidence: "declared",
    params: {},
    controls: [GDPR("Art. 28(3) processing by a processor governed by a contract")],
  },
  check(room, { asOf }) {
    if (room.facility("tenant").length === 0)
      return missingFacts({
        observed: "no tenant objects",
        expected: "tenant objects with their legal entity and agreements",
        message: "The input has no tenant objects, so no data-processing agreement can be checked.",
      });
    const processor = processorOf(room);
    const expected = "dpaRef: a data-processing agreement with the operator, before processing";
    const checks: Check[] = [];
    for (const t of room.facility("tenant").filter((x) => x.lifecycle !== "removed")) {
      const sensitive = workloadsOf(room, t.id).filter((w) => isSensitive(w.sensitivity));
      const notApplicable = (observed: string, why: string) =>
        checks.push(check("declared", "not-applicable", t, { observed, expected, message: `Tenant ${t.id}: ${why}` }));
      if (t.hostMunicipality) {
        notApplicable("the host municipality", "runs the room itself, so no processor processes its data.");
        continue;
      }
      if (sensitive.length === 0) {
        notApplicable("no personal, health or security-classified workload", "holds no personal data in the room.");
        continue;
      }
      const held = `${sensitive.length} workloads with personal data (${list(sensitive)})`;
      if (!processor) {
        checks.push(
          check("declared", "not-evaluable", t, {
            observed: `${held}; no host municipality and no operator object`,
            expected,
            message: `Tenant ${t.id}: who runs the room is not in the output, so whether another legal entity processes its data cannot be told.`,
          }),
        );
        continue;
      }
      if (present(processor.legalEntity) && processor.legalEntity === t.legalEntity) {
        notApplicable(`${held}; operated by its own legal entity ${t.legalEntity ?? ""}`, "its own legal entity runs the room.");
        continue;
      }
      const operated = `operated by ${processor.who} (${processor.legalEntity ?? "legal entity not recorded"})`;
      const missing = missingPrerequisite(t, asOf, "the data-processing agreement (GDPR Art. 28(3))");
      checks.push(
        check("declared", present(t.dpaRef) ? "pass" : "fail", t, {
          observed: `${held}; ${operated}; dpaRef ${t.dpaRef ?? "-"}`,
          expected,
          message: `Tenant ${t.id}: ${present(t.dpaRef) ? `data-processing agreement ${t.dpaRef}` : `no data-processing agreement with ${processor.who}, which processes its personal data${missing.note}`}`,
          ...(present(t.dpaRef) ? {} : enforcementOf(missing)),
        }),
      );
    }
    return checks;
  },
});

const list = (workloads: readonly FacilityOf<"workload">[]): string =>
  workloads
    .slice(0, 5)
    .map((w) => w.id)
    .join(", ") + (workloads.length > 5 ? `, +${workloads.length - 5} more` : "");
