import { Testing } from "cdktf";
import { ComputeCluster } from "@cdktf/provider-vsphere/lib/compute-cluster";
import { Datacenter } from "@cdktf/provider-vsphere/lib/datacenter";
import { DistributedPortGroup } from "@cdktf/provider-vsphere/lib/distributed-port-group";
import { DistributedVirtualSwitch } from "@cdktf/provider-vsphere/lib/distributed-virtual-switch";
import { Folder } from "@cdktf/provider-vsphere/lib/folder";
import { Host } from "@cdktf/provider-vsphere/lib/host";
import { Tag } from "@cdktf/provider-vsphere/lib/tag";
import { TagCategory } from "@cdktf/provider-vsphere/lib/tag-category";
import { VmfsDatastore } from "@cdktf/provider-vsphere/lib/vmfs-datastore";
import { Vnic } from "@cdktf/provider-vsphere/lib/vnic";
import { LICENSE_VARIABLE, VmwareServerPark, type VmwareServerParkProps, rootPasswordVariable } from "../../constructs/vmware-server-park";
import { CLASSIFICATIONS, CRITICALITIES } from "../../contracts/classifications";
import {
  DATACENTER,
  NTP,
  SITE,
  cluster,
  distributedSwitch,
  host,
  importBlocks,
  managementNetwork,
  parse,
  removedBlocks,
  resources,
  san,
  sharedNetwork,
  siteNetworks,
  storagePolicies,
} from "./fixtures";

const props = (extra: Partial<VmwareServerParkProps> = {}): VmwareServerParkProps => ({
  siteName: SITE,
  datacenter: { name: DATACENTER, exists: false },
  clusters: [cluster()],
  distributedSwitch: distributedSwitch(),
  networks: siteNetworks(),
  ntpServers: NTP,
  san: san(),
  storagePolicies: storagePolicies(),
  ...extra,
});

const synth = (extra: Partial<VmwareServerParkProps> = {}) =>
  Testing.synthScope((scope) => {
    new VmwareServerPark(scope, "park", props(extra));
  });

describe("VmwareServerPark", () => {
  const json = synth();
  const hosts = resources(json, Host.tfResourceType);
  const portGroups = resources(json, DistributedPortGroup.tfResourceType);

  describe("hosts", () => {
    test("hosts are in normal lockdown with ntpd on", () => {
      expect(Object.keys(hosts)).toEqual(["esx01", "esx02", "esx03"]);
      for (const h of Object.values(hosts)) {
        expect(h.lockdown).toBe("normal");
        expect(h.services).toEqual([{ ntpd: { enabled: true, policy: "on", ntp_servers: NTP } }]);
      }
    });

    test("hosts carry prevent_destroy and leave maintenance mode to whoever patches them", () => {
      for (const h of Object.values(hosts)) expect(h.lifecycle).toEqual({ prevent_destroy: true, ignore_changes: ["maintenance"] });
    });

    test("each host joins as root with its own root password, a sensitive variable with no default", () => {
      const variables = parse(json).variable;
      for (const name of ["esx01", "esx02", "esx03"]) {
        const variable = rootPasswordVariable(name);
        expect(variable).toBe(`esxi_root_password_${name}`);
        expect(hosts[name]).toMatchObject({ username: "root", password: `\${var.${variable}}` });
        expect(variables[variable]).toMatchObject({ type: "string", sensitive: true, nullable: false });
        expect(variables[variable]).not.toHaveProperty("default");
      }
    });

    test("every host is cluster_managed (its cluster's host_system_ids holds it) and names no cluster itself", () => {
      // Without cluster_managed the provider reads the parent cluster into `cluster` and the next update
      // moves the host into cluster "" (resource_vsphere_host.go resourceVsphereHostRead / UpdateCluster).
      for (const h of Object.values(hosts)) {
        expect(h.cluster_managed).toBe(true);
        expect(h).not.toHaveProperty("cluster");
        expect(h.datacenter).toBe(`\${vsphere_datacenter.${DATACENTER}.id}`);
      }
    });

    test("hosts the apply adds get the site's licence key, one sensitive variable; imported hosts keep the licence vCenter assigned", () => {
      const json = synth({ clusters: [cluster({ hosts: [host(1, { importId: "host-101" }), host(2), host(3)] })] });
      const hosts = resources(json, Host.tfResourceType);
      expect(hosts.esx01).not.toHaveProperty("license");
      expect(hosts.esx02.license).toBe(`\${var.${LICENSE_VARIABLE}}`);
      expect(hosts.esx03.license).toBe(`\${var.${LICENSE_VARIABLE}}`);
      const variable = parse(json).variable[LICENSE_VARIABLE];
      expect(variable).toMatchObject({ type: "string", sensitive: true, nullable: false });
      expect(variable).not.toHaveProperty("default");
    });

    test("a park whose hosts all run already declares no licence variable", () => {
      const json = synth({ clusters: [cluster({ hosts: [host(1, { importId: "host-101" }), host(2, { importId: "host-102" })] })] });
      expect(parse(json).variable).not.toHaveProperty(LICENSE_VARIABLE);
    });

    test("hosts are pinned by their SSL thumbprint", () => {
      expect(hosts.esx02.thumbprint).toBe(host(2).thumbprint);
    });

    test("vCenter connects a host by its DNS name, else its management address", () => {
      expect(hosts.esx01.hostname).toBe("esx01.tiny.example");
      expect(hosts.esx02.hostname).toBe("10.0.10.12");
    });

    test("a host with an importId is imported, the others are added", () => {
      const json = synth({ clusters: [cluster({ hosts: [host(1, { importId: "host-101" }), host(2)] })] });
      expect(importBlocks(json)).toEqual([{ to: "vsphere_host.esx01", id: "host-101" }]);
    });

    test("unmanaged hosts are skipped", () => {
      const json = synth({ clusters: [cluster({ hosts: [host(1), host(2, { lifecycle: "unmanaged" })] })] });
      expect(Object.keys(resources(json, Host.tfResourceType))).toEqual(["esx01"]);
      expect(resources(json, Vnic.tfResourceType)).not.toHaveProperty("esx02_vmotion");
      expect(removedBlocks(json)).toEqual([]);
    });

    test("a removed host and its vMotion port leave through removed blocks that forget them (destroy false)", () => {
      const json = synth({ clusters: [cluster({ hosts: [host(1), host(2, { lifecycle: "removed" }), host(3)] })] });
      expect(resources(json, Host.tfResourceType)).not.toHaveProperty("esx02");
      expect(removedBlocks(json)).toEqual([
        { from: "vsphere_host.esx02", lifecycle: { destroy: false } },
        { from: "vsphere_vnic.esx02_vmotion", lifecycle: { destroy: false } },
      ]);
      const dvs = resources(json, DistributedVirtualSwitch.tfResourceType)["dvs-tiny"];
      expect(dvs.host).toHaveLength(2);
    });
  });

  describe("distributed switch and port groups", () => {
    const dvs = resources(json, DistributedVirtualSwitch.tfResourceType)["dvs-tiny"];

    test("the switch rejects promiscuous mode, MAC changes and forged transmits", () => {
      expect(dvs).toMatchObject({ allow_promiscuous: false, allow_mac_changes: false, allow_forged_transmits: false });
    });

    test("the switch only listens for link discovery (never advertises)", () => {
      expect(dvs.link_discovery_operation).toBe("listen");
    });

    test("the switch carries prevent_destroy", () => {
      expect(dvs.lifecycle).toEqual({ prevent_destroy: true });
    });

    test("every managed host gives the switch its uplink NICs (a host's own uplinkNics win)", () => {
      const json = synth({ clusters: [cluster({ hosts: [host(1), host(2, { uplinkNics: ["vmnic4", "vmnic5"] })] })] });
      expect(resources(json, DistributedVirtualSwitch.tfResourceType)["dvs-tiny"].host).toEqual([
        { host_system_id: "${vsphere_host.esx01.id}", devices: ["vmnic2", "vmnic3"] },
        { host_system_id: "${vsphere_host.esx02.id}", devices: ["vmnic4", "vmnic5"] },
      ]);
    });

    test("uplinks are active unless declared standby; MTU and version from the spec", () => {
      expect(dvs).toMatchObject({
        uplinks: ["uplink1", "uplink2"],
        active_uplinks: ["uplink1", "uplink2"],
        standby_uplinks: [],
        max_mtu: 9000,
      });
      const json = synth({ distributedSwitch: distributedSwitch({ standbyUplinks: ["uplink2"], version: "8.0.0" }) });
      expect(json).toHaveResourceWithProperties(DistributedVirtualSwitch, {
        active_uplinks: ["uplink1"],
        standby_uplinks: ["uplink2"],
        version: "8.0.0",
      });
    });

    test("every port group of the park rejects promiscuous mode, MAC changes and forged transmits, and allows no override", () => {
      expect(Object.keys(portGroups).sort()).toEqual(["management", "shared", "vmotion"]);
      for (const pg of Object.values(portGroups)) {
        expect(pg).toMatchObject({
          allow_promiscuous: false,
          allow_mac_changes: false,
          allow_forged_transmits: false,
          security_policy_override_allowed: false,
          vlan_override_allowed: false,
          distributed_virtual_switch_uuid: "${vsphere_distributed_virtual_switch.dvs-tiny.id}",
        });
      }
    });

    test("port groups are named <site>-<network> on the network's VLAN (tenant stacks look them up by that name)", () => {
      expect(portGroups.management).toMatchObject({ name: "tiny-management", vlan_id: 10 });
      expect(portGroups.shared).toMatchObject({ name: "tiny-shared", vlan_id: 20 });
    });

    test("every host with a vMotion address gets a vMotion vmkernel port on the vmotion port group", () => {
      const vnics = resources(json, Vnic.tfResourceType);
      expect(Object.keys(vnics)).toEqual(["esx01_vmotion", "esx02_vmotion", "esx03_vmotion"]);
      expect(vnics.esx02_vmotion).toEqual({
        host: "${vsphere_host.esx02.id}",
        distributed_switch_port: "${vsphere_distributed_virtual_switch.dvs-tiny.id}",
        distributed_port_group: "${vsphere_distributed_port_group.vmotion.id}",
        ipv4: { ip: "10.0.11.12", netmask: "255.255.255.0" },
        netstack: "defaultTcpipStack",
        services: ["vmotion"],
        mtu: 9000,
      });
    });

    test("no vmotion network: no vMotion ports", () => {
      const json = synth({ networks: [managementNetwork(), sharedNetwork()] });
      expect(json).not.toHaveResource(Vnic);
    });
  });

  describe("compute clusters", () => {
    const prod = resources(json, ComputeCluster.tfResourceType).prod;

    test("HA is on with host monitoring and admission control tolerating one host failure", () => {
      expect(prod).toMatchObject({
        ha_enabled: true,
        ha_host_monitoring: "enabled",
        ha_admission_control_policy: "resourcePercentage",
        ha_admission_control_host_failure_tolerance: 1,
      });
    });

    test("VM component protection is on with the APD and PDL restart responses", () => {
      expect(prod).toMatchObject({
        ha_vm_component_protection: "enabled",
        ha_datastore_apd_response: "restartConservative",
        ha_datastore_pdl_response: "restartAggressive",
      });
    });

    test("HA heartbeats on every datastore of the cluster by default", () => {
      expect(prod.ha_heartbeat_datastore_policy).toBe("allFeasibleDsWithUserPreference");
      expect(prod.ha_heartbeat_datastore_ids).toEqual(["${vsphere_vmfs_datastore.ds01.id}", "${vsphere_vmfs_datastore.ds02.id}"]);
    });

    test("heartbeatDatastores picks the preferred heartbeat datastores", () => {
      const base = cluster();
      const json = synth({ clusters: [cluster({ ha: { ...base.ha, heartbeatDatastores: ["ds02"] } })] });
      expect(resources(json, ComputeCluster.tfResourceType).prod.ha_heartbeat_datastore_ids).toEqual(["${vsphere_vmfs_datastore.ds02.id}"]);
    });

    test("DRS is fully automated", () => {
      expect(prod).toMatchObject({ drs_enabled: true, drs_automation_level: "fullyAutomated" });
    });

    test("clusters carry prevent_destroy and never force-evacuate hosts on destroy", () => {
      expect(prod).toMatchObject({ lifecycle: { prevent_destroy: true }, force_evacuate_on_destroy: false });
    });

    test("the cluster holds every managed host", () => {
      expect(prod.host_system_ids).toEqual(["${vsphere_host.esx01.id}", "${vsphere_host.esx02.id}", "${vsphere_host.esx03.id}"]);
    });
  });

  describe("datacenter, folder and storage", () => {
    test("the datacenter carries prevent_destroy and is created when it does not exist yet", () => {
      expect(json).toHaveResourceWithProperties(Datacenter, { name: DATACENTER, lifecycle: { prevent_destroy: true } });
      expect(importBlocks(json)).toEqual([]);
    });

    test("an existing datacenter is imported, never created anew", () => {
      const json = synth({ datacenter: { name: DATACENTER, exists: true } });
      expect(importBlocks(json)).toEqual([{ to: `vsphere_datacenter.${DATACENTER}`, id: `/${DATACENTER}` }]);
    });

    test("the tenants folder every tenant folder lives under", () => {
      expect(json).toHaveResourceWithProperties(Folder, { path: "tenants", type: "vm" });
    });

    test("the SAN's datastores are created through the first managed host of their cluster, with prevent_destroy", () => {
      const datastores = resources(json, VmfsDatastore.tfResourceType);
      expect(Object.keys(datastores)).toEqual(["ds01", "ds02"]);
      for (const ds of Object.values(datastores)) {
        expect(ds).toMatchObject({ host_system_id: "${vsphere_host.esx01.id}", lifecycle: { prevent_destroy: true } });
      }
    });
  });

  describe("a running room is imported, never created anew", () => {
    test("cluster, switch, port group, datastore and datastore cluster with an importId get import blocks with it", () => {
      const base = san();
      const [management, ...others] = siteNetworks();
      const json = synth({
        datacenter: { name: DATACENTER, exists: true },
        clusters: [cluster({ importId: `/${DATACENTER}/host/prod`, hosts: [host(1, { importId: "host-101" }), host(2), host(3)] })],
        distributedSwitch: distributedSwitch({ importId: `/${DATACENTER}/network/dvs-tiny` }),
        networks: [{ ...management, importId: `/${DATACENTER}/network/${SITE}-management` }, ...others],
        san: san({
          datastores: [{ ...base.datastores[0], importId: "datastore-201:host-101" }, base.datastores[1]],
          datastoreClusters: (base.datastoreClusters ?? []).map((c) => ({ ...c, importId: `/${DATACENTER}/datastore/${c.name}` })),
        }),
      });
      expect(importBlocks(json)).toEqual(
        expect.arrayContaining([
          { to: "vsphere_compute_cluster.prod", id: `/${DATACENTER}/host/prod` },
          { to: "vsphere_distributed_virtual_switch.dvs-tiny", id: `/${DATACENTER}/network/dvs-tiny` },
          { to: "vsphere_distributed_port_group.management", id: `/${DATACENTER}/network/${SITE}-management` },
          { to: "vsphere_vmfs_datastore.ds01", id: "datastore-201:host-101" },
          { to: "vsphere_datastore_cluster.dsc-prod", id: `/${DATACENTER}/datastore/dsc-prod` },
        ]),
      );
      const targets = importBlocks(json).map((i) => i.to);
      for (const created of ["vsphere_distributed_port_group.vmotion", "vsphere_vmfs_datastore.ds02", "vsphere_host.esx02"])
        expect(targets).not.toContain(created);
    });
  });

  describe("tag categories", () => {
    const categories = resources(json, TagCategory.tfResourceType);
    const tags = resources(json, Tag.tfResourceType);

    test("every tag category is single-cardinality", () => {
      for (const c of Object.values(categories)) expect(c.cardinality).toBe("SINGLE");
    });

    test("criticality, classification and lifecycle tags are created up front", () => {
      const names = (category: string) =>
        Object.values(tags)
          .filter((t) => t.category_id === `\${vsphere_tag_category.${category}.id}`)
          .map((t) => t.name as string);
      expect(names("criticality")).toEqual([...CRITICALITIES].sort());
      expect(names("data-classification")).toEqual([...CLASSIFICATIONS].sort());
      expect(names("lifecycle")).toEqual(["active", "retiring"]);
    });

    test("tenant and redundancy-group categories exist, their tags come with each tenant", () => {
      expect(categories).toHaveProperty("tenant");
      expect(categories).toHaveProperty("redundancy-group");
      const inCategory = (c: string) => Object.values(tags).filter((t) => t.category_id === `\${vsphere_tag_category.${c}.id}`);
      expect(inCategory("tenant")).toEqual([]);
      expect(inCategory("redundancy-group")).toEqual([]);
    });

    test("no backupTags: no backup-class tag category", () => {
      expect(categories).not.toHaveProperty("backup-class");
    });

    test("backupTags: a backup-class category with one tag per class", () => {
      const json = synth({ backupTags: ["backup-gold", "backup-silver"] });
      expect(resources(json, TagCategory.tfResourceType)).toHaveProperty("backup-class");
      expect(resources(json, Tag.tfResourceType)).toMatchObject({
        "backup-class_backup-gold": { name: "backup-gold", category_id: "${vsphere_tag_category.backup-class.id}" },
        "backup-class_backup-silver": { name: "backup-silver", category_id: "${vsphere_tag_category.backup-class.id}" },
      });
    });
  });
});
