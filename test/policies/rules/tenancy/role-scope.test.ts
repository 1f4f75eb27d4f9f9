import { TenantRolesSeeOnlyTheirOwnObjects } from "../../../../policies/rules/tenancy/TenantRolesSeeOnlyTheirOwnObjects";
import { blockOf, evaluateDocs, exampleDocs, expectMutationFails } from "../../example-output";
import { findingAt, findingsOf, outcomes, RoomBuilder } from "../../room-builder";
import { isolationRoom } from "./tenancy-room";
import { tenantViewDifferences } from "../../tenant-view";

const RULE = TenantRolesSeeOnlyTheirOwnObjects;
const grant = (t: string, what: string) => `vsphere_entity_permissions.${t}_${what}`;

describe("TEN-ROLE-SCOPE TenantRolesSeeOnlyTheirOwnObjects", () => {
  test("passes each tenant's group granted on its own folder and pool", () => {
    const fs = findingsOf(RULE, isolationRoom());
    expect(outcomes(fs)).toEqual({
      [grant("ta", "folder")]: "pass",
      [grant("ta", "pool")]: "pass",
      [grant("tb", "folder")]: "pass",
      [grant("tb", "pool")]: "pass",
    });
    expect(findingAt(fs, grant("ta", "folder")).observed).toBe("TA\\ops (tenant ta) granted on folder tenants/ta (tenant ta), propagating");
  });

  test("fails a grant on the datacenter, the shared folder or a cluster (anything its stack reads rather than creates)", () => {
    for (const entity of [
      "${data.vsphere_datacenter.datacenter.id}",
      "${data.vsphere_folder.tenants.id}",
      "${data.vsphere_compute_cluster.prod.id}",
    ]) {
      const b = isolationRoom().edit("ta", "vsphere_entity_permissions", "ta_pool", (v) => {
        v.entity_id = entity;
      });
      const f = findingAt(findingsOf(RULE, b), grant("ta", "pool"));
      expect(f.outcome).toBe("fail");
      expect(f.observed).toMatch(/^TA\\ops \(tenant ta\) granted on /);
    }
    const dc = isolationRoom().edit("ta", "vsphere_entity_permissions", "ta_pool", (v) => {
      v.entity_id = "${data.vsphere_datacenter.datacenter.id}";
    });
    expect(findingAt(findingsOf(RULE, dc), grant("ta", "pool")).observed).toBe("TA\\ops (tenant ta) granted on datacenter dc (the site)");
  });

  test("fails a tenant's group granted by the site's stack on a site object", () => {
    const b = isolationRoom().resource("vsphere", "vsphere_entity_permissions", "ta_cluster", {
      entity_id: "${vsphere_compute_cluster.prod.id}",
      entity_type: "ClusterComputeResource",
      permissions: [{ user_or_group: "TA\\ops", is_group: true, propagate: false, role_id: "${data.vsphere_role.ro.id}" }],
    });
    const f = findingAt(findingsOf(RULE, b), "vsphere_entity_permissions.ta_cluster");
    expect(f).toMatchObject({ outcome: "fail", stacks: ["s-vsphere"] });
    expect(f.observed).toBe("TA\\ops (tenant ta) granted on compute_cluster prod (the site)");
  });

  test("fails a propagating grant that reaches another tenant's VM in its folder or its pool", () => {
    const inFolder = isolationRoom().edit("tb", "vsphere_virtual_machine", "tb-vm1", (v) => {
      v.folder = "tenants/ta/moved";
    });
    const f = findingAt(findingsOf(RULE, inFolder), grant("ta", "folder"));
    expect(f.outcome).toBe("fail");
    expect(f.observed).toContain("; reaches virtual_machine tb-vm1 (tenant tb)");
    const inPool = isolationRoom()
      .data("tb", "vsphere_resource_pool", "ta", { name: "ta" })
      .edit("tb", "vsphere_virtual_machine", "tb-vm1", (v) => {
        v.resource_pool_id = "${data.vsphere_resource_pool.ta.id}";
      });
    // Both tenants' pools are named after them; the data source joins ta's pool by name.
    const g = findingAt(findingsOf(RULE, inPool), grant("ta", "pool"));
    expect(g.outcome).toBe("fail");
    expect(g.addresses).toContain("vsphere_virtual_machine.tb-vm1");
  });

  test("a grant without propagation does not reach what lies below", () => {
    const b = isolationRoom()
      .edit("tb", "vsphere_virtual_machine", "tb-vm1", (v) => {
        v.folder = "tenants/ta";
      })
      .edit("ta", "vsphere_entity_permissions", "ta_folder", (v) => {
        (v.permissions as { propagate: boolean }[])[0].propagate = false;
      });
    expect(findingAt(findingsOf(RULE, b), grant("ta", "folder")).outcome).toBe("pass");
  });

  test("fails one group both tenants grant", () => {
    const b = isolationRoom().edit("tb", "vsphere_entity_permissions", "tb_folder", (v) => {
      (v.permissions as { user_or_group: string }[])[0].user_or_group = "TA\\ops";
    });
    const fs = findingsOf(RULE, b);
    expect(findingAt(fs, grant("tb", "folder"))).toMatchObject({
      outcome: "fail",
      observed: "TA\\ops is granted by the stacks or roles of tenants ta and tb",
    });
    expect(findingAt(fs, grant("ta", "folder")).outcome).toBe("fail");
    // The directory compares names without case.
    const cased = isolationRoom().edit("tb", "vsphere_entity_permissions", "tb_folder", (v) => {
      (v.permissions as { user_or_group: string }[])[0].user_or_group = "ta\\OPS";
    });
    expect(findingAt(findingsOf(RULE, cased), grant("tb", "folder")).outcome).toBe("fail");
  });

  test("each tenant's view (synth --tenant) finds what the whole room finds: another tenant's VM reached, a group both grant", () => {
    const reached = isolationRoom().edit("tb", "vsphere_virtual_machine", "tb-vm1", (v) => {
      v.folder = "tenants/ta/moved";
    });
    const both = isolationRoom().edit("tb", "vsphere_entity_permissions", "tb_folder", (v) => {
      (v.permissions as { user_or_group: string }[])[0].user_or_group = "TA\\ops";
    });
    for (const b of [isolationRoom(), reached, both]) {
      const room = b.build();
      expect(room.facility("tenant").length).toBeGreaterThan(1);
      expect(tenantViewDifferences(room, RULE)).toEqual([]);
    }
  });

  test("an entity that does not resolve is an error; foreign input (no facility objects) is one not-evaluable finding", () => {
    const b = isolationRoom().edit("ta", "vsphere_entity_permissions", "ta_pool", (v) => {
      v.entity_id = "${vsphere_resource_pool.gone.id}";
    });
    expect(findingAt(findingsOf(RULE, b), grant("ta", "pool")).outcome).toBe("error");
    const foreign = new RoomBuilder("s").resource("vsphere", "vsphere_entity_permissions", "p", {
      entity_id: "${data.vsphere_datacenter.dc.id}",
      permissions: [{ user_or_group: "X\\ops", is_group: true, propagate: true, role_id: "r" }],
    });
    expect(findingsOf(RULE, foreign).map((f) => [f.outcome, f.address])).toEqual([["not-evaluable", "site.(no site)"]]);
  });

  test("the example sites pass (each tenant's group on its folder and pool); Haugnes's pool grant moved to the cluster fails", () => {
    const fs = evaluateDocs(exampleDocs(), [RULE]);
    expect(fs).toHaveLength(10);
    expect(fs.filter((f) => f.outcome !== "pass").map((f) => `${f.site} ${f.address} ${f.outcome}: ${f.observed}`)).toEqual([]);
    expectMutationFails([RULE], {
      rule: "TEN-ROLE-SCOPE",
      site: "fjordvik",
      target: "vsphere_entity_permissions.haugnes_pool",
      mutate: (d) =>
        (blockOf(d, "fjordvik-haugnes", "vsphere_entity_permissions", "haugnes_pool").entity_id =
          "${data.vsphere_compute_cluster.prod.id}"),
    });
  });
});
