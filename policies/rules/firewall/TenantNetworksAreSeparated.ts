import { check, joinOutcome } from "../../engine/checks";
import type { Check } from "../../engine/rule";
import { defineRule } from "../../engine/rule";
import type { Room, TfObject } from "../../engine/room";
import { IMPL_REG_2024_2690, ISO27001, NIS2, NSM_GRUNNPRINSIPPER } from "../../controls/references";
import { PORT_GROUP_TYPES, pgName, portGroupOf, str, tenantOf, vlansOf, vlansOverlap } from "./fortigate";
import { Topology } from "./topology";

/**
 * NET-TENANT-SEG: municipalities are separated at layer 2 (config).
 * - Per tenant port group (a port group with a `tenant` tag): its VLAN ids are used by no port group
 *   of another tenant and by no site port group; an untagged (VLAN 0) tenant port group fails.
 * - Per VM: every NIC is on a port group of the VM's own tenant (its `tenant` tag) or on a declared
 *   shared-services network. The output does not carry a site network's purpose, so a shared-services
 *   network is read as: a site port group (no tenant tag) that no vmk uses and whose VLAN is routed by
 *   a VLAN interface of the firewall's shared (non-tenant, non-management) VDOM. This excludes the
 *   management, vMotion and storage networks, which the firewall does not route as VLAN interfaces;
 *   without FortiOS interfaces in the input, only the vmk test applies and the finding says so.
 *   A NIC whose network does not resolve to a port group is an error; a VM without a tenant tag is
 *   not evaluable; a VM without NICs is not applicable. In input without facility objects (foreign
 *   Terraform) a NIC on a `data.vsphere_network` reads a network of vCenter the input does not create:
 *   not-evaluable, as is a plan-time `network_id`.
 */
export const TenantNetworksAreSeparated = defineRule({
  meta: {
    id: "NET-TENANT-SEG",
    name: "TenantNetworksAreSeparated",
    version: "1.0.1",
    area: "network",
    title: "Each tenant has its own VLANs, and its VMs sit only on its own or shared-services networks",
    rationale:
      "A VLAN two municipalities share, or a VM on another tenant's or an infrastructure network, bypasses the firewall between them: one compromised VM reaches the other's systems at layer 2.",
    remediation:
      "Give every tenant network a VLAN id no other tenant or site network uses, and attach VMs only to their tenant's port groups or to the site's shared-services networks.",
    severity: "critical",
    enforcement: "mandatory",
    evidence: "config",
    reach: "tenant",
    params: {},
    controls: [
      ISO27001("8.22"),
      // Principle 2.2 (secure ICT architecture): the numbering is marked "verify" in CONTROLS.md §3.3.
      NSM_GRUNNPRINSIPPER("2.2", false),
      NSM_GRUNNPRINSIPPER("2.5.1"),
      IMPL_REG_2024_2690("6.8"),
      NIS2("Art. 21(2)(a)"),
    ],
  },
  check(room) {
    const out: Check[] = [];
    // Each port group and VM checked is the room's (a tenant's view: its own and the shared ones);
    // the port groups it may clash with, and who owns them, are the whole room's.
    const whole = room.whole;
    const all = PORT_GROUP_TYPES.flatMap((t) => whole.resources(t));
    const owner = new Map(all.map((pg) => [pg, tenantOf(whole, pg)]));
    const pgs = room === whole ? all : PORT_GROUP_TYPES.flatMap((t) => room.resources(t));
    for (const pg of pgs) {
      const tenant = owner.get(pg);
      if (tenant === undefined) continue;
      const mine = vlansOf(pg);
      const clashes = all.filter((o) => o !== pg && owner.get(o) !== tenant && vlansOverlap(mine.ids, vlansOf(o).ids));
      const untagged = mine.ids.some(([a]) => a === 0);
      out.push(
        check("config", clashes.length === 0 && !untagged ? "pass" : "fail", [pg, ...clashes], {
          findingId: "vlan",
          observed:
            `${pgName(pg)} (tenant ${tenant}): ${mine.text}` +
            (clashes.length > 0
              ? `, also on ${clashes.map((o) => `${pgName(o)} (${owner.get(o) ?? "site"}, ${vlansOf(o).text})`).join(", ")}`
              : "") +
            (untagged ? ", untagged" : ""),
          expected: "VLAN ids used by this tenant only",
          message: `${pgName(pg)}: ${clashes.length === 0 && !untagged ? `VLAN used by ${tenant} only` : `VLAN shared with ${clashes.length} other port group(s)${untagged ? " or untagged" : ""}`}`,
        }),
      );
    }
    const shared = sharedServices(whole, all, owner);
    for (const vm of room.resources("vsphere_virtual_machine")) out.push(checkVm(whole, vm, owner, shared));
    return out;
  },
});

interface SharedServices {
  isShared: (pg: TfObject) => boolean;
  basis: string;
}

function sharedServices(room: Room, pgs: TfObject[], owner: Map<TfObject, string | undefined>): SharedServices {
  const vmkGroups = new Set(
    room.resources("vsphere_vnic").flatMap((v) => {
      const r = room.reference(v, v.values.distributed_port_group).target;
      const byName = typeof v.values.portgroup === "string" ? pgs.filter((pg) => pg.values.name === v.values.portgroup) : [];
      return [...(r ? [r] : []), ...byName];
    }),
  );
  const fortiVlans = room.resources("fortios_system_interface");
  const topo = fortiVlans.length > 0 ? new Topology(room) : undefined;
  const routedShared = new Set(
    fortiVlans.flatMap((i) => {
      const id = Number(str(room, i, "vlanid"));
      const vdom = str(room, i, "vdom");
      return Number.isInteger(id) && id > 0 && topo && !topo.isTenant(vdom) && vdom !== "root" && !topo.internet.some((x) => x.obj === i)
        ? [id]
        : [];
    }),
  );
  return {
    isShared: (pg) =>
      owner.get(pg) === undefined &&
      !vmkGroups.has(pg) &&
      (topo === undefined || vlansOf(pg).ids.every(([a, b]) => a === b && routedShared.has(a))),
    basis: topo
      ? "site port group without vmks, routed by the firewall's shared VDOM"
      : "site port group without vmks (no FortiOS interfaces in the input to confirm it is routed)",
  };
}

function checkVm(room: Room, vm: TfObject, owner: Map<TfObject, string | undefined>, shared: SharedServices): Check {
  const name = typeof vm.values.name === "string" ? vm.values.name : vm.name;
  const nics = Array.isArray(vm.values.network_interface) ? (vm.values.network_interface as { network_id?: unknown }[]) : [];
  const expected = "NICs only on the VM's own tenant's port groups or on shared-services networks";
  if (nics.length === 0)
    return check("config", "not-applicable", vm, {
      findingId: "nics",
      observed: `VM ${name} has no network interfaces`,
      expected,
      message: `VM ${name}: no NICs`,
    });
  const tenant = tenantOf(room, vm);
  const resolved = nics.map((n) => portGroupOf(room, vm, n.network_id));
  const failed = resolved.filter((r) => r.problem !== undefined);
  const problems = failed.map((r) => r.problem ?? "");
  if (problems.length > 0)
    return check("config", joinOutcome(failed), vm, {
      findingId: "nics",
      observed: problems.join("; "),
      expected: "every NIC's network resolves to a port group of the site",
      message: `VM ${name}: ${joinOutcome(failed) === "error" ? "a NIC's network does not resolve" : "a NIC's network is not in the input"}`,
    });
  if (tenant === undefined)
    return check("config", "not-evaluable", vm, {
      findingId: "nics",
      observed: `VM ${name} has no tenant tag`,
      expected,
      message: `VM ${name}: its tenant is not in the configuration`,
    });
  const parts: string[] = [];
  const wrong: TfObject[] = [];
  for (const r of resolved) {
    const pg = r.pg;
    if (!pg) continue;
    const pgTenant = owner.get(pg);
    if (pgTenant === tenant) parts.push(`${pgName(pg)} (own)`);
    else if (pgTenant === undefined && shared.isShared(pg)) parts.push(`${pgName(pg)} (shared services)`);
    else {
      parts.push(`${pgName(pg)} (${pgTenant === undefined ? "site, not shared services" : `tenant ${pgTenant}`})`);
      wrong.push(pg);
    }
  }
  return check("config", wrong.length === 0 ? "pass" : "fail", [vm, ...wrong], {
    findingId: "nics",
    observed: `VM ${name} (tenant ${tenant}): ${parts.join(", ")}${parts.some((p) => p.endsWith("(shared services)")) ? `; shared services = ${shared.basis}` : ""}`,
    expected,
    message: `VM ${name}: ${wrong.length === 0 ? "on its own or shared networks" : `on ${wrong.map(pgName).join(", ")}`}`,
  });
}
