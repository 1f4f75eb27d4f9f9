import type { Room, TfObject } from "../../engine/room";
import {
  contains,
  type FwInterface,
  type FwPolicy,
  interfaces,
  internetInterfaces,
  linkPeer,
  nameList,
  type Net,
  parseNet,
  referencedObjects,
  str,
  vdomOf,
} from "./fortigate";

/**
 * Who is on each side of a firewall policy, read from the FortiOS configuration alone: the internet
 * (an internet-facing interface), and the tenant VDOMs whose networks the interfaces and addresses
 * belong to. A tenant VDOM is one that holds no internet-facing interface and is not the management
 * VDOM; the VDOM with the internet uplink is the shared (site) one. An address belongs to the VDOM
 * of the internal interface whose network holds it. Not a rule.
 */
export interface Side {
  internet: boolean;
  tenants: Set<string>;
  /** What the side was read from, for the findings. */
  described: string;
}

export class Topology {
  readonly ifaces: FwInterface[];
  readonly internet: FwInterface[];
  private readonly hubVdoms: Set<string>;
  private readonly mgmtVdoms: Set<string>;
  private readonly internal: { net: Net; vdom: string }[];
  private readonly zones = new Map<string, string[]>();
  private readonly byName = new Map<string, FwInterface[]>();

  constructor(private readonly room: Room) {
    this.ifaces = interfaces(room);
    this.internet = internetInterfaces(room, this.ifaces);
    this.hubVdoms = new Set(this.internet.flatMap((i) => (i.vdom === undefined ? [] : [i.vdom])));
    const mgmt = room.resources("fortios_system_global").map((g) => str(room, g, "management_vdom") ?? "root");
    this.mgmtVdoms = new Set(mgmt.length > 0 ? mgmt : ["root"]);
    this.internal = this.ifaces
      .filter((i) => !this.internet.includes(i) && i.net !== undefined && i.vdom !== undefined)
      .map((i) => ({ net: i.net as Net, vdom: i.vdom as string }))
      .sort((a, b) => b.net.prefix - a.net.prefix);
    for (const z of room.resources("fortios_system_zone")) {
      const name = str(room, z, "name");
      if (name !== undefined) this.zones.set(`${vdomOf(room, z)}\u0000${name}`, nameList(room, z, z.values.interface, "interface_name"));
    }
    for (const i of this.ifaces) this.byName.set(i.name, [...(this.byName.get(i.name) ?? []), i]);
  }

  isTenant(vdom: string | undefined): vdom is string {
    return vdom !== undefined && !this.hubVdoms.has(vdom) && !this.mgmtVdoms.has(vdom);
  }

  /** The VDOM whose internal network holds a network, if any. */
  vdomOfNet(n: Net): string | undefined {
    return this.internal.find((i) => contains(i.net, n))?.vdom;
  }

  side(p: FwPolicy, which: "src" | "dst"): Side {
    const tenants = new Set<string>();
    let internet = false;
    const intfs = which === "src" ? p.srcintf : p.dstintf;
    for (const name of intfs) {
      if (name === "any") {
        if (this.hubVdoms.has(p.vdom)) internet = true;
        continue;
      }
      for (const i of this.interfacesNamed(p.vdom, name)) {
        if (this.internet.includes(i)) internet = true;
        const far = i.type === "vdom-link" ? linkPeer(this.ifaces, i)?.vdom : i.vdom;
        if (this.isTenant(far)) tenants.add(far);
      }
    }
    const addrField = which === "src" ? p.obj.values.srcaddr : p.obj.values.dstaddr;
    for (const o of referencedObjects(this.room, p.obj, addrField, [
      "fortios_firewall_address",
      "fortios_firewall_addrgrp",
      "fortios_firewall_vip",
    ])) {
      if (typeof o === "string") continue;
      for (const n of this.netsOf(o, 0)) {
        const v = this.vdomOfNet(n);
        if (this.isTenant(v)) tenants.add(v);
      }
    }
    const described = `${internet ? "internet" : [...tenants].sort().join("+") || "no tenant network"} (${intfs.join(", ")})`;
    return { internet, tenants, described };
  }

  /** Interfaces by name, through zones: in the policy's VDOM first. */
  private interfacesNamed(vdom: string, name: string): FwInterface[] {
    const names = this.zones.get(`${vdom}\u0000${name}`) ?? [name];
    return names.flatMap((n) => {
      const all = this.byName.get(n) ?? [];
      const local = all.filter((i) => i.vdom === vdom);
      return local.length > 0 ? local : all;
    });
  }

  private netsOf(o: TfObject, depth: number): Net[] {
    if (depth > 8) return [];
    if (o.type === "fortios_firewall_address") {
      const n = parseNet(str(this.room, o, "subnet")) ?? parseNet(str(this.room, o, "start_ip"));
      return n ? [n] : [];
    }
    if (o.type === "fortios_firewall_vip") {
      const ranges = Array.isArray(o.values.mappedip) ? (o.values.mappedip as { range?: unknown }[]) : [];
      return ranges.flatMap((r) => {
        const n = parseNet(typeof r.range === "string" ? r.range.split("-")[0] : undefined);
        return n ? [n] : [];
      });
    }
    if (o.type === "fortios_firewall_addrgrp")
      return referencedObjects(this.room, o, o.values.member, ["fortios_firewall_address", "fortios_firewall_addrgrp"]).flatMap((m) =>
        typeof m === "string" ? [] : this.netsOf(m, depth + 1),
      );
    return [];
  }
}
