import { ClassifiedHostingHasSecurityAgreement } from "../../../policies/rules/governance/ClassifiedHostingHasSecurityAgreement";
import { ClassifiedSystemHasSapoConsultation } from "../../../policies/rules/governance/ClassifiedSystemHasSapoConsultation";
import { DanishTenantsShowTheNis2Measures } from "../../../policies/rules/governance/DanishTenantsShowTheNis2Measures";
import { EveryTenantHasItsReportingRoutes } from "../../../policies/rules/governance/EveryTenantHasItsReportingRoutes";
import { EveryVmDeclaresEndpointProtection } from "../../../policies/rules/governance/EveryVmDeclaresEndpointProtection";
import { EveryVmIsOwnedAndClassified } from "../../../policies/rules/governance/EveryVmIsOwnedAndClassified";
import { GradedSystemsRunOnDedicatedInfrastructure } from "../../../policies/rules/governance/GradedSystemsRunOnDedicatedInfrastructure";
import { HealthWorkloadsRunInADedicatedZone } from "../../../policies/rules/governance/HealthWorkloadsRunInADedicatedZone";
import { SecurityAnalysisIsCurrent } from "../../../policies/rules/governance/SecurityAnalysisIsCurrent";
import { addMonths } from "../../../policies/engine/dates";
import { findingsOf, outcomes, RoomBuilder } from "../room-builder";
import { governanceRoom, tenant, vm, workload, type TestVm } from "./governance-room";

/** One tenant t1 with one workload per VM (the VM's criticality and classification). */
function oneTenant(vms: TestVm[], t: Parameters<typeof tenant>[1] = {}): RoomBuilder {
  const b = governanceRoom(vms).facility("tenant", tenant("t1", t));
  for (const v of vms)
    b.facility(
      "workload",
      workload(`t1-${v.name}`, v.tenant, [v.name], {
        criticality: (v.criticality ?? "standard") as never,
        sensitivity: (v.classification ?? "internal") as never,
        endpointProtection: (v.endpoint ?? null) as never,
      }),
    );
  return b;
}

describe("GOV-ASSET-TAGS EveryVmIsOwnedAndClassified", () => {
  test("passes a VM with one tag of each category, its tenant known and its tags its workload's", () => {
    const [f] = findingsOf(EveryVmIsOwnedAndClassified, oneTenant([vm("a")]));
    expect(f).toMatchObject({ outcome: "pass", address: "vsphere_virtual_machine.a", stack: "s-t1", evidence: "config" });
    expect(f.observed).toBe("tenant=t1, criticality=standard, data-classification=internal, lifecycle=active");
  });
  test("fails a VM without a classification tag, and one whose criticality is not its workload's", () => {
    const room = oneTenant([vm("a", { classification: null }), vm("b")]).edit("facility", "terraform_data", "workload_t1-b", (v) => {
      (v.input as { criticality: string }).criticality = "critical";
    });
    const [a, b] = findingsOf(EveryVmIsOwnedAndClassified, room);
    expect(a).toMatchObject({ outcome: "fail", observed: "tenant=t1, criticality=standard, data-classification=-, lifecycle=active" });
    expect(a.message).toContain("no data-classification tag");
    expect(b.outcome).toBe("fail");
    expect(b.message).toContain("criticality tag standard, but workload t1-b says critical");
  });
  test("fails a tenant tag that names no tenant object", () => {
    const room = governanceRoom([vm("a", { tenant: "ghost" })]).facility("tenant", tenant("t1"));
    expect(findingsOf(EveryVmIsOwnedAndClassified, room)[0].message).toContain("tenant tag ghost names no tenant object");
  });
  test("a data source reading a tag no stack creates is an error, never a pass", () => {
    const room = oneTenant([vm("a")]).edit("s-t1", "vsphere_tag", "criticality_standard", (v) => (v.name = "gone"), "data");
    const [f] = findingsOf(EveryVmIsOwnedAndClassified, room);
    expect(f.outcome).toBe("error");
    expect(f.message).toContain('reads vsphere_tag "gone", which no stack of site s creates');
  });
  test("without tenant objects the owner cannot be checked: not-evaluable; without VMs nothing to check", () => {
    expect(findingsOf(EveryVmIsOwnedAndClassified, governanceRoom([vm("a")]))[0]).toMatchObject({ outcome: "not-evaluable" });
    expect(findingsOf(EveryVmIsOwnedAndClassified, new RoomBuilder().facility("tenant", tenant("t1")))).toEqual([]);
  });
});

describe("SEC-ENDPOINT EveryVmDeclaresEndpointProtection", () => {
  test("passes an agent and an exemption with a reason", () => {
    const room = oneTenant([vm("a"), vm("b", { endpoint: "exempt" })]).edit("facility", "terraform_data", "workload_t1-b", (v) => {
      (v.input as { endpointExemptionReason: string }).endpointExemptionReason = "closed vendor appliance, no agent supported";
    });
    const [a, b] = findingsOf(EveryVmDeclaresEndpointProtection, room);
    expect(a).toMatchObject({ outcome: "pass", observed: "endpoint-protection=agent" });
    expect(b).toMatchObject({
      outcome: "pass",
      observed: "endpoint-protection=exempt; reason: closed vendor appliance, no agent supported",
    });
  });
  test("fails a VM with no endpoint tag and an exemption without a reason", () => {
    const [a, b] = findingsOf(EveryVmDeclaresEndpointProtection, oneTenant([vm("a", { endpoint: null }), vm("b", { endpoint: "exempt" })]));
    expect(a).toMatchObject({ outcome: "fail", observed: "endpoint-protection=-" });
    expect(a.message).toContain("no endpoint-protection tag");
    expect(b).toMatchObject({ outcome: "fail", observed: "endpoint-protection=exempt; reason: -" });
    expect(b.message).toContain("an exemption without a reason");
  });
  test("an unmanaged workload is checked by what it declares", () => {
    const room = oneTenant([vm("a")])
      .facility("workload", workload("t1-appliance", "t1", ["app01"], { lifecycle: "unmanaged", endpointProtection: null }))
      .facility("workload", workload("t1-old", "t1", ["old01"], { lifecycle: "unmanaged", endpointProtection: undefined }));
    const o = outcomes(findingsOf(EveryVmDeclaresEndpointProtection, room));
    expect(o).toEqual({
      "vsphere_virtual_machine.a": "pass",
      "terraform_data.workload_t1-appliance": "fail",
      "terraform_data.workload_t1-old": "not-evaluable",
    });
  });
  test("an exemption whose reason cannot be read (no workload objects) is not-evaluable; no VMs, nothing to check", () => {
    const [f] = findingsOf(EveryVmDeclaresEndpointProtection, governanceRoom([vm("a", { endpoint: "exempt" })]));
    expect(f).toMatchObject({ outcome: "not-evaluable", observed: "endpoint-protection=exempt" });
    expect(findingsOf(EveryVmDeclaresEndpointProtection, new RoomBuilder().facility("tenant", tenant("t1")))).toEqual([]);
  });
  test("a short reason fails at the parameter's length", () => {
    const room = oneTenant([vm("b", { endpoint: "exempt" })]).edit("facility", "terraform_data", "workload_t1-b", (v) => {
      (v.input as { endpointExemptionReason: string }).endpointExemptionReason = "appliance";
    });
    expect(findingsOf(EveryVmDeclaresEndpointProtection, room)[0].message).toContain("reason has 9 characters");
    expect(findingsOf(EveryVmDeclaresEndpointProtection, room, { "SEC-ENDPOINT": { minReasonLength: 5 } })[0].outcome).toBe("pass");
  });
});

const NO_ROUTES = [
  { regime: "digitalsikkerhetsloven", authority: "NSM (NorCERT)", channel: "nsm.no within 24 hours" },
  { regime: "gdpr", authority: "Datatilsynet", channel: "breach form, 72 hours" },
];

describe("INC-REPORTING-ROUTE EveryTenantHasItsReportingRoutes", () => {
  test("passes a route per regime with a reporting duty, naming its authority (nsm-grunnprinsipper needs none)", () => {
    const room = oneTenant([vm("a", { classification: "personal" })], {
      regimes: ["digitalsikkerhetsloven", "nsm-grunnprinsipper", "gdpr"],
      reportingRoutes: NO_ROUTES,
    });
    const f = findingsOf(EveryTenantHasItsReportingRoutes, room);
    expect(outcomes(f)).toEqual({ "terraform_data.tenant_t1#digitalsikkerhetsloven": "pass", "terraform_data.tenant_t1#gdpr": "pass" });
    expect(f[1].observed).toBe("Datatilsynet via breach form, 72 hours");
  });
  test("fails a missing route, also for a regime only the workloads' data bring (health: normen), and a wrong authority", () => {
    const room = oneTenant([vm("a", { classification: "health" })], {
      regimes: ["digitalsikkerhetsloven", "nsm-grunnprinsipper", "gdpr"],
      reportingRoutes: [NO_ROUTES[0], { regime: "gdpr", authority: "IMY", channel: "imy.se" }],
    });
    const f = findingsOf(EveryTenantHasItsReportingRoutes, room);
    expect(outcomes(f)).toEqual({
      "terraform_data.tenant_t1#digitalsikkerhetsloven": "pass",
      "terraform_data.tenant_t1#gdpr": "fail",
      "terraform_data.tenant_t1#normen": "fail",
    });
    const normen = f.find((x) => x.findingId === "normen");
    expect(normen?.observed).toBe("no route for normen");
    expect(normen?.message).toContain("from its workloads' data");
    expect(f.find((x) => x.findingId === "gdpr")?.message).toContain("names IMY, not the data-protection authority (Datatilsynet)");
  });
  test("a Danish tenant's NIS2 route must be on Virk.dk", () => {
    const room = oneTenant([vm("a")], {
      country: "DK",
      regimes: ["nis2-dk"],
      reportingRoutes: [{ regime: "nis2-dk", authority: "CSIRT", channel: "e-mail" }],
    });
    expect(findingsOf(EveryTenantHasItsReportingRoutes, room)[0]).toMatchObject({ outcome: "fail", findingId: "nis2-dk" });
  });
  test("a removed tenant is not checked (nothing applies to it); no tenants is not-evaluable", () => {
    const room = new RoomBuilder().facility("tenant", tenant("gone", { lifecycle: "removed", regimes: ["gdpr"] }));
    expect(findingsOf(EveryTenantHasItsReportingRoutes, room)).toEqual([]);
    const [f] = findingsOf(EveryTenantHasItsReportingRoutes, governanceRoom([vm("a")]));
    expect(f).toMatchObject({ outcome: "not-evaluable", address: "site.(no site)", observed: "no tenant objects" });
  });
});

/** A Swedish tenant t1 with a security-classified workload on cluster prod, hosted by h (another legal entity). */
function swedish(t: Parameters<typeof tenant>[1] = {}, cluster = "prod"): RoomBuilder {
  return governanceRoom([vm("sec01", { classification: "security-classified", cluster }), vm("h01", { tenant: "h" })])
    .facility("tenant", tenant("t1", { country: "SE", regimes: ["nis2-se", "sakerhetsskyddslagen"], ...t }))
    .facility("tenant", tenant("h", { country: "SE", hostMunicipality: true, legalEntity: "H kommun" }))
    .facility("workload", workload("t1-sec", "t1", ["sec01"], { sensitivity: "security-classified" }))
    .facility("workload", workload("h-app", "h", ["h01"]));
}

describe("SE-SSKL-ANALYSIS SecurityAnalysisIsCurrent", () => {
  test("months are counted back from the evaluation date", () => {
    expect(addMonths("2026-11-22", -24)).toBe("2024-11-22");
    expect(addMonths("2026-03-31", -1)).toBe("2026-02-28");
    expect(addMonths("2026-01-15", -1)).toBe("2025-12-15");
  });
  test("an analysis within 24 months is attested, never passed", () => {
    const f = findingsOf(SecurityAnalysisIsCurrent, swedish({ analysisDate: "2025-06-01" }));
    expect(outcomes(f)).toEqual({ "terraform_data.tenant_h": "not-applicable", "terraform_data.tenant_t1": "attested" });
    expect(f[1]).toMatchObject({ evidence: "attested", observed: "analysisDate 2025-06-01 (1 security-classified workloads: t1-sec)" });
    expect(f[1].expected).toBe("analysisDate between 2024-11-22 and 2026-11-22 (at most 24 months old)");
  });
  test("fails an analysis older than 24 months, one missing and one dated after the evaluation date", () => {
    for (const [date, text] of [
      ["2024-11-21", "older than 24 months"],
      [null, "no säkerhetsskyddsanalys recorded"],
      ["2027-01-01", "after the evaluation date"],
    ] as const) {
      const f = findingsOf(SecurityAnalysisIsCurrent, swedish({ analysisDate: date })).find(
        (x) => x.address === "terraform_data.tenant_t1",
      );
      expect(f?.outcome).toBe("fail");
      expect(f?.message).toContain(text);
    }
  });
  test("not applicable to a Norwegian tenant; not-evaluable without tenant objects", () => {
    const room = oneTenant([vm("a", { classification: "security-classified" })], { country: "NO" });
    expect(findingsOf(SecurityAnalysisIsCurrent, room)[0]).toMatchObject({ outcome: "not-applicable", observed: "country NO" });
    expect(findingsOf(SecurityAnalysisIsCurrent, governanceRoom([vm("a")]))[0].outcome).toBe("not-evaluable");
  });
});

describe("SE-SSKL-4-8-OUTSOURCE ClassifiedHostingHasSecurityAgreement", () => {
  test("passes a tenant hosted by another legal entity with its SUA and samråd", () => {
    const f = findingsOf(ClassifiedHostingHasSecurityAgreement, swedish({ suaRef: "SUA-2026-1", samradRef: "LST 2026-44" }));
    expect(outcomes(f)).toEqual({ "terraform_data.tenant_t1#sua": "pass", "terraform_data.tenant_t1#samrad": "pass" });
    expect(f.find((x) => x.findingId === "sua")?.observed).toBe(
      "1 security-classified workloads (t1-sec); operated by h (H kommun); suaRef SUA-2026-1",
    );
  });
  test("fails without a SUA and without samråd; samråd not required by the parameter is not-applicable", () => {
    expect(outcomes(findingsOf(ClassifiedHostingHasSecurityAgreement, swedish()))).toEqual({
      "terraform_data.tenant_t1#sua": "fail",
      "terraform_data.tenant_t1#samrad": "fail",
    });
    const f = findingsOf(ClassifiedHostingHasSecurityAgreement, swedish({ suaRef: "SUA-1" }), {
      "SE-SSKL-4-8-OUTSOURCE": { samradRequired: false },
    });
    expect(outcomes(f)).toEqual({ "terraform_data.tenant_t1#sua": "pass", "terraform_data.tenant_t1#samrad": "not-applicable" });
  });
  test("the host itself, or the same legal entity, needs no outsourcing agreement", () => {
    const room = swedish({ legalEntity: "H kommun" });
    expect(findingsOf(ClassifiedHostingHasSecurityAgreement, room)[0]).toMatchObject({ outcome: "not-applicable" });
  });
  test("who runs the room unknown: not-evaluable; no tenants: not-evaluable", () => {
    const room = swedish().edit("facility", "terraform_data", "tenant_h", (v) => {
      (v.input as { hostMunicipality: boolean }).hostMunicipality = false;
    });
    expect(findingsOf(ClassifiedHostingHasSecurityAgreement, room)[0]).toMatchObject({ outcome: "not-evaluable" });
    expect(findingsOf(ClassifiedHostingHasSecurityAgreement, governanceRoom([vm("a")]))[0].outcome).toBe("not-evaluable");
  });
});

describe("SE-SSKL-IS-SAMRAD ClassifiedSystemHasSapoConsultation", () => {
  test("passes a classified workload with the consultation", () => {
    const [f] = findingsOf(ClassifiedSystemHasSapoConsultation, swedish({ sapoSamradRef: "Säpo 2026-117" }));
    expect(f).toMatchObject({ outcome: "pass", address: "terraform_data.workload_t1-sec" });
    expect(f.observed).toBe("sapoSamradRef Säpo 2026-117; on a cluster shared with h");
  });
  test("fails without it, saying the cluster is shared", () => {
    const [f] = findingsOf(ClassifiedSystemHasSapoConsultation, swedish());
    expect(f.outcome).toBe("fail");
    expect(f.message).toContain("no consultation with Säkerhetspolisen recorded, on a cluster shared with h");
    expect(findingsOf(ClassifiedSystemHasSapoConsultation, swedish({}, "secure"))[0].observed).toBe(
      "sapoSamradRef -; on no cluster shared with another tenant",
    );
  });
  test("output without the field is not-evaluable; a tenant without classified workloads has nothing to check", () => {
    expect(findingsOf(ClassifiedSystemHasSapoConsultation, swedish({ sapoSamradRef: undefined }))[0].outcome).toBe("not-evaluable");
    expect(findingsOf(ClassifiedSystemHasSapoConsultation, oneTenant([vm("a")], { country: "SE" }))).toEqual([]);
    expect(findingsOf(ClassifiedSystemHasSapoConsultation, governanceRoom([vm("a")]))[0].outcome).toBe("not-evaluable");
  });
});

/** A Norwegian tenant t1 with a graded workload on `cluster`, and tenant t2 on prod. */
function graded(cluster: string): RoomBuilder {
  return governanceRoom([vm("g01", { classification: "security-classified", cluster }), vm("x01", { tenant: "t2" })])
    .facility("tenant", tenant("t1"))
    .facility("tenant", tenant("t2"))
    .facility("workload", workload("t1-graded", "t1", ["g01"], { sensitivity: "security-classified" }))
    .facility("workload", workload("t2-app", "t2", ["x01"]));
}

describe("NO-SIKL-EXCLUDE GradedSystemsRunOnDedicatedInfrastructure", () => {
  test("passes a graded VM on a cluster no other tenant uses", () => {
    const [f] = findingsOf(GradedSystemsRunOnDedicatedInfrastructure, graded("graded"));
    expect(f).toMatchObject({ outcome: "pass", address: "vsphere_virtual_machine.g01", observed: "cluster graded: only t1" });
    expect(f.addresses).toEqual(["vsphere_virtual_machine.g01", "vsphere_compute_cluster.graded"]);
  });
  test("fails a graded VM on the shared cluster", () => {
    const [f] = findingsOf(GradedSystemsRunOnDedicatedInfrastructure, graded("prod"));
    expect(f).toMatchObject({ outcome: "fail", observed: "cluster prod: also t2" });
  });
  test("a cluster that does not resolve is an error; an unmanaged graded workload is not-evaluable", () => {
    const broken = graded("graded").edit("vsphere", "vsphere_compute_cluster", "graded", (v) => (v.name = "renamed"));
    expect(findingsOf(GradedSystemsRunOnDedicatedInfrastructure, broken)[0].outcome).toBe("error");
    const room = graded("graded").facility(
      "workload",
      workload("t1-old", "t1", ["old01"], { sensitivity: "security-classified", lifecycle: "unmanaged" }),
    );
    expect(outcomes(findingsOf(GradedSystemsRunOnDedicatedInfrastructure, room))["terraform_data.workload_t1-old"]).toBe("not-evaluable");
  });
  test("nothing graded, nothing to check; no tenants, not-evaluable", () => {
    expect(findingsOf(GradedSystemsRunOnDedicatedInfrastructure, oneTenant([vm("a")]))).toEqual([]);
    expect(findingsOf(GradedSystemsRunOnDedicatedInfrastructure, governanceRoom([vm("a")]))[0].outcome).toBe("not-evaluable");
  });
});

describe("NO-NORMEN-ZONE HealthWorkloadsRunInADedicatedZone", () => {
  const health = (more: Partial<TestVm> = {}) => vm("ehr01", { classification: "health", network: "helse", ...more });
  test("passes an NHN agreement and a health-only port group", () => {
    const f = findingsOf(HealthWorkloadsRunInADedicatedZone, oneTenant([health(), vm("a")], { nhnAgreementRef: "TA-2017-1" }));
    expect(outcomes(f)).toEqual({ "terraform_data.tenant_t1#nhn-agreement": "pass", "vsphere_distributed_port_group.helse": "pass" });
    expect(f.find((x) => !x.findingId)?.observed).toBe("1 VMs on t1-helse, 1 health");
  });
  test("fails a health VM on a port group with other VMs, naming them, and a missing NHN agreement", () => {
    const f = findingsOf(HealthWorkloadsRunInADedicatedZone, oneTenant([health({ network: "servere" }), vm("a")]));
    expect(outcomes(f)).toEqual({ "terraform_data.tenant_t1#nhn-agreement": "fail", "vsphere_distributed_port_group.servere": "fail" });
    const pg = f.find((x) => !x.findingId);
    expect(pg?.observed).toBe("2 VMs on t1-servere, 1 health; not health: a (internal)");
    expect(pg?.addresses).toEqual(["vsphere_distributed_port_group.servere", "vsphere_virtual_machine.a"]);
  });
  test("a site network is joined to the port group the vSphere stack creates; one that does not resolve is an error", () => {
    const ok = findingsOf(HealthWorkloadsRunInADedicatedZone, oneTenant([health({ network: "shared" })], { nhnAgreementRef: "TA-1" }));
    expect(outcomes(ok)["vsphere_distributed_port_group.site_shared"]).toBe("pass");
    const broken = oneTenant([health({ network: "shared" })], { nhnAgreementRef: "TA-1" }).edit(
      "s-t1",
      "vsphere_network",
      "shared",
      (v) => (v.name = "x"),
      "data",
    );
    expect(outcomes(findingsOf(HealthWorkloadsRunInADedicatedZone, broken))["vsphere_virtual_machine.ehr01"]).toBe("error");
  });
  test("no Norwegian health workload, nothing to check; no tenants, not-evaluable", () => {
    expect(findingsOf(HealthWorkloadsRunInADedicatedZone, oneTenant([health()], { country: "DK" }))).toEqual([]);
    expect(findingsOf(HealthWorkloadsRunInADedicatedZone, governanceRoom([health()]))[0].outcome).toBe("not-evaluable");
  });
});

describe("DK-NIS2-6-MEASURES DanishTenantsShowTheNis2Measures", () => {
  const dk = (vms: TestVm[], t: Parameters<typeof tenant>[1] = {}) =>
    oneTenant(vms, {
      country: "DK",
      analysisDate: "2026-01-20",
      reportingRoutes: [{ regime: "nis2-dk", authority: "CSIRT", channel: "virk.dk, 24 h" }],
      ...t,
    })
      .facility("backup-class", { id: "silver", rpoHours: 24, retentionDays: 30, immutable: true, offsite: true, tag: "backup-silver" })
      .facility("storage-policy", { id: "enc", name: "VM Encryption Policy", encryption: true, keyProviderId: null });
  test("reports each of nr. 1-10: shown, or not in the output", () => {
    const f = findingsOf(
      DanishTenantsShowTheNis2Measures,
      dk([vm("a", { classification: "personal", storagePolicy: "encrypted" }), vm("b")]),
    );
    expect(outcomes(f)).toEqual({
      "terraform_data.tenant_t1#nr-1": "attested",
      "terraform_data.tenant_t1#nr-2": "pass",
      "terraform_data.tenant_t1#nr-3": "pass",
      "terraform_data.tenant_t1#nr-4": "not-evaluable",
      "terraform_data.tenant_t1#nr-5": "not-evaluable",
      "terraform_data.tenant_t1#nr-6": "not-evaluable",
      "terraform_data.tenant_t1#nr-7": "pass",
      "terraform_data.tenant_t1#nr-8": "pass",
      "terraform_data.tenant_t1#nr-9": "pass",
      "terraform_data.tenant_t1#nr-10": "not-evaluable",
    });
    expect(f.every((x) => x.enforcement === "advisory")).toBe(true);
    expect(f.find((x) => x.findingId === "nr-3")?.observed).toBe("2 of 2 VMs");
    expect(f.find((x) => x.findingId === "nr-10")?.message).toContain("MFA");
  });
  test("fails where the output shows the measure missing", () => {
    const f = findingsOf(
      DanishTenantsShowTheNis2Measures,
      dk([vm("a", { classification: "health", storagePolicy: "standard", backup: null, endpoint: null })], {
        analysisDate: null,
        reportingRoutes: [],
      }),
    );
    const o = outcomes(f);
    for (const nr of [1, 2, 3, 7, 8]) expect(o[`terraform_data.tenant_t1#nr-${nr}`]).toBe("fail");
    expect(f.find((x) => x.findingId === "nr-8")?.observed).toBe("0 of 1 VMs; missing: a");
  });
  test("a tenant without sensitive VMs has nothing for nr. 8; no Danish tenant, nothing; no tenants, not-evaluable", () => {
    const o = outcomes(findingsOf(DanishTenantsShowTheNis2Measures, dk([vm("a")])));
    expect(o["terraform_data.tenant_t1#nr-8"]).toBe("not-applicable");
    expect(findingsOf(DanishTenantsShowTheNis2Measures, oneTenant([vm("a")]))).toEqual([]);
    expect(findingsOf(DanishTenantsShowTheNis2Measures, governanceRoom([vm("a")]))[0].outcome).toBe("not-evaluable");
  });
});
