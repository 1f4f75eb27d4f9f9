import { TerraformStack } from "cdktf";
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
import { isManaged, type ManagedVm, type RemovedVm, type Tenant, type Vm } from "../plan/model";
import { isSensitive } from "../contracts/classifications";
import type { Criticality, StoragePolicy, Template } from "../spec/types";
import { hardenedPortGroup } from "./hardened-port-group";
import { sensitiveVariable } from "./plan-time-variable";
import { removedBlocksFor } from "./removed-blocks";
import { pinAddress } from "./stable-address";
import { TAG_CATEGORIES, type TagCategoryKey } from "../contracts/tag-categories";
import { TenantVirtualMachine, type VmClone, type VmPlacement } from "./tenant-virtual-machine";
import { TENANTS_FOLDER } from "./vmware-server-park";

export interface MunicipalTenantProps {
  /** Site id: prefixes the operator role and the site's port groups the tenant's VMs may use. */
  readonly siteName: string;
  /** The vCenter datacenter and distributed switch, looked up by name. */
  readonly datacenter: string;
  readonly distributedSwitch: string;
  /** The tenant with its resolved VMs. */
  readonly tenant: Tenant;
  /** The compute cluster whose resource pool keeps the plain tenant name (its own `cluster:`, else the site's first). */
  readonly homeCluster: string;
  /**
   * The policy that encrypts new VMs holding personal, health or security-classified data.
   * @default none: such VMs get their own or the default storage policy (the rules report it)
   */
  readonly encryptionPolicy?: StoragePolicy;
  /**
   * The vSphere tag of each backup class, by class id.
   * @default no backup-class tags (the site declares no backup)
   */
  readonly backupTags?: ReadonlyMap<string, string>;
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

/** The resource pool (and its cluster) a tenant has in one compute cluster. */
interface ClusterShare {
  cluster: DataVsphereComputeCluster;
  pool: ResourcePool;
}

/**
 * One municipality's share of the park, in its own stack: folder, resource pool, a vCenter role whose
 * permissions reach only that folder and pool, port groups for its networks, its VMs with tags,
 * mandatory anti-affinity per redundancy group and HA restart priority from criticality. New VMs with
 * personal, health or security-classified data get the site's encryption storage policy on the VM
 * (their disks keep the template's: the provider cannot encrypt a disk during a clone, issue #2241). Everything shared is looked up by name (data sources), so this stack's state and plan
 * stay its own.
 */
export class MunicipalTenant extends Construct {
  readonly vms = new Map<string, TenantVirtualMachine>();
  private readonly lookups = new Map<string, Construct>();
  private readonly clusterShares = new Map<string, ClusterShare>();
  private readonly groupTags = new Map<string, Tag>();
  private readonly datacenterId: string;
  private readonly tenantTag: Tag;
  private readonly folder: Folder;
  private readonly role: Role;
  private readonly networkIds = new Map<string, string>();
  /** The directory join account's password, a plan-time variable, when the tenant declares a directory. */
  private readonly joinPassword?: string;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: MunicipalTenantProps,
  ) {
    super(scope, id);
    const t = props.tenant.spec;
    this.datacenterId = pinAddress(new DataVsphereDatacenter(this, "datacenter", { name: props.datacenter }), "datacenter").id;
    const dvs = pinAddress(
      new DataVsphereDistributedVirtualSwitch(this, "dvs", { name: props.distributedSwitch, datacenterId: this.datacenterId }),
      props.distributedSwitch,
    );
    this.tenantTag = pinAddress(
      new Tag(this, "tenant-tag", { name: t.tenant, categoryId: this.category("tenant").id, description: t.name }),
      "tenant",
      t.tenant,
    );
    this.folder = pinAddress(
      new Folder(this, "folder", {
        path: `${TENANTS_FOLDER}/${t.tenant}`,
        type: "vm",
        datacenterId: this.datacenterId,
        tags: [this.tenantTag.id],
      }),
      t.tenant,
    );
    this.role = pinAddress(
      new Role(this, "role", { name: `${props.siteName}-${t.tenant}-operator`, rolePrivileges: TENANT_OPERATOR_PRIVILEGES }),
      t.tenant,
      "operator",
    );
    this.grant(this.folder.id, "Folder", "folder");
    this.inCluster(props.homeCluster);
    if (t.directory) {
      this.joinPassword = sensitiveVariable(
        this,
        "ad_join_password",
        `Password of ${t.directory.joinAccount}, which joins new Windows VMs to ${t.directory.domain}; supply at plan time (TF_VAR_ad_join_password).`,
      ).stringValue;
    }
    for (const net of t.networks) {
      const pg = hardenedPortGroup(this, net.name, {
        name: `${t.tenant}-${net.name}`,
        distributedVirtualSwitchUuid: dvs.id,
        vlanId: net.vlan,
        tags: [this.tenantTag.id],
        importId: net.importId,
      });
      this.networkIds.set(net.name, pg.id);
    }
    // Unmanaged VMs are known and counted (TenantRecords), never applied.
    const managed = props.tenant.vms.filter(isManaged);
    for (const vm of managed) this.addVm(vm);
    this.addAntiAffinityRules();
    this.removeVms(props.tenant.vms.filter((vm): vm is RemovedVm => vm.kind === "removed"));
  }

  /**
   * Removed VMs leave through `removed` blocks for what they had: the tenant drawn with them (as they
   * were) and its managed VMs, minus the tenant drawn with its managed VMs only, so what the remaining
   * VMs still use (a group tag, another cluster's pool) stays. Forgetting wins where VMs of both kinds
   * shared a resource.
   */
  private removeVms(removed: readonly RemovedVm[]): void {
    if (removed.length === 0) return;
    const stack = TerraformStack.of(this);
    const managed = this.props.tenant.vms.filter(isManaged);
    for (const destroy of [false, true]) {
      const leaving = removed.filter((vm) => vm.workload.destroyApproved === destroy).map(asManaged);
      if (leaving.length === 0) continue;
      removedBlocksFor(stack, destroy, (scratch) => renderWith(scratch, this.props, [...managed, ...leaving]), {
        except: (scratch) => renderWith(scratch, this.props, managed),
      });
    }
  }

  /** A VM with its tags, placement and (by criticality) its HA restart priority. */
  private addVm(vm: ManagedVm): void {
    const w = vm.workload;
    const backupTag = vm.backupClass === undefined ? undefined : this.props.backupTags?.get(vm.backupClass);
    const tagIds = [
      this.tenantTag.id,
      this.fixedTag("criticality", w.criticality).id,
      this.fixedTag("classification", w.classification).id,
      this.fixedTag("lifecycle", vm.lifecycle).id,
      ...(backupTag ? [this.fixedTag("backupClass", backupTag).id] : []),
      ...(w.redundancyGroup ? [this.groupTag(w.redundancyGroup).id] : []),
      ...(vm.endpointProtection ? [this.fixedTag("endpointProtection", vm.endpointProtection).id] : []),
    ];
    const placement: VmPlacement = {
      resourcePoolId: this.inCluster(vm.cluster).pool.id,
      folder: this.folder.path,
      networkId: this.networkId(vm),
      ...this.storagePolicy(vm),
      tagIds,
      ...this.datastore(vm),
    };
    const machine =
      vm.kind === "new"
        ? new TenantVirtualMachine(this, `vm-${vm.name}`, { vm, placement, clone: this.clone(vm, vm.template) })
        : new TenantVirtualMachine(this, `vm-${vm.name}`, { vm, placement });
    this.vms.set(vm.name, machine);
    const priority = RESTART_PRIORITY[w.criticality];
    if (priority) {
      pinAddress(
        new HaVmOverride(this, `ha-${vm.name}`, {
          computeClusterId: this.inCluster(vm.cluster).cluster.id,
          virtualMachineId: machine.resource.id,
          haVmRestartPriority: priority,
        }),
        vm.name,
      );
    }
  }

  /** Members of a redundancy group never share a host: a mandatory rule per group and cluster, enforced by DRS. */
  private addAntiAffinityRules(): void {
    const t = this.props.tenant.spec;
    const groups = new Map<string, { group: string; cluster: string; ids: string[] }>();
    for (const vm of this.props.tenant.vms) {
      const group = vm.workload.redundancyGroup;
      const machine = this.vms.get(vm.name);
      if (!group || !machine) continue;
      const key = `${group}\u0000${vm.cluster}`;
      const entry = groups.get(key) ?? { group, cluster: vm.cluster, ids: [] };
      entry.ids.push(machine.resource.id);
      groups.set(key, entry);
    }
    for (const [, { group, cluster, ids }] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
      if (ids.length < 2) continue; // a group of one has nothing to keep apart; the redundancy rules report it
      const suffix = cluster === this.props.homeCluster ? [] : [cluster];
      pinAddress(
        new ComputeClusterVmAntiAffinityRule(this, `anti-affinity-${group}-${cluster}`, {
          name: [t.tenant, group, ...suffix].join("-"),
          computeClusterId: this.inCluster(cluster).cluster.id,
          virtualMachineIds: ids,
          enabled: true,
          mandatory: true,
        }),
        group,
        ...suffix,
      );
    }
  }

  /** The tenant's role granted to its operators' group on one entity (propagating to its children). */
  private grant(entityId: string, entityType: string, what: string): void {
    const t = this.props.tenant.spec;
    pinAddress(
      new EntityPermissions(this, `permissions-${what}`, {
        entityId,
        entityType,
        permissions: [{ userOrGroup: t.operatorsGroup, isGroup: true, propagate: true, roleId: this.role.id }],
      }),
      t.tenant,
      what,
    );
  }

  /** The tenant's resource pool in a compute cluster, created (and granted) the first time a VM needs it. */
  private inCluster(name: string): ClusterShare {
    const known = this.clusterShares.get(name);
    if (known) return known;
    const t = this.props.tenant.spec;
    const cluster = pinAddress(new DataVsphereComputeCluster(this, `cluster-${name}`, { name, datacenterId: this.datacenterId }), name);
    // The home cluster's pool keeps the plain tenant name; others are suffixed with their cluster.
    const suffix = name === this.props.homeCluster ? [] : [name];
    const pool = pinAddress(
      new ResourcePool(this, `pool-${name}`, {
        name: t.tenant,
        parentResourcePoolId: cluster.resourcePoolId,
        cpuShareLevel: t.resourcePool?.cpuShares ?? "normal",
        memoryShareLevel: t.resourcePool?.memoryShares ?? "normal",
        cpuLimit: t.resourcePool?.cpuLimitMhz ?? -1,
        memoryLimit: t.resourcePool?.memoryLimitGb === undefined ? -1 : t.resourcePool.memoryLimitGb * 1024,
        tags: [this.tenantTag.id],
      }),
      t.tenant,
      ...suffix,
    );
    this.grant(pool.id, "ResourcePool", ["pool", ...suffix].join("_"));
    const share = { cluster, pool };
    this.clusterShares.set(name, share);
    return share;
  }

  /** The port group of the VM's network: the tenant's own, or a site shared-services one looked up by name. */
  private networkId(vm: ManagedVm): string {
    const own = this.networkIds.get(vm.network.name);
    if (!vm.sharedNetwork && own) return own;
    const name = vm.network.name;
    return this.lookup(`net-${name}`, () =>
      pinAddress(
        new DataVsphereNetwork(this, `net-${name}`, { name: `${this.props.siteName}-${name}`, datacenterId: this.datacenterId }),
        "site",
        name,
      ),
    ).id;
  }

  private storagePolicy(vm: ManagedVm): Pick<VmPlacement, "storagePolicyId" | "storagePolicyEncrypts"> {
    // A running VM keeps the policy it has unless the spec names one: switching it to the encryption
    // policy would encrypt it in place, which needs it powered off. The rules report it instead.
    if (vm.kind === "adopted" && vm.workload.storagePolicy === undefined) return {};
    const encryption = this.props.encryptionPolicy;
    // A clone of an encrypted template stays encrypted: decrypting during a clone needs a crypto spec
    // the provider's relocate spec never carries, so its home takes the encryption policy too.
    const encrypts = vm.kind === "new" && (isSensitive(vm.workload.classification) || vm.template.encrypted === true);
    // The workload's own policy where it encrypts (a faster tier, say); the loader refuses one that does not.
    const policy = encrypts && vm.storagePolicy?.encryption !== true && encryption ? encryption : vm.storagePolicy;
    if (!policy) return {};
    const id = this.lookup(`policy-${policy.id}`, () =>
      pinAddress(new DataVsphereStoragePolicy(this, `policy-${policy.id}`, { name: policy.name }), policy.id),
    ).id;
    return { storagePolicyId: id, storagePolicyEncrypts: policy.encryption };
  }

  private datastore(vm: ManagedVm): Pick<VmPlacement, "datastoreId" | "datastoreClusterId"> {
    const { kind, name } = vm.placement;
    if (kind === "datastore-cluster") {
      return {
        datastoreClusterId: this.lookup(`dsc-${name}`, () =>
          pinAddress(new DataVsphereDatastoreCluster(this, `dsc-${name}`, { name, datacenterId: this.datacenterId }), name),
        ).id,
      };
    }
    return {
      datastoreId: this.lookup(`ds-${name}`, () =>
        pinAddress(new DataVsphereDatastore(this, `ds-${name}`, { name, datacenterId: this.datacenterId }), name),
      ).id,
    };
  }

  /** Template, directory join and a generated local administrator password (Windows) for a new VM. */
  private clone(vm: ManagedVm, template: Template): VmClone {
    const directory = this.props.tenant.spec.directory;
    const joinPassword = this.joinPassword;
    return {
      templateUuid: this.templateId(template),
      directory: directory && joinPassword ? { ...directory, joinPassword } : undefined,
      adminPassword: template.os === "windows" ? adminPassword(this, vm.name) : undefined,
    };
  }

  private templateId(template: Template): string {
    if (template.vm) {
      const name = template.vm;
      return this.lookup(`template-${template.id}`, () =>
        pinAddress(
          new DataVsphereVirtualMachine(this, `template-${template.id}`, { name, datacenterId: this.datacenterId }),
          "template",
          template.id,
        ),
      ).id;
    }
    const libraryName = template.contentLibrary ?? "";
    const library = this.lookup(`library-${libraryName}`, () =>
      pinAddress(new DataVsphereContentLibrary(this, `library-${libraryName}`, { name: libraryName }), "library", libraryName),
    );
    return this.lookup(`item-${template.id}`, () =>
      pinAddress(
        new DataVsphereContentLibraryItem(this, `item-${template.id}`, { name: template.item ?? "", libraryId: library.id, type: "ovf" }),
        "template",
        template.id,
      ),
    ).id;
  }

  private category(key: TagCategoryKey): DataVsphereTagCategory {
    return this.lookup(`category-${key}`, () =>
      pinAddress(new DataVsphereTagCategory(this, `category-${key}`, { name: TAG_CATEGORIES[key].name }), TAG_CATEGORIES[key].name),
    );
  }

  private fixedTag(key: TagCategoryKey, value: string): DataVsphereTag {
    return this.lookup(`tag-${key}-${value}`, () =>
      pinAddress(
        new DataVsphereTag(this, `tag-${key}-${value}`, { name: value, categoryId: this.category(key).id }),
        TAG_CATEGORIES[key].name,
        value,
      ),
    );
  }

  private groupTag(group: string): Tag {
    const known = this.groupTags.get(group);
    if (known) return known;
    const t = this.props.tenant.spec;
    const tag = pinAddress(
      new Tag(this, `group-${group}`, { name: `${t.tenant}-${group}`, categoryId: this.category("redundancyGroup").id }),
      "redundancy-group",
      group,
    );
    this.groupTags.set(group, tag);
    return tag;
  }

  /** A data source created once and shared by every VM that needs it. */
  private lookup<T extends Construct>(key: string, create: () => T): T {
    const known = this.lookups.get(key);
    if (known) return known as T;
    const made = create();
    this.lookups.set(key, made);
    return made;
  }
}

/**
 * A unique local administrator password per new Windows VM, generated by the random provider: it
 * lives only in Terraform state (and is replaced by LAPS once the VM is in the directory).
 */
function adminPassword(scope: Construct, vmName: string): string {
  const stack = TerraformStack.of(scope);
  if (!stack.node.tryFindChild("random")) new RandomProvider(stack, "random");
  return pinAddress(
    new Password(scope, `admin-password-${vmName}`, { length: 24, special: true, minUpper: 2, minLower: 2, minNumeric: 2, minSpecial: 2 }),
    vmName,
    "admin",
  ).result;
}

/** The tenant drawn in a scratch stack with only `vms`. */
function renderWith(scratch: TerraformStack, props: MunicipalTenantProps, vms: Vm[]): void {
  new MunicipalTenant(scratch, "tenant", { ...props, tenant: { ...props.tenant, vms } });
}

/**
 * A removed VM as it was while managed: adopted when it ran before Terraform, else new. The address is
 * a stand-in: it appears only inside the VM's configuration, never in a resource address.
 */
export function asManaged(vm: RemovedVm): ManagedVm {
  const { kind, existing, ...common } = vm; // eslint-disable-line @typescript-eslint/no-unused-vars -- kind is replaced
  if (existing) return { ...common, kind: "adopted", lifecycle: "active", existing, importId: "removed" };
  const template = vm.template;
  if (!template) throw new Error(`VM ${vm.name}: a removed new VM without its template`);
  const size = { ...vm.size, diskGb: vm.size.diskGb ?? template.disks?.[0]?.sizeGb ?? 1 }; // a stand-in, as the address
  return { ...common, kind: "new", lifecycle: "active", size, template, ip: "0.0.0.0", dns: { servers: [], domain: "removed" } };
}
