import type { DeviceObject, FacilityOf, PowerPath } from "../../../../contracts/facility-objects";
import { planValue } from "../../../engine/literal-values";
import type { Room, TfObject } from "../../../engine/room";

/**
 * What the compute and storage rules share: the hosts of a cluster, the cluster a VM runs in, a VM's
 * tags by category, the cabling between devices (either end may record a link) and the power paths
 * that feed a device. Pure reads of the room; nothing here decides an outcome.
 */

/** A value that is a Terraform expression (`${var.x}`, a reference) and not a literal. */
export const isExpression = (v: unknown): v is string => typeof v === "string" && v.includes("${");

/** The literal strings of a list attribute, and the entries that were not literal. */
export function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

/**
 * The hosts of a compute cluster: its `host_system_ids` and every `vsphere_host` whose `cluster` points
 * at it. `problems` are references that do not resolve (errors); `unknown` the hosts the input does not
 * hold: a plan-time list, or (foreign input) hosts read from vCenter by data sources (not-evaluable).
 */
export function clusterHosts(room: Room, cluster: TfObject): { hosts: TfObject[]; problems: string[]; unknown: string[] } {
  const hosts: TfObject[] = [];
  const problems: string[] = [];
  const unknown: string[] = [];
  const add = (h: TfObject) => {
    if (!hosts.includes(h)) hosts.push(h);
  };
  const listed = cluster.values.host_system_ids;
  if (typeof listed === "string") {
    // One expression for the whole list (`data.vsphere_host.hosts[*].id`, `var.hosts`).
    if (planValue(listed).kind === "unresolved") unknown.push(`host_system_ids is ${listed}: known only at plan`);
    else if (!room.hasFacility) unknown.push(`host_system_ids is ${listed}: hosts read from vCenter, which the input does not create`);
    else problems.push(`${cluster.address}: host_system_ids is ${listed}, not a list of host references`);
  }
  for (const ref of stringList(listed)) {
    const r = room.resolve(cluster, ref);
    if (r.target?.type === "vsphere_host") add(r.target);
    else if (r.notInInput) unknown.push(r.problem);
    else problems.push(r.problem ?? `${cluster.address} lists ${ref}, which is not a vsphere_host`);
  }
  for (const h of room.resources("vsphere_host")) {
    if (h.values.cluster === undefined) continue;
    const r = room.resolve(h, h.values.cluster);
    if (r.target === cluster) add(h);
  }
  return { hosts, problems, unknown };
}

/** A cluster, or why not; `notInInput` as in `Resolved` (a pool read from vCenter by foreign input, a plan-time value). */
export interface ClusterPlacement {
  cluster?: TfObject;
  problem?: string;
  notInInput?: true;
}

/** The compute cluster (a managed `vsphere_compute_cluster`) an object's `${...}` value leads to, through resource pools. */
export function clusterOf(room: Room, from: TfObject, expr: unknown): ClusterPlacement {
  let at = from;
  let value = expr;
  for (let depth = 0; depth < 16; depth++) {
    const r = room.resolve(at, value);
    if (!r.target) return r.notInInput ? { problem: r.problem, notInInput: true } : { problem: r.problem };
    if (r.target.type === "vsphere_compute_cluster") return { cluster: r.target };
    if (r.target.type !== "vsphere_resource_pool")
      return { problem: `${at.address} leads to ${r.target.address}, which is neither a resource pool nor a compute cluster` };
    at = r.target;
    value = r.target.values.parent_resource_pool_id;
  }
  return { problem: `${from.address}: resource pools nested deeper than 16` };
}

/** The compute cluster a VM runs in: through its resource pool (or a host's, where it names a host). */
export function clusterOfVm(room: Room, vm: TfObject): ClusterPlacement {
  if (vm.values.resource_pool_id === undefined) return { problem: `${vm.address} has no resource_pool_id` };
  return clusterOf(room, vm, vm.values.resource_pool_id);
}

/** The value of a VM's tag in one category (the first), undefined when it has none. */
export function tagOf(room: Room, vm: TfObject, category: string): string | undefined {
  return room.tagsOf(vm).tags.find((t) => t.category === category)?.name;
}

/** The workload object that lists a VM's name (a look-up: the whole room's, in a tenant's view too). */
export function workloadOfVm(room: Room, vmName: unknown): FacilityOf<"workload"> | undefined {
  return typeof vmName === "string" ? room.whole.facility("workload").find((w) => w.vms.includes(vmName)) : undefined;
}

/** Names of the VMs Terraform manages in the room. */
export function terraformVmNames(room: Room): Set<string> {
  // A look-up by name: the whole room's VMs, in a tenant's view too (Room.focus).
  return new Set(
    room.whole
      .resources("vsphere_virtual_machine")
      .map((v) => v.values.name)
      .filter((n): n is string => typeof n === "string"),
  );
}

export interface Cable {
  /** This device's port. */
  port: string;
  peerId: string;
  peerPort: string;
  /** The peer device, undefined when the id dangles. */
  peer?: DeviceObject;
}

/** Every cable at a device, whichever end recorded it (a link is written once, on either device). */
export function cablesOf(room: Room, device: DeviceObject): Cable[] {
  const out: Cable[] = [];
  const seen = new Set<string>();
  const add = (c: Cable) => {
    const key = `${c.port}\u0000${c.peerId}\u0000${c.peerPort}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(c);
  };
  for (const l of device.links)
    add({ port: l.port, peerId: l.peerDeviceId, peerPort: l.peerPort, peer: room.facilityById("device", l.peerDeviceId) });
  for (const d of room.facility("device"))
    for (const l of d.links) if (l.peerDeviceId === device.id) add({ port: l.peerPort, peerId: d.id, peerPort: l.port, peer: d });
  return out;
}

/** The devices of a role cabled to a device. */
export function peersOfRole(room: Room, device: DeviceObject, role: DeviceObject["role"]): DeviceObject[] {
  const peers: DeviceObject[] = [];
  for (const c of cablesOf(room, device)) if (c.peer?.role === role && !peers.includes(c.peer)) peers.push(c.peer);
  return peers;
}

/** The power paths a device's wired supplies are on (through their PDUs). */
export function pathsOf(room: Room, device: DeviceObject): Set<PowerPath> {
  const paths = new Set<PowerPath>();
  for (const p of device.psus) {
    const path = room.facilityById("pdu", p.pduId)?.path;
    if (path) paths.add(path);
  }
  return paths;
}

/** "A+B", "A", "none". */
export const describePaths = (paths: ReadonlySet<PowerPath>): string => [...paths].sort().join("+") || "none";

/** A list for messages: "a, b and c". */
export function listOf(items: readonly string[]): string {
  if (items.length === 0) return "none";
  if (items.length === 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1] ?? ""}`;
}

/** The fabrics a device is cabled into (through fabric-switch peers). */
export function fabricsOf(room: Room, device: DeviceObject): Set<string> {
  return new Set(
    peersOfRole(room, device, "fabric-switch")
      .map((s) => s.fabric)
      .filter((f): f is string => typeof f === "string"),
  );
}

/** The controllers of an array: its `controllerIds`, and the controllers that name it. Dangling ids are returned apart. */
export function controllersOf(room: Room, array: DeviceObject): { controllers: DeviceObject[]; dangling: string[] } {
  const controllers: DeviceObject[] = [];
  const dangling: string[] = [];
  for (const id of array.controllerIds ?? []) {
    const c = room.facilityById("device", id);
    if (c) controllers.push(c);
    else dangling.push(id);
  }
  for (const d of room.facility("device"))
    if (d.role === "san-controller" && d.arrayId === array.id && !controllers.includes(d)) controllers.push(d);
  return { controllers, dangling };
}

/** ESXi host devices that are in service (not removed). */
export function hostDevices(room: Room): DeviceObject[] {
  return room.facility("device").filter((d) => d.role === "esxi-host" && d.lifecycle !== "removed");
}

/** A Terraform object's `name` argument, else its resource name. */
export const nameOf = (o: TfObject): string => (typeof o.values.name === "string" ? o.values.name : o.name);

/** A value for a message: strings as they are, anything else as JSON (`fallback` when absent). */
export const text = (v: unknown, fallback = "unset"): string =>
  v === undefined ? fallback : typeof v === "string" ? v : JSON.stringify(v);
