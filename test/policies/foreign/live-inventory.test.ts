import { join } from "node:path";
import { runCompliance, type ComplianceResult } from "../../../policies/compliance";
import { readTerraformInputAsync } from "../../../policies/engine/terraform-input";
import type { Finding } from "../../../policies/engine/rule";
import { AS_OF, ROOT } from "../../helpers";

/**
 * Foreign Terraform reads the live inventory with data sources (the network "public", the pool
 * "cluster1/Resources", the hosts of `var.hosts`): objects that exist in vCenter and that the input
 * does not create. A check resting on them is not-evaluable with the reason, never an error or a fail;
 * genuine configuration fails (lockdown unset, NTP missing, logging off, VM isolation keys, VMCP) stay.
 */
const FIXTURES = join(ROOT, "test/fixtures/foreign");
const audit = async (...dirs: string[]) =>
  runCompliance(await readTerraformInputAsync(dirs.map((d) => join(FIXTURES, d))), { asOf: AS_OF });

const at = (r: ComplianceResult, rule: string, address: string, findingId?: string): Finding => {
  const found = r.findings.filter((f) => f.rule === rule && f.address === address && f.findingId === findingId);
  expect(found).toHaveLength(1);
  return found[0];
};

describe("the foreign vSphere estate and FortiGate", () => {
  let r: ComplianceResult;
  beforeAll(async () => {
    r = await audit("hcl", "json");
  });

  test("the data sources' joins are not-evaluable, saying what they read from vCenter", () => {
    expect(at(r, "NET-TENANT-SEG", "vsphere_virtual_machine.vm", "nics")).toMatchObject({
      outcome: "not-evaluable",
      observed: 'hcl: data.vsphere_network.network reads network "public" from vCenter, which the input does not create',
    });
    expect(at(r, "RED-HOST-N1", "vsphere_virtual_machine.vm", "cluster")).toMatchObject({
      outcome: "not-evaluable",
      observed:
        'hcl: data.vsphere_resource_pool.pool reads vsphere_resource_pool "cluster1/Resources" from vCenter, which the input does not create',
    });
    expect(at(r, "RED-HOST-N1", "vsphere_compute_cluster.compute_cluster", "hosts")).toMatchObject({
      outcome: "not-evaluable",
      observed: "host_system_ids is ${data.vsphere_host.hosts[*].id}: hosts read from vCenter, which the input does not create",
    });
  });

  test("RED-HA-HB-DS does not count '0 hosts' when the hosts come from data sources", () => {
    const f = at(r, "RED-HA-HB-DS", "vsphere_compute_cluster.compute_cluster");
    expect(f.outcome).toBe("not-evaluable");
    expect(f.observed).toContain("hosts not in the input: host_system_ids is ${data.vsphere_host.hosts[*].id}");
  });

  test("a VM tagged in none of our categories is not judged by our taxonomy", () => {
    expect(at(r, "GOV-ASSET-TAGS", "vsphere_virtual_machine.vm").outcome).toBe("not-evaluable");
    expect(at(r, "SEC-ENDPOINT", "vsphere_virtual_machine.vm").outcome).toBe("not-evaluable");
  });

  test("genuine configuration fails stay fails", () => {
    for (const [rule, address, id] of [
      ["VSP-LOCKDOWN", "vsphere_host.esx-01"],
      ["VSP-NTP", "vsphere_host.esx-01"],
      ["VSP-NTP", "vsphere_host.esx-02"],
      ["FW-LOG", "fortios_firewall_policy.trname"],
      ["VSP-VM-ISOLATION", "vsphere_virtual_machine.vm", "extra-config"],
      ["VSP-VM-ISOLATION", "vsphere_virtual_machine.vm", "logging"],
      ["RED-HA-VMCP", "vsphere_compute_cluster.compute_cluster"],
    ] as const)
      expect([rule, address, at(r, rule, address, id).outcome]).toEqual([rule, address, "fail"]);
  });

  test("no error, and the counts: 12 fail, 46 not-evaluable (41 before the tenancy rules and GOV-ONBOARDING, one each), 5 pass (was 15 fail, 2 error, 35 not-evaluable)", () => {
    expect(r.findings.filter((f) => f.outcome === "error").map((f) => `${f.rule} ${f.address}`)).toEqual([]);
    const count = (o: string) => r.findings.filter((f) => f.outcome === o).length;
    expect({ fail: count("fail"), notEvaluable: count("not-evaluable"), pass: count("pass") }).toEqual({
      fail: 12,
      notEvaluable: 46,
      pass: 5,
    });
  });
});

describe("foreign VM tags (test/fixtures/foreign/tags)", () => {
  let r: ComplianceResult;
  beforeAll(async () => {
    r = await audit("tags");
  });

  test("tags = var.tags is not-evaluable with the reason, not an error", () => {
    for (const rule of ["GOV-ASSET-TAGS", "SEC-ENDPOINT"]) {
      const f = at(r, rule, "vsphere_virtual_machine.app");
      expect(f.outcome).toBe("not-evaluable");
      expect(f.observed).toContain("tags is ${var.tags}: known only at plan");
    }
  });

  test("tags of the estate's own categories (one read from vCenter) are not judged by ours", () => {
    expect(at(r, "GOV-ASSET-TAGS", "vsphere_virtual_machine.web").outcome).toBe("not-evaluable");
    expect(at(r, "SEC-ENDPOINT", "vsphere_virtual_machine.web").outcome).toBe("not-evaluable");
  });

  test("a VM that adopts our categories is held to them: missing tags and a value outside the vocabulary fail", () => {
    expect(at(r, "GOV-ASSET-TAGS", "vsphere_virtual_machine.db")).toMatchObject({
      outcome: "fail",
      observed: "tenant=-, criticality=critical, data-classification=-, lifecycle=-",
    });
    expect(at(r, "SEC-ENDPOINT", "vsphere_virtual_machine.db")).toMatchObject({
      outcome: "fail",
      observed: "endpoint-protection=antivirus",
    });
  });
});
