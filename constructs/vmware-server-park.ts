import { TerraformStack, TerraformVariable } from "cdktf";
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
import type { Host as HostSpec, SiteFile } from "../spec/types";
import { hardenedPortGroup } from "./hardened-port-group";
import { addRemovedBlock } from "./removed-blocks";
import { SanStorage } from "./san-storage";
import { addressName, pinAddress } from "./stable-address";
import { backupTagOf } from "./backup-room";
import { FIXED_TAGS, TAG_CATEGORIES } from "./tag-vocabulary";

export interface VmwareServerParkProps {
  /** The site spec: datacenter, clusters and hosts, distributed switch, networks, SAN. */
  readonly site: SiteFile;
  /** Scope inside the facility stack where the SAN's LUNs, key providers and storage policies are recorded. */
  readonly facility: Construct;
}

/** Folder (relative to the datacenter's VM folder) under which every tenant gets its own. */
export const TENANTS_FOLDER = "tenants";

/** Name of the variable holding a host's root password (one per host, supplied at plan time). */
export function rootPasswordVariable(host: string): string {
  return addressName("esxi_root_password", host).replace(/-/g, "_");
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
  private readonly site: SiteFile;

  constructor(scope: Construct, id: string, props: VmwareServerParkProps) {
    super(scope, id);
    const { site } = props;
    this.site = site;
    const stack = TerraformStack.of(this);

    this.datacenter = pinAddress(
      new Datacenter(this, "datacenter", { name: site.vcenter.datacenter, lifecycle: { preventDestroy: true } }),
      site.vcenter.datacenter,
    );
    if (site.vcenter.datacenterExists) this.datacenter.importFrom(`/${site.vcenter.datacenter}`);
    const datacenterId = this.datacenter.id;

    pinAddress(new Folder(this, "tenants-folder", { path: TENANTS_FOLDER, type: "vm", datacenterId }), TENANTS_FOLDER);

    // Hosts (PowerAndCooling records each as a device in the facility stack, join key vsphereHostname).
    const hostsInClusters = new Map<string, Host[]>();
    for (const cluster of site.clusters) {
      const members: Host[] = [];
      for (const h of cluster.hosts) {
        if (h.lifecycle === "unmanaged") continue;
        if (h.lifecycle === "removed") {
          addRemovedBlock(stack, `vsphere_host.${addressName(h.name)}`, false);
          if (h.vmotionAddress) addRemovedBlock(stack, `vsphere_vnic.${addressName(h.name, "vmotion")}`, false);
          continue;
        }
        const host = this.addHost(h, datacenterId, site.ntp);
        this.hosts.set(h.name, host);
        members.push(host);
      }
      hostsInClusters.set(cluster.name, members);
    }

    // Distributed switch: uplinks from every host, L2 spoofing rejected.
    const dvs = site.distributedSwitch;
    const standby = new Set(dvs.standbyUplinks ?? []);
    this.distributedSwitch = pinAddress(
      new DistributedVirtualSwitch(this, "dvs", {
        name: dvs.name,
        datacenterId,
        uplinks: dvs.uplinks,
        activeUplinks: dvs.uplinks.filter((u) => !standby.has(u)),
        standbyUplinks: [...standby],
        host: site.clusters
          .flatMap((c) => c.hosts)
          .filter((h) => this.hosts.has(h.name))
          .map((h) => ({ hostSystemId: this.hosts.get(h.name)!.id, devices: h.uplinkNics ?? dvs.hostNics })),
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

    const portGroups = new Map<string, DistributedPortGroup>();
    for (const net of site.networks) {
      portGroups.set(
        net.name,
        hardenedPortGroup(this, net.name, {
          name: `${site.site}-${net.name}`,
          distributedVirtualSwitchUuid: this.distributedSwitch.id,
          vlanId: net.vlan,
        }),
      );
    }

    // vMotion vmkernel ports, on their own network.
    const vmotion = site.networks.find((n) => n.purpose === "vmotion");
    for (const h of site.clusters.flatMap((c) => c.hosts)) {
      const host = this.hosts.get(h.name);
      if (!host || !h.vmotionAddress || !vmotion) continue;
      pinAddress(
        new Vnic(this, `vmk-vmotion-${h.name}`, {
          host: host.id,
          distributedSwitchPort: this.distributedSwitch.id,
          distributedPortGroup: portGroups.get(vmotion.name)!.id,
          ipv4: { ip: h.vmotionAddress, netmask: netmaskOf(vmotion.cidr), gw: vmotion.gateway },
          netstack: "defaultTcpipStack",
          services: ["vmotion"],
          mtu: dvs.mtu,
        }),
        h.name,
        "vmotion",
      );
    }

    this.addTagCategories();

    this.san = new SanStorage(this, "san", {
      site,
      datacenterId,
      mountingHost: new Map([...hostsInClusters].filter(([, hosts]) => hosts.length).map(([name, hosts]) => [name, hosts[0].id])),
      facility: props.facility,
    });

    for (const c of site.clusters) {
      const datastores = site.san.datastores.filter(
        (d) => d.cluster === c.name && d.lifecycle !== "removed" && d.lifecycle !== "unmanaged",
      );
      const heartbeat = (c.ha.heartbeatDatastores ?? datastores.map((d) => d.name))
        .map((name) => this.san.datastores.get(name)?.id)
        .filter((x): x is string => x !== undefined);
      this.clusters.set(
        c.name,
        pinAddress(
          new ComputeCluster(this, `cluster-${c.name}`, {
            name: c.name,
            datacenterId,
            hostSystemIds: (hostsInClusters.get(c.name) ?? []).map((h) => h.id),
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
        ),
      );
    }
  }

  private addHost(h: HostSpec, datacenterId: string, ntpServers: string[]): Host {
    const password = new TerraformVariable(this, rootPasswordVariable(h.name), {
      type: "string",
      sensitive: true,
      nullable: false,
      description: `ESXi root password of host ${h.name}; supply at plan time (TF_VAR_${rootPasswordVariable(h.name)}).`,
    });
    password.overrideLogicalId(rootPasswordVariable(h.name));
    const host = pinAddress(
      new Host(this, `host-${h.name}`, {
        hostname: hostnameOf(h),
        username: "root",
        password: password.stringValue,
        thumbprint: h.thumbprint,
        datacenter: datacenterId,
        lockdown: "normal",
        services: [{ ntpd: { enabled: true, policy: "on", ntpServers } }],
        // Maintenance mode is owned by whoever patches the host, not by Terraform.
        lifecycle: { preventDestroy: true, ignoreChanges: ["maintenance"] },
      }),
      h.name,
    );
    if (h.importId) host.importFrom(h.importId);
    return host;
  }

  private addTagCategories(): void {
    for (const [key, cat] of Object.entries(TAG_CATEGORIES)) {
      // Backup classes are tags only where the site declares its backup.
      const values =
        key === "backupClass" ? (this.site.backup?.classes ?? []).map(backupTagOf) : (FIXED_TAGS[key as keyof typeof FIXED_TAGS] ?? []);
      if (key === "backupClass" && !this.site.backup) continue;
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

export function hostnameOf(h: HostSpec): string {
  return h.hostname ?? h.address;
}
