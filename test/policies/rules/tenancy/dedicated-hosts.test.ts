import { GradedSystemsRunOnDedicatedInfrastructure } from "../../../../policies/rules/governance/GradedSystemsRunOnDedicatedInfrastructure";
import { SecuritySensitiveTenantsRunOnDedicatedHosts } from "../../../../policies/rules/tenancy/SecuritySensitiveTenantsRunOnDedicatedHosts";
import { evaluateDocs, exampleDocs, facilityInput } from "../../example-output";
import { findingAt, findingsOf, outcomes, RoomBuilder } from "../../room-builder";
import { isolationRoom, tenant, tvm, workload } from "./tenancy-room";

const RULE = SecuritySensitiveTenantsRunOnDedicatedHosts;

/** Swedish tenant ta with a security-classified workload on cluster sakra and a directory server; tb on prod. */
function room(taDc = "sakra"): RoomBuilder {
  const b = isolationRoom([
    tvm("ta-sak1", "ta", { classification: "security-classified", cluster: "sakra" }),
    tvm("ta-dc1", "ta", { cluster: taDc }),
    tvm("tb-vm1", "tb"),
  ]);
  b.editFacility("tenant", "ta", (t) => {
    t.country = "SE";
  });
  return b
    .facility("workload", workload("ta-sak", "ta", ["ta-sak1"], { sensitivity: "security-classified", cluster: "sakra" }))
    .facility("workload", workload("ta-dc", "ta", ["ta-dc1"], { cluster: taDc }))
    .facility("workload", workload("tb-vm", "tb", ["tb-vm1"], { cluster: "prod" }));
}

const VM = (n: string) => `vsphere_virtual_machine.${n}`;

describe("TEN-DEDICATED-HOSTS SecuritySensitiveTenantsRunOnDedicatedHosts", () => {
  test("passes a security-sensitive tenant whose VMs all run in a cluster no other tenant uses", () => {
    const fs = findingsOf(RULE, room());
    expect(outcomes(fs)).toEqual({ [VM("ta-sak1")]: "pass", [VM("ta-dc1")]: "pass" });
    expect(findingAt(fs, VM("ta-dc1")).observed).toBe("tenant ta (security-classified workload(s) ta-sak); cluster sakra: only ta");
  });

  test("fails any VM of the tenant in a shared cluster, not only the classified ones (NO-SIKL-EXCLUDE's scope)", () => {
    const fs = findingsOf(RULE, room("prod"));
    expect(outcomes(fs)).toEqual({ [VM("ta-sak1")]: "pass", [VM("ta-dc1")]: "fail" });
    expect(findingAt(fs, VM("ta-dc1"))).toMatchObject({
      observed: "tenant ta (security-classified workload(s) ta-sak); cluster prod: also tb",
      stacks: ["s-ta", "s-vsphere"],
    });
  });

  test("fails when another tenant's VM, or its unmanaged workload, is in the dedicated cluster", () => {
    const vmThere = room().edit("tb", "vsphere_virtual_machine", "tb-vm1", (v) => {
      v.resource_pool_id = "${vsphere_resource_pool.pool_sakra.id}";
    });
    expect(findingAt(findingsOf(RULE, vmThere), VM("ta-sak1"))).toMatchObject({ outcome: "fail", evidence: "config" });
    const unmanaged = room().facility(
      "workload",
      workload("tb-legacy", "tb", ["tb-legacy1"], { lifecycle: "unmanaged", cluster: "sakra" }),
    );
    const f = findingAt(findingsOf(RULE, unmanaged), VM("ta-sak1"));
    // Only tb's declaration puts it there: the failure rests on a declared fact.
    expect(f).toMatchObject({
      outcome: "fail",
      evidence: "declared",
      observed: "tenant ta (security-classified workload(s) ta-sak); cluster sakra: also tb",
    });
  });

  test("applies in every country; a tenant without classified workloads is no finding", () => {
    const no = room().editFacility("tenant", "ta", (t) => {
      t.country = "NO";
    });
    expect(outcomes(findingsOf(RULE, no))).toEqual({ [VM("ta-sak1")]: "pass", [VM("ta-dc1")]: "pass" });
    const none = room().editFacility("workload", "ta-sak", (w) => {
      w.sensitivity = "personal";
    });
    expect(findingsOf(RULE, none)).toEqual([]);
  });

  test("an unmanaged classified workload is checked on its declared cluster; no placement at all is not-evaluable", () => {
    const b = room()
      .facility("tenant", tenant("tc", { country: "DK" }))
      .facility(
        "workload",
        workload("tc-sak", "tc", ["tc-sak1"], { sensitivity: "security-classified", lifecycle: "unmanaged", cluster: "prod" }),
      )
      .facility("tenant", tenant("td"))
      .facility("workload", workload("td-sak", "td", ["td-sak1"], { sensitivity: "security-classified" }));
    const fs = findingsOf(RULE, b);
    expect(findingAt(fs, "terraform_data.workload_tc-sak")).toMatchObject({ outcome: "fail", evidence: "declared" });
    expect(findingAt(fs, "terraform_data.tenant_td")).toMatchObject({ outcome: "not-evaluable" });
  });

  test("a cluster that does not resolve is an error; input without tenant objects is one not-evaluable finding", () => {
    const b = room().edit("ta", "vsphere_virtual_machine", "ta-dc1", (v) => {
      v.resource_pool_id = "${vsphere_resource_pool.gone.id}";
    });
    expect(findingAt(findingsOf(RULE, b), VM("ta-dc1")).outcome).toBe("error");
    const foreign = new RoomBuilder("s").resource("vsphere", "vsphere_virtual_machine", "vm", { name: "vm" });
    expect(findingsOf(RULE, foreign).map((f) => f.outcome)).toEqual(["not-evaluable"]);
  });

  test("NO-SIKL-EXCLUDE keeps its own scope: the Norwegian graded workload's VMs only", () => {
    const b = room("prod").editFacility("tenant", "ta", (t) => {
      t.country = "NO";
    });
    expect(outcomes(findingsOf(GradedSystemsRunOnDedicatedInfrastructure, b))).toEqual({ [VM("ta-sak1")]: "pass" });
    expect(findingAt(findingsOf(RULE, b), VM("ta-dc1")).outcome).toBe("fail");
  });

  test("the example sites hold no security-classified workload (no finding); a graded Lauvstad workload in the shared cluster fails", () => {
    expect(evaluateDocs(exampleDocs(), [RULE])).toEqual([]);
    const docs = exampleDocs();
    facilityInput(docs, "fjordvik", "workload", "lauvstad-lvs-hrm01").sensitivity = "security-classified";
    const fs = evaluateDocs(docs, [RULE]);
    expect(fs.length).toBeGreaterThan(1);
    expect(new Set(fs.map((f) => `${f.tenant} ${f.outcome}`))).toEqual(new Set(["lauvstad fail"]));
    expect(fs.find((f) => f.address === VM("lvs-hrm01"))?.observed).toMatch(/cluster prod: also fjordvik, haugnes$/);
  });
});
