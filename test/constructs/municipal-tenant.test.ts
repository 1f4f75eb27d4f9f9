import { Testing } from "cdktf";
import { ComputeClusterVmAntiAffinityRule } from "@cdktf/provider-vsphere/lib/compute-cluster-vm-anti-affinity-rule";
import { DataVsphereContentLibraryItem } from "@cdktf/provider-vsphere/lib/data-vsphere-content-library-item";
import { DataVsphereNetwork } from "@cdktf/provider-vsphere/lib/data-vsphere-network";
import { DataVsphereStoragePolicy } from "@cdktf/provider-vsphere/lib/data-vsphere-storage-policy";
import { DataVsphereTag } from "@cdktf/provider-vsphere/lib/data-vsphere-tag";
import { DataVsphereVirtualMachine } from "@cdktf/provider-vsphere/lib/data-vsphere-virtual-machine";
import { DistributedPortGroup } from "@cdktf/provider-vsphere/lib/distributed-port-group";
import { EntityPermissions } from "@cdktf/provider-vsphere/lib/entity-permissions";
import { Folder } from "@cdktf/provider-vsphere/lib/folder";
import { HaVmOverride } from "@cdktf/provider-vsphere/lib/ha-vm-override";
import { ResourcePool } from "@cdktf/provider-vsphere/lib/resource-pool";
import { Role } from "@cdktf/provider-vsphere/lib/role";
import { VirtualMachine } from "@cdktf/provider-vsphere/lib/virtual-machine";
import { Password } from "@cdktf/provider-random/lib/password";
import {
  MunicipalTenant,
  type MunicipalTenantProps,
  RESTART_PRIORITY,
  TENANT_OPERATOR_PRIVILEGES,
} from "../../constructs/municipal-tenant";
import {
  DATACENTER,
  SITE,
  adoptedVm,
  adoptedWorkload,
  dataSources,
  encryptionPolicy,
  importBlocks,
  linuxVm,
  parse,
  removedBlocks,
  removedVm,
  resourceAddresses,
  resources,
  sharedNetwork,
  standardPolicy,
  tenant,
  windowsTemplate,
  windowsVm,
  workload,
} from "./fixtures";

const props = (extra: Partial<MunicipalTenantProps> = {}): MunicipalTenantProps => ({
  siteName: SITE,
  datacenter: DATACENTER,
  distributedSwitch: "dvs-tiny",
  tenant: tenant(),
  homeCluster: "prod",
  encryptionPolicy: encryptionPolicy(),
  backupTags: new Map([["gold", "backup-gold"]]),
  ...extra,
});

const synth = (extra: Partial<MunicipalTenantProps> = {}) =>
  Testing.synthScope((scope) => {
    new MunicipalTenant(scope, "tenant", props(extra));
  });

describe("MunicipalTenant", () => {
  const json = synth();
  const vms = resources(json, VirtualMachine.tfResourceType);

  describe("isolation: folder, pool, role and permissions", () => {
    test("the tenant's folder is tenants/<tenant>, tagged with the tenant", () => {
      expect(json).toHaveResourceWithProperties(Folder, {
        path: "tenants/alpha",
        type: "vm",
        tags: ["${vsphere_tag.tenant_alpha.id}"],
      });
    });

    test("the operator role holds only the listed VM privileges", () => {
      const roles = resources(json, Role.tfResourceType);
      expect(roles).toEqual({ alpha_operator: { name: "tiny-alpha-operator", role_privileges: TENANT_OPERATOR_PRIVILEGES } });
      for (const p of TENANT_OPERATOR_PRIVILEGES) expect(p).toMatch(/^VirtualMachine\.(Interact|State|Config\.Annotation)/);
    });

    test("the operators' group gets the role on the tenant's folder and resource pool only, propagating", () => {
      const permissions = resources(json, EntityPermissions.tfResourceType);
      expect(Object.keys(permissions)).toEqual(["alpha_folder", "alpha_pool"]);
      expect(permissions.alpha_folder.entity_id).toBe("${vsphere_folder.alpha.id}");
      expect(permissions.alpha_pool.entity_id).toBe("${vsphere_resource_pool.alpha.id}");
      for (const p of Object.values(permissions)) {
        expect(p.permissions).toEqual([
          { user_or_group: "ALPHA\\vm-operators", is_group: true, propagate: true, role_id: "${vsphere_role.alpha_operator.id}" },
        ]);
      }
    });

    test("the resource pool has normal shares and no limits by default", () => {
      expect(json).toHaveResourceWithProperties(ResourcePool, {
        name: "alpha",
        parent_resource_pool_id: "${data.vsphere_compute_cluster.prod.resource_pool_id}",
        cpu_share_level: "normal",
        memory_share_level: "normal",
        cpu_limit: -1,
        memory_limit: -1,
      });
    });

    test("resourcePool sets the shares and limits (memory in MiB)", () => {
      const json = synth({
        tenant: tenant({ spec: { resourcePool: { cpuShares: "low", memoryShares: "high", cpuLimitMhz: 8000, memoryLimitGb: 64 } } }),
      });
      expect(json).toHaveResourceWithProperties(ResourcePool, {
        cpu_share_level: "low",
        memory_share_level: "high",
        cpu_limit: 8000,
        memory_limit: 65536,
      });
    });

    test("every port group of the tenant is hardened, named <tenant>-<network> and tagged with the tenant", () => {
      const portGroups = resources(json, DistributedPortGroup.tfResourceType);
      expect(Object.keys(portGroups)).toEqual(["app"]);
      expect(portGroups.app).toEqual({
        name: "alpha-app",
        distributed_virtual_switch_uuid: "${data.vsphere_distributed_virtual_switch.dvs-tiny.id}",
        vlan_id: 110,
        tags: ["${vsphere_tag.tenant_alpha.id}"],
        allow_promiscuous: false,
        allow_mac_changes: false,
        allow_forged_transmits: false,
        security_policy_override_allowed: false,
        vlan_override_allowed: false,
      });
    });

    test("everything shared is looked up by name, never created in the tenant's stack", () => {
      const types = new Set(resourceAddresses(json).map((a) => a.split(".")[0]));
      for (const shared of [
        "vsphere_datacenter",
        "vsphere_distributed_virtual_switch",
        "vsphere_compute_cluster",
        "vsphere_tag_category",
        "vsphere_datastore_cluster",
        "vsphere_vmfs_datastore",
      ])
        expect(types).not.toContain(shared);
      const data = parse(json).data;
      expect(data.vsphere_datacenter.datacenter).toEqual({ name: DATACENTER });
      expect(data.vsphere_distributed_virtual_switch["dvs-tiny"]).toMatchObject({ name: "dvs-tiny" });
      expect(data.vsphere_compute_cluster.prod).toMatchObject({ name: "prod" });
    });
  });

  describe("VMs", () => {
    test("every managed VM is a vsphere_virtual_machine named after the VM: protected, never forced off, never rebooted by hardening", () => {
      expect(Object.keys(vms)).toEqual(["files01", "web01", "web02"]);
      for (const vm of Object.values(vms)) {
        expect(vm.lifecycle.prevent_destroy).toBe(true);
        expect(vm.force_power_off).toBe(false);
        expect(vm.extra_config_reboot_required).toBe(false);
        expect(vm.folder).toBe("${vsphere_folder.alpha.path}");
      }
    });

    test("new VMs boot EFI with secure boot; the adopted VM is imported, never cloned", () => {
      for (const name of ["web01", "files01"]) expect(vms[name]).toMatchObject({ firmware: "efi", efi_secure_boot_enabled: true });
      expect(vms.web02).not.toHaveProperty("clone");
      expect(importBlocks(json)).toEqual([{ to: "vsphere_virtual_machine.web02", id: "/tiny-dc/vm/legacy/web02" }]);
    });

    test("VMs are tagged with tenant, criticality, classification, lifecycle, backup class and redundancy group", () => {
      expect(vms.web01.tags).toEqual([
        "${vsphere_tag.tenant_alpha.id}",
        "${data.vsphere_tag.criticality_life-and-health.id}",
        "${data.vsphere_tag.data-classification_health.id}",
        "${data.vsphere_tag.lifecycle_active.id}",
        "${data.vsphere_tag.backup-class_backup-gold.id}",
        "${vsphere_tag.redundancy-group_web.id}",
      ]);
      expect(vms.files01.tags).toEqual([
        "${vsphere_tag.tenant_alpha.id}",
        "${data.vsphere_tag.criticality_standard.id}",
        "${data.vsphere_tag.data-classification_internal.id}",
        "${data.vsphere_tag.lifecycle_active.id}",
      ]);
    });

    test("no backupTags: no backup-class tags", () => {
      const json = synth({ backupTags: undefined });
      expect(dataSources(json, DataVsphereTag.tfResourceType)).not.toHaveProperty("backup-class_backup-gold");
      expect(parse(json).data.vsphere_tag_category).not.toHaveProperty("backup-class");
    });

    test("a retiring VM stays managed and protected, tagged retiring", () => {
      const json = synth({ tenant: tenant({ vms: [linuxVm({ lifecycle: "retiring" })] }) });
      const vm = resources(json, VirtualMachine.tfResourceType).web01;
      expect(vm.lifecycle.prevent_destroy).toBe(true);
      expect(vm.tags).toContain("${data.vsphere_tag.lifecycle_retiring.id}");
    });

    test("an unmanaged VM is never applied", () => {
      const json = synth({
        tenant: tenant({ vms: [linuxVm(), { ...linuxVm({ name: "appliance01" }), kind: "unmanaged", lifecycle: "unmanaged" }] }),
      });
      expect(Object.keys(resources(json, VirtualMachine.tfResourceType))).toEqual(["web01"]);
      expect(removedBlocks(json)).toEqual([]);
    });

    test("a VM on a tenant network uses the tenant's port group; on a site network the site's, looked up by name", () => {
      expect(vms.web01.network_interface[0].network_id).toBe("${vsphere_distributed_port_group.app.id}");
      const json = synth({ tenant: tenant({ vms: [linuxVm({ network: sharedNetwork(), sharedNetwork: true })] }) });
      expect(json).toHaveDataSourceWithProperties(DataVsphereNetwork, { name: "tiny-shared" });
      expect(resources(json, VirtualMachine.tfResourceType).web01.network_interface[0].network_id).toBe(
        "${data.vsphere_network.site_shared.id}",
      );
    });

    test("templates: a template VM by name, or a content library OVF item", () => {
      expect(json).toHaveDataSourceWithProperties(DataVsphereVirtualMachine, { name: "tpl-rhel9" });
      expect(json).toHaveDataSourceWithProperties(DataVsphereContentLibraryItem, { name: "win2022-core", type: "ovf" });
      expect(vms.web01.clone.template_uuid).toBe("${data.vsphere_virtual_machine.template_rhel9.id}");
      expect(vms.files01.clone.template_uuid).toBe("${data.vsphere_content_library_item.template_win2022.id}");
    });
  });

  describe("redundancy", () => {
    test("redundancy groups get a mandatory anti-affinity rule", () => {
      const rules = resources(json, ComputeClusterVmAntiAffinityRule.tfResourceType);
      expect(rules).toEqual({
        web: {
          name: "alpha-web",
          compute_cluster_id: "${data.vsphere_compute_cluster.prod.id}",
          virtual_machine_ids: ["${vsphere_virtual_machine.web01.id}", "${vsphere_virtual_machine.web02.id}"],
          enabled: true,
          mandatory: true,
        },
      });
    });

    test("a redundancy group of one gets no rule (nothing to keep apart)", () => {
      const json = synth({ tenant: tenant({ vms: [linuxVm(), windowsVm()] }) });
      expect(json).not.toHaveResource(ComputeClusterVmAntiAffinityRule);
    });

    test("a group spread over two clusters gets a rule per cluster, and a pool (granted) in the other cluster", () => {
      const json = synth({
        tenant: tenant({
          vms: [linuxVm(), adoptedVm(), linuxVm({ name: "web03", cluster: "dmz" }), linuxVm({ name: "web04", cluster: "dmz" })],
        }),
      });
      expect(Object.keys(resources(json, ComputeClusterVmAntiAffinityRule.tfResourceType))).toEqual(["web", "web_dmz"]);
      expect(json).toHaveResourceWithProperties(ComputeClusterVmAntiAffinityRule, {
        name: "alpha-web-dmz",
        compute_cluster_id: "${data.vsphere_compute_cluster.dmz.id}",
        mandatory: true,
      });
      expect(resources(json, ResourcePool.tfResourceType).alpha_dmz).toMatchObject({ name: "alpha" });
      expect(resources(json, EntityPermissions.tfResourceType).alpha_pool_dmz.entity_id).toBe("${vsphere_resource_pool.alpha_dmz.id}");
    });

    test("redundancy group tags are the tenant's own, in the redundancy-group category", () => {
      expect(resources(json, "vsphere_tag")["redundancy-group_web"]).toEqual({
        name: "alpha-web",
        category_id: "${data.vsphere_tag_category.redundancy-group.id}",
      });
    });

    test("HA restarts life-and-health VMs first and critical ones next; standard keeps the cluster default", () => {
      expect(RESTART_PRIORITY).toEqual({ "life-and-health": "highest", critical: "high", standard: undefined, low: "low" });
      const overrides = resources(json, HaVmOverride.tfResourceType);
      expect(overrides).toEqual({
        web01: {
          compute_cluster_id: "${data.vsphere_compute_cluster.prod.id}",
          virtual_machine_id: "${vsphere_virtual_machine.web01.id}",
          ha_vm_restart_priority: "highest",
        },
        web02: {
          compute_cluster_id: "${data.vsphere_compute_cluster.prod.id}",
          virtual_machine_id: "${vsphere_virtual_machine.web02.id}",
          ha_vm_restart_priority: "high",
        },
      });
    });
  });

  describe("encryption", () => {
    const policies = dataSources(json, DataVsphereStoragePolicy.tfResourceType);

    test("sensitive new VMs get the encryption policy on the VM only (on a clone's disk it fails the clone, provider #2241); adopted VMs keep theirs", () => {
      expect(policies.encrypted).toEqual({ name: "VM Encryption Policy" });
      expect(vms.web01.storage_policy_id).toBe("${data.vsphere_storage_policy.encrypted.id}");
      for (const d of vms.web01.disk) expect(d).not.toHaveProperty("storage_policy_id");
      // web02 holds personal data too, but runs: switching it to encryption would need it powered off.
      expect(vms.web02).not.toHaveProperty("storage_policy_id");
      for (const d of vms.web02.disk) expect(d).not.toHaveProperty("storage_policy_id");
    });

    test("a new VM with no sensitive data gets its own storage policy", () => {
      expect(vms.files01.storage_policy_id).toBe("${data.vsphere_storage_policy.standard.id}");
      expect(vms.files01.disk[0].storage_policy_id).toBe("${data.vsphere_storage_policy.standard.id}");
    });

    test("a clone of an encrypted template stays encrypted: its home takes the encryption policy whatever its data, its disks none", () => {
      const files01 = windowsVm({ template: { ...windowsTemplate(), encrypted: true } });
      const json = synth({ tenant: tenant({ vms: [files01] }) });
      const vm = resources(json, VirtualMachine.tfResourceType).files01;
      expect(vm.storage_policy_id).toBe("${data.vsphere_storage_policy.encrypted.id}");
      for (const d of vm.disk) expect(d).not.toHaveProperty("storage_policy_id");
    });

    test("a VM that must be encrypted keeps its workload's policy where that one encrypts (a faster tier, say)", () => {
      const fast = { ...standardPolicy(), id: "fast", name: "Fast and encrypted", encryption: true, default: false };
      const files01 = windowsVm({ template: { ...windowsTemplate(), encrypted: true }, storagePolicy: fast });
      const vm = resources(synth({ tenant: tenant({ vms: [files01] }) }), VirtualMachine.tfResourceType).files01;
      expect(vm.storage_policy_id).toBe("${data.vsphere_storage_policy.fast.id}");
    });

    test("no encryptionPolicy: a sensitive new VM gets its own storage policy (the rules report it)", () => {
      const json = synth({ encryptionPolicy: undefined });
      expect(dataSources(json, DataVsphereStoragePolicy.tfResourceType)).not.toHaveProperty("encrypted");
      expect(resources(json, VirtualMachine.tfResourceType).web01.storage_policy_id).toBe("${data.vsphere_storage_policy.standard.id}");
    });

    test("an adopted VM whose workload names a storage policy gets that one, never the encryption policy", () => {
      const named = { ...adoptedWorkload(), storagePolicy: "standard" };
      const json = synth({ tenant: tenant({ vms: [adoptedVm({ workload: named, storagePolicy: standardPolicy() })] }) });
      const vm = resources(json, VirtualMachine.tfResourceType).web02;
      expect(vm.storage_policy_id).toBe("${data.vsphere_storage_policy.standard.id}");
      for (const d of vm.disk) expect(d.storage_policy_id).toBe("${data.vsphere_storage_policy.standard.id}");
    });
  });

  describe("credentials", () => {
    test("a new Windows VM gets a unique generated local administrator password; Linux VMs none", () => {
      const passwords = resources(json, Password.tfResourceType);
      expect(Object.keys(passwords)).toEqual(["files01_admin"]);
      expect(passwords.files01_admin).toEqual({ length: 24, special: true, min_upper: 2, min_lower: 2, min_numeric: 2, min_special: 2 });
      expect(vms.files01.clone.customize.windows_options.admin_password).toBe("${random_password.files01_admin.result}");
      expect(parse(json).provider).toEqual({ random: [{}] });
    });

    test("no directory: Windows VMs stay in WORKGROUP and no join password is asked for", () => {
      expect(vms.files01.clone.customize.windows_options.workgroup).toBe("WORKGROUP");
      expect(parse(json).variable).toBeUndefined();
    });

    test("a directory: the join password is a sensitive variable with no default, and Windows VMs join", () => {
      const json = synth({ tenant: tenant({ spec: { directory: { domain: "alpha.example", joinAccount: "svc-join" } } }) });
      const variable = parse(json).variable.ad_join_password;
      expect(variable).toMatchObject({ type: "string", sensitive: true, nullable: false });
      expect(variable).not.toHaveProperty("default");
      expect(resources(json, VirtualMachine.tfResourceType).files01.clone.customize.windows_options).toMatchObject({
        join_domain: "alpha.example",
        domain_admin_user: "svc-join",
        domain_admin_password: "${var.ad_join_password}",
      });
    });
  });

  describe("removed VMs", () => {
    const withRemoved = (removed: ReturnType<typeof removedVm>) =>
      synth({ tenant: tenant({ vms: [linuxVm(), windowsVm(), adoptedVm(), removed] }) });

    test("a removed VM leaves through a removed block that forgets it (destroy false)", () => {
      const json = withRemoved(removedVm());
      expect(resources(json, VirtualMachine.tfResourceType)).not.toHaveProperty("old01");
      expect(removedBlocks(json)).toEqual([{ from: "vsphere_virtual_machine.old01", lifecycle: { destroy: false } }]);
    });

    test("a removed VM is destroyed only when its workload approves it", () => {
      const json = withRemoved(removedVm(workload("old01", { template: "rhel9", lifecycle: "removed", destroyApproved: true })));
      expect(removedBlocks(json)).toEqual([{ from: "vsphere_virtual_machine.old01", lifecycle: { destroy: true } }]);
    });

    test("a removed VM's own resources (HA override, admin password) leave with it", () => {
      const gone = {
        ...removedVm(workload("old02", { template: "win2022", lifecycle: "removed", criticality: "critical" })),
        template: windowsTemplate(),
      };
      const json = withRemoved(gone);
      expect(removedBlocks(json).map((b) => b.from)).toEqual([
        "random_password.old02_admin",
        "vsphere_ha_vm_override.old02",
        "vsphere_virtual_machine.old02",
      ]);
      // What the tenant keeps stays declared, and no removed block names a resource still declared.
      const declared = resourceAddresses(json);
      expect(declared).toEqual(expect.arrayContaining(["vsphere_virtual_machine.web01", "vsphere_folder.alpha"]));
      expect(removedBlocks(json).filter((b) => declared.includes(b.from))).toEqual([]);
    });

    test("what the remaining VMs still use stays: no removed block names a resource still declared", () => {
      // The removed VM shares a redundancy group and a non-home cluster with two VMs that stay.
      const shared = { redundancyGroup: "web", cluster: "other" };
      const stays = (name: string, ip: string) =>
        linuxVm({ name, ip, cluster: "other", workload: workload(name, { template: "rhel9", ...shared }) });
      const gone = { ...removedVm(workload("old04", { template: "rhel9", lifecycle: "removed", ...shared })), cluster: "other" };
      const json = synth({ tenant: tenant({ vms: [linuxVm(), stays("web03", "10.1.0.21"), stays("web04", "10.1.0.22"), gone] }) });
      const declared = resourceAddresses(json);
      expect(declared).toEqual(expect.arrayContaining(["vsphere_tag.redundancy-group_web", "vsphere_resource_pool.alpha_other"]));
      expect(removedBlocks(json).filter((b) => declared.includes(b.from))).toEqual([]);
      expect(removedBlocks(json).map((b) => b.from)).toEqual(["vsphere_virtual_machine.old04"]);
    });

    test("a removed adopted VM is listed as the adopted VM it was", () => {
      const was = { ...removedVm(workload("old03", { lifecycle: "removed" })), template: undefined, existing: adoptedVm().existing };
      expect(removedBlocks(withRemoved(was))).toEqual([{ from: "vsphere_virtual_machine.old03", lifecycle: { destroy: false } }]);
    });
  });
});
