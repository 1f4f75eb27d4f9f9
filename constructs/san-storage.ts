import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { DataVsphereStoragePolicy } from "@cdktf/provider-vsphere/lib/data-vsphere-storage-policy";
import { DatastoreCluster } from "@cdktf/provider-vsphere/lib/datastore-cluster";
import { VmfsDatastore } from "@cdktf/provider-vsphere/lib/vmfs-datastore";
import type { San, StoragePolicy } from "../spec/types";
import { removedBlocksFor } from "./removed-blocks";
import { pinAddress } from "./stable-address";

export interface SanStorageProps {
  /** The SAN: its LUNs (by NAA id), datastores and datastore clusters. */
  readonly san: San;
  /** The vCenter storage policies, looked up by name. */
  readonly storagePolicies: readonly StoragePolicy[];
  readonly datacenterId: string;
  /** Per compute cluster, the host through which its VMFS datastores are created (the others rescan). */
  readonly mountingHost: ReadonlyMap<string, string>;
}

/**
 * SAN storage: VMFS datastores on the array's LUNs (by NAA id), datastore clusters with Storage DRS,
 * and look-ups of the vCenter storage policies. LUNs themselves, multipathing and zoning are outside
 * the provider: StorageRecords records them in the facility stack (the array, controllers and fabric
 * switches are devices, recorded by PowerAndCooling) so the redundancy rules can check them.
 * Datastores carry prevent_destroy.
 */
export class SanStorage extends Construct {
  readonly datastores = new Map<string, VmfsDatastore>();
  readonly datastoreClusters = new Map<string, DatastoreCluster>();
  readonly storagePolicies = new Map<string, DataVsphereStoragePolicy>();

  constructor(scope: Construct, id: string, props: SanStorageProps) {
    super(scope, id);
    const { san } = props;
    const stack = TerraformStack.of(this);

    for (const c of san.datastoreClusters ?? []) {
      const dsc = pinAddress(
        new DatastoreCluster(this, `dsc-${c.name}`, {
          name: c.name,
          datacenterId: props.datacenterId,
          sdrsEnabled: true,
          sdrsAutomationLevel: c.automation,
        }),
        c.name,
      );
      // The importer takes the datastore cluster's inventory path (resourceVSphereDatastoreClusterImport).
      if (c.importId) dsc.importFrom(c.importId);
      this.datastoreClusters.set(c.name, dsc);
    }
    const clusterOf = new Map((san.datastoreClusters ?? []).flatMap((c) => c.datastores.map((d) => [d, c.name] as const)));

    for (const d of san.datastores) {
      if (d.lifecycle === "unmanaged") continue;
      if (d.lifecycle === "removed") {
        removedBlocksFor(stack, false, (scratch) => addDatastore(scratch, d, "removed"));
        continue;
      }
      const host = props.mountingHost.get(d.cluster);
      if (!host) continue; // a cluster with no managed host: nothing can mount it; the rules report the cluster
      const dsc = clusterOf.get(d.name);
      const ds = addDatastore(this, d, host, dsc === undefined ? undefined : this.datastoreClusters.get(dsc)?.id);
      // "DATASTOREID:HOSTID" (resource_vsphere_vmfs_datastore.go resourceVSphereVmfsDatastoreImport); the host
      // part becomes host_system_id, which is ForceNew: spec/park-checks.ts holds it to the mounting host.
      if (d.importId) ds.importFrom(d.importId);
      this.datastores.set(d.name, ds);
    }

    for (const p of props.storagePolicies) {
      this.storagePolicies.set(p.id, pinAddress(new DataVsphereStoragePolicy(this, `policy-${p.id}`, { name: p.name }), p.id));
    }
  }
}

/** A VMFS datastore on one LUN, created through `hostSystemId`. */
function addDatastore(scope: Construct, d: San["datastores"][number], hostSystemId: string, datastoreClusterId?: string): VmfsDatastore {
  return pinAddress(
    new VmfsDatastore(scope, `ds-${d.name}`, {
      name: d.name,
      hostSystemId,
      disks: [d.lun],
      datastoreClusterId,
      lifecycle: { preventDestroy: true },
    }),
    d.name,
  );
}
