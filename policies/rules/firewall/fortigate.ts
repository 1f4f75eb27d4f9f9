import type { DeviceObject } from "../../../contracts/facility-objects";
import { check } from "../../engine/checks";
import { planValue } from "../../engine/literal-values";
import type { Check } from "../../engine/rule";
import type { Room, TfObject } from "../../engine/room";

/**
 * What the firewall and network rules read from the synthesized FortiOS and vSphere resources, in one
 * place: literal values behind `${type.name.attr}` references, interfaces and their VDOMs, the HA
 * clusters joined to their firewall devices, address ownership by network, port groups and VM NICs.
 * Not a rule (rules are the PascalCase files beside it).
 */

// ------------------------------------------------------------------ values

const INTERPOLATION = /\$\{([^}]*)\}/g;

/**
 * The literal text of a value: a plain string, or one whose `${type.name.attr}` interpolations point
 * to resources of the same stack whose `attr` is itself literal (`${fortios_system_vdomlink.x.name}0`).
 * undefined for anything else (a `${var...}`, a computed id, a reference that does not resolve).
 */
export function literal(room: Room, from: TfObject, value: unknown, depth = 0): string | undefined {
  if (typeof value === "number") return String(value);
  if (typeof value !== "string") return undefined;
  if (!value.includes("${")) return value;
  if (depth > 8) return undefined;
  let ok = true;
  const out = value.replace(INTERPOLATION, (_, inner: string) => {
    const parts = inner.split(".");
    const attr = parts.length === 3 ? parts[2] : parts.length === 4 && parts[0] === "data" ? parts[3] : undefined;
    const address = attr === undefined ? undefined : parts.slice(0, parts.length - 1).join(".");
    const target = address === undefined ? undefined : room.reference(from, `\${${address}.${attr}}`).target;
    const text = target && attr !== undefined ? literal(room, target, target.values[attr], depth + 1) : undefined;
    if (text === undefined) ok = false;
    return text ?? "";
  });
  return ok ? out : undefined;
}

/**
 * A check that reads `fields` of `objects` (one or several): when one of them is a plan-time value,
 * the same check as not-evaluable with the reason (never the pass or fail its default would give).
 */
export function unlessPlanTime(room: Room, objects: TfObject | readonly TfObject[], fields: readonly string[], c: Check): Check {
  const list: readonly TfObject[] = Array.isArray(objects) ? objects : [objects as TfObject];
  for (const o of list) {
    const reason = fields.map((k) => planTime(room, o, k)).find((r) => r !== undefined);
    if (reason === undefined) continue;
    return check("config", "not-evaluable", c.targets, {
      ...(c.findingId === undefined ? {} : { findingId: c.findingId }),
      observed: reason,
      expected: c.expected,
      message: `${o.address}: ${reason}`,
    });
  }
  return c;
}

/** The names of a `[{ name }]` block list (srcintf, srcaddr, service, ...), unresolvable ones as `?<expr>`. */
export function nameList(room: Room, from: TfObject, value: unknown, key = "name"): string[] {
  if (!Array.isArray(value)) return [];
  return value.map((entry: unknown) => {
    const raw = typeof entry === "object" && entry !== null ? (entry as Record<string, unknown>)[key] : undefined;
    return literal(room, from, raw) ?? `?${JSON.stringify(raw)}`;
  });
}

/** The objects a `[{ name }]` list refers to by `${...}` reference (entries given by plain name are looked up by name). */
export function referencedObjects(room: Room, from: TfObject, value: unknown, types: readonly string[]): (TfObject | string)[] {
  if (!Array.isArray(value)) return [];
  return value.map((entry: unknown) => {
    const raw = typeof entry === "object" && entry !== null ? (entry as { name?: unknown }).name : undefined;
    if (typeof raw === "string" && raw.startsWith("${")) {
      const t = room.reference(from, raw).target;
      if (t) return t;
    }
    const name = literal(room, from, raw) ?? `?${JSON.stringify(raw)}`;
    const key = `${vdomOf(room, from)}\u0000${name}`;
    for (const type of types) {
      const found = room.memo(byVdomAndName, type).get(key);
      if (found) return found;
    }
    return name;
  });
}

/** The objects of a FortiOS type by VDOM and literal name (the first of each in the room), once per room. */
function byVdomAndName(room: Room, type: string): ReadonlyMap<string, TfObject> {
  const out = new Map<string, TfObject>();
  for (const o of room.resources(type)) {
    const name = literal(room, o, o.values.name);
    const key = `${vdomOf(room, o)}\u0000${name}`;
    if (name !== undefined && !out.has(key)) out.set(key, o);
  }
  return out;
}

/** The VDOM a FortiOS object is configured in: its `vdomparam`, else root (a provider-level `vdom` is not read). */
export function vdomOf(room: Room, o: TfObject): string {
  return literal(room, o, o.values.vdomparam) ?? "root";
}

/** A literal string field, or undefined. */
export const str = (room: Room, o: TfObject, key: string): string | undefined => literal(room, o, o.values[key]);

/**
 * A field that is written but has no literal value (a `${var...}`, a function call, a reference to a
 * computed attribute): what a finding says of it ("logtraffic is ${var.log}: known only at plan"), or
 * undefined when the field is absent or literal. Such a value is never a pass or a fail.
 */
export function planTime(room: Room, o: TfObject, key: string): string | undefined {
  const raw = o.values[key];
  if (raw === undefined || raw === null || literal(room, o, raw) !== undefined) return undefined;
  const v = planValue(raw, key);
  if (v.kind === "unresolved") return v.reason;
  return typeof raw === "string" ? `${key} is ${raw}: known only at plan` : undefined;
}

/** The heartbeat interfaces of `hbdev` ("ha1 50 ha2 50" or `"ha1" 50 "ha2" 50`: name, priority pairs). */
export function hbdevPorts(hbdev: string | undefined): string[] {
  if (hbdev === undefined) return [];
  return hbdev
    .split(/\s+/)
    .map((t) => t.replace(/^"|"$/g, ""))
    .filter((t) => t !== "" && !/^\d+$/.test(t));
}

/** A space-separated list (`monitor`, `allowaccess`). */
export const words = (text: string | undefined): string[] => (text ?? "").split(/\s+/).filter((w) => w !== "");

// ------------------------------------------------------------------ IPv4

export interface Net {
  base: number;
  prefix: number;
}

const toInt = (ip: string): number | undefined => {
  const parts = ip.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
};

const maskOf = (prefix: number): number => (prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0);

/** "10.1.0.0/24", "10.1.0.4/24" (an interface address), "10.1.0.0 255.255.255.0", or a bare address (/32). */
export function parseNet(text: string | undefined): Net | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  let ip: string;
  let prefix: number;
  const slash = /^([\d.]+)\/(\d{1,2})$/.exec(t);
  const spaced = /^([\d.]+)\s+([\d.]+)$/.exec(t);
  if (slash) {
    ip = slash[1] ?? "";
    prefix = Number(slash[2]);
  } else if (spaced) {
    ip = spaced[1] ?? "";
    const mask = toInt(spaced[2] ?? "");
    if (mask === undefined) return undefined;
    prefix = mask.toString(2).replace(/0+$/, "").length;
    if (maskOf(prefix) !== mask) return undefined;
  } else {
    ip = t;
    prefix = 32;
  }
  const n = toInt(ip);
  if (n === undefined || prefix > 32) return undefined;
  return { base: (n & maskOf(prefix)) >>> 0, prefix };
}

export const netText = (n: Net): string => `${[24, 16, 8, 0].map((s) => (n.base >>> s) & 255).join(".")}/${n.prefix}`;

/** Whether `inner` lies inside `outer`. */
export const contains = (outer: Net, inner: Net): boolean =>
  inner.prefix >= outer.prefix && (inner.base & maskOf(outer.prefix)) >>> 0 === outer.base;

// ------------------------------------------------------------------ interfaces

export interface FwInterface {
  obj: TfObject;
  name: string;
  vdom: string | undefined;
  type: string | undefined;
  role: string | undefined;
  net: Net | undefined;
  allowaccess: string[];
  /** The parent interface of a VLAN. */
  parent: string | undefined;
}

const interfaceCache = new WeakMap<Room, FwInterface[]>();

/** The FortiOS interfaces of the room with their literal names and VDOMs (read once per room). */
export function interfaces(room: Room): FwInterface[] {
  const cached = interfaceCache.get(room);
  if (cached) return cached;
  const list = room.resources("fortios_system_interface").flatMap((obj) => {
    const name = str(room, obj, "name");
    if (name === undefined) return [];
    return [
      {
        obj,
        name,
        vdom: str(room, obj, "vdom"),
        type: str(room, obj, "type"),
        role: str(room, obj, "role"),
        net: parseNet(str(room, obj, "ip")),
        allowaccess: words(str(room, obj, "allowaccess")),
        parent: str(room, obj, "interface"),
      },
    ];
  });
  interfaceCache.set(room, list);
  return list;
}

/** The VDOM at the far end of a VDOM link end (`<link>0` <-> `<link>1`). */
export function linkPeer(all: readonly FwInterface[], i: FwInterface): FwInterface | undefined {
  if (i.type !== "vdom-link") return undefined;
  const m = /^(.*)([01])$/.exec(i.name);
  if (!m) return undefined;
  const peer = `${m[1] ?? ""}${m[2] === "0" ? "1" : "0"}`;
  return all.find((o) => o.name === peer && o.type === "vdom-link");
}

/**
 * The interfaces facing the internet: `role = wan`, or the device of a default route (0.0.0.0/0)
 * that is not a VDOM link (a tenant VDOM's default route to the shared VDOM is internal).
 */
export function internetInterfaces(room: Room, all: readonly FwInterface[]): FwInterface[] {
  const defaultDevices = new Set(
    room
      .resources("fortios_router_static")
      .filter((r) => {
        const dst = parseNet(str(room, r, "dst"));
        return dst !== undefined && dst.prefix === 0;
      })
      .map((r) => str(room, r, "device")),
  );
  return all.filter((i) => i.role === "wan" || (defaultDevices.has(i.name) && i.type !== "vdom-link"));
}

// ------------------------------------------------------------------ HA clusters

export interface Cluster {
  /** The `fortios_system_ha` that configures the cluster (it has a group_name or a mode). */
  ha: TfObject;
  group: string | undefined;
  mode: string | undefined;
  /** The firewall devices whose haGroup is the group name. */
  units: DeviceObject[];
}

/**
 * The HA resources that configure a cluster; the others hold one member's own settings (priority,
 * management). A secondary also carries the join settings (mode, group, password, hbdev: a unit joins
 * only with the primary's), so one cluster per stack and group: the member with the highest priority.
 */
export function clusters(room: Room): Cluster[] {
  const byGroup = new Map<string, TfObject>();
  const priorityOf = (ha: TfObject) => Number(str(room, ha, "priority") ?? 128);
  for (const ha of room.resources("fortios_system_ha")) {
    if (ha.values.group_name === undefined && ha.values.mode === undefined) continue;
    const group = str(room, ha, "group_name");
    const key = group === undefined ? `${ha.stack} ${ha.address}` : `${ha.stack} group ${group}`;
    const seen = byGroup.get(key);
    if (!seen || priorityOf(ha) > priorityOf(seen)) byGroup.set(key, ha);
  }
  return [...byGroup.values()].map((ha) => {
    const group = str(room, ha, "group_name");
    return {
      ha,
      group,
      mode: str(room, ha, "mode"),
      units: group === undefined ? [] : room.facility("device").filter((d) => d.haGroup === group),
    };
  });
}

/** The provider alias a FortiOS resource is configured through (one per FortiGate or cluster). */
export const providerOf = (o: TfObject): string => (typeof o.values.provider === "string" ? o.values.provider : "fortios");

// ------------------------------------------------------------------ policies

export interface FwPolicy {
  obj: TfObject;
  vdom: string;
  id: number | undefined;
  action: string;
  status: string;
  srcintf: string[];
  dstintf: string[];
  srcaddr: string[];
  dstaddr: string[];
  service: string[];
  logtraffic: string | undefined;
  /** Why action, status or logtraffic is unknown before plan, where one of them is. */
  planTime: string | undefined;
}

const policyCache = new WeakMap<Room, FwPolicy[]>();

/** The firewall policies of the room with their literal fields (read once per room). */
export function policies(room: Room): FwPolicy[] {
  const cached = policyCache.get(room);
  if (cached) return cached;
  const list = room.resources("fortios_firewall_policy").map((obj) => {
    const id = Number(str(room, obj, "policyid"));
    return {
      obj,
      vdom: vdomOf(room, obj),
      id: Number.isInteger(id) ? id : undefined,
      // FortiOS defaults: a new policy denies, is enabled, and logs security events only (utm).
      action: str(room, obj, "action") ?? "deny",
      status: str(room, obj, "status") ?? "enable",
      srcintf: nameList(room, obj, obj.values.srcintf),
      dstintf: nameList(room, obj, obj.values.dstintf),
      srcaddr: nameList(room, obj, obj.values.srcaddr),
      dstaddr: nameList(room, obj, obj.values.dstaddr),
      service: nameList(room, obj, obj.values.service),
      logtraffic: str(room, obj, "logtraffic"),
      planTime: ["action", "status", "logtraffic"].map((k) => planTime(room, obj, k)).find((r) => r !== undefined),
    };
  });
  policyCache.set(room, list);
  return list;
}

export const policyLabel = (p: FwPolicy): string => `policy ${p.id ?? "?"} (VDOM ${p.vdom})`;

// ------------------------------------------------------------------ vSphere networks

/** Port groups a VM NIC or a vmk can sit on. */
export const PORT_GROUP_TYPES = ["vsphere_distributed_port_group", "vsphere_host_port_group"] as const;

/** The port group, or why not; `notInInput` as in `Resolved` (foreign input reading vCenter, a plan-time value). */
export type Resolution =
  { pg: TfObject; problem?: undefined; notInInput?: undefined } | { pg?: undefined; problem: string; notInInput?: true };

/**
 * The port group a `network_id` stands for: a port group of the same stack, or a `data.vsphere_network`
 * joined by name to the port group another stack (the vSphere park) creates.
 */
export function portGroupOf(room: Room, from: TfObject, expr: unknown): Resolution {
  const ref = room.reference(from, expr);
  if (!ref.target) return ref.notInInput ? { problem: ref.problem, notInInput: true } : { problem: ref.problem };
  const t = ref.target;
  if (t.mode === "managed") {
    return (PORT_GROUP_TYPES as readonly string[]).includes(t.type)
      ? { pg: t }
      : { problem: `${from.address} attaches to ${t.address}, which is not a port group` };
  }
  if (t.type !== "vsphere_network" && !(PORT_GROUP_TYPES as readonly string[]).includes(t.type))
    return { problem: `${from.address} attaches to ${t.address}, which is not a network` };
  const name = t.values.name;
  if (typeof name !== "string" || planValue(name).kind === "unresolved")
    return {
      problem: `${t.stack}: ${t.address} has no literal name to join on`,
      ...(planValue(name).kind === "unresolved" || !room.hasFacility ? { notInInput: true as const } : {}),
    };
  const found = PORT_GROUP_TYPES.flatMap((type) => room.resources(type)).filter((pg) => pg.values.name === name);
  if (found.length === 1 && found[0]) return { pg: found[0] };
  if (found.length === 0) {
    const missing = room.notCreated(t, "network", name);
    return missing.notInInput ? { problem: missing.problem ?? "", notInInput: true } : { problem: missing.problem ?? "" };
  }
  return { problem: `${t.stack}: ${t.address} reads network "${name}", which ${found.length} port groups create` };
}

/** The VLAN ids a port group carries: its `vlan_id`, or the ranges of a trunk (`vlan_range`). */
export function vlansOf(pg: TfObject): { ids: [number, number][]; text: string } {
  const ranges = Array.isArray(pg.values.vlan_range) ? (pg.values.vlan_range as { min_vlan?: unknown; max_vlan?: unknown }[]) : [];
  if (ranges.length > 0) {
    const ids = ranges.map((r): [number, number] => [Number(r.min_vlan), Number(r.max_vlan)]);
    return { ids, text: `trunk ${ids.map(([a, b]) => (a === b ? String(a) : `${a}-${b}`)).join(",")}` };
  }
  const id = typeof pg.values.vlan_id === "number" ? pg.values.vlan_id : 0;
  return { ids: [[id, id]], text: id === 0 ? "untagged (VLAN 0)" : `VLAN ${id}` };
}

export const vlansOverlap = (a: [number, number][], b: [number, number][]): boolean =>
  a.some(([a1, a2]) => b.some(([b1, b2]) => a1 <= b2 && b1 <= a2));

export const pgName = (pg: TfObject): string => (typeof pg.values.name === "string" ? pg.values.name : pg.address);

/** The tenant tag of an object (category `tenant`), or undefined. */
export function tenantOf(room: Room, o: TfObject): string | undefined {
  return room.tagsOf(o).tags.find((t) => t.category === "tenant")?.name;
}
