import { check, missingFacts } from "../../engine/checks";
import { defineRule, type Check } from "../../engine/rule";
import type { Room } from "../../engine/room";
import { IMPL_REG_2024_2690, ISO27001, NSM_GRUNNPRINSIPPER } from "../../controls/references";
import { contains, type FwInterface, interfaces, type Net, netText, planTime, str, unlessPlanTime } from "../firewall/fortigate";
import { Topology } from "../firewall/topology";
import { liveTenants, type Owner, ownerOfVdom, vdomTenants } from "./tenant-ownership";

/**
 * TEN-RANGES: the address ranges (and firewall VLANs) of tenants are disjoint (config).
 *
 * A tenant's network ranges are where the output carries them: the FortiOS interfaces of its VDOM with
 * an address (`ip`, the gateway's address and mask: `10.40.10.1/24` is 10.40.10.0/24), the VDOM being
 * the one its firewall stack (`<site>-<tenant>-fw`) configures. Per such interface (finding id
 * `range`): its network overlaps no network of an interface of another tenant or of the site (the
 * shared VDOM's service networks, the management and internet interfaces), and, for a VLAN interface,
 * no interface of another owner carries the same VLAN id on the same parent. An overlap makes the shared
 * VDOM's routes and address objects ambiguous (traffic meant for one municipality reaches the other);
 * a VLAN twice on one trunk joins two tenants at layer 2 inside the firewall. The port groups' VLANs are
 * NET-TENANT-SEG's. A plan-time `ip` is not-evaluable; a tenant of the site with no range in the
 * configuration (no interface in its VDOM) is not-evaluable on its tenant object. Input without facility
 * objects (foreign Terraform) does not say which VDOM is which tenant's: one not-evaluable finding.
 */
export const TenantAddressRangesAreDisjoint = defineRule({
  meta: {
    id: "TEN-RANGES",
    name: "TenantAddressRangesAreDisjoint",
    version: "1.0.0",
    area: "tenancy",
    title: "Each tenant's address ranges and firewall VLANs overlap no other tenant's or the site's",
    rationale:
      "Two municipalities with overlapping ranges cannot be told apart by the shared VDOM's routes and address objects, so a rule written for one reaches the other; a VLAN id twice on one trunk joins them at layer 2 inside the firewall.",
    remediation:
      "Give the tenant a CIDR (and VLAN range) no other tenant or site network uses (npm run clone picks the next free range), and re-address the overlapping network.",
    severity: "critical",
    enforcement: "mandatory",
    evidence: "config",
    params: {},
    controls: [
      ISO27001("8.22"),
      // Principle 2.2 (secure ICT architecture): the numbering is marked "verify" in CONTROLS.md §3.3.
      NSM_GRUNNPRINSIPPER("2.2", false),
      IMPL_REG_2024_2690("6.8"),
    ],
  },
  check(room) {
    if (!room.hasFacility)
      return missingFacts(
        {
          observed: "no facility objects: no tenant objects and tenant stacks to tell which VDOM's networks are whose",
          expected: "tenant objects and each tenant's firewall stack",
          message: "The input does not say which tenant each VDOM belongs to, so tenant ranges cannot be compared",
        },
        "config",
      );
    const topo = new Topology(room);
    const owners = vdomTenants(room);
    const all = interfaces(room).map((i) => ({ i, owner: ownerOfVdom(i.vdom, owners, topo), vlan: vlanOf(room, i) }));
    const out: Check[] = [];
    const covered = new Set<string>();
    for (const { i, owner, vlan } of all) {
      if (owner.key === "site") continue;
      if (i.net === undefined) {
        const reason = planTime(room, i.obj, "ip");
        if (reason !== undefined)
          out.push(
            check("config", "not-evaluable", i.obj, {
              findingId: "range",
              observed: `${i.name} (${owner.text}): ${reason}`,
              expected: EXPECTED,
              message: `${i.name}: its address is known only at plan`,
            }),
          );
        continue;
      }
      if (owner.tenant !== undefined) covered.add(owner.tenant);
      const net = i.net;
      const overlaps = all.filter((o) => o.owner.key !== owner.key && o.i.net !== undefined && overlap(net, o.i.net));
      const sameVlan =
        vlan === undefined ? [] : all.filter((o) => o.owner.key !== owner.key && o.vlan === vlan && o.i.parent === i.parent && o.i !== i);
      const clashes = [...new Set([...overlaps, ...sameVlan])];
      const describe = (o: { i: FwInterface; owner: Owner; vlan: number | undefined }) =>
        `${o.i.name} (${o.owner.text}${o.i.net ? `, ${netText(o.i.net)}` : ""}${o.vlan === undefined ? "" : `, VLAN ${o.vlan}`})`;
      const ok = clashes.length === 0;
      out.push(
        unlessPlanTime(
          room,
          clashes.map((c) => c.i.obj),
          ["ip"],
          check("config", ok ? "pass" : "fail", [i.obj, ...clashes.map((c) => c.i.obj)], {
            findingId: "range",
            observed:
              `${i.name} (${owner.text}): ${netText(net)}${vlan === undefined ? "" : `, VLAN ${vlan}`}` +
              (ok ? "" : `; also ${clashes.map(describe).join(", ")}`),
            expected: EXPECTED,
            message: `${i.name} (${owner.text}): ${ok ? "its range and VLAN are its own" : `${overlaps.length > 0 ? "its range overlaps" : "its VLAN is also on"} ${clashes.map((c) => c.owner.text).join(", ")}`}`,
          }),
        ),
      );
    }
    for (const t of liveTenants(room)) {
      if (covered.has(t.id)) continue;
      out.push(
        check("config", "not-evaluable", t, {
          findingId: "range",
          observed: `no FortiOS interface with an address in a VDOM of tenant ${t.id}'s firewall stack`,
          expected: EXPECTED,
          message: `Tenant ${t.id}: its address ranges are not in the configuration`,
        }),
      );
    }
    return out;
  },
});

const EXPECTED = "a range (and VLAN id on its trunk) no interface of another tenant or of the site uses";

const overlap = (a: Net, b: Net): boolean => contains(a, b) || contains(b, a);

/** The VLAN id of a VLAN interface, where literal. */
function vlanOf(room: Room, i: FwInterface): number | undefined {
  if (i.type !== "vlan") return undefined;
  const n = Number(str(room, i.obj, "vlanid"));
  return Number.isInteger(n) && n > 0 ? n : undefined;
}
