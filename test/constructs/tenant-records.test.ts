import { DataResource, Testing } from "cdktf";
import { TenantRecords } from "../../constructs/tenant-records";
import type { Tenant } from "../../plan/model";
import { SITE, adoptedVm, linuxVm, resources, tenant, tenantFile, unmanagedVm, windowsVm, workload } from "./fixtures";

const synth = (tenants: Tenant[]) => {
  const json = Testing.synthScope((scope) => {
    new TenantRecords(scope, "tenants", { siteName: SITE, tenants });
  });
  return Object.fromEntries(
    Object.entries(resources(json, DataResource.tfResourceType)).map(([k, v]) => [k, v.input as Record<string, unknown>]),
  );
};

/** The fixture tenant with an unmanaged appliance and a two-VM workload (count 2). */
function alpha(): Tenant {
  const appliance = unmanagedVm();
  const batch = workload("batch", { count: 2, template: "rhel9", lifecycle: "retiring" });
  const spec = tenantFile({
    legal: {
      legalEntity: "Alpha kommune (org. 944 000 001)",
      agreementRef: "AGR-2026-01",
      dpaRef: "DPA-7",
      reportingRoutes: [{ regime: "gdpr", authority: "Datatilsynet", channel: "altinn" }],
      processingStarted: true,
    },
  });
  spec.workloads.push(appliance.workload, batch);
  const [linux, windows, adopted] = spec.workloads;
  return {
    spec,
    file: "tenants/alpha.yaml",
    vms: [
      linuxVm({ workload: linux }),
      windowsVm({ workload: windows }),
      adoptedVm({ workload: adopted }),
      appliance,
      linuxVm({ name: "batch-01", workload: batch, ip: "10.1.0.21", lifecycle: "retiring", backupClass: undefined }),
      linuxVm({ name: "batch-02", workload: batch, ip: "10.1.0.22", lifecycle: "retiring", backupClass: undefined }),
    ],
  };
}

describe("TenantRecords", () => {
  const objects = synth([alpha()]);

  test("a tenant record with its country, legal entity, derived regimes and agreements", () => {
    expect(objects.tenant_alpha).toEqual({
      kind: "tenant",
      id: "alpha",
      site: SITE,
      name: "Alpha kommune",
      country: "NO",
      hostMunicipality: true,
      lifecycle: "active",
      legalEntity: "Alpha kommune (org. 944 000 001)",
      regimes: ["digitalsikkerhetsloven", "nsm-grunnprinsipper", "normen", "gdpr"],
      analysisDate: null,
      agreementRef: "AGR-2026-01",
      dpaRef: "DPA-7",
      suaRef: null,
      samradRef: null,
      sapoSamradRef: null,
      nhnAgreementRef: null,
      reportingRoutes: [{ regime: "gdpr", authority: "Datatilsynet", channel: "altinn" }],
      onboardingUntil: null,
      processingStarted: true,
    });
  });

  test("no legal block: every legal fact is null (the rules report what is missing), and the data counts as processed", () => {
    const objects = synth([tenant()]);
    expect(objects.tenant_alpha).toMatchObject({
      legalEntity: null,
      agreementRef: null,
      dpaRef: null,
      reportingRoutes: [],
      onboardingUntil: null,
      processingStarted: true,
    });
  });

  test("a tenant being onboarded: its window and that its data is not processed yet", () => {
    const legal = {
      legalEntity: "Alpha kommune (org. 944 000 001)",
      reportingRoutes: [{ regime: "gdpr" as const, authority: "Datatilsynet", channel: "altinn" }],
      onboardingUntil: "2027-02-20",
      processingStarted: false,
    };
    const objects = synth([tenant({ spec: { legal } })]);
    expect(objects.tenant_alpha).toMatchObject({ onboardingUntil: "2027-02-20", processingStarted: false, agreementRef: null });
  });

  test("one workload record per workload entry, with sensitivity, criticality, lifecycle and backup class", () => {
    expect(
      Object.keys(objects)
        .filter((k) => k.startsWith("workload_"))
        .sort(),
    ).toEqual([
      "workload_alpha-appliance01",
      "workload_alpha-batch",
      "workload_alpha-files01",
      "workload_alpha-web01",
      "workload_alpha-web02",
    ]);
    expect(objects["workload_alpha-web01"]).toMatchObject({
      tenantId: "alpha",
      system: "Patient journal front end",
      vms: ["web01"],
      sensitivity: "health",
      criticality: "life-and-health",
      lifecycle: "active",
      backupClass: "gold",
      cpus: 2,
      memoryGb: 4,
      addresses: ["10.1.0.11"],
    });
  });

  test("a workload with count records all its VMs and their addresses", () => {
    expect(objects["workload_alpha-batch"]).toMatchObject({
      vms: ["batch-01", "batch-02"],
      addresses: ["10.1.0.21", "10.1.0.22"],
      lifecycle: "retiring",
      backupClass: null,
      system: "batch",
    });
  });

  test("unmanaged VMs are known and counted here, never applied", () => {
    expect(objects["workload_alpha-appliance01"]).toMatchObject({ lifecycle: "unmanaged", addresses: ["10.1.0.14"] });
  });

  test("references are plain ids", () => {
    expect(JSON.stringify(objects)).not.toContain("${");
  });
});
