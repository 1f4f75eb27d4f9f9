import { check, missingFacts } from "../../engine/checks";
import { defineRule, type Check } from "../../engine/rule";
import { SE_PMFS_2022_1, SE_SAKERHETSSKYDDSLAG } from "../../controls/references";
import { enforcementOf, missingPrerequisite } from "./onboarding";
import { hostOf, present, tenantsHolding } from "./tenancy";

/**
 * SE-SSKL-4-8-OUTSOURCE: a Swedish tenant with security-classified workloads whose room is run by
 * another legal entity (the site's host municipality, when the tenant is not the host itself and has
 * another legal entity) has a säkerhetsskyddsavtal (`suaRef`, finding `sua`) and, where required, the
 * samråd with the supervisory authority (`samradRef`, finding `samrad`) before access.
 *
 * When samråd is required: säkerhetsskyddslagen 4 kap. 9 § asks for it when the arrangement gives
 * access to information classified konfidentiell or higher (or security-sensitive activity of like
 * importance). The vocabulary knows only "security-classified", not its class, so the parameter
 * `samradRequired` (default true) assumes konfidentiell or higher; a site whose analysis shows only
 * begränsat hemlig sets it false in its policy file. The documented special assessment and the
 * suitability test (4 kap. 8 §) have no field in the vocabulary: not covered.
 *
 * Both are due before access: a missing one is advisory only while the tenant declares that its data
 * is not processed in the room yet (`processingStarted: false`); its onboarding window never defers them.
 */
export const ClassifiedHostingHasSecurityAgreement = defineRule({
  meta: {
    id: "SE-SSKL-4-8-OUTSOURCE",
    name: "ClassifiedHostingHasSecurityAgreement",
    version: "1.2.0",
    area: "law",
    title: "Security-classified Swedish workloads hosted by another legal entity have a säkerhetsskyddsavtal and samråd",
    rationale:
      "Another municipality's IT organisation running the room gains access to the classified systems; säkerhetsskyddslagen requires a security protection agreement before that access and, for konfidentiell or higher, consultation with the supervisory authority, which may forbid the arrangement.",
    remediation:
      "Sign the säkerhetsskyddsavtal with the host and record it as legal.suaRef; consult the county board (samråd) and record its decision as legal.samradRef; or move the classified workloads to the municipality's own infrastructure.",
    severity: "critical",
    enforcement: "mandatory",
    legalPrerequisite:
      "the signed säkerhetsskyddsavtal as the tenant's legal.suaRef and the supervisory authority's samråd decision as legal.samradRef (tenant file)",
    evidence: "declared",
    params: {
      samradRequired: {
        default: true,
        description: "Whether samråd with the supervisory authority is required (classification konfidentiell or higher)",
      },
    },
    controls: [
      SE_SAKERHETSSKYDDSLAG("4 kap. 8 § säkerhetsskyddsavtal", true),
      SE_SAKERHETSSKYDDSLAG("4 kap. 9 § samråd", true),
      SE_SAKERHETSSKYDDSLAG("4 kap. 11 § prohibition", true),
      SE_PMFS_2022_1("ch. 7 when another actor gets access"),
    ],
  },
  check(room, { params, asOf }) {
    if (room.facility("tenant").length === 0)
      return missingFacts({
        observed: "no tenant objects",
        expected: "tenant objects with country, legal entity and agreements",
        message: "The input has no tenant objects, so no säkerhetsskyddsavtal can be checked.",
      });
    const host = hostOf(room);
    const checks: Check[] = [];
    for (const { tenant: t, workloads } of tenantsHolding(room, "SE", "security-classified")) {
      const held = `${workloads.length} security-classified workloads (${workloads.map((w) => w.id).join(", ")})`;
      if (!host) {
        checks.push(
          check("declared", "not-evaluable", t, {
            observed: `${held}; no tenant is marked as the host municipality`,
            expected: "the operator of the room known (a tenant with hostMunicipality)",
            message: `Tenant ${t.id}: who runs the room is not in the output, so whether the hosting is outsourcing cannot be told.`,
          }),
        );
        continue;
      }
      const sameEntity = host.id === t.id || (present(host.legalEntity) && host.legalEntity === t.legalEntity);
      if (sameEntity) {
        checks.push(
          check("declared", "not-applicable", t, {
            observed: `${held}; operated by ${host.id === t.id ? "itself (the host municipality)" : `the same legal entity ${host.legalEntity ?? ""}`}`,
            expected: "a säkerhetsskyddsavtal when another legal entity operates the room",
            message: `Tenant ${t.id}: runs its own room, so no outsourcing agreement is needed.`,
          }),
        );
        continue;
      }
      const operator = `operated by ${host.id} (${host.legalEntity ?? "legal entity not recorded"})`;
      const noSua = missingPrerequisite(t, asOf, `the säkerhetsskyddsavtal with ${host.id}`);
      checks.push(
        check("declared", present(t.suaRef) ? "pass" : "fail", t, {
          findingId: "sua",
          observed: `${held}; ${operator}; suaRef ${t.suaRef ?? "-"}`,
          expected: "suaRef: a säkerhetsskyddsavtal with the operator, before access",
          message: `Tenant ${t.id}: ${present(t.suaRef) ? `säkerhetsskyddsavtal ${t.suaRef}` : `no säkerhetsskyddsavtal with ${host.id}, which runs its classified systems${noSua.note}`}`,
          ...(present(t.suaRef) ? {} : enforcementOf(noSua)),
        }),
      );
      const noSamrad = missingPrerequisite(t, asOf, "the samråd with the supervisory authority");
      checks.push(
        params.samradRequired
          ? check("declared", present(t.samradRef) ? "pass" : "fail", t, {
              findingId: "samrad",
              observed: `${held}; ${operator}; samradRef ${t.samradRef ?? "-"}`,
              expected: "samradRef: samråd with the supervisory authority (samradRequired = true)",
              message: `Tenant ${t.id}: ${present(t.samradRef) ? `samråd ${t.samradRef}` : `no samråd with the supervisory authority recorded${noSamrad.note}`}`,
              ...(present(t.samradRef) ? {} : enforcementOf(noSamrad)),
            })
          : check("declared", "not-applicable", t, {
              findingId: "samrad",
              observed: `samradRequired = false; samradRef ${t.samradRef ?? "-"}`,
              expected: "samradRef when samråd is required",
              message: `Tenant ${t.id}: the site's policy says samråd is not required (classification below konfidentiell).`,
            }),
      );
    }
    return checks;
  },
});
