import type { Rule } from "../../../policies/engine/rule";
import { ClusterRestartsVmsOnStorageLoss } from "../../../policies/rules/compute/ClusterRestartsVmsOnStorageLoss";
import { ClusterSurvivesLosingItsLargestHosts } from "../../../policies/rules/compute/ClusterSurvivesLosingItsLargestHosts";
import { CoreSwitchesSurviveALostRackOrPath } from "../../../policies/rules/compute/CoreSwitchesSurviveALostRackOrPath";
import { CriticalVmsRestartFirst } from "../../../policies/rules/compute/CriticalVmsRestartFirst";
import { EveryLunHasTwoPathsThroughTwoControllers } from "../../../policies/rules/compute/EveryLunHasTwoPathsThroughTwoControllers";
import { HeartbeatDatastoresAreShared } from "../../../policies/rules/compute/HeartbeatDatastoresAreShared";
import { ManagementNetworkHasTwoUplinksOnTwoSwitches } from "../../../policies/rules/compute/ManagementNetworkHasTwoUplinksOnTwoSwitches";
import { RedundantVmsNeverShareAHost } from "../../../policies/rules/compute/RedundantVmsNeverShareAHost";
import { SanHasTwoIndependentFabrics } from "../../../policies/rules/compute/SanHasTwoIndependentFabrics";
import { findingsOf, RoomBuilder } from "../room-builder";

type Values = Record<string, unknown>;
const HOSTS = ["h1", "h2", "h3"] as const;
const RACK: Record<string, string> = { h1: "k1", h2: "k1", h3: "k2" };

/**
 * A small park: cluster prod of three hosts (h1, h2 in rack k1, h3 in k2; 64 cores and 256 GB each),
 * a distributed switch carrying the management vmk, two core switches (k1, k2), SAN fabrics A (k1) and
 * B (k2), an array with two controllers cabled to both, two LUNs as datastores; tenant t with two
 * critical VMs (64 GB, 8 vCPUs each) in redundancy group g, and one unmanaged VM (16 GB, 4 vCPUs).
 */
function park(): RoomBuilder {
  const b = new RoomBuilder();
  for (const k of ["k1", "k2"]) {
    b.facility("rack", { id: k, roomId: "r1", designKw: 10 });
    b.facility("pdu", { id: `${k}-a`, rackId: k, upsId: "ua", path: "A", capacityKw: 10 });
    b.facility("pdu", { id: `${k}-b`, rackId: k, upsId: "ub", path: "B", capacityKw: 10 });
  }
  const psus = (k: string) => [
    { pduId: `${k}-a`, watts: 200 },
    { pduId: `${k}-b`, watts: 200 },
  ];
  b.facility("device", { id: "core1", role: "core-switch", rackId: "k1", psus: psus("k1"), links: [] });
  b.facility("device", { id: "core2", role: "core-switch", rackId: "k2", psus: psus("k2"), links: [] });
  b.facility("device", { id: "fa", role: "fabric-switch", fabric: "A", rackId: "k1", psus: psus("k1"), links: [] });
  b.facility("device", { id: "fb", role: "fabric-switch", fabric: "B", rackId: "k2", psus: psus("k2"), links: [] });
  b.facility("device", { id: "arr", role: "san-array", rackId: "k1", controllerIds: ["ca", "cb"], psus: psus("k1"), links: [] });
  for (const c of ["ca", "cb"])
    b.facility("device", {
      id: c,
      role: "san-controller",
      arrayId: "arr",
      rackId: "k1",
      psus: psus("k1"),
      links: [
        { port: "fc0", peerDeviceId: "fa", peerPort: `${c}0` },
        { port: "fc1", peerDeviceId: "fb", peerPort: `${c}1` },
      ],
    });
  for (const h of HOSTS) {
    b.facility("device", {
      id: h,
      role: "esxi-host",
      rackId: RACK[h] ?? "k1",
      vsphereHostname: `${h}.example`,
      cluster: "prod",
      cpuCores: 64,
      memoryGb: 256,
      lifecycle: "active",
      managementSwitch: "dvs",
      psus: psus(RACK[h] ?? "k1"),
      links: [
        { port: "vmnic0", peerDeviceId: "core1", peerPort: h },
        { port: "vmnic1", peerDeviceId: "core2", peerPort: h },
        { port: "vmhba1", peerDeviceId: "fa", peerPort: h },
        { port: "vmhba2", peerDeviceId: "fb", peerPort: h },
      ],
    });
    b.resource("vsphere", "vsphere_host", h, { hostname: `${h}.example` });
  }
  for (const [i, owner] of [
    [1, "ca"],
    [2, "cb"],
  ] as const) {
    b.facility("lun", { id: `naa.${i}`, arrayId: "arr", sizeGb: 1024, ownerControllerId: owner, datastore: `ds${i}` });
    b.resource("vsphere", "vsphere_vmfs_datastore", `ds${i}`, {
      name: `ds${i}`,
      host_system_id: "${vsphere_host.h1.id}",
      disks: [`naa.${i}`],
    });
  }
  b.resource("vsphere", "vsphere_compute_cluster", "prod", {
    name: "prod",
    host_system_ids: HOSTS.map((h) => `\${vsphere_host.${h}.id}`),
    ha_enabled: true,
    ha_admission_control_policy: "resourcePercentage",
    ha_admission_control_host_failure_tolerance: 1,
    ha_heartbeat_datastore_policy: "allFeasibleDsWithUserPreference",
    ha_heartbeat_datastore_ids: ["${vsphere_vmfs_datastore.ds1.id}", "${vsphere_vmfs_datastore.ds2.id}"],
    ha_vm_component_protection: "enabled",
    ha_datastore_pdl_response: "restartAggressive",
    ha_datastore_apd_response: "restartConservative",
    drs_enabled: true,
    drs_automation_level: "fullyAutomated",
  });
  b.resource("vsphere", "vsphere_distributed_virtual_switch", "dvs", {
    name: "dvs",
    uplinks: ["u1", "u2"],
    active_uplinks: ["u1", "u2"],
    standby_uplinks: [],
    host: HOSTS.map((h) => ({ host_system_id: `\${vsphere_host.${h}.id}`, devices: ["vmnic0", "vmnic1"] })),
  });
  // The tenant stack: its pool in the park's cluster (through the data source), two critical VMs in group g.
  b.data("t", "vsphere_compute_cluster", "prod", { name: "prod" });
  b.resource("t", "vsphere_resource_pool", "t", {
    name: "t",
    parent_resource_pool_id: "${data.vsphere_compute_cluster.prod.resource_pool_id}",
  });
  b.data("t", "vsphere_tag_category", "criticality", { name: "criticality" });
  b.data("t", "vsphere_tag", "criticality_critical", { name: "critical", category_id: "${data.vsphere_tag_category.criticality.id}" });
  b.data("t", "vsphere_tag", "criticality_standard", { name: "standard", category_id: "${data.vsphere_tag_category.criticality.id}" });
  b.data("t", "vsphere_tag_category", "redundancy-group", { name: "redundancy-group" });
  b.resource("t", "vsphere_tag", "redundancy-group_g", { name: "g", category_id: "${data.vsphere_tag_category.redundancy-group.id}" });
  for (const vm of ["vm1", "vm2"]) {
    b.resource("t", "vsphere_virtual_machine", vm, {
      name: vm,
      memory: 65536,
      num_cpus: 8,
      resource_pool_id: "${vsphere_resource_pool.t.id}",
      tags: ["${data.vsphere_tag.criticality_critical.id}", "${vsphere_tag.redundancy-group_g.id}"],
    });
    b.resource("t", "vsphere_ha_vm_override", vm, {
      compute_cluster_id: "${data.vsphere_compute_cluster.prod.id}",
      virtual_machine_id: `\${vsphere_virtual_machine.${vm}.id}`,
      ha_vm_restart_priority: "high",
    });
  }
  b.resource("t", "vsphere_compute_cluster_vm_anti_affinity_rule", "g", {
    name: "t-g",
    compute_cluster_id: "${data.vsphere_compute_cluster.prod.id}",
    virtual_machine_ids: ["${vsphere_virtual_machine.vm1.id}", "${vsphere_virtual_machine.vm2.id}"],
    enabled: true,
    mandatory: true,
  });
  const workload = { tenantId: "t", sensitivity: "internal" as const, lifecycle: "active", backupClass: null, addresses: [] };
  b.facility("workload", {
    id: "t-app",
    system: "app",
    vms: ["vm1", "vm2"],
    criticality: "critical",
    ...workload,
    cluster: "prod",
    cpus: 8,
    memoryGb: 64,
  });
  b.facility("workload", {
    id: "t-appliance",
    system: "appliance",
    vms: ["u1"],
    criticality: "standard",
    ...workload,
    lifecycle: "unmanaged",
    cluster: "prod",
    cpus: 4,
    memoryGb: 16,
  });
  return b;
}

/** Foreign Terraform: the same vSphere resources, no facility objects. */
function foreign(): RoomBuilder {
  const b = new RoomBuilder("x");
  b.resource("vsphere", "vsphere_host", "h1", { hostname: "h1.example" });
  b.resource("vsphere", "vsphere_compute_cluster", "prod", { name: "prod", host_system_ids: ["${vsphere_host.h1.id}"], ha_enabled: true });
  return b;
}

const byId = (rule: Rule, room: RoomBuilder, id?: string, address?: string) =>
  findingsOf(rule, room).filter((f) => (id === undefined || f.findingId === id) && (address === undefined || f.address === address));
const one = (rule: Rule, room: RoomBuilder, id?: string, address?: string) => {
  const found = byId(rule, room, id, address);
  expect(found).toHaveLength(1);
  return found[0];
};
const setCluster = (change: (v: Values) => void) => (b: RoomBuilder) => b.edit("vsphere", "vsphere_compute_cluster", "prod", change);
const setDevice = (id: string, change: (v: Values) => void) => (b: RoomBuilder) => b.editFacility("device", id, change);

describe("RED-HOST-N1 ClusterSurvivesLosingItsLargestHosts", () => {
  const rule = ClusterSurvivesLosingItsLargestHosts;
  test("passes with the numbers: memory and vCPUs of Terraform and unmanaged VMs after losing the largest host", () => {
    const room = park();
    expect(one(rule, room, "ha").outcome).toBe("pass");
    expect(one(rule, room, "hosts")).toMatchObject({ outcome: "pass", observed: "3 hosts in 2 rack(s) (k1 and k2)" });
    expect(one(rule, room, "memory")).toMatchObject({
      outcome: "pass",
      observed: "3 x 256 GB minus the largest = 512 GB",
      expected: ">= 144 GB of VM memory (2 Terraform VMs and 1 unmanaged)",
    });
    expect(one(rule, room, "vcpu")).toMatchObject({
      outcome: "pass",
      observed: "3 x 64 cores minus the largest = 128 cores x 4 = 512 vCPUs",
      expected: ">= 20 vCPUs (2 Terraform VMs and 1 unmanaged)",
    });
  });
  test("fails when the VMs' memory does not fit on the hosts left, losing the LARGEST host", () => {
    const room = park().edit("t", "vsphere_virtual_machine", "vm1", (v) => (v.memory = 450 * 1024));
    setDevice("h3", (d) => (d.memoryGb = 512))(room);
    expect(one(rule, room, "memory")).toMatchObject({
      outcome: "fail",
      observed: "256 + 256 + 512 GB minus the largest = 512 GB",
      expected: ">= 530 GB of VM memory (2 Terraform VMs and 1 unmanaged)",
    });
  });
  test("fails on vCPUs at the ratio parameter, on HA off, and on hosts in one rack", () => {
    expect(findingsOf(rule, park(), { "RED-HOST-N1": { vcpuPerCore: 0.1 } }).find((f) => f.findingId === "vcpu")).toMatchObject({
      outcome: "fail",
      observed: "3 x 64 cores minus the largest = 128 cores x 0.1 = 12.8 vCPUs",
    });
    expect(one(rule, setCluster((v) => (v.ha_admission_control_policy = "disabled"))(park()), "ha")).toMatchObject({
      outcome: "fail",
      observed: 'ha_enabled true, admission control "disabled", host failure tolerance 1',
    });
    expect(one(rule, setDevice("h3", (d) => (d.rackId = "k1"))(park()), "hosts")).toMatchObject({
      outcome: "fail",
      observed: "3 hosts in 1 rack(s) (k1)",
    });
  });
  test("a VM whose cluster does not resolve is an error, not left out", () => {
    const room = park().edit("t", "vsphere_virtual_machine", "vm2", (v) => (v.resource_pool_id = "${vsphere_resource_pool.gone.id}"));
    expect(one(rule, room, "cluster", "vsphere_virtual_machine.vm2").outcome).toBe("error");
  });
  test("not applicable without clusters; not evaluable without facility objects or with a variable size", () => {
    expect(findingsOf(rule, new RoomBuilder().facility("room", { id: "r1", roomType: "primary" }))).toEqual([]);
    expect(one(rule, foreign(), "capacity")).toMatchObject({
      outcome: "not-evaluable",
      observed: "no facility objects: the hosts' cores, memory and racks are unknown",
    });
    const room = park().edit("t", "vsphere_virtual_machine", "vm1", (v) => (v.memory = "${var.memory}"));
    expect(one(rule, room, "capacity").outcome).toBe("not-evaluable");
    const noCluster = park().edit("facility", "terraform_data", "workload_t-appliance", (v) => delete (v.input as Values).cluster);
    expect(one(rule, noCluster, "unmanaged").outcome).toBe("not-evaluable");
  });
});

describe("RED-HA-RESTART CriticalVmsRestartFirst", () => {
  const rule = CriticalVmsRestartFirst;
  test("passes for a critical VM with an override of priority high in its own cluster", () => {
    expect(one(rule, park(), undefined, "vsphere_ha_vm_override.vm1")).toMatchObject({
      outcome: "pass",
      observed: "criticality critical, restart priority high in cluster prod",
    });
  });
  test("fails for a critical VM at medium, without an override, or with restart disabled", () => {
    const medium = park().edit("t", "vsphere_ha_vm_override", "vm1", (v) => (v.ha_vm_restart_priority = "medium"));
    expect(one(rule, medium, undefined, "vsphere_ha_vm_override.vm1")).toMatchObject({
      outcome: "fail",
      observed: "criticality critical, restart priority medium in cluster prod",
    });
    const none = park().edit("t", "vsphere_ha_vm_override", "vm2", (v) => (v.virtual_machine_id = "${vsphere_virtual_machine.vm1.id}"));
    expect(one(rule, none, undefined, "vsphere_virtual_machine.vm2")).toMatchObject({
      outcome: "fail",
      observed: "criticality critical, no vsphere_ha_vm_override (cluster default applies)",
    });
    const disabled = park()
      .edit("t", "vsphere_virtual_machine", "vm1", (v) => (v.tags = ["${data.vsphere_tag.criticality_standard.id}"]))
      .edit("t", "vsphere_ha_vm_override", "vm1", (v) => (v.ha_vm_restart_priority = "disabled"));
    expect(one(rule, disabled, undefined, "vsphere_ha_vm_override.vm1")).toMatchObject({
      outcome: "fail",
      observed: "restart priority disabled (criticality standard)",
    });
  });
  test("a standard VM is not applicable; a VM with no criticality at all and an unmanaged critical VM are not evaluable", () => {
    const standard = park().edit("t", "vsphere_virtual_machine", "vm1", (v) => (v.tags = ["${data.vsphere_tag.criticality_standard.id}"]));
    expect(one(rule, standard, undefined, "vsphere_virtual_machine.vm1")).toMatchObject({
      outcome: "not-applicable",
      observed: "criticality standard",
    });
    const unknown = park()
      .edit("t", "vsphere_virtual_machine", "vm1", (v) => (v.tags = []))
      .edit("facility", "terraform_data", "workload_t-app", (v) => ((v.input as Values).vms = ["vm2"]));
    expect(one(rule, unknown, undefined, "vsphere_virtual_machine.vm1").outcome).toBe("not-evaluable");
    const unmanaged = park().edit(
      "facility",
      "terraform_data",
      "workload_t-appliance",
      (v) => ((v.input as Values).criticality = "life-and-health"),
    );
    expect(one(rule, unmanaged, undefined, "terraform_data.workload_t-appliance")).toMatchObject({
      outcome: "not-evaluable",
      observed: "unmanaged VMs u1 (criticality life-and-health)",
    });
  });
});

describe("RED-HA-HB-DS HeartbeatDatastoresAreShared", () => {
  const rule = HeartbeatDatastoresAreShared;
  test("passes: two heartbeat datastores, each reachable by the three hosts through the SAN", () => {
    expect(one(rule, park())).toMatchObject({
      outcome: "pass",
      observed: "policy allFeasibleDsWithUserPreference; 2 shared (ds1: 3 hosts and ds2: 3 hosts)",
    });
  });
  test("fails with heartbeating disabled, and with datastores only their creating host sees", () => {
    const off = setCluster((v) => {
      v.ha_heartbeat_datastore_policy = "userSelectedDs";
      v.ha_heartbeat_datastore_ids = [];
    })(park());
    expect(one(rule, off)).toMatchObject({ outcome: "fail", observed: "policy userSelectedDs with no datastores: heartbeating disabled" });
    const unreachable = park();
    for (const c of ["ca", "cb"]) setDevice(c, (d) => (d.links = []))(unreachable);
    expect(one(rule, unreachable)).toMatchObject({
      outcome: "fail",
      observed: "policy allFeasibleDsWithUserPreference; 0 shared (none); on one host only: ds1: 1 host and ds2: 1 host",
    });
  });
  test("not applicable without HA; not evaluable without LUN objects", () => {
    expect(one(rule, setCluster((v) => (v.ha_enabled = false))(park())).outcome).toBe("not-applicable");
    const noLun = park()
      .edit("vsphere", "vsphere_vmfs_datastore", "ds1", (v) => (v.disks = ["naa.9"]))
      .edit("vsphere", "vsphere_vmfs_datastore", "ds2", (v) => (v.disks = ["naa.8"]));
    expect(one(rule, noLun)).toMatchObject({ outcome: "not-evaluable" });
    expect(one(rule, noLun).observed).toContain("mounts unknown (no lun objects): ds1 and ds2");
  });
});

describe("RED-HA-VMCP ClusterRestartsVmsOnStorageLoss", () => {
  const rule = ClusterRestartsVmsOnStorageLoss;
  test("passes with component protection, PDL restartAggressive, APD restartConservative", () => {
    expect(one(rule, park())).toMatchObject({
      outcome: "pass",
      observed: 'ha_enabled true, component protection "enabled", PDL "restartAggressive", APD "restartConservative"',
    });
  });
  test("fails with the provider's default (unset) APD response", () => {
    expect(one(rule, setCluster((v) => delete v.ha_datastore_apd_response)(park()))).toMatchObject({
      outcome: "fail",
      observed: 'ha_enabled true, component protection "enabled", PDL "restartAggressive", APD "unset (disabled)"',
    });
  });
  test("not evaluable with a variable; nothing to check without clusters", () => {
    expect(one(rule, setCluster((v) => (v.ha_datastore_pdl_response = "${var.pdl}"))(park())).outcome).toBe("not-evaluable");
    expect(findingsOf(rule, new RoomBuilder().facility("room", { id: "r1", roomType: "primary" }))).toEqual([]);
  });
});

describe("RED-ANTI-AFFINITY RedundantVmsNeverShareAHost", () => {
  const rule = RedundantVmsNeverShareAHost;
  test("passes: a mandatory rule with both members, DRS automated, 3 hosts minus 1 >= 2 members", () => {
    expect(one(rule, park(), "group-g")).toMatchObject({
      outcome: "pass",
      address: "vsphere_compute_cluster_vm_anti_affinity_rule.g",
      observed:
        "2 members; vsphere_compute_cluster_vm_anti_affinity_rule.g (2/2 members, enabled true, mandatory true); DRS fullyAutomated; 3 hosts minus 1 tolerated = 2",
    });
    expect(one(rule, park(), "ungrouped").outcome).toBe("pass");
  });
  test("fails on a rule that is not mandatory, manual DRS, too few hosts, and a critical pair without a group", () => {
    const soft = park().edit("t", "vsphere_compute_cluster_vm_anti_affinity_rule", "g", (v) => (v.mandatory = false));
    expect(one(rule, soft, "group-g").message).toContain("the rule is not mandatory");
    const manual = setCluster((v) => (v.drs_automation_level = "manual"))(park());
    expect(one(rule, manual, "group-g")).toMatchObject({ outcome: "fail" });
    const small = setCluster((v) => (v.host_system_ids = ["${vsphere_host.h1.id}", "${vsphere_host.h2.id}"]))(park());
    expect(one(rule, small, "group-g").message).toContain("2 hosts minus 1 tolerated = 1 < 2 members");
    const ungrouped = park();
    for (const vm of ["vm1", "vm2"])
      ungrouped.edit("t", "vsphere_virtual_machine", vm, (v) => (v.tags = ["${data.vsphere_tag.criticality_critical.id}"]));
    expect(one(rule, ungrouped, "ungrouped")).toMatchObject({ outcome: "fail", observed: "2 VMs, redundancy group(s) none" });
  });
  test("a standard workload is not checked for a group; a farm larger than the hosts can separate is not applicable; unmanaged is not evaluable", () => {
    const standard = park().edit("facility", "terraform_data", "workload_t-app", (v) => ((v.input as Values).criticality = "standard"));
    expect(byId(rule, standard, "ungrouped")).toEqual([]);
    const farm = park();
    for (const vm of ["vm1", "vm2"]) farm.edit("t", "vsphere_virtual_machine", vm, (v) => (v.tags = []));
    setCluster((v) => (v.host_system_ids = ["${vsphere_host.h1.id}", "${vsphere_host.h2.id}"]))(farm);
    expect(one(rule, farm, "ungrouped")).toMatchObject({
      outcome: "not-applicable",
      observed: "2 VMs, redundancy group(s) none; 2 hosts minus 1 tolerated = 1",
    });
    const unmanaged = park().edit("facility", "terraform_data", "workload_t-appliance", (v) => {
      Object.assign(v.input as Values, { criticality: "critical", vms: ["u1", "u2"] });
    });
    expect(one(rule, unmanaged, "ungrouped", "terraform_data.workload_t-appliance").outcome).toBe("not-evaluable");
  });
});

describe("RED-MGMT-NET ManagementNetworkHasTwoUplinksOnTwoSwitches", () => {
  const rule = ManagementNetworkHasTwoUplinksOnTwoSwitches;
  test("passes: the declared switch gives two NICs cabled to core1 (k1) and core2 (k2)", () => {
    expect(one(rule, park(), undefined, "vsphere_host.h1")).toMatchObject({
      outcome: "pass",
      observed:
        "management vmk on vsphere_distributed_virtual_switch.dvs (declared managementSwitch): 2 uplink NIC(s) (vmnic0 and vmnic1); cabled to 2 core switch(es) (core1 in k1 and core2 in k2)",
    });
  });
  test("fails with one uplink, and with both NICs on one switch", () => {
    const oneUplink = park().edit("vsphere", "vsphere_distributed_virtual_switch", "dvs", (v) => (v.active_uplinks = ["u1"]));
    expect(one(rule, oneUplink, undefined, "vsphere_host.h1").observed).toMatch(/^management vmk on .*: 1 uplink NIC\(s\) \(vmnic0\)/);
    const sameSwitch = setDevice("h2", (d) => ((d.links as Values[])[1].peerDeviceId = "core1"))(park());
    expect(one(rule, sameSwitch, undefined, "vsphere_host.h2")).toMatchObject({ outcome: "fail" });
    expect(one(rule, sameSwitch, undefined, "vsphere_host.h2").observed).toContain("cabled to 1 core switch(es) (core1 in k1)");
  });
  test("a Terraform management vmk on a standard switch is read from config", () => {
    const room = park()
      .resource("vsphere", "vsphere_host_virtual_switch", "h1_vs0", {
        name: "vSwitch0",
        host_system_id: "${vsphere_host.h1.id}",
        network_adapters: ["vmnic0"],
        active_nics: ["vmnic0"],
        standby_nics: [],
      })
      .resource("vsphere", "vsphere_host_port_group", "h1_mgmt", {
        name: "Management Network",
        host_system_id: "${vsphere_host.h1.id}",
        virtual_switch_name: "vSwitch0",
      })
      .resource("vsphere", "vsphere_vnic", "h1_vmk0", {
        host: "${vsphere_host.h1.id}",
        portgroup: "Management Network",
        services: ["management"],
      });
    expect(one(rule, room, undefined, "vsphere_host.h1")).toMatchObject({ outcome: "fail" });
    expect(one(rule, room, undefined, "vsphere_host.h1").observed).toContain(
      "vsphere_host_virtual_switch.h1_vs0 (vsphere_vnic.h1_vmk0): 1 uplink NIC(s) (vmnic0)",
    );
  });
  test("not evaluable when neither Terraform nor the device says where the management vmk is", () => {
    expect(one(rule, foreign(), undefined, "vsphere_host.h1").outcome).toBe("not-evaluable");
    expect(one(rule, setDevice("h1", (d) => delete d.managementSwitch)(park()), undefined, "vsphere_host.h1").outcome).toBe(
      "not-evaluable",
    );
  });
});

describe("RED-CORE-SW CoreSwitchesSurviveALostRackOrPath", () => {
  const rule = CoreSwitchesSurviveALostRackOrPath;
  test("passes: two core switches in k1 and k2 on both paths, every host cabled to both", () => {
    expect(one(rule, park(), "pair")).toMatchObject({
      outcome: "pass",
      observed: "2 core switch(es): core1 in k1 on A+B and core2 in k2 on A+B",
    });
    expect(one(rule, park(), "core-links", "terraform_data.device_h1")).toMatchObject({
      outcome: "pass",
      observed: "cabled to 2 core switch(es) (core1 and core2)",
    });
  });
  test("fails with both switches in one rack, both on path A only, or a host on one switch", () => {
    expect(one(rule, setDevice("core2", (d) => (d.rackId = "k1"))(park()), "pair").message).toContain(
      "losing rack k1 takes every core switch",
    );
    const pathA = park();
    for (const c of ["core1", "core2"]) setDevice(c, (d) => ((d.psus as Values[])[1].pduId = null))(pathA);
    expect(one(rule, pathA, "pair").message).toContain("losing path A takes every core switch");
    const single = setDevice("h3", (d) => (d.links = (d.links as Values[]).filter((l) => l.peerDeviceId !== "core2")))(park());
    expect(one(rule, single, "core-links", "terraform_data.device_h3")).toMatchObject({
      outcome: "fail",
      observed: "cabled to 1 core switch(es) (core1)",
    });
  });
  test("nothing to check without switches and hosts; not evaluable without facility objects", () => {
    expect(findingsOf(rule, new RoomBuilder().facility("room", { id: "r1", roomType: "primary" }))).toEqual([]);
    expect(findingsOf(rule, foreign())).toMatchObject([{ outcome: "not-evaluable", address: "site.(no site)" }]);
  });
});

describe("RED-SAN-FABRIC SanHasTwoIndependentFabrics", () => {
  const rule = SanHasTwoIndependentFabrics;
  test("passes: fabrics A and B in different racks, dual-supply controllers", () => {
    expect(one(rule, park(), "fabrics")).toMatchObject({
      outcome: "pass",
      observed: "fabric A: fa in k1 on A+B; fabric B: fb in k2 on A+B",
    });
    expect(one(rule, park(), "controllers")).toMatchObject({
      outcome: "pass",
      observed: "2 controller(s) (ca on A+B and cb on A+B); array on A+B",
    });
  });
  test("fails with an ISL between the fabrics, one rack for both, and a single-supply controller", () => {
    const isl = setDevice("fa", (d) => (d.links = [{ port: "isl", peerDeviceId: "fb", peerPort: "isl" }]))(park());
    expect(one(rule, isl, "fabrics").message).toContain("fa (fabric A) is cabled to fb (fabric B)");
    expect(one(rule, setDevice("fb", (d) => (d.rackId = "k1"))(park()), "fabrics").message).toContain("rack k1 holds fabrics A and B");
    const psu = setDevice("cb", (d) => (d.psus = [{ pduId: "k1-a", watts: 400 }]))(park());
    expect(one(rule, psu, "controllers")).toMatchObject({ outcome: "fail" });
    expect(one(rule, psu, "controllers").message).toContain("cb: 1 wired supply(ies) on A");
  });
  test("a dangling controller id is an error; nothing to check without a SAN; not evaluable without facility objects", () => {
    const dangling = setDevice("arr", (d) => (d.controllerIds = ["ca", "cb", "cc"]))(park());
    expect(one(rule, dangling, "controller-cc").outcome).toBe("error");
    expect(findingsOf(rule, new RoomBuilder().facility("room", { id: "r1", roomType: "primary" }))).toEqual([]);
    expect(findingsOf(rule, foreign())).toMatchObject([{ outcome: "not-evaluable" }]);
  });
});

describe("RED-SAN-MULTIPATH EveryLunHasTwoPathsThroughTwoControllers", () => {
  const rule = EveryLunHasTwoPathsThroughTwoControllers;
  test("passes: each host on both fabrics, each LUN behind two controllers on both fabrics", () => {
    expect(one(rule, park(), "hba", "terraform_data.device_h1")).toMatchObject({
      outcome: "pass",
      observed: "2 HBA link(s) (vmhba1 to fa and vmhba2 to fb) on fabric(s) A and B",
    });
    expect(one(rule, park(), undefined, "terraform_data.lun_naa_1")).toMatchObject({
      outcome: "pass",
      observed: "array arr: 2 controller(s), 2 on >= 2 fabrics (ca: A and B and cb: A and B)",
    });
  });
  test("fails with a host on one fabric and a controller cabled to one fabric", () => {
    const hba = setDevice("h2", (d) => (d.links = (d.links as Values[]).filter((l) => l.peerDeviceId !== "fb")))(park());
    expect(one(rule, hba, "hba", "terraform_data.device_h2")).toMatchObject({
      outcome: "fail",
      observed: "1 HBA link(s) (vmhba1 to fa) on fabric(s) A",
    });
    const ctrl = setDevice("cb", (d) => (d.links = (d.links as Values[]).slice(0, 1)))(park());
    expect(one(rule, ctrl, undefined, "terraform_data.lun_naa_2")).toMatchObject({
      outcome: "fail",
      observed: "array arr: 2 controller(s), 1 on >= 2 fabrics (ca: A and B and cb: A)",
    });
  });
  test("a dangling owner is an error; nothing to check without a SAN; not evaluable without facility objects", () => {
    const owner = park().edit("facility", "terraform_data", "lun_naa_1", (v) => ((v.input as Values).ownerControllerId = "cz"));
    expect(one(rule, owner, "owner").outcome).toBe("error");
    expect(findingsOf(rule, new RoomBuilder().facility("room", { id: "r1", roomType: "primary" }))).toEqual([]);
    expect(findingsOf(rule, foreign())).toMatchObject([{ outcome: "not-evaluable" }]);
  });
});
