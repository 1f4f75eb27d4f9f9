import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { ComputeCluster } from "@cdktf/provider-vsphere/lib/compute-cluster";
import { Datacenter } from "@cdktf/provider-vsphere/lib/datacenter";
import type { DistributedPortGroup } from "@cdktf/provider-vsphere/lib/distributed-port-group";
import { DistributedVirtualSwitch } from "@cdktf/provider-vsphere/lib/distributed-virtual-switch";
import { Folder } from "@cdktf/provider-vsphere/lib/folder";
import { Host } from "@cdktf/provider-vsphere/lib/host";
import { Tag } from "@cdktf/provider-vsphere/lib/tag";
import { TagCategory } from "@cdktf/provider-vsphere/lib/tag-category";
import { Vnic } from "@cdktf/provider-vsphere/lib/vnic";
import { netmaskOf } from "../spec/ipv4";
import { networkByPurpose } from "../spec/network-lookup";
import type { Cluster, DistributedSwitch, Host as HostSpec, Network, San, StoragePolicy } from "../spec/types";
import { hardenedPortGroup } from "./hardened-port-group";
import { sensitiveVariable } from "./plan-time-variable";
import { removedBlocksFor } from "./removed-blocks";
import { SanStorage } from "./san-storage";
import { addressName, pinAddress } from "./stable-address";
import { FIXED_TAGS, TAG_CATEGORIES, type TagCategoryKey } from "../contracts/tag-categories";

export interface VmwareServerParkProps {
  /** Site id: prefixes the port group names (`<site>-<network>`), which tenant stacks look up. */
  readonly siteName: string;
  /** The vCenter datacenter; `exists` imports a datacenter that already runs instead of creating it. */
  readonly datacenter: { readonly name: string; readonly exists: boolean };
  /** Compute clusters with their hosts; unmanaged hosts are skipped, removed ones leave through `removed` blocks. */
  readonly clusters: readonly Cluster[];
  readonly distributedSwitch: DistributedSwitch;
  /** The site's infrastructure and shared-services networks: one hardened port group each; vMotion ports on the `vmotion` one. */
  readonly networks: readonly Network[];
  /** NTP servers every host runs ntpd against. */
  readonly ntpServers: readonly string[];
  /** SAN datastores and datastore clusters. */
  readonly san: San;
  /** The vCenter storage policies, looked up by name. */
  readonly storagePolicies: readonly StoragePolicy[];
  /**
   * Tags of the backup classes (backup software selects VMs by them).
   * @default no backup-class tag category (the site declares no backup)
   */
  readonly backupTags?: readonly string[];
}

/** Folder (relative to the datacenter's VM folder) under which every tenant gets its own. */
export const TENANTS_FOLDER = "tenants";

/**
 * Name of the variable holding the site's ESXi licence key, set on every host the apply adds (one per
 * site: a vSphere licence key is a volume key in vCenter's licence inventory that many hosts share, and
 * the provider checks the key against that inventory before adding the host). Imported hosts keep the
 * licence vCenter already assigned: Read compares `license` only when it is set
 * (resource_vsphere_host.go resourceVsphereHostRead), so leaving it unset never reassigns a running host.
 */
export const LICENSE_VARIABLE = "esxi_license_key";

/** Name of the variable holding a host's root password (one per host, supplied at plan time). */
export function rootPasswordVariable(host: string): string {
  return addressName("esxi_root_password", host).replace(/-/g, "_");
}

/** The address vCenter connects a host by: its DNS name, else its management address. */
export function hostnameOf(h: HostSpec): string {
  return h.hostname ?? h.address;
}

/**
 * The VMware park of a site: datacenter, hosts, compute clusters, distributed switch with port groups for
 * the infrastructure networks, tag categories, and (through SanStorage) the SAN datastores.
 *
 * Secure and redundant by default: HA on with admission control tolerating one host failure,
 * datastore heartbeating, APD/PDL restart responses; DRS fully automated; hosts in normal lockdown
 * with NTP; the switch rejects promiscuous mode, MAC changes and forged transmits. Hosts, datastores,
 * clusters, the switch and the datacenter carry prevent_destroy.
 */
export class VmwareServerPark extends Construct {
  readonly datacenter: Datacenter;
  readonly hosts = new Map<string, Host>();
  readonly clusters = new Map<string, ComputeCluster>();
  readonly distributedSwitch: DistributedVirtualSwitch;
  readonly san: SanStorage;

  constructor(scope: Construct, id: string, props: VmwareServerParkProps) {
    super(scope, id);
    this.datacenter = pinAddress(
      new Datacenter(this, "datacenter", { name: props.datacenter.name, lifecycle: { preventDestroy: true } }),
      props.datacenter.name,
    );
    if (props.datacenter.exists) this.datacenter.importFrom(`/${props.datacenter.name}`);
    pinAddress(new Folder(this, "tenants-folder", { path: TENANTS_FOLDER, type: "vm", datacenterId: this.datacenter.id }), TENANTS_FOLDER);

    const hostsInClusters = this.addHosts(props);
    this.distributedSwitch = this.addDistributedSwitch(props);
    const portGroups = new Map<string, DistributedPortGroup>();
    for (const net of props.networks) {
      portGroups.set(
        net.name,
        hardenedPortGroup(this, net.name, {
          name: `${props.siteName}-${net.name}`,
          distributedVirtualSwitchUuid: this.distributedSwitch.id,
          vlanId: net.vlan,
          importId: net.importId,
        }),
      );
    }
    const vmotion = networkByPurpose(props, "vmotion");
    const vmotionGroup = vmotion && portGroups.get(vmotion.name);
    if (vmotion && vmotionGroup) {
      for (const h of props.clusters.flatMap((c) => c.hosts)) {
        const host = this.hosts.get(h.name);
        if (host)
          addVmotionPort(this, h, host.id, {
            network: vmotion,
            switchId: this.distributedSwitch.id,
            portGroupId: vmotionGroup.id,
            mtu: props.distributedSwitch.mtu,
          });
      }
    }
    this.addTagCategories(props.backupTags);
    this.san = new SanStorage(this, "san", {
      san: props.san,
      storagePolicies: props.storagePolicies,
      datacenterId: this.datacenter.id,
      mountingHost: new Map([...hostsInClusters].flatMap(([name, hosts]) => (hosts[0] ? [[name, hosts[0].id] as const] : []))),
    });
    for (const c of props.clusters) this.addCluster(c, hostsInClusters.get(c.name) ?? [], props.san);
  }

  /** Hosts joined to vCenter, per cluster (PowerAndCooling records each as a device, join key vsphereHostname). */
  private addHosts(props: VmwareServerParkProps): Map<string, Host[]> {
    const stack = TerraformStack.of(this);
    const vmotion = networkByPurpose(props, "vmotion");
    const hostsInClusters = new Map<string, Host[]>();
    let license: string | undefined;
    const licenseKey = (): string =>
      (license ??= sensitiveVariable(
        this,
        LICENSE_VARIABLE,
        `ESXi licence key (in vCenter's licence inventory) for the hosts this apply adds; supply at plan time (TF_VAR_${LICENSE_VARIABLE}).`,
      ).stringValue);
    for (const cluster of props.clusters) {
      const members: Host[] = [];
      for (const h of cluster.hosts) {
        if (h.lifecycle === "unmanaged") continue;
        if (h.lifecycle === "removed") {
          // What the host had: the host itself and its vMotion port (with stand-in ids: only the addresses count).
          removedBlocksFor(stack, false, (scratch) => {
            const host = addHost(scratch, h, "removed", props.ntpServers);
            if (vmotion) addVmotionPort(scratch, h, host.id, { network: vmotion, switchId: "removed", portGroupId: "removed", mtu: 0 });
          });
          continue;
        }
        const host = addHost(this, h, this.datacenter.id, props.ntpServers, h.importId === undefined ? licenseKey() : undefined);
        this.hosts.set(h.name, host);
        members.push(host);
      }
      hostsInClusters.set(cluster.name, members);
    }
    return hostsInClusters;
  }

  /** The distributed switch: uplinks from every managed host, L2 spoofing rejected, listen-only discovery. */
  private addDistributedSwitch({ clusters, distributedSwitch: dvs }: VmwareServerParkProps): DistributedVirtualSwitch {
    const standby = new Set(dvs.standbyUplinks ?? []);
    const sw = pinAddress(
      new DistributedVirtualSwitch(this, "dvs", {
        name: dvs.name,
        datacenterId: this.datacenter.id,
        uplinks: dvs.uplinks,
        activeUplinks: dvs.uplinks.filter((u) => !standby.has(u)),
        standbyUplinks: [...standby],
        host: clusters
          .flatMap((c) => c.hosts)
          .flatMap((h) => {
            const host = this.hosts.get(h.name);
            return host ? [{ hostSystemId: host.id, devices: h.uplinkNics ?? dvs.hostNics }] : [];
          }),
        allowPromiscuous: false,
        allowMacChanges: false,
        allowForgedTransmits: false,
        linkDiscoveryOperation: "listen",
        maxMtu: dvs.mtu,
        version: dvs.version,
        lifecycle: { preventDestroy: true },
      }),
      dvs.name,
    );
    // The importer takes the switch's inventory path and stores its UUID (resourceVSphereDistributedVirtualSwitchImport).
    if (dvs.importId) sw.importFrom(dvs.importId);
    return sw;
  }

  /** A compute cluster: HA with admission control, heartbeating on its datastores, APD/PDL responses, DRS. */
  private addCluster(c: Cluster, hosts: readonly Host[], san: San): void {
    const datastores = san.datastores.filter((d) => d.cluster === c.name && d.lifecycle !== "removed" && d.lifecycle !== "unmanaged");
    const heartbeat = (c.ha.heartbeatDatastores ?? datastores.map((d) => d.name)).flatMap((name) => {
      const ds = this.san.datastores.get(name);
      return ds ? [ds.id] : [];
    });
    const cluster = pinAddress(
      new ComputeCluster(this, `cluster-${c.name}`, {
        name: c.name,
        datacenterId: this.datacenter.id,
        hostSystemIds: hosts.map((h) => h.id),
        haEnabled: c.ha.enabled,
        haHostMonitoring: "enabled",
        haAdmissionControlPolicy: c.ha.admissionControl,
        haAdmissionControlHostFailureTolerance: c.ha.hostFailuresToTolerate,
        haVmComponentProtection: "enabled",
        haDatastoreApdResponse: c.ha.apdResponse,
        haDatastorePdlResponse: c.ha.pdlResponse,
        haHeartbeatDatastorePolicy: "allFeasibleDsWithUserPreference",
        haHeartbeatDatastoreIds: heartbeat,
        haVmRestartPriority: "medium",
        drsEnabled: c.drs.enabled,
        drsAutomationLevel: c.drs.automation,
        forceEvacuateOnDestroy: false,
        lifecycle: { preventDestroy: true },
      }),
      c.name,
    );
    // The importer takes the cluster's inventory path (resource_vsphere_compute_cluster.go resourceVSphereComputeClusterImport).
    if (c.importId) cluster.importFrom(c.importId);
    this.clusters.set(c.name, cluster);
  }

  /** Tag categories tenant stacks look up, with the fixed values; backup-class tags where the site has backup. */
  private addTagCategories(backupTags: readonly string[] | undefined): void {
    for (const key of Object.keys(TAG_CATEGORIES) as TagCategoryKey[]) {
      const cat = TAG_CATEGORIES[key];
      const values = key === "backupClass" ? backupTags : key === "tenant" || key === "redundancyGroup" ? [] : FIXED_TAGS[key];
      if (values === undefined) continue;
      const category = pinAddress(
        new TagCategory(this, `tag-category-${key}`, {
          name: cat.name,
          description: cat.description,
          cardinality: "SINGLE",
          associableTypes: [...cat.types],
        }),
        cat.name,
      );
      for (const value of values)
        pinAddress(new Tag(this, `tag-${key}-${value}`, { name: value, categoryId: category.id }), cat.name, value);
    }
  }
}

/**
 * One ESXi host, joined with its own root password (a sensitive plan-time variable), lockdown normal, NTP on.
 * Every host is a member of a compute cluster through the cluster's `host_system_ids`, so it carries
 * `cluster_managed = true`: without it, Read stores the parent cluster's id in `cluster` and the next
 * plan diffs it against the configuration's empty `cluster`, and Update then moves the host into the
 * cluster "" (resource_vsphere_host.go resourceVsphereHostRead `!d.Get("cluster_managed")`, and
 * resourceVSphereHostUpdateCluster's clustercomputeresource.FromID(client, "")), which fails.
 * `datacenter` stays: with `cluster` empty, Create adds the host standalone to the datacenter's host
 * folder and the cluster's `host_system_ids` moves it in.
 */
function addHost(scope: Construct, h: HostSpec, datacenterId: string, ntpServers: readonly string[], license?: string): Host {
  const password = sensitiveVariable(
    scope,
    rootPasswordVariable(h.name),
    `ESXi root password of host ${h.name}; supply at plan time (TF_VAR_${rootPasswordVariable(h.name)}).`,
  );
  const host = pinAddress(
    new Host(scope, `host-${h.name}`, {
      hostname: hostnameOf(h),
      username: "root",
      password: password.stringValue,
      thumbprint: h.thumbprint,
      datacenter: datacenterId,
      clusterManaged: true,
      license,
      lockdown: "normal",
      services: [{ ntpd: { enabled: true, policy: "on", ntpServers: [...ntpServers] } }],
      // Maintenance mode is owned by whoever patches the host, not by Terraform.
      lifecycle: { preventDestroy: true, ignoreChanges: ["maintenance"] },
    }),
    h.name,
  );
  if (h.importId) host.importFrom(h.importId);
  return host;
}

/** A host's vMotion vmkernel port on the vMotion network's port group. */
function addVmotionPort(
  scope: Construct,
  h: HostSpec,
  hostId: string,
  on: { network: Network; switchId: string; portGroupId: string; mtu: number },
): void {
  if (!h.vmotionAddress) return;
  pinAddress(
    new Vnic(scope, `vmk-vmotion-${h.name}`, {
      host: hostId,
      distributedSwitchPort: on.switchId,
      distributedPortGroup: on.portGroupId,
      ipv4: { ip: h.vmotionAddress, netmask: netmaskOf(on.network.cidr), gw: on.network.gateway },
      netstack: "defaultTcpipStack",
      services: ["vmotion"],
      mtu: on.mtu,
    }),
    h.name,
    "vmotion",
  );
}
