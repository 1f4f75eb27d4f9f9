import type { Finding, Rule } from "../../../../policies/engine/rule";
import { ClassifiedHostingHasSecurityAgreement } from "../../../../policies/rules/governance/ClassifiedHostingHasSecurityAgreement";
import { ClassifiedSystemHasSapoConsultation } from "../../../../policies/rules/governance/ClassifiedSystemHasSapoConsultation";
import { HealthWorkloadsRunInADedicatedZone } from "../../../../policies/rules/governance/HealthWorkloadsRunInADedicatedZone";
import { PersonalDataHasAProcessingAgreement } from "../../../../policies/rules/governance/PersonalDataHasAProcessingAgreement";
import { findingAt, findingsOf, type RoomBuilder } from "../../room-builder";
import { governanceRoom, tenant, vm, workload } from "../governance-room";

/**
 * What the law requires before processing starts (säkerhetsskyddsavtal and samråd, the consultation
 * with Säkerhetspolisen, the NHN agreement, the data-processing agreement) is never deferred by the
 * onboarding window: only a tenant that declares its data not processed yet (processingStarted false)
 * gets an advisory finding, and only saying it is due before processing starts.
 */

const IN_WINDOW = "2027-02-20";
const ENDED = "2026-11-21";

type TenantFields = Parameters<typeof tenant>[1];

/** Swedish partner t1 with a security-classified workload, hosted by h (another legal entity). */
const swedish = (t: TenantFields): RoomBuilder =>
  governanceRoom([vm("sec01", { classification: "security-classified" }), vm("h01", { tenant: "h" })])
    .facility("tenant", tenant("t1", { country: "SE", ...t }))
    .facility("tenant", tenant("h", { country: "SE", hostMunicipality: true, legalEntity: "H kommun" }))
    .facility("workload", workload("t1-sec", "t1", ["sec01"], { sensitivity: "security-classified" }))
    .facility("workload", workload("h-app", "h", ["h01"]));

/** Norwegian partner t1 with a health workload on the health network, hosted by h. */
const norwegian = (t: TenantFields): RoomBuilder =>
  governanceRoom([vm("ehr01", { classification: "health", network: "helse" }), vm("h01", { tenant: "h" })])
    .facility("tenant", tenant("t1", t))
    .facility("tenant", tenant("h", { hostMunicipality: true, legalEntity: "H kommune" }))
    .facility("workload", workload("t1-ehr", "t1", ["ehr01"], { sensitivity: "health" }))
    .facility("workload", workload("h-app", "h", ["h01"]));

/** Each prerequisite: its rule, the room of a tenant lacking it, the finding, and the words of what is due. */
const PREREQUISITES: [string, Rule, (t: TenantFields) => RoomBuilder, string, string][] = [
  [
    "säkerhetsskyddsavtal",
    ClassifiedHostingHasSecurityAgreement,
    swedish,
    "terraform_data.tenant_t1#sua",
    "the säkerhetsskyddsavtal with h",
  ],
  [
    "samråd",
    ClassifiedHostingHasSecurityAgreement,
    (t) => swedish({ suaRef: "SUA-1", ...t }),
    "terraform_data.tenant_t1#samrad",
    "the samråd with the supervisory authority",
  ],
  [
    "consultation with Säkerhetspolisen",
    ClassifiedSystemHasSapoConsultation,
    swedish,
    "terraform_data.workload_t1-sec",
    "the written consultation with Säkerhetspolisen",
  ],
  [
    "NHN agreement",
    HealthWorkloadsRunInADedicatedZone,
    norwegian,
    "terraform_data.tenant_t1#nhn-agreement",
    "the connection agreement with Norsk Helsenett",
  ],
  [
    "data-processing agreement",
    PersonalDataHasAProcessingAgreement,
    norwegian,
    "terraform_data.tenant_t1",
    "the data-processing agreement",
  ],
];

const at = (rule: Rule, room: RoomBuilder, ref: string): Finding => findingAt(findingsOf(rule, room), ref);

describe.each(PREREQUISITES)("%s: a legal prerequisite of processing", (_name, rule, room, ref, due) => {
  test("the rule is mandatory; each but NO-NORMEN-ZONE (whose zone findings are configuration) is a legal prerequisite no waiver accepts", () => {
    expect(rule.meta.enforcement).toBe("mandatory");
    expect(rule.meta.legalPrerequisite !== undefined).toBe(rule.meta.id !== "NO-NORMEN-ZONE");
  });
  test("missing while processing (the default) is mandatory, even inside the onboarding window", () => {
    for (const onboardingUntil of [null, IN_WINDOW]) {
      const f = at(rule, room({ onboardingUntil }), ref);
      expect(f).toMatchObject({ outcome: "fail", enforcement: "mandatory" });
      expect(f.message).not.toContain("due before processing starts");
    }
    const inWindow = at(rule, room({ onboardingUntil: IN_WINDOW }), ref);
    expect(inWindow.message).toContain(`onboarding until ${IN_WINDOW} does not defer it`);
  });
  test("output without processingStarted counts as processing: mandatory", () => {
    const f = at(rule, room({ onboardingUntil: IN_WINDOW, processingStarted: undefined }), ref);
    expect(f).toMatchObject({ outcome: "fail", enforcement: "mandatory" });
  });
  test("missing while the tenant declares no processing is advisory, due before processing starts, whatever its window", () => {
    for (const onboardingUntil of [IN_WINDOW, ENDED, null]) {
      const f = at(rule, room({ onboardingUntil, processingStarted: false }), ref);
      expect(f).toMatchObject({ outcome: "fail", enforcement: "advisory" });
      expect(f.message).toContain(`; due before processing starts: ${due}`);
    }
  });
});

describe("the prerequisites recorded pass whatever the tenant declares", () => {
  test.each([true, false])("processingStarted %s", (processingStarted) => {
    const swedishRefs = { suaRef: "SUA-1", samradRef: "LST-1", sapoSamradRef: "Säpo-1", processingStarted };
    expect(at(ClassifiedHostingHasSecurityAgreement, swedish(swedishRefs), "terraform_data.tenant_t1#sua").outcome).toBe("pass");
    expect(at(ClassifiedSystemHasSapoConsultation, swedish(swedishRefs), "terraform_data.workload_t1-sec").outcome).toBe("pass");
    const norwegianRefs = { nhnAgreementRef: "TA-1", dpaRef: "DBA-1", processingStarted };
    expect(at(HealthWorkloadsRunInADedicatedZone, norwegian(norwegianRefs), "terraform_data.tenant_t1#nhn-agreement").outcome).toBe("pass");
    expect(at(PersonalDataHasAProcessingAgreement, norwegian(norwegianRefs), "terraform_data.tenant_t1").outcome).toBe("pass");
  });
});

describe("the zone findings of NO-NORMEN-ZONE are configuration, never deferred", () => {
  test("a health VM on a shared port group fails mandatory although the tenant declares no processing", () => {
    const shared = governanceRoom([vm("ehr01", { classification: "health" }), vm("x01")])
      .facility("tenant", tenant("t1", { processingStarted: false, nhnAgreementRef: "TA-1" }))
      .facility("workload", workload("t1-ehr", "t1", ["ehr01"], { sensitivity: "health" }))
      .facility("workload", workload("t1-x", "t1", ["x01"]));
    const pg = at(HealthWorkloadsRunInADedicatedZone, shared, "vsphere_distributed_port_group.servere");
    expect(pg).toMatchObject({ outcome: "fail", enforcement: "mandatory" });
  });
});
