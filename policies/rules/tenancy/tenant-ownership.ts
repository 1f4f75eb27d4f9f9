import type { FacilityOf } from "../../../contracts/facility-objects";
import type { Room, TfObject } from "../../engine/room";
import { vdomOf } from "../firewall/fortigate";
import { type Topology } from "../firewall/topology";

/**
 * Who owns what, for the tenant-isolation rules: the site's tenants, the tenant whose firewall stack
 * configures a VDOM, the owner of a VDOM's networks. Read from the synthesized output alone (the
 * stack a resource is in, and the tenant objects that name the stacks). Not a rule.
 */

type Tenant = FacilityOf<"tenant">;

/** The site's tenants that are not removed, by id. */
export function liveTenants(room: Room): Tenant[] {
  return room
    .facility("tenant")
    .filter((t) => t.lifecycle !== "removed")
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** The FortiOS types a tenant's firewall stack writes into its VDOM (`vdomparam`). */
const VDOM_OBJECT_TYPES = [
  "fortios_firewall_policy",
  "fortios_firewall_address",
  "fortios_firewall_addrgrp",
  "fortios_system_zone",
] as const;

/**
 * The tenants whose stacks configure each VDOM: a FortiOS object of a tenant's stack (`<site>-<tenant>-fw`)
 * with `vdomparam` V makes V that tenant's VDOM. One tenant per VDOM in our output (the loader refuses a
 * VDOM name twice); the set shows where it is not.
 */
export function vdomTenants(room: Room): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const type of VDOM_OBJECT_TYPES)
    for (const o of room.resources(type)) {
      const tenant = room.tenantOf(o);
      const vdom = vdomOf(room, o);
      if (tenant === undefined || vdom === "global") continue;
      const set = out.get(vdom) ?? new Set<string>();
      set.add(tenant);
      out.set(vdom, set);
    }
  return out;
}

/**
 * Who a VDOM's networks belong to: `key` is the tenant id, `vdom:<name>` for a tenant VDOM of no known
 * tenant, or `site`; `tenant` is set for a known tenant.
 */
export interface Owner {
  key: string;
  tenant?: string;
  text: string;
}

/**
 * The owner of a VDOM: the one tenant whose stack configures it; else, where the topology reads it as
 * a tenant VDOM (no internet uplink, not the management VDOM), that VDOM of no known tenant (two
 * tenants' stacks in one VDOM also read so); else the site (the shared and management VDOMs).
 */
export function ownerOfVdom(vdom: string | undefined, tenants: Map<string, Set<string>>, topo: Topology): Owner {
  const set = vdom === undefined ? undefined : tenants.get(vdom);
  if (set && set.size === 1) {
    const [tenant] = [...set] as [string];
    return { key: tenant, tenant, text: `tenant ${tenant}` };
  }
  if (vdom !== undefined && set && set.size > 1)
    return { key: `vdom:${vdom}`, text: `VDOM ${vdom} of tenants ${[...set].sort().join(" and ")}` };
  if (topo.isTenant(vdom)) return { key: `vdom:${vdom}`, text: `VDOM ${vdom} (no tenant stack configures it)` };
  return { key: "site", text: `site (VDOM ${vdom ?? "unknown"})` };
}

/** A resource's literal `name`, or its address. */
export const nameOf = (o: TfObject): string => (typeof o.values.name === "string" ? o.values.name : o.address);
