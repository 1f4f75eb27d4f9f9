import { check, joinOutcome, missingFacts } from "../../engine/checks";
import { defineRule, type Check } from "../../engine/rule";
import type { Room, TfObject } from "../../engine/room";
import { ISO27001, NIS2, NSM_GRUNNPRINSIPPER } from "../../controls/references";
import { literal } from "../firewall/fortigate";
import { tenantTagOf } from "../governance/tenancy";
import { nameOf } from "./tenant-ownership";

/**
 * TEN-ROLE-SCOPE: a tenant's vCenter grants reach only its own folder and resource pools (config).
 *
 * A tenant's principals are the users and groups its own stack (`<site>-<tenant>`) grants in a
 * `vsphere_entity_permissions`, and any principal granted one of the roles its stack creates. Per
 * permission entry of such a principal, in any stack (finding per `vsphere_entity_permissions`, with
 * finding id `entry-<n>` where one holds several):
 * - the principal belongs to one tenant only (a group two tenants grant sees both; names compared
 *   without case, as the directory does);
 * - the entity is a `vsphere_folder` or `vsphere_resource_pool` of that tenant's own stack, never the
 *   datacenter, a cluster, the shared `tenants` folder or another tenant's object;
 * - with `propagate`, nothing of another tenant lies below it: no VM of another tenant (its `tenant`
 *   tag, else its stack) in the folder or a folder under it, no other tenant's folder under its path,
 *   no VM or pool of another tenant in the pool or a pool under it.
 * An entity that does not resolve is an error. Principals no tenant stack grants (the site's
 * administrators) are not this rule's. Input without facility objects does not say which stack is a
 * tenant's: one not-evaluable finding.
 */
export const TenantRolesSeeOnlyTheirOwnObjects = defineRule({
  meta: {
    id: "TEN-ROLE-SCOPE",
    name: "TenantRolesSeeOnlyTheirOwnObjects",
    version: "1.0.0",
    area: "tenancy",
    title: "A tenant's vCenter role is granted only on its own folder and resource pool, and reaches nothing of another tenant",
    rationale:
      "A municipality's operators granted on the datacenter, a cluster, the shared folder or a folder holding another municipality's VMs can power off, open the console of or snapshot the other's systems.",
    remediation:
      "Grant the tenant's operators group only on the tenant's own folder and resource pool (MunicipalTenant does), give each municipality a group of its own, and keep other tenants' VMs, folders and pools out of them.",
    severity: "critical",
    enforcement: "mandatory",
    evidence: "config",
    reach: "tenant",
    params: {},
    controls: [
      ISO27001("8.2"),
      // Principle 2.6 (identities and access): the numbering is marked "verify" in CONTROLS.md §3.3.
      NSM_GRUNNPRINSIPPER("2.6", false),
      NIS2("Art. 21(2)(i)"),
    ],
  },
  check(room) {
    if (!room.hasFacility)
      return missingFacts(
        {
          observed: "no facility objects: no tenant objects to tell a tenant's stack and principals",
          expected: "tenant objects and each tenant's stack",
          message: "The input does not say which stack is a tenant's, so whose grant a permission is cannot be told",
        },
        "config",
      );
    // Whose principals they are, and what a grant reaches, are the whole room's (every tenant's grants,
    // roles and inventory); the grants checked are the room's (a tenant's view: its own and the shared ones).
    const whole = room.whole;
    const all = whole.resources("vsphere_entity_permissions");
    const grants = room === whole ? all : room.resources("vsphere_entity_permissions");
    const principalTenants = new Map<string, Set<string>>();
    const add = (principal: string, tenant: string) =>
      principalTenants.set(keyOfPrincipal(principal), new Set([...(principalTenants.get(keyOfPrincipal(principal)) ?? []), tenant]));
    for (const g of all) {
      const tenant = whole.tenantOf(g);
      if (tenant !== undefined) for (const e of entriesOf(g)) add(e.principal, tenant);
    }
    const roleTenant = new Map<TfObject, string>();
    for (const r of whole.resources("vsphere_role")) {
      const tenant = whole.tenantOf(r);
      if (tenant !== undefined) roleTenant.set(r, tenant);
    }
    for (const g of all)
      for (const e of entriesOf(g)) {
        const role = whole.reference(g, e.role).target;
        const tenant = role === undefined ? undefined : roleTenant.get(role);
        if (tenant !== undefined) add(e.principal, tenant);
      }
    let known: Inventory | undefined;
    const inventory = () => (known ??= new Inventory(whole));
    const out: Check[] = [];
    for (const g of grants) {
      const entries = entriesOf(g);
      entries.forEach((e, n) => {
        const tenants = principalTenants.get(keyOfPrincipal(e.principal));
        if (tenants === undefined) return;
        out.push(checkEntry(whole, inventory, g, e, [...tenants].sort(), entries.length > 1 ? `entry-${n}` : undefined));
      });
    }
    return out;
  },
});

const EXPECTED = "granted on the tenant's own folder or resource pool only, reaching nothing of another tenant";

/** Directory names are case-insensitive (`HAUGNES\\Ops` is `haugnes\\ops`). */
const keyOfPrincipal = (principal: string): string => principal.toLowerCase();

interface Entry {
  principal: string;
  role: unknown;
  propagate: boolean;
}

function entriesOf(g: TfObject): Entry[] {
  const list = Array.isArray(g.values.permissions) ? (g.values.permissions as Record<string, unknown>[]) : [];
  return list
    .filter((e) => typeof e.user_or_group === "string")
    .map((e) => ({ principal: e.user_or_group as string, role: e.role_id, propagate: e.propagate === true || e.propagate === "true" }));
}

/** Who an object of the vSphere inventory belongs to: its tenant's stack, or the site. */
const ownerText = (room: Room, o: TfObject): string => {
  const t = room.tenantOf(o);
  return t === undefined ? "the site" : `tenant ${t}`;
};

const describe = (room: Room, o: TfObject): string => {
  const path = literal(room, o, o.values.path);
  const what = `${o.type.replace(/^vsphere_/, "")} ${path ?? nameOf(o)}`;
  return o.mode === "data" ? `${what} (read from vCenter by ${o.stack})` : `${what} (${ownerText(room, o)})`;
};

function checkEntry(
  room: Room,
  inventory: () => Inventory,
  g: TfObject,
  e: Entry,
  tenants: string[],
  findingId: string | undefined,
): Check {
  const id = findingId === undefined ? {} : { findingId };
  const who = `${e.principal}${tenants.length === 1 ? ` (tenant ${tenants[0]})` : ""}`;
  if (tenants.length > 1)
    return check("config", "fail", g, {
      ...id,
      observed: `${e.principal} is granted by the stacks or roles of tenants ${tenants.join(" and ")}`,
      expected: "a principal of one tenant only",
      message: `${e.principal}: one group sees the objects of ${tenants.join(" and ")}`,
    });
  const tenant = tenants[0];
  const entity = room.reference(g, g.values.entity_id);
  if (!entity.target)
    return check("config", joinOutcome([entity]), g, {
      ...id,
      observed: `entity_id: ${entity.problem}`,
      expected: EXPECTED,
      message: `${who}: the entity it is granted on does not resolve`,
    });
  // A tenant's own folder and pools are resources of its own stack; a data source reads something
  // someone else created (the datacenter, a cluster, the shared folder), whatever it joins to.
  const on = entity.target.mode === "data" ? (room.joinData(entity.target).target ?? entity.target) : entity.target;
  const own =
    entity.target.mode === "managed" &&
    (on.type === "vsphere_folder" || on.type === "vsphere_resource_pool") &&
    room.tenantOf(on) === tenant;
  if (!own)
    return check("config", "fail", [g, on], {
      ...id,
      observed: `${who} granted on ${describe(room, on)}`,
      expected: EXPECTED,
      message: `${who}: granted on ${describe(room, on)}, not on its own folder or pool`,
    });
  const reached = e.propagate ? inventory().reachedOthers(on, tenant) : [];
  return check("config", reached.length === 0 ? "pass" : "fail", [g, on, ...reached], {
    ...id,
    observed:
      `${who} granted on ${describe(room, on)}${e.propagate ? ", propagating" : ""}` +
      (reached.length === 0 ? "" : `; reaches ${reached.map((o) => describe(room, o)).join(", ")}`),
    expected: EXPECTED,
    message: `${who}: ${reached.length === 0 ? "sees only its own objects" : `its grant reaches ${reached.length} object(s) of another tenant`}`,
  });
}

/** A folder, pool or VM with its owner, its folder path and the resource pools it lies in (innermost first). */
interface Placed {
  o: TfObject;
  owner: string | undefined;
  path: string | undefined;
  pools: TfObject[];
}

/** Where every folder, pool and VM of the room lies, read once per room (grants are checked against it). */
class Inventory {
  readonly placed: Placed[];
  private readonly chains = new Map<TfObject, TfObject[]>();

  constructor(private readonly room: Room) {
    const folders = room
      .resources("vsphere_folder")
      .map((o) => this.place(o, room.tenantOf(o), literal(room, o, o.values.path), undefined));
    const pools = room
      .resources("vsphere_resource_pool")
      .map((o) => this.place(o, room.tenantOf(o), undefined, o.values.parent_resource_pool_id));
    // A VM's owner is its tenant tag, else its stack's tenant.
    const vms = room
      .resources("vsphere_virtual_machine")
      .map((o) => this.place(o, tenantTagOf(room, o) ?? room.tenantOf(o), literal(room, o, o.values.folder), o.values.resource_pool_id));
    this.placed = [...folders, ...pools, ...vms];
  }

  private place(o: TfObject, owner: string | undefined, path: string | undefined, poolExpr: unknown): Placed {
    const parent = poolExpr === undefined ? undefined : this.room.resolve(o, poolExpr).target;
    return { o, owner, path, pools: parent === undefined ? [] : this.chain(parent, 0) };
  }

  /** A pool and the pools above it; a cluster or host ends the chain. */
  private chain(pool: TfObject, depth: number): TfObject[] {
    const known = this.chains.get(pool);
    if (known) return known;
    if (pool.type !== "vsphere_resource_pool" || depth > 16) return [];
    const up = this.room.resolve(pool, pool.values.parent_resource_pool_id).target;
    const list = [pool, ...(up === undefined ? [] : this.chain(up, depth + 1))];
    this.chains.set(pool, list);
    return list;
  }

  /** The objects of other tenants (or of the site) below a folder or pool a grant propagates to. */
  reachedOthers(on: TfObject, tenant: string): TfObject[] {
    if (on.type === "vsphere_folder") {
      const path = literal(this.room, on, on.values.path);
      if (path === undefined) return [];
      return this.placed
        .filter((p) => p.o !== on && p.path !== undefined && (p.path === path || p.path.startsWith(`${path}/`)) && p.owner !== tenant)
        .map((p) => p.o);
    }
    return this.placed.filter((p) => p.o !== on && p.pools.includes(on) && p.owner !== tenant).map((p) => p.o);
  }
}
