import type { Country, FacilityOf, Sensitivity } from "../../../contracts/facility-objects";
import { regimesFor } from "../../../contracts/legal-regimes";
import { TAG_CATEGORIES } from "../../../contracts/tag-categories";
import type { Resolved, Room, TfObject } from "../../engine/room";

/**
 * What the governance and law rules share: a VM's tags by category (each resolved to the tag resource
 * that creates it), the workload and tenant a VM belongs to, the compute cluster and port groups a VM
 * is placed on. Not a rule; every rule of the area reads the room through these.
 */

type Workload = FacilityOf<"workload">;
type Tenant = FacilityOf<"tenant">;

/** A VM's tags (vmTags), shared by every rule that reads them: read only. */
export interface VmTags {
  /** Category name -> tag names found on the VM. */
  readonly byCategory: ReadonlyMap<string, readonly string[]>;
  /** Tags that do not resolve to a category and name, or whose data source reads a tag no stack creates. */
  readonly problems: readonly string[];
  /** Tags the input does not hold (`tags = var.tags`, a plan-time tag name): not-evaluable. */
  readonly unknown: readonly string[];
}

/** A VM's tags by category; each tag a data source reads must be a `vsphere_tag` some stack of the site creates. */
export function vmTags(room: Room, vm: TfObject): VmTags {
  return room.memo(tagsByCategory, vm);
}

/** vmTags, computed once per VM (room.memo). */
function tagsByCategory(room: Room, vm: TfObject): VmTags {
  const { tags, problems, unknown } = room.tagsOf(vm);
  const all = [...problems];
  const list = Array.isArray(vm.values.tags) ? (vm.values.tags as unknown[]) : [];
  for (const t of list) {
    const ref = room.reference(vm, t);
    if (ref.target?.mode !== "data") continue;
    const joined = room.joinData(ref.target);
    // Foreign input reads its tags from vCenter: the data source's category and name are the tag.
    if (joined.problem !== undefined && !joined.notInInput) all.push(joined.problem);
  }
  const byCategory = new Map<string, string[]>();
  for (const { category, name } of tags) {
    const names = byCategory.get(category);
    if (names) names.push(name);
    else byCategory.set(category, [name]);
  }
  return { byCategory, problems: all, unknown };
}

/** The single tag of a category, or why there is not exactly one. */
export function singleTag(tags: VmTags, category: string): { name: string; problem?: undefined } | { name?: undefined; problem: string } {
  const names = tags.byCategory.get(category) ?? [];
  if (names.length === 1) return { name: names[0] };
  return { problem: names.length === 0 ? `no ${category} tag` : `${names.length} ${category} tags (${names.join(", ")})` };
}

export const CATEGORY = {
  tenant: TAG_CATEGORIES.tenant.name,
  criticality: TAG_CATEGORIES.criticality.name,
  classification: TAG_CATEGORIES.classification.name,
  lifecycle: TAG_CATEGORIES.lifecycle.name,
  backupClass: TAG_CATEGORIES.backupClass.name,
  endpoint: TAG_CATEGORIES.endpointProtection.name,
} as const;

/** The managed VMs of the site (every `vsphere_virtual_machine`), sorted by stack and address. */
export function managedVms(room: Room): readonly TfObject[] {
  return room.memo(sortedVms, undefined);
}

function sortedVms(room: Room): readonly TfObject[] {
  return [...room.resources("vsphere_virtual_machine")].sort((a, b) =>
    a.stack === b.stack ? (a.address < b.address ? -1 : 1) : a.stack < b.stack ? -1 : 1,
  );
}

/** The workload object that lists a VM by name (and, when the tenant is known, of that tenant): the first such in the room. */
export function workloadOfVm(room: Room, vmName: unknown, tenantId?: string): Workload | undefined {
  if (typeof vmName !== "string") return undefined;
  // A look-up by name: the whole room's workloads, in a tenant's view too (Room.focus).
  return room.whole
    .memo(workloadsByVmName, undefined)
    .get(vmName)
    ?.find((w) => tenantId === undefined || w.tenantId === tenantId);
}

/** VM name -> the workloads that list it, in the room's order (room.memo: one pass over the workloads). */
function workloadsByVmName(room: Room): ReadonlyMap<string, readonly Workload[]> {
  const byName = new Map<string, Workload[]>();
  for (const w of room.facility("workload"))
    for (const name of new Set(w.vms)) {
      const list = byName.get(name);
      if (list) list.push(w);
      else byName.set(name, [w]);
    }
  return byName;
}

/** The tenant's workloads, the ones no longer in the room (removed) left out: a new list, in the room's order. */
export function workloadsOf(room: Room, tenantId: string): Workload[] {
  return [...(room.memo(workloadsByTenant, undefined).get(tenantId) ?? [])];
}

/** Tenant id -> its workloads not removed, in the room's order (room.memo: one pass over the workloads). */
function workloadsByTenant(room: Room): ReadonlyMap<string, readonly Workload[]> {
  const byTenant = new Map<string, Workload[]>();
  for (const w of room.facility("workload")) {
    if (w.lifecycle === "removed") continue;
    const list = byTenant.get(w.tenantId);
    if (list) list.push(w);
    else byTenant.set(w.tenantId, [w]);
  }
  return byTenant;
}

/** The regimes that apply to a tenant: what its object says, and what its country and workloads' data bring. */
export function applicableRegimes(room: Room, tenant: Tenant): string[] {
  const derived = regimesFor(
    tenant.country,
    workloadsOf(room, tenant.id).map((w) => w.sensitivity),
  );
  return [...new Set([...tenant.regimes, ...derived])];
}

/** The tenants of a country whose workloads (not removed) hold data of a sensitivity, with those workloads. */
export function tenantsHolding(room: Room, country: Country, sensitivity: Sensitivity): { tenant: Tenant; workloads: Workload[] }[] {
  return room
    .facility("tenant")
    .filter((t) => t.country === country && t.lifecycle !== "removed")
    .map((tenant) => ({ tenant, workloads: workloadsOf(room, tenant.id).filter((w) => w.sensitivity === sensitivity) }))
    .filter((x) => x.workloads.length > 0);
}

/** The VM resources of a workload (its VMs that the configuration applies), in managedVms order. */
export function vmsOfWorkload(room: Room, w: Workload): TfObject[] {
  const names = new Set(w.vms);
  return (room.memo(vmsByTenant, undefined).get(w.tenantId) ?? []).filter((vm) => names.has(vm.values.name as string));
}

/** Tenant tag -> its managed VMs with a literal name, in managedVms order (room.memo). */
function vmsByTenant(room: Room): ReadonlyMap<string, readonly TfObject[]> {
  const byTenant = new Map<string, TfObject[]>();
  for (const vm of managedVms(room)) {
    const tenant = tenantTagOf(room, vm);
    if (typeof vm.values.name !== "string" || tenant === undefined) continue;
    const list = byTenant.get(tenant);
    if (list) list.push(vm);
    else byTenant.set(tenant, [vm]);
  }
  return byTenant;
}

/** The name of a VM's tenant tag, when it has exactly one. */
export function tenantTagOf(room: Room, vm: TfObject): string | undefined {
  return singleTag(vmTags(room, vm), CATEGORY.tenant).name;
}

/** A VM's cluster or port group, or why not; `notInInput` as in `Resolved`. */
export type Placement = Resolved;

/**
 * The compute cluster a VM runs in: its resource pool's parent is the cluster's root pool
 * (`${data.vsphere_compute_cluster.<c>.resource_pool_id}`), joined to the cluster the vSphere stack creates.
 */
export function clusterOfVm(room: Room, vm: TfObject): Placement {
  return room.memo(clusterOf, vm);
}

/** clusterOfVm, computed once per VM (room.memo). */
function clusterOf(room: Room, vm: TfObject): Placement {
  const pool = room.resolve(vm, vm.values.resource_pool_id);
  if (!pool.target) return { ...pool, problem: `resource pool: ${pool.problem}` };
  if (pool.target.type === "vsphere_compute_cluster") return pool;
  if (pool.target.type !== "vsphere_resource_pool")
    return { problem: `resource_pool_id points to ${pool.target.address}, not a resource pool` };
  const cluster = room.resolve(pool.target, pool.target.values.parent_resource_pool_id);
  if (!cluster.target) return { ...cluster, problem: `cluster of ${pool.target.address}: ${cluster.problem}` };
  if (cluster.target.type !== "vsphere_compute_cluster")
    return { problem: `${pool.target.address} is not directly in a compute cluster (its parent is ${cluster.target.address})` };
  return cluster;
}

/**
 * The port groups of a VM's network interfaces: its tenant's own (`vsphere_distributed_port_group`) or a
 * site network read by name (`data.vsphere_network`), joined to the port group the vSphere stack creates.
 */
export function portGroupsOfVm(room: Room, vm: TfObject): Placement[] {
  const nics = Array.isArray(vm.values.network_interface) ? (vm.values.network_interface as { network_id?: unknown }[]) : [];
  return nics.map((nic) => {
    const ref = room.reference(vm, nic.network_id);
    if (!ref.target) return ref;
    if (ref.target.mode === "managed") return ref;
    const name = ref.target.values.name;
    const found = room.resources("vsphere_distributed_port_group").filter((pg) => pg.values.name === name);
    if (found.length === 1 && found[0]) return { target: found[0] };
    if (found.length === 0 && !room.hasFacility && typeof name === "string") return room.notCreated(ref.target, "network", name);
    return {
      problem: `${ref.target.address} reads network ${JSON.stringify(name)}, which ${found.length === 0 ? "no stack creates" : `${found.length} port groups are`}`,
    };
  });
}

/** `stack:address`, to tell objects of different stacks apart. */
export const keyOf = (o: TfObject): string => `${o.stack}:${o.address}`;

/** Whether a reference (a tenant's `...Ref` fact) is present: a non-empty text. */
export const present = (ref: string | null | undefined): ref is string => typeof ref === "string" && ref.trim().length > 0;

/** The host municipality's tenant object (the operator of the room), if the site marks one. */
export const hostOf = (room: Room): Tenant | undefined => room.facility("tenant").find((t) => t.hostMunicipality);
