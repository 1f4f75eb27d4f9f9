import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { DataVsphereStoragePolicy } from "@cdktf/provider-vsphere/lib/data-vsphere-storage-policy";
import { DatastoreCluster } from "@cdktf/provider-vsphere/lib/datastore-cluster";
import { VmfsDatastore } from "@cdktf/provider-vsphere/lib/vmfs-datastore";
import type { SiteFile } from "../spec/types";
import { FacilityObject } from "./facility-object";
import { addRemovedBlock } from "./removed-blocks";
import { addressName, pinAddress } from "./stable-address";

export interface SanStorageProps {
  /** The site spec; its `san` and `storagePolicies` sections. */
  readonly site: SiteFile;
  readonly datacenterId: string;
  /** Per compute cluster, the host through which its VMFS datastores are created (the others rescan). */
  readonly mountingHost: ReadonlyMap<string, string>;
  /** Scope in the facility stack for the LUNs, key providers and storage policies. */
  readonly facility: Construct;
}

/**
 * SAN storage: VMFS datastores on the array's LUNs (by NAA id), datastore clusters with Storage DRS,
 * and look-ups of the vCenter storage policies. LUNs themselves, multipathing and zoning are outside
 * the provider: the LUNs, key providers and storage policies are recorded as facility objects (the
 * array, controllers and fabric switches are devices, recorded by PowerAndCooling) so the redundancy
 * rules can check them. Datastores carry prevent_destroy.
 */
export class SanStorage extends Construct {
  readonly datastores = new Map<string, VmfsDatastore>();
  readonly datastoreClusters = new Map<string, DatastoreCluster>();
  readonly storagePolicies = new Map<string, DataVsphereStoragePolicy>();

  constructor(scope: Construct, id: string, props: SanStorageProps) {
    super(scope, id);
    const { site } = props;
    const san = site.san;
    const stack = TerraformStack.of(this);

    this.recordHardware(props);

    for (const c of san.datastoreClusters ?? []) {
      this.datastoreClusters.set(
        c.name,
        pinAddress(
          new DatastoreCluster(this, `dsc-${c.name}`, {
            name: c.name,
            datacenterId: props.datacenterId,
            sdrsEnabled: true,
            sdrsAutomationLevel: c.automation,
          }),
          c.name,
        ),
      );
    }
    const clusterOf = new Map((san.datastoreClusters ?? []).flatMap((c) => c.datastores.map((d) => [d, c.name] as const)));

    for (const d of san.datastores) {
      if (d.lifecycle === "unmanaged") continue;
      if (d.lifecycle === "removed") {
        addRemovedBlock(stack, `vsphere_vmfs_datastore.${addressName(d.name)}`, false);
        continue;
      }
      const host = props.mountingHost.get(d.cluster);
      if (!host) continue; // a cluster with no managed host: nothing can mount it; the rules report the cluster
      const dsc = clusterOf.get(d.name);
      this.datastores.set(
        d.name,
        pinAddress(
          new VmfsDatastore(this, `ds-${d.name}`, {
            name: d.name,
            hostSystemId: host,
            disks: [d.lun],
            datastoreClusterId: dsc ? this.datastoreClusters.get(dsc)!.id : undefined,
            lifecycle: { preventDestroy: true },
          }),
          d.name,
        ),
      );
    }

    for (const p of site.storagePolicies) {
      this.storagePolicies.set(p.id, pinAddress(new DataVsphereStoragePolicy(this, `policy-${p.id}`, { name: p.name }), p.id));
    }
  }

  private recordHardware({ site, facility }: SanStorageProps): void {
    const san = site.san;
    const s = site.site;
    for (const lun of san.luns) {
      const datastore = san.datastores.find((d) => d.lun === lun.naa);
      new FacilityObject(facility, s, "lun", lun.naa, {
        arrayId: san.array.id,
        sizeGb: lun.sizeGb,
        ownerControllerId: lun.controller,
        datastore: datastore?.name,
      });
    }
    for (const kp of site.keyProviders) {
      new FacilityObject(facility, s, "key-provider", kp.id, {
        providerKind: kp.kind,
        redundant: kp.redundant,
        description: kp.description,
      });
    }
    for (const p of site.storagePolicies) {
      new FacilityObject(facility, s, "storage-policy", p.id, {
        name: p.name,
        encryption: p.encryption,
        keyProviderId: p.keyProvider ?? null,
      });
    }
  }
}
