import { TerraformStack, TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import { ComputeClusterVmAntiAffinityRule } from "@cdktf/provider-vsphere/lib/compute-cluster-vm-anti-affinity-rule";
import { DataVsphereComputeCluster } from "@cdktf/provider-vsphere/lib/data-vsphere-compute-cluster";
import { DataVsphereContentLibrary } from "@cdktf/provider-vsphere/lib/data-vsphere-content-library";
import { DataVsphereContentLibraryItem } from "@cdktf/provider-vsphere/lib/data-vsphere-content-library-item";
import { DataVsphereDatacenter } from "@cdktf/provider-vsphere/lib/data-vsphere-datacenter";
import { DataVsphereDatastore } from "@cdktf/provider-vsphere/lib/data-vsphere-datastore";
import { DataVsphereDatastoreCluster } from "@cdktf/provider-vsphere/lib/data-vsphere-datastore-cluster";
import { DataVsphereDistributedVirtualSwitch } from "@cdktf/provider-vsphere/lib/data-vsphere-distributed-virtual-switch";
import { DataVsphereNetwork } from "@cdktf/provider-vsphere/lib/data-vsphere-network";
import { DataVsphereStoragePolicy } from "@cdktf/provider-vsphere/lib/data-vsphere-storage-policy";
import { DataVsphereTag } from "@cdktf/provider-vsphere/lib/data-vsphere-tag";
import { DataVsphereTagCategory } from "@cdktf/provider-vsphere/lib/data-vsphere-tag-category";
import { DataVsphereVirtualMachine } from "@cdktf/provider-vsphere/lib/data-vsphere-virtual-machine";
import { EntityPermissions } from "@cdktf/provider-vsphere/lib/entity-permissions";
import { Folder } from "@cdktf/provider-vsphere/lib/folder";
import { HaVmOverride } from "@cdktf/provider-vsphere/lib/ha-vm-override";
import { ResourcePool } from "@cdktf/provider-vsphere/lib/resource-pool";
import { Role } from "@cdktf/provider-vsphere/lib/role";
import { Tag } from "@cdktf/provider-vsphere/lib/tag";
import { Password } from "@cdktf/provider-random/lib/password";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import type { Criticality, SiteFile, Template, Tenant, Vm } from "../spec/types";
import { hardenedPortGroup } from "./hardened-port-group";
import { backupTagOf } from "./backup-room";
import { addRemovedBlock } from "./removed-blocks";
import { addressName, pinAddress } from "./stable-address";
import { TAG_CATEGORIES, type TagCategoryKey } from "./tag-vocabulary";
import { TenantVirtualMachine } from "./tenant-virtual-machine";
import { TENANTS_FOLDER } from "./vmware-server-park";

export interface MunicipalTenantProps {
  readonly site: SiteFile;
  readonly tenant: Tenant;
}

/** vSphere HA restart priority per criticality; standard keeps the cluster default (medium). */
export const RESTART_PRIORITY: Record<Criticality, string | undefined> = {
  "life-and-health": "highest",
  critical: "high",
  standard: undefined,
  low: "low",
};

/** What the tenant's operators may do inside their own folder and resource pool, and nothing outside. */
export const TENANT_OPERATOR_PRIVILEGES = [
  "VirtualMachine.Interact.PowerOn",
  "VirtualMachine.Interact.PowerOff",
  "VirtualMachine.Interact.Reset",
  "VirtualMachine.Interact.ConsoleInteract",
  "VirtualMachine.Interact.DeviceConnection",
  "VirtualMachine.Interact.ToolsInstall",
  "VirtualMachine.State.CreateSnapshot",
  "VirtualMachine.State.RemoveSnapshot",
  "VirtualMachine.State.RevertToSnapshot",
  "VirtualMachine.Config.Annotation",
];

const SENSITIVE = new Set(["personal", "health", "security-classified"]);

/**
 * One municipality's share of the park, in its own stack: folder, resource pool, a vCenter role whose
 * permissions reach only that folder and pool, port groups for its networks, its VMs with tags,
 * mandatory anti-affinity per redundancy group and HA restart priority from criticality. VMs with
 * personal, health or security-classified data get the site's encryption storage policy on the VM and
 * every disk. Everything shared is looked up by name (data sources), so this stack's state and plan
 * stay its own.
 */
export class MunicipalTenant extends Construct {
  readonly vms = new Map<string, TenantVirtualMachine>();
  private readonly lookups = new Map<string, Construct>();

  constructor(scope: Construct, id: string, props: MunicipalTenantProps) {
    super(scope, id);
    const { site, tenant } = props;
    const t = tenant.spec;
    const stack = TerraformStack.of(this);

    const datacenter = new DataVsphereDatacenter(this, "datacenter", { name: site.vcenter.datacenter });
    pinAddress(datacenter, "datacenter");
    const datacenterId = datacenter.id;
    const dvs = pinAddress(
      new DataVsphereDistributedVirtualSwitch(this, "dvs", { name: site.distributedSwitch.name, datacenterId }),
      site.distributedSwitch.name,
    );

    const category = (key: TagCategoryKey) =>
      this.lookup(`category-${key}`, () =>
        pinAddress(new DataVsphereTagCategory(this, `category-${key}`, { name: TAG_CATEGORIES[key].name }), TAG_CATEGORIES[key].name),
      ) as DataVsphereTagCategory;
    const fixedTag = (key: TagCategoryKey, value: string) =>
      this.lookup(`tag-${key}-${value}`, () =>
        pinAddress(
          new DataVsphereTag(this, `tag-${key}-${value}`, { name: value, categoryId: category(key).id }),
          TAG_CATEGORIES[key].name,
          value,
        ),
      ) as DataVsphereTag;

    const tenantTag = pinAddress(
      new Tag(this, "tenant-tag", { name: t.tenant, categoryId: category("tenant").id, description: t.name }),
      "tenant",
      t.tenant,
    );
    const folderPath = `${TENANTS_FOLDER}/${t.tenant}`;
    const folder = pinAddress(new Folder(this, "folder", { path: folderPath, type: "vm", datacenterId, tags: [tenantTag.id] }), t.tenant);
    const role = pinAddress(
      new Role(this, "role", { name: `${site.site}-${t.tenant}-operator`, rolePrivileges: TENANT_OPERATOR_PRIVILEGES }),
      t.tenant,
      "operator",
    );
    const grant = (entityId: string, entityType: string, what: string) =>
      pinAddress(
        new EntityPermissions(this, `permissions-${what}`, {
          entityId,
          entityType,
          permissions: [{ userOrGroup: t.operatorsGroup, isGroup: true, propagate: true, roleId: role.id }],
        }),
        t.tenant,
        what,
      );
    grant(folder.id, "Folder", "folder");

    // One resource pool per compute cluster the tenant uses; the tenant's own cluster keeps the plain name.
    const homeCluster = t.cluster ?? site.clusters[0].name;
    const clusters = new Map<string, { cluster: DataVsphereComputeCluster; pool: ResourcePool }>();
    const inCluster = (name: string) => {
      if (!clusters.has(name)) {
        const cluster = pinAddress(new DataVsphereComputeCluster(this, `cluster-${name}`, { name, datacenterId }), name);
        const suffix = name === homeCluster ? [] : [name];
        const pool = pinAddress(
          new ResourcePool(this, `pool-${name}`, {
            name: t.tenant,
            parentResourcePoolId: cluster.resourcePoolId,
            cpuShareLevel: t.resourcePool?.cpuShares ?? "normal",
            memoryShareLevel: t.resourcePool?.memoryShares ?? "normal",
            cpuLimit: t.resourcePool?.cpuLimitMhz ?? -1,
            memoryLimit: t.resourcePool?.memoryLimitGb === undefined ? -1 : t.resourcePool.memoryLimitGb * 1024,
            tags: [tenantTag.id],
          }),
          t.tenant,
          ...suffix,
        );
        grant(pool.id, "ResourcePool", ["pool", ...suffix].join("_"));
        clusters.set(name, { cluster, pool });
      }
      return clusters.get(name)!;
    };
    inCluster(homeCluster);

    const networkIds = new Map<string, string>();
    for (const net of t.networks) {
      const pg = hardenedPortGroup(this, net.name, {
        name: `${t.tenant}-${net.name}`,
        distributedVirtualSwitchUuid: dvs.id,
        vlanId: net.vlan,
        tags: [tenantTag.id],
      });
      networkIds.set(net.name, pg.id);
    }
    const networkId = (vm: Vm): string =>
      vm.sharedNetwork
        ? (
            this.lookup(`net-${vm.network.name}`, () =>
              pinAddress(
                new DataVsphereNetwork(this, `net-${vm.network.name}`, { name: `${site.site}-${vm.network.name}`, datacenterId }),
                "site",
                vm.network.name,
              ),
            ) as DataVsphereNetwork
          ).id
        : networkIds.get(vm.network.name)!;

    const encryption = site.storagePolicies.find((p) => p.encryption);
    const policyId = (vm: Vm): string | undefined => {
      // A running VM keeps the policy it has unless the spec names one: switching it to the encryption
      // policy would encrypt it in place, which needs it powered off. The rules report it instead.
      if (vm.workload.existing && vm.workload.storagePolicy === undefined) return undefined;
      const policy = SENSITIVE.has(vm.workload.classification) && encryption && !vm.workload.existing ? encryption : vm.storagePolicy;
      if (!policy) return undefined;
      return (
        this.lookup(`policy-${policy.id}`, () =>
          pinAddress(new DataVsphereStoragePolicy(this, `policy-${policy.id}`, { name: policy.name }), policy.id),
        ) as DataVsphereStoragePolicy
      ).id;
    };

    const joinPassword = t.directory
      ? new TerraformVariable(this, "ad_join_password", {
          type: "string",
          sensitive: true,
          nullable: false,
          description: `Password of ${t.directory.joinAccount}, which joins new Windows VMs to ${t.directory.domain}; supply at plan time (TF_VAR_ad_join_password).`,
        })
      : undefined;
    joinPassword?.overrideLogicalId("ad_join_password");

    const groupTags = new Map<string, Tag>();
    const groupTag = (group: string) => {
      if (!groupTags.has(group))
        groupTags.set(
          group,
          pinAddress(
            new Tag(this, `group-${group}`, { name: `${t.tenant}-${group}`, categoryId: category("redundancyGroup").id }),
            "redundancy-group",
            group,
          ),
        );
      return groupTags.get(group)!;
    };

    for (const vm of tenant.vms) {
      if (vm.lifecycle === "unmanaged") continue; // known and counted (TenantRecords), never applied
      if (vm.lifecycle === "removed") {
        addRemovedBlock(stack, `vsphere_virtual_machine.${addressName(vm.name)}`, vm.workload.destroyApproved);
        if (RESTART_PRIORITY[vm.workload.criticality]) addRemovedBlock(stack, `vsphere_ha_vm_override.${addressName(vm.name)}`, true);
        continue;
      }
      const tags = [
        tenantTag.id,
        fixedTag("criticality", vm.workload.criticality).id,
        fixedTag("classification", vm.workload.classification).id,
        fixedTag("lifecycle", vm.lifecycle).id,
        ...(vm.backupClass ? [fixedTag("backupClass", backupTagOf(site.backup!.classes.find((c) => c.id === vm.backupClass)!)).id] : []),
        ...(vm.workload.redundancyGroup ? [groupTag(vm.workload.redundancyGroup).id] : []),
      ];
      const placementLookup =
        vm.placement.kind === "datastore-cluster"
          ? {
              datastoreClusterId: (
                this.lookup(`dsc-${vm.placement.name}`, () =>
                  pinAddress(
                    new DataVsphereDatastoreCluster(this, `dsc-${vm.placement.name}`, { name: vm.placement.name, datacenterId }),
                    vm.placement.name,
                  ),
                ) as DataVsphereDatastoreCluster
              ).id,
            }
          : {
              datastoreId: (
                this.lookup(`ds-${vm.placement.name}`, () =>
                  pinAddress(
                    new DataVsphereDatastore(this, `ds-${vm.placement.name}`, { name: vm.placement.name, datacenterId }),
                    vm.placement.name,
                  ),
                ) as DataVsphereDatastore
              ).id,
            };
      const machine = new TenantVirtualMachine(this, `vm-${vm.name}`, {
        vm,
        tenant: t,
        dns: t.dns ?? site.dns!,
        importId: vm.workload.existing?.importId.replace(/\{name\}/g, vm.name),
        placement: {
          datacenterId,
          resourcePoolId: inCluster(vm.cluster).pool.id,
          folder: folder.path,
          networkId: networkId(vm),
          storagePolicyId: policyId(vm),
          tagIds: tags,
          templateUuid: vm.workload.existing ? undefined : this.templateId(vm.template!, datacenterId),
          joinPassword: joinPassword?.stringValue,
          adminPassword: !vm.workload.existing && vm.template?.os === "windows" ? this.adminPassword(vm.name) : undefined,
          ...placementLookup,
        },
      });
      this.vms.set(vm.name, machine);
      const priority = RESTART_PRIORITY[vm.workload.criticality];
      if (priority) {
        pinAddress(
          new HaVmOverride(this, `ha-${vm.name}`, {
            computeClusterId: inCluster(vm.cluster).cluster.id,
            virtualMachineId: machine.resource.id,
            haVmRestartPriority: priority,
          }),
          vm.name,
        );
      }
    }

    // Members of a redundancy group never share a host: a mandatory rule per cluster, enforced by DRS.
    const groups = new Map<string, { cluster: string; ids: string[] }>();
    for (const vm of tenant.vms) {
      const g = vm.workload.redundancyGroup;
      const machine = this.vms.get(vm.name);
      if (!g || !machine) continue;
      const key = `${g}\u0000${vm.cluster}`;
      groups.set(key, { cluster: vm.cluster, ids: [...(groups.get(key)?.ids ?? []), machine.resource.id] });
    }
    for (const [key, { cluster, ids }] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
      if (ids.length < 2) continue; // a group of one has nothing to keep apart; the redundancy rules report it
      const group = key.split("\u0000")[0];
      const suffix = cluster === homeCluster ? [] : [cluster];
      pinAddress(
        new ComputeClusterVmAntiAffinityRule(this, `anti-affinity-${group}-${cluster}`, {
          name: [t.tenant, group, ...suffix].join("-"),
          computeClusterId: inCluster(cluster).cluster.id,
          virtualMachineIds: ids,
          enabled: true,
          mandatory: true,
        }),
        group,
        ...suffix,
      );
    }
  }

  /**
   * A unique local administrator password per new Windows VM, generated by the random provider: it
   * lives only in Terraform state (and is replaced by LAPS once the VM is in the directory).
   */
  private adminPassword(vmName: string): string {
    const stack = TerraformStack.of(this);
    if (!stack.node.tryFindChild("random")) new RandomProvider(stack, "random");
    return pinAddress(
      new Password(this, `admin-password-${vmName}`, { length: 24, special: true, minUpper: 2, minLower: 2, minNumeric: 2, minSpecial: 2 }),
      vmName,
      "admin",
    ).result;
  }

  /** A data source created once and shared by every VM that needs it. */
  private lookup(key: string, create: () => Construct): Construct {
    if (!this.lookups.has(key)) this.lookups.set(key, create());
    return this.lookups.get(key)!;
  }

  private templateId(template: Template, datacenterId: string): string {
    if (template.vm) {
      const tpl = this.lookup(`template-${template.id}`, () =>
        pinAddress(
          new DataVsphereVirtualMachine(this, `template-${template.id}`, { name: template.vm, datacenterId }),
          "template",
          template.id,
        ),
      ) as DataVsphereVirtualMachine;
      return tpl.id;
    }
    const library = this.lookup(`library-${template.contentLibrary}`, () =>
      pinAddress(
        new DataVsphereContentLibrary(this, `library-${template.contentLibrary}`, { name: template.contentLibrary! }),
        "library",
        template.contentLibrary!,
      ),
    ) as DataVsphereContentLibrary;
    const item = this.lookup(`item-${template.id}`, () =>
      pinAddress(
        new DataVsphereContentLibraryItem(this, `item-${template.id}`, { name: template.item!, libraryId: library.id, type: "ovf" }),
        "template",
        template.id,
      ),
    ) as DataVsphereContentLibraryItem;
    return item.id;
  }
}
