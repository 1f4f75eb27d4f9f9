import { PersonalDataHasAProcessingAgreement } from "../../../../policies/rules/governance/PersonalDataHasAProcessingAgreement";
import { findingAt, findingsOf, outcomes, type RoomBuilder } from "../../room-builder";
import { governanceRoom, tenant, vm, workload } from "../governance-room";

/** Host h and partner p (legal entity "p kommune"), each with one workload of `sensitivity`; the partner's fields in `p`. */
function room(sensitivity: "internal" | "personal" | "health" | "security-classified", p: Parameters<typeof tenant>[1] = {}): RoomBuilder {
  return governanceRoom([vm("p01", { tenant: "p" }), vm("h01", { tenant: "h" })])
    .facility("tenant", tenant("h", { hostMunicipality: true, legalEntity: "H kommune (org. 1)" }))
    .facility("tenant", tenant("p", { country: "DK", ...p }))
    .facility("workload", workload("p-app", "p", ["p01"], { sensitivity }))
    .facility("workload", workload("h-app", "h", ["h01"], { sensitivity: "personal" }));
}

const rule = PersonalDataHasAProcessingAgreement;

describe("GDPR-DPA PersonalDataHasAProcessingAgreement", () => {
  test("metadata: a mandatory legal prerequisite under GDPR Art. 28(3), marked (verify)", () => {
    expect(rule.meta).toMatchObject({ id: "GDPR-DPA", version: "1.0.0", enforcement: "mandatory", evidence: "declared" });
    expect(rule.meta.legalPrerequisite).toContain("legal.dpaRef");
    expect(rule.meta.controls.map((c) => [c.framework, c.ref.startsWith("Art. 28(3) "), c.verified])).toEqual([
      ["GDPR (EU) 2016/679", true, false],
    ]);
  });

  test("passes a partner with personal, health or classified data and its agreement", () => {
    for (const sensitivity of ["personal", "health", "security-classified"] as const) {
      const f = findingAt(findingsOf(rule, room(sensitivity, { dpaRef: "DBA-2024-007" })), "terraform_data.tenant_p");
      expect(f).toMatchObject({ outcome: "pass", message: "Tenant p: data-processing agreement DBA-2024-007" });
      expect(f.observed).toBe(
        "1 workloads with personal data (p-app); operated by the host municipality h (H kommune (org. 1)); dpaRef DBA-2024-007",
      );
    }
  });

  test("fails a partner with personal data without one: mandatory", () => {
    const f = findingAt(findingsOf(rule, room("personal")), "terraform_data.tenant_p");
    expect(f).toMatchObject({ outcome: "fail", enforcement: "mandatory" });
    expect(f.message).toBe("Tenant p: no data-processing agreement with the host municipality h, which processes its personal data");
    expect(findingAt(findingsOf(rule, room("personal", { dpaRef: "  " })), "terraform_data.tenant_p").outcome).toBe("fail");
  });

  test("the host is exempt, and so are a partner without personal data and one of the operator's own legal entity", () => {
    expect(outcomes(findingsOf(rule, room("internal")))).toEqual({
      "terraform_data.tenant_h": "not-applicable",
      "terraform_data.tenant_p": "not-applicable",
    });
    const own = findingAt(findingsOf(rule, room("personal", { legalEntity: "H kommune (org. 1)" })), "terraform_data.tenant_p");
    expect(own).toMatchObject({ outcome: "not-applicable", message: "Tenant p: its own legal entity runs the room." });
    expect(findingAt(findingsOf(rule, room("personal")), "terraform_data.tenant_h").message).toBe(
      "Tenant h: runs the room itself, so no processor processes its data.",
    );
  });

  test("without a host tenant the site's operator is the processor; without either, not-evaluable", () => {
    const joint = governanceRoom([vm("p01", { tenant: "p" })])
      .facility("tenant", tenant("p", { country: "SE" }))
      .facility("workload", workload("p-app", "p", ["p01"], { sensitivity: "personal" }));
    expect(findingAt(findingsOf(rule, joint), "terraform_data.tenant_p").outcome).toBe("not-evaluable");
    joint.facility("operator", { id: "s", legalEntity: "Länets IT-förbund", country: "SE", hostTenant: null });
    const f = findingAt(findingsOf(rule, joint), "terraform_data.tenant_p");
    expect(f).toMatchObject({ outcome: "fail", enforcement: "mandatory" });
    expect(f.message).toContain("no data-processing agreement with the operator Länets IT-förbund");
  });

  test("removed tenants and removed workloads are left out; no tenant objects: not-evaluable", () => {
    const removed = room("personal").facility("tenant", tenant("gone", { lifecycle: "removed" }));
    expect(Object.keys(outcomes(findingsOf(rule, removed)))).toEqual(["terraform_data.tenant_h", "terraform_data.tenant_p"]);
    const retired = room("internal").facility(
      "workload",
      workload("p-old", "p", ["p02"], { sensitivity: "personal", lifecycle: "removed" }),
    );
    expect(findingAt(findingsOf(rule, retired), "terraform_data.tenant_p").outcome).toBe("not-applicable");
    expect(findingsOf(rule, governanceRoom([vm("a")]))[0].outcome).toBe("not-evaluable");
  });
});
