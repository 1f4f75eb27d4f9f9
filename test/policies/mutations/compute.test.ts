import type { StackDocument } from "../../../policies/engine/terraform-input";
import { computeRules } from "../../../policies/rules/compute";
import { blockOf, evaluateDocs, exampleDocs, facilityInput } from "../example-output";

type Links = { peerDeviceId: string }[];

/** One edit of the synthesized example output per rule, each turning a pass into a fail at a known address. */
const MUTATIONS: [rule: string, what: string, mutate: (docs: StackDocument[]) => void, address: string, findingId?: string][] = [
  [
    "RED-HOST-N1",
    "a 5000 GB VM in fjordvik's prod cluster",
    (d) => (blockOf(d, "fjordvik-fjordvik", "vsphere_virtual_machine", "fjv-adfs01").memory = 5000 * 1024),
    "vsphere_compute_cluster.prod",
    "memory",
  ],
  [
    "RED-HA-RESTART",
    "a critical VM's override at medium",
    (d) => (blockOf(d, "fjordvik-fjordvik", "vsphere_ha_vm_override", "fjv-adfs01").ha_vm_restart_priority = "medium"),
    "vsphere_ha_vm_override.fjv-adfs01",
  ],
  [
    "RED-HA-HB-DS",
    "heartbeating disabled on kvistrup's prod cluster",
    (d) =>
      Object.assign(blockOf(d, "kvistrup-vsphere", "vsphere_compute_cluster", "prod"), {
        ha_heartbeat_datastore_policy: "userSelectedDs",
        ha_heartbeat_datastore_ids: [],
      }),
    "vsphere_compute_cluster.prod",
  ],
  [
    "RED-HA-VMCP",
    "PDL response disabled",
    (d) => (blockOf(d, "fjordvik-vsphere", "vsphere_compute_cluster", "mgmt").ha_datastore_pdl_response = "disabled"),
    "vsphere_compute_cluster.mgmt",
  ],
  [
    "RED-ANTI-AFFINITY",
    "the AD FS pair's rule not mandatory",
    (d) => (blockOf(d, "fjordvik-fjordvik", "vsphere_compute_cluster_vm_anti_affinity_rule", "adfs").mandatory = false),
    "vsphere_compute_cluster_vm_anti_affinity_rule.adfs",
    "group-fjordvik-adfs",
  ],
  [
    "RED-MGMT-NET",
    "one active uplink on kvistrup's switch",
    (d) => (blockOf(d, "kvistrup-vsphere", "vsphere_distributed_virtual_switch", "dvs-kvistrup").active_uplinks = ["uplink1"]),
    "vsphere_host.esx01",
  ],
  [
    "RED-CORE-SW",
    "both core switches in rack a06",
    (d) => (facilityInput(d, "fjordvik", "device", "core2").rackId = "a06"),
    "terraform_data.device_core1",
    "pair",
  ],
  [
    "RED-SAN-FABRIC",
    "both fabric switches in fabric A",
    (d) => (facilityInput(d, "kvistrup", "device", "fc-b01").fabric = "A"),
    "terraform_data.device_fc-a01",
    "fabrics",
  ],
  [
    "RED-SAN-MULTIPATH",
    "esx03 without its fabric B HBA",
    (d) => {
      const host = facilityInput(d, "fjordvik", "device", "esx03");
      host.links = (host.links as Links).filter((l) => l.peerDeviceId !== "fc-b01");
    },
    "terraform_data.device_esx03",
    "hba",
  ],
];

describe("compute rules over the example output", () => {
  test("the unmutated examples have no fail or error finding of the compute rules", () => {
    const bad = evaluateDocs(exampleDocs(), computeRules).filter((f) => f.outcome === "fail" || f.outcome === "error");
    expect(bad.map((f) => `${f.rule} ${f.stack} ${f.address}: ${f.observed}`)).toEqual([]);
  });

  test("every compute rule has a mutation", () => {
    expect(MUTATIONS.map(([rule]) => rule).sort()).toEqual(computeRules.map((r) => r.meta.id).sort());
  });

  test.each(MUTATIONS)("%s fails on %s", (rule, _what, mutate, address, findingId = undefined) => {
    const docs = exampleDocs();
    const before = evaluateDocs(docs, computeRules).find((f) => f.rule === rule && f.address === address && f.findingId === findingId);
    expect(before?.outcome).toBe("pass");
    mutate(docs);
    const after = evaluateDocs(docs, computeRules).filter((f) => f.rule === rule && f.outcome === "fail");
    expect(after.map((f) => f.address)).toContain(address);
    expect(after.find((f) => f.address === address)?.findingId).toBe(findingId);
  });
});
