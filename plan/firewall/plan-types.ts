/**
 * The firewall plan: what every VDOM on the FortiGate pair holds, compiled from the flows by
 * plan/firewall (pure data, no cdktf), so the constructs only render it and tests can read it directly.
 */

/** Who owns a VDOM's objects and a flow: the site (the shared VDOM, site.yaml) or one tenant. */
export type Owner = { kind: "site" } | { kind: "tenant"; tenant: string };

/** How an owner is written in policy comments (`flow=<owner>/<id>`) and messages. */
export const ownerName = (owner: Owner): string => (owner.kind === "site" ? "site" : owner.tenant);

export type AddressObject = { name: string; subnet: string; comment: string } | { name: string; members: string[]; comment: string };

export interface Vip {
  name: string;
  extip: string;
  mappedip: string;
  extintf: string;
  comment: string;
}

export interface PlannedPolicy {
  /** The flow id (the same in every VDOM the flow crosses). */
  id: number;
  vdom: string;
  name: string;
  srcintf: string[];
  dstintf: string[];
  srcaddr: string[];
  dstaddr: string[];
  services: string[];
  action: "accept" | "deny";
  log: "all" | "utm" | "disable";
  nat: boolean;
  /** `ticket=...; why=...; flow=<owner>/<id>`: what an auditor reads in the synthesized JSON. */
  comments: string;
  /** Which hop of its flow this policy is. */
  hop: "local" | "egress" | "transit" | "ingress";
  /**
   * Internet Service Database entries the policy matches on one side instead of addresses (the
   * known-bad address feeds, plan/firewall/threat-feeds.ts): `src` leaves srcaddr empty, `dst` leaves
   * dstaddr and services empty.
   */
  internetService?: { side: "src" | "dst"; names: string[] };
  /** A deny that also matches traffic a VIP has translated (`match-vip enable`). */
  matchVip?: boolean;
}

export interface VlanInterface {
  name: string;
  vlan: number;
  vdom: string;
  /** Interface address: the network's gateway with the network's prefix (the firewall routes it). */
  ip?: string;
  /** The physical port the VLAN rides on: the internet port (uplink VLAN) or the internal trunk. */
  trunk: "internet" | "internal";
  description: string;
}

export interface StaticRoute {
  seq: number;
  vdom: string;
  dst: string;
  device: string;
  gateway?: string;
  comment: string;
}

export interface VdomPlan {
  name: string;
  /** Which stack owns the VDOM's objects and policies: the firewall stack (site) or the tenant's. */
  owner: Owner;
  /** The tenant's inter-VDOM link to the shared VDOM (ends <link>0 in shared, <link>1 here). */
  link?: string;
  zones: { name: string; interfaces: string[]; description: string }[];
  addresses: AddressObject[];
  vips: Vip[];
  services: { name: string; tcp?: string; udp?: string; comment: string }[];
  serviceGroups: { name: string; members: string[] }[];
  policies: PlannedPolicy[];
  routes: StaticRoute[];
}

/** A tenant whose lifecycle is removed: what it had on the box, for Terraform `removed` blocks. */
export interface RetiredVdom {
  tenant: string;
  vdom: VdomPlan;
  vlanInterfaces: VlanInterface[];
  /** The tenant file approves destroying its objects (destroyApproved), rather than forgetting them. */
  destroy: boolean;
}

export interface FirewallPlan {
  sharedVdom: string;
  internetInterface: string;
  /** VLAN interfaces of every VDOM (global objects, owned by the firewall stack). */
  vlanInterfaces: VlanInterface[];
  /** Shared VDOM first, then the tenants' VDOMs by tenant id. */
  vdoms: VdomPlan[];
  /** VDOMs of removed tenants. */
  retired: RetiredVdom[];
}
