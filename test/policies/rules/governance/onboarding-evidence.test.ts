import { isBlocking } from "../../../../policies/engine/gate";
import { DanishTenantsShowTheNis2Measures } from "../../../../policies/rules/governance/DanishTenantsShowTheNis2Measures";
import { SecurityAnalysisIsCurrent } from "../../../../policies/rules/governance/SecurityAnalysisIsCurrent";
import { TenantsJoinUnderAHostingAgreement } from "../../../../policies/rules/governance/TenantsJoinUnderAHostingAgreement";
import { AS_OF } from "../../../shared-synth";
import { findingAt, findingsOf, outcomes, type RoomBuilder } from "../../room-builder";
import { governanceRoom, tenant, vm, workload } from "../governance-room";

/**
 * A new tenant's missing evidence follows its onboarding window: advisory on every day up to and
 * including legal.onboardingUntil, mandatory after. The evaluation date is AS_OF (2026-11-22).
 */

const LAST_DAY = AS_OF;
const LATER = "2027-02-20";
const ENDED = "2026-11-21";

type TenantFields = Parameters<typeof tenant>[1];

/** A Swedish partner t1 with a security-classified workload, hosted by h (another legal entity). */
function swedish(t: TenantFields = {}): RoomBuilder {
  return governanceRoom([vm("sec01", { classification: "security-classified" }), vm("h01", { tenant: "h" })])
    .facility("tenant", tenant("t1", { country: "SE", ...t }))
    .facility("tenant", tenant("h", { country: "SE", hostMunicipality: true, legalEntity: "H kommun", agreementRef: "SAM-1" }))
    .facility("workload", workload("t1-sec", "t1", ["sec01"], { sensitivity: "security-classified" }))
    .facility("workload", workload("h-app", "h", ["h01"]));
}

describe("SE-SSKL-ANALYSIS: a missing analysis follows the onboarding window", () => {
  test("in the window (its last day included) the missing analysis is an advisory fail that says until when", () => {
    for (const until of [LAST_DAY, LATER]) {
      const f = findingAt(findingsOf(SecurityAnalysisIsCurrent, swedish({ onboardingUntil: until })), "terraform_data.tenant_t1");
      expect(f).toMatchObject({ outcome: "fail", enforcement: "advisory" });
      expect(f.message).toBe(`Tenant t1: no säkerhetsskyddsanalys recorded; onboarding until ${until}`);
      expect(isBlocking(f)).toBe(false);
    }
  });
  test("after the window it is mandatory and says the window ended; without a window mandatory as always", () => {
    const ended = findingAt(findingsOf(SecurityAnalysisIsCurrent, swedish({ onboardingUntil: ENDED })), "terraform_data.tenant_t1");
    expect(ended).toMatchObject({ outcome: "fail", enforcement: "mandatory" });
    expect(ended.message).toBe(`Tenant t1: no säkerhetsskyddsanalys recorded; the onboarding window ended on ${ENDED}`);
    expect(isBlocking(ended)).toBe(true);
    const none = findingAt(findingsOf(SecurityAnalysisIsCurrent, swedish()), "terraform_data.tenant_t1");
    expect(none).toMatchObject({ outcome: "fail", enforcement: "mandatory", message: "Tenant t1: no säkerhetsskyddsanalys recorded" });
  });
  test("an overdue analysis is no missing evidence: mandatory even in the window", () => {
    const f = findingAt(
      findingsOf(SecurityAnalysisIsCurrent, swedish({ onboardingUntil: LATER, analysisDate: "2024-01-01" })),
      "terraform_data.tenant_t1",
    );
    expect(f).toMatchObject({ outcome: "fail", enforcement: "mandatory" });
  });
});

describe("DK-NIS2-6-MEASURES: the missing risk analysis says the window", () => {
  test("nr. 1 names the onboarding window; the rule stays advisory", () => {
    const room = governanceRoom([vm("a")])
      .facility("tenant", tenant("t1", { country: "DK", onboardingUntil: LATER }))
      .facility("workload", workload("t1-a", "t1", ["a"]));
    const f = findingAt(findingsOf(DanishTenantsShowTheNis2Measures, room), "terraform_data.tenant_t1#nr-1");
    expect(f).toMatchObject({ outcome: "fail", enforcement: "advisory" });
    expect(f.message).toContain(`no current risk analysis recorded; onboarding until ${LATER}`);
  });
});

/** Host h (agreementRef per `host`) with partners: [id, onboardingUntil, agreementRef]. */
function hosted(host: TenantFields, ...partners: [string, string | null, string | null][]): RoomBuilder {
  const b = governanceRoom([vm("h01", { tenant: "h" })]).facility("tenant", tenant("h", { hostMunicipality: true, ...host }));
  for (const [id, onboardingUntil, agreementRef] of partners) b.facility("tenant", tenant(id, { onboardingUntil, agreementRef }));
  return b;
}

describe("GOV-ONBOARDING TenantsJoinUnderAHostingAgreement: the hosting agreement", () => {
  test("a partner being onboarded without its agreement: advisory up to onboardingUntil, mandatory after", () => {
    const inWindow = findingAt(
      findingsOf(TenantsJoinUnderAHostingAgreement, hosted({ agreementRef: "SAM-1" }, ["p", LAST_DAY, null])),
      "terraform_data.tenant_p#agreement",
    );
    expect(inWindow).toMatchObject({ outcome: "fail", enforcement: "advisory", evidence: "declared" });
    expect(inWindow.message).toBe(
      `Tenant p: no hosting or cooperation agreement with the host municipality h; onboarding until ${LAST_DAY}`,
    );
    const after = findingAt(
      findingsOf(TenantsJoinUnderAHostingAgreement, hosted({ agreementRef: "SAM-1" }, ["p", ENDED, null])),
      "terraform_data.tenant_p#agreement",
    );
    expect(after).toMatchObject({ outcome: "fail", enforcement: "mandatory" });
    expect(after.message).toContain(`the onboarding window ended on ${ENDED}`);
  });
  test("an agreement passes, in the window or not; a partner without window and agreement is mandatory", () => {
    const f = findingsOf(TenantsJoinUnderAHostingAgreement, hosted({ agreementRef: "SAM-1" }, ["p", LATER, "SAM-1"], ["q", null, null]));
    expect(outcomes(f)).toEqual({
      "terraform_data.tenant_h#agreement": "pass",
      "terraform_data.tenant_p#agreement": "pass",
      "terraform_data.tenant_q#agreement": "fail",
    });
    expect(findingAt(f, "terraform_data.tenant_q#agreement").enforcement).toBe("mandatory");
  });
  test("the host's agreement: not needed while it hosts nobody; advisory while all its partners onboard; mandatory beside an established one", () => {
    expect(outcomes(findingsOf(TenantsJoinUnderAHostingAgreement, hosted({})))).toEqual({
      "terraform_data.tenant_h#agreement": "not-applicable",
    });
    const onboarding = findingAt(
      findingsOf(TenantsJoinUnderAHostingAgreement, hosted({}, ["p", LATER, null], ["q", LAST_DAY, null])),
      "terraform_data.tenant_h#agreement",
    );
    expect(onboarding).toMatchObject({ outcome: "fail", enforcement: "advisory" });
    expect(onboarding.message).toBe(
      `Tenant h: no hosting or cooperation agreement with its partners p, q; its partners are onboarding, the earliest until ${LAST_DAY}`,
    );
    const established = hosted({}, ["p", LATER, null], ["q", null, "SAM-1"]);
    expect(findingAt(findingsOf(TenantsJoinUnderAHostingAgreement, established), "terraform_data.tenant_h#agreement")).toMatchObject({
      outcome: "fail",
      enforcement: "mandatory",
    });
    const ended = hosted({}, ["p", LATER, null], ["q", ENDED, null]);
    expect(findingAt(findingsOf(TenantsJoinUnderAHostingAgreement, ended), "terraform_data.tenant_h#agreement").enforcement).toBe(
      "mandatory",
    );
  });
  test("removed tenants are nobody's party; no tenant objects: not-evaluable", () => {
    const room = hosted({}).facility("tenant", tenant("gone", { lifecycle: "removed" }));
    expect(outcomes(findingsOf(TenantsJoinUnderAHostingAgreement, room))).toEqual({
      "terraform_data.tenant_h#agreement": "not-applicable",
    });
    expect(findingsOf(TenantsJoinUnderAHostingAgreement, governanceRoom([vm("a")]))[0].outcome).toBe("not-evaluable");
  });
});

describe("GOV-ONBOARDING: declaring no processing ends with the window", () => {
  test("processingStarted false inside the window passes", () => {
    const room = hosted({ agreementRef: "SAM-1" }, ["p", LAST_DAY, "SAM-1"]).editFacility(
      "tenant",
      "p",
      (t) => (t.processingStarted = false),
    );
    const f = findingAt(findingsOf(TenantsJoinUnderAHostingAgreement, room), "terraform_data.tenant_p#processing");
    expect(f).toMatchObject({ outcome: "pass", message: `Tenant p: declares no processing yet, onboarding until ${LAST_DAY}` });
  });
  test("processingStarted false after the window is a mandatory fail saying the window ended", () => {
    const room = hosted({ agreementRef: "SAM-1" }, ["p", ENDED, "SAM-1"]).editFacility("tenant", "p", (t) => (t.processingStarted = false));
    const f = findingAt(findingsOf(TenantsJoinUnderAHostingAgreement, room), "terraform_data.tenant_p#processing");
    expect(f).toMatchObject({ outcome: "fail", enforcement: "mandatory" });
    expect(f.message).toBe(
      `Tenant p: the onboarding window ended on ${ENDED} while the tenant still declares no processing (processingStarted: false)`,
    );
    expect(isBlocking(f)).toBe(true);
  });
  test("processingStarted false without any window is a mandatory fail; processing tenants get no processing finding", () => {
    const room = hosted({ agreementRef: "SAM-1" }, ["p", null, "SAM-1"], ["q", null, "SAM-1"]).editFacility(
      "tenant",
      "p",
      (t) => (t.processingStarted = false),
    );
    const f = findingsOf(TenantsJoinUnderAHostingAgreement, room);
    expect(findingAt(f, "terraform_data.tenant_p#processing")).toMatchObject({ outcome: "fail", enforcement: "mandatory" });
    expect(findingAt(f, "terraform_data.tenant_p#processing").message).toContain("without an onboarding window");
    expect(f.filter((x) => x.findingId === "processing").map((x) => x.address)).toEqual(["terraform_data.tenant_p"]);
  });
});
