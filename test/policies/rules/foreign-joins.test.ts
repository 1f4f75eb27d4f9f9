import type { Finding, Rule } from "../../../policies/engine/rule";
import { ClusterSurvivesLosingItsLargestHosts } from "../../../policies/rules/compute/ClusterSurvivesLosingItsLargestHosts";
import { CriticalVmsRestartFirst } from "../../../policies/rules/compute/CriticalVmsRestartFirst";
import { HeartbeatDatastoresAreShared } from "../../../policies/rules/compute/HeartbeatDatastoresAreShared";
import { RedundantVmsNeverShareAHost } from "../../../policies/rules/compute/RedundantVmsNeverShareAHost";
import { InfrastructureTrafficIsSeparated } from "../../../policies/rules/firewall/InfrastructureTrafficIsSeparated";
import { TenantNetworksAreSeparated } from "../../../policies/rules/firewall/TenantNetworksAreSeparated";
import { EveryVmDeclaresEndpointProtection } from "../../../policies/rules/governance/EveryVmDeclaresEndpointProtection";
import { EveryVmIsOwnedAndClassified } from "../../../policies/rules/governance/EveryVmIsOwnedAndClassified";
import { SwitchesRejectLayer2Spoofing } from "../../../policies/rules/vsphere/SwitchesRejectLayer2Spoofing";
import { findingAt, findingsOf, RoomBuilder } from "../room-builder";

/**
 * Data sources that read the live inventory. Foreign Terraform (no facility objects) reads what exists
 * in vCenter: a join to an object the input does not create is not-evaluable, with the reason. The same
 * Terraform beside a facility object is our own output, whose stacks must join: there it is an error.
 */
function estate(ownOutput: boolean): RoomBuilder {
  const b = new RoomBuilder("s");
  if (ownOutput) b.facility("room", { id: "r1", roomType: "primary" });
  const data = (type: string, name: string, values: Record<string, unknown>) => b.data("vsphere", type, name, values);
  data("vsphere_network", "public", { name: "public" });
  data("vsphere_resource_pool", "pool", { name: "cluster1/Resources" });
  data("vsphere_compute_cluster", "c1", { name: "c1" });
  data("vsphere_host", "esx", { name: "esx-01.example.com" });
  data("vsphere_distributed_virtual_switch", "dvs", { name: "dvs-01" });
  data("vsphere_distributed_port_group", "storage", { name: "storage" });
  data("vsphere_tag_category", "criticality", { name: "criticality" });
  data("vsphere_tag", "critical", { name: "critical", category_id: "${data.vsphere_tag_category.criticality.id}" });
  data("vsphere_tag_category", "group", { name: "redundancy-group" });
  data("vsphere_tag", "g", { name: "g", category_id: "${data.vsphere_tag_category.group.id}" });
  b.resource("vsphere", "vsphere_virtual_machine", "vm", {
    name: "vm",
    memory: 4096,
    num_cpus: 2,
    resource_pool_id: "${data.vsphere_resource_pool.pool.id}",
    network_interface: [{ network_id: "${data.vsphere_network.public.id}" }],
    tags: ["${data.vsphere_tag.critical.id}", "${data.vsphere_tag.g.id}"],
  });
  b.resource("vsphere", "vsphere_compute_cluster", "cluster", {
    name: "cl",
    host_system_ids: ["${data.vsphere_host.esx.id}"],
    ha_enabled: true,
  });
  b.resource("vsphere", "vsphere_ha_vm_override", "vm", {
    compute_cluster_id: "${data.vsphere_compute_cluster.c1.id}",
    virtual_machine_id: "${vsphere_virtual_machine.vm.id}",
    ha_vm_restart_priority: "high",
  });
  b.resource("vsphere", "vsphere_compute_cluster_vm_anti_affinity_rule", "g", {
    name: "g",
    compute_cluster_id: "${data.vsphere_compute_cluster.c1.id}",
    virtual_machine_ids: ["${vsphere_virtual_machine.vm.id}", "${data.vsphere_virtual_machine.other.id}"],
    enabled: true,
    mandatory: true,
  });
  b.resource("vsphere", "vsphere_distributed_port_group", "pg", {
    name: "pg",
    vlan_id: 10,
    distributed_virtual_switch_uuid: "${data.vsphere_distributed_virtual_switch.dvs.id}",
  });
  b.resource("vsphere", "vsphere_vnic", "storage", {
    host: "${data.vsphere_host.esx.id}",
    distributed_port_group: "${data.vsphere_distributed_port_group.storage.id}",
  });
  b.resource("vsphere", "vsphere_vnic", "mgmt", {
    host: "${data.vsphere_host.esx.id}",
    portgroup: "Management Network",
    services: ["management"],
  });
  return b;
}

const FOREIGN = "which the input does not create";
const OWN = "which no stack of site s creates";

/** The finding at `ref` in foreign input and in our own output. */
function both(rule: Rule, ref: string): { foreign: Finding; own: Finding } {
  return { foreign: findingAt(findingsOf(rule, estate(false)), ref), own: findingAt(findingsOf(rule, estate(true)), ref) };
}

describe("a data source reading an object the input does not create", () => {
  test("NET-TENANT-SEG: a NIC on a vCenter network is not-evaluable in foreign input, an error in our own output", () => {
    const { foreign, own } = both(TenantNetworksAreSeparated, "vsphere_virtual_machine.vm#nics");
    expect(foreign).toMatchObject({
      outcome: "not-evaluable",
      observed: `s-vsphere: data.vsphere_network.public reads network "public" from vCenter, ${FOREIGN}`,
    });
    expect(own).toMatchObject({ outcome: "error", observed: `s-vsphere: data.vsphere_network.public reads network "public", ${OWN}` });
  });

  test("RED-HOST-N1: a VM in a vCenter resource pool, hosts read from vCenter", () => {
    const { foreign, own } = both(ClusterSurvivesLosingItsLargestHosts, "vsphere_virtual_machine.vm#cluster");
    expect(foreign.outcome).toBe("not-evaluable");
    expect(foreign.observed).toBe(
      `s-vsphere: data.vsphere_resource_pool.pool reads vsphere_resource_pool "cluster1/Resources" from vCenter, ${FOREIGN}`,
    );
    expect(own).toMatchObject({ outcome: "error" });
    expect(own.observed).toContain(OWN);
    const hosts = (own: boolean) =>
      findingsOf(ClusterSurvivesLosingItsLargestHosts, estate(own))
        .filter((f) => f.findingId === "hosts" && f.observed.includes("data.vsphere_host.esx"))
        .map((f) => f.outcome);
    expect(hosts(false)).toEqual(["not-evaluable"]);
    expect(hosts(true)).toEqual(["error"]);
  });

  test("RED-HOST-N1: host_system_ids as one data-source expression is not-evaluable in foreign input", () => {
    const room = estate(false).edit(
      "vsphere",
      "vsphere_compute_cluster",
      "cluster",
      (v) => (v.host_system_ids = "${data.vsphere_host.esx[*].id}"),
    );
    expect(findingAt(findingsOf(ClusterSurvivesLosingItsLargestHosts, room), "vsphere_compute_cluster.cluster#hosts")).toMatchObject({
      outcome: "not-evaluable",
      observed: `host_system_ids is \${data.vsphere_host.esx[*].id}: hosts read from vCenter, ${FOREIGN}`,
    });
  });

  test("RED-HA-HB-DS: hosts read from vCenter are not '0 hosts': not-evaluable in foreign input; our own output still fails", () => {
    const { foreign, own } = both(HeartbeatDatastoresAreShared, "vsphere_compute_cluster.cluster");
    expect(foreign.outcome).toBe("not-evaluable");
    expect(foreign.observed).toContain(
      `hosts not in the input: s-vsphere: data.vsphere_host.esx reads vsphere_host "esx-01.example.com" from vCenter, ${FOREIGN}`,
    );
    expect(own.outcome).toBe("fail");
    const planTime = estate(true).edit("vsphere", "vsphere_compute_cluster", "cluster", (v) => (v.host_system_ids = "${var.hosts}"));
    expect(findingAt(findingsOf(HeartbeatDatastoresAreShared, planTime), "vsphere_compute_cluster.cluster")).toMatchObject({
      outcome: "not-evaluable",
    });
  });

  test("RED-HA-RESTART: an override's cluster read from vCenter", () => {
    const { foreign, own } = both(CriticalVmsRestartFirst, "vsphere_ha_vm_override.vm");
    expect(foreign.outcome).toBe("not-evaluable");
    expect(foreign.observed).toContain(FOREIGN);
    expect(own.outcome).toBe("error");
    expect(own.observed).toContain(OWN);
  });

  test("RED-ANTI-AFFINITY: a member and the rule's cluster read from vCenter", () => {
    const foreign = findingsOf(RedundantVmsNeverShareAHost, estate(false));
    const own = findingsOf(RedundantVmsNeverShareAHost, estate(true));
    const of = (fs: Finding[], ref: string) => findingAt(fs, ref).outcome;
    expect(of(foreign, "vsphere_compute_cluster_vm_anti_affinity_rule.g#cluster")).toBe("not-evaluable");
    expect(of(own, "vsphere_compute_cluster_vm_anti_affinity_rule.g#cluster")).toBe("error");
    expect(of(foreign, "vsphere_virtual_machine.vm#group-g")).toBe("not-evaluable");
    expect(of(own, "vsphere_virtual_machine.vm#group-g")).toBe("error");
    // data.vsphere_virtual_machine.other is not even declared: a reference to nothing is the input's mistake, in both.
    const dangling = (fs: Finding[]) =>
      fs.filter((f) => f.address === "vsphere_compute_cluster_vm_anti_affinity_rule.g" && f.findingId === undefined);
    expect(dangling(foreign).map((f) => f.outcome)).toEqual(["error"]);
    expect(dangling(own).map((f) => f.outcome)).toEqual(["error"]);
  });

  test("NET-VMK-SEG: a vmk on a vCenter port group, and on the host's standard 'Management Network'", () => {
    for (const vmk of ["storage", "mgmt"]) {
      const { foreign, own } = both(InfrastructureTrafficIsSeparated, `vsphere_vnic.${vmk}`);
      expect(foreign.outcome).toBe("not-evaluable");
      expect(foreign.observed).toContain(FOREIGN);
      expect(own.outcome).toBe("error");
    }
  });

  test("VSP-VSWITCH-SEC: a port group inheriting from a switch read from vCenter", () => {
    const { foreign, own } = both(SwitchesRejectLayer2Spoofing, "vsphere_distributed_port_group.pg#security-policy");
    expect(foreign.outcome).toBe("not-evaluable");
    expect(foreign.observed).toContain(`distributed_virtual_switch "dvs-01" from vCenter, ${FOREIGN}`);
    expect(own.outcome).toBe("error");
    expect(own.observed).toContain(OWN);
  });
});

describe("tags: our taxonomy, tags read from vCenter, a plan-time tag list", () => {
  const vmWith = (ownOutput: boolean, tags: unknown) =>
    estate(ownOutput).edit("vsphere", "vsphere_virtual_machine", "vm", (v) => (v.tags = tags));
  const at = (rule: Rule, room: RoomBuilder) => findingAt(findingsOf(rule, room), "vsphere_virtual_machine.vm");

  test("GOV-ASSET-TAGS and SEC-ENDPOINT: tags = var.tags is not-evaluable, in foreign input and in our own output", () => {
    for (const own of [false, true])
      for (const rule of [EveryVmIsOwnedAndClassified, EveryVmDeclaresEndpointProtection]) {
        const f = at(rule, vmWith(own, "${var.tags}"));
        expect(f.outcome).toBe("not-evaluable");
        expect(f.observed).toContain("tags is ${var.tags}: known only at plan");
      }
  });

  test("GOV-ASSET-TAGS: a foreign VM tagged in none of the four categories is not-evaluable; one that uses them is held to all", () => {
    expect(at(EveryVmIsOwnedAndClassified, vmWith(false, []))).toMatchObject({ outcome: "not-evaluable" });
    // The criticality tag is read from vCenter (it counts as the VM's tag), but tenant, classification and lifecycle are missing.
    const partial = at(EveryVmIsOwnedAndClassified, estate(false));
    expect(partial.outcome).toBe("fail");
    expect(partial.message).toContain("no tenant tag");
    // Our own output: a tag data source no stack creates stays an error.
    const own = at(EveryVmIsOwnedAndClassified, estate(true));
    expect(own.outcome).toBe("error");
    expect(own.message).toContain(OWN);
  });

  test("SEC-ENDPOINT: a foreign VM without an endpoint-protection tag is not-evaluable; an invalid value still fails; our own output fails", () => {
    expect(at(EveryVmDeclaresEndpointProtection, estate(false)).outcome).toBe("not-evaluable");
    const wrong = new RoomBuilder("s")
      .resource("vsphere", "vsphere_tag_category", "ep", { name: "endpoint-protection" })
      .resource("vsphere", "vsphere_tag", "av", { name: "antivirus", category_id: "${vsphere_tag_category.ep.id}" })
      .resource("vsphere", "vsphere_virtual_machine", "vm", { name: "vm", tags: ["${vsphere_tag.av.id}"] });
    expect(at(EveryVmDeclaresEndpointProtection, wrong).outcome).toBe("fail");
    expect(at(EveryVmDeclaresEndpointProtection, vmWith(true, [])).outcome).toBe("fail");
  });
});
