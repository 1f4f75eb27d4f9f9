import { Testing } from "cdktf";
import { DataVsphereStoragePolicy } from "@cdktf/provider-vsphere/lib/data-vsphere-storage-policy";
import { DatastoreCluster } from "@cdktf/provider-vsphere/lib/datastore-cluster";
import { VmfsDatastore } from "@cdktf/provider-vsphere/lib/vmfs-datastore";
import { SanStorage, type SanStorageProps } from "../../constructs/san-storage";
import { LUN1, LUN2, dataSources, importBlocks, removedBlocks, resources, san, storagePolicies } from "./fixtures";

const props = (extra: Partial<SanStorageProps> = {}): SanStorageProps => ({
  san: san(),
  storagePolicies: storagePolicies(),
  datacenterId: "datacenter-1",
  mountingHost: new Map([["prod", "host-11"]]),
  ...extra,
});

const synth = (extra: Partial<SanStorageProps> = {}) =>
  Testing.synthScope((scope) => {
    new SanStorage(scope, "san", props(extra));
  });

describe("SanStorage", () => {
  const json = synth();
  const datastores = resources(json, VmfsDatastore.tfResourceType);

  test("datastores carry prevent_destroy", () => {
    expect(Object.keys(datastores)).toEqual(["ds01", "ds02"]);
    for (const ds of Object.values(datastores)) expect(ds.lifecycle).toEqual({ prevent_destroy: true });
  });

  test("each datastore is a VMFS datastore on exactly its own LUN, by NAA id", () => {
    expect(datastores.ds01.disks).toEqual([LUN1]);
    expect(datastores.ds02.disks).toEqual([LUN2]);
  });

  test("datastores are created through their cluster's mounting host", () => {
    for (const ds of Object.values(datastores)) expect(ds.host_system_id).toBe("host-11");
  });

  test("datastore clusters run Storage DRS with the spec's automation level, and hold their datastores", () => {
    expect(json).toHaveResourceWithProperties(DatastoreCluster, {
      name: "dsc-prod",
      datacenter_id: "datacenter-1",
      sdrs_enabled: true,
      sdrs_automation_level: "automated",
    });
    for (const ds of Object.values(datastores)) expect(ds.datastore_cluster_id).toBe("${vsphere_datastore_cluster.dsc-prod.id}");
  });

  test("no datastore clusters: plain datastores, no Storage DRS", () => {
    const json = synth({ san: san({ datastoreClusters: undefined }) });
    expect(json).not.toHaveResource(DatastoreCluster);
    for (const ds of Object.values(resources(json, VmfsDatastore.tfResourceType))) expect(ds).not.toHaveProperty("datastore_cluster_id");
  });

  test("storage policies are looked up by their vCenter name, never created", () => {
    expect(dataSources(json, DataVsphereStoragePolicy.tfResourceType)).toEqual({
      standard: { name: "vSAN Default Storage Policy" },
      encrypted: { name: "VM Encryption Policy" },
    });
  });

  test("an unmanaged datastore is left alone", () => {
    const base = san();
    const json = synth({ san: san({ datastores: [base.datastores[0], { ...base.datastores[1], lifecycle: "unmanaged" }] }) });
    expect(Object.keys(resources(json, VmfsDatastore.tfResourceType))).toEqual(["ds01"]);
    expect(removedBlocks(json)).toEqual([]);
  });

  test("a removed datastore leaves through a removed block that forgets it (destroy false)", () => {
    const base = san();
    const json = synth({ san: san({ datastores: [base.datastores[0], { ...base.datastores[1], lifecycle: "removed" }] }) });
    expect(Object.keys(resources(json, VmfsDatastore.tfResourceType))).toEqual(["ds01"]);
    expect(removedBlocks(json)).toEqual([{ from: "vsphere_vmfs_datastore.ds02", lifecycle: { destroy: false } }]);
  });

  test("a running datastore and datastore cluster are imported by the ids their importers take", () => {
    const base = san();
    const json = synth({
      san: san({
        datastores: [{ ...base.datastores[0], importId: "datastore-201:host-11" }, base.datastores[1]],
        datastoreClusters: (base.datastoreClusters ?? []).map((c) => ({ ...c, importId: `/dc/datastore/${c.name}` })),
      }),
    });
    expect(importBlocks(json)).toEqual([
      { to: "vsphere_datastore_cluster.dsc-prod", id: "/dc/datastore/dsc-prod" },
      { to: "vsphere_vmfs_datastore.ds01", id: "datastore-201:host-11" },
    ]);
  });

  test("a cluster with no managed host to mount through gets no datastores", () => {
    const json = synth({ mountingHost: new Map() });
    expect(json).not.toHaveResource(VmfsDatastore);
  });
});
