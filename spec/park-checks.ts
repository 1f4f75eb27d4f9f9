import type { ErrorSink } from "./check-helpers";
import { show } from "./spec-error";
import type { SiteFile } from "./types";

/**
 * Checks of the VMware park that need more than the schema: the host thumbprint form the declared
 * vCenter accepts, and import ids of a running room that must name exactly the object the
 * configuration describes (another path would import one object and then move or rename it).
 */
export function checkPark(spec: SiteFile, f: ErrorSink): void {
  checkThumbprints(spec, f);
  checkImportIds(spec, f);
}

/** How to read the right thumbprint off a host, for the messages. */
export const SHA1_HOWTO = "openssl s_client -connect <host>:443 </dev/null | openssl x509 -noout -fingerprint -sha1";

/**
 * The thumbprint vCenter compares in HostConnectSpec.sslThumbprint: "always computed using the SHA1
 * hash", 20 colon-separated hex pairs (vSphere Web Services API 8.0.2.0 and latest, HostConnectSpec).
 * The provider passes `thumbprint` through unchanged (resource_vsphere_host.go buildHostConnectSpec)
 * and documents it as "Host's certificate SHA-1 thumbprint" (docs/resources/host.md). No vCenter
 * version the schema admits (6.x-9.x) takes SHA-256 there, so the version only appears in the message.
 */
function checkThumbprints(spec: SiteFile, f: ErrorSink): void {
  spec.clusters.forEach((c, ci) =>
    c.hosts.forEach((h, hi) => {
      const pairs = h.thumbprint.split(":").length;
      if (pairs === 20) return;
      f.add(
        `/clusters/${ci}/hosts/${hi}/thumbprint`,
        `vCenter ${spec.vcenter.version} connects a host by the SHA-1 thumbprint of its certificate (HostConnectSpec.sslThumbprint: 20 hex pairs), ` +
          `found a ${pairs === 32 ? "SHA-256" : `${pairs}-pair`} thumbprint; read the SHA-1 one with: ${SHA1_HOWTO.replace("<host>", h.hostname ?? h.address)}`,
      );
    }),
  );
}

function checkImportIds(spec: SiteFile, f: ErrorSink): void {
  const dc = spec.vcenter.datacenter;
  const exists = spec.vcenter.datacenterExists ?? true;
  /** A child object can be imported only from a datacenter that already runs (and is imported too). */
  const inRunningDatacenter = (pointer: string, what: string): boolean => {
    if (exists) return true;
    f.add(pointer, `${what} cannot already run in datacenter ${show(dc)}: vcenter.datacenterExists is false, so the datacenter is created`);
    return false;
  };
  /** Inventory-path imports: the path must be the one the configuration names, or the first apply moves the object. */
  const path = (pointer: string, found: string | undefined, expected: string, what: string, why: string): void => {
    if (found === undefined || !inRunningDatacenter(pointer, what)) return;
    if (found !== expected) f.add(pointer, `expected the inventory path ${show(expected)} of ${what} (${why}), found ${show(found)}`);
  };
  const notInFolder = "the configuration puts it in no folder, so another path would move it on the first apply";

  spec.clusters.forEach((c, ci) => {
    // resource_vsphere_compute_cluster.go resourceVSphereComputeClusterImport: the id is the cluster's path.
    path(`/clusters/${ci}/importId`, c.importId, `/${dc}/host/${c.name}`, `cluster ${c.name}`, notInFolder);
    c.hosts.forEach((h, hi) => {
      if (h.importId !== undefined) inRunningDatacenter(`/clusters/${ci}/hosts/${hi}/importId`, `host ${h.name}`);
    });
  });
  const dvs = spec.distributedSwitch;
  // resource_vsphere_distributed_virtual_switch.go resourceVSphereDistributedVirtualSwitchImport: the switch's path.
  path("/distributedSwitch/importId", dvs.importId, `/${dc}/network/${dvs.name}`, `switch ${dvs.name}`, notInFolder);
  spec.networks.forEach((n, i) =>
    // resource_vsphere_distributed_port_group.go resourceVSphereDistributedPortGroupImport: the port group's path.
    path(`/networks/${i}/importId`, n.importId, `/${dc}/network/${spec.site}-${n.name}`, `port group ${spec.site}-${n.name}`, notInFolder),
  );
  (spec.san.datastoreClusters ?? []).forEach((c, i) =>
    // resource_vsphere_datastore_cluster.go resourceVSphereDatastoreClusterImport: the datastore cluster's path.
    path(`/san/datastoreClusters/${i}/importId`, c.importId, `/${dc}/datastore/${c.name}`, `datastore cluster ${c.name}`, notInFolder),
  );

  // resource_vsphere_vmfs_datastore.go resourceVSphereVmfsDatastoreImport: "DATASTOREID:HOSTID", and it sets
  // host_system_id to HOSTID. host_system_id is ForceNew there: a host other than the one the configuration
  // creates the datastore through would plan a replacement of a running datastore.
  const mountingHost = new Map(
    spec.clusters.map((c) => [c.name, c.hosts.find((h) => h.lifecycle !== "unmanaged" && h.lifecycle !== "removed")] as const),
  );
  spec.san.datastores.forEach((d, i) => {
    const at = `/san/datastores/${i}/importId`;
    if (d.importId === undefined || !inRunningDatacenter(at, `datastore ${d.name}`)) return;
    const hostId = d.importId.split(":")[1];
    const host = mountingHost.get(d.cluster);
    if (!host) return; // an unknown cluster, or one without a managed host, is reported elsewhere
    if (host.importId === undefined)
      f.add(
        at,
        `datastore ${d.name} is created through host ${host.name}, the first managed host of cluster ${d.cluster}, which has no importId: ` +
          `a running datastore is imported through a running host; give ${host.name} its importId (host-<n>)`,
      );
    else if (hostId !== host.importId)
      f.add(
        at,
        `expected the host part ${show(host.importId)} (host ${host.name}, through which the configuration mounts datastore ${d.name}; ` +
          `vsphere_vmfs_datastore replaces a datastore whose host_system_id changes), found ${show(hostId)}`,
      );
  });
}
