import { parsePolicyComments } from "../../../contracts/policy-comments";
import { check } from "../../engine/checks";
import { defineRule, type Check } from "../../engine/rule";
import type { Room } from "../../engine/room";
import { ISO27001, NSM_GRUNNPRINSIPPER } from "../../controls/references";
import { type FwPolicy, policies, policyLabel, str } from "../firewall/fortigate";
import { isAccept } from "../firewall/FirewallIsDefaultDenyAllowList";
import { Topology } from "../firewall/topology";
import { type Owner, ownerOfVdom, vdomTenants } from "./tenant-ownership";

/**
 * TEN-FLOW-JUSTIFIED: no flow between two tenants without a justification and a ticket (config).
 *
 * Per accept policy whose two sides belong to different tenants (finding per policy): the sides are
 * read as FW-ALLOWLIST reads them (firewall/topology.ts: the VDOM behind each interface or VDOM link
 * end, and the VDOM whose network holds each address), and a VDOM is the tenant's whose firewall stack
 * configures it. Such a policy, in any VDOM (the tenant's own, the shared one in between, the other
 * tenant's), carries a ticket and a justification in its `comments` (`ticket=...; why=...; flow=...`,
 * contracts/policy-comments.ts), where a reviewer sees why one municipality may reach another.
 * FW-ALLOWLIST asks the same of every inter-tenant or internet accept as part of the allow list; this
 * rule reports each tenant pair for the isolation pack. Policies within one tenant, between a tenant and
 * the site's shared services, and deny policies are not its business (no finding). A disabled crossing
 * policy is not applicable. Our own output always writes the comment format, so a crossing policy
 * without it fails; in input without facility objects (foreign Terraform) it is not-evaluable, and the
 * VDOMs stand for the tenants.
 */
export const InterTenantFlowsAreJustified = defineRule({
  meta: {
    id: "TEN-FLOW-JUSTIFIED",
    name: "InterTenantFlowsAreJustified",
    version: "1.0.0",
    area: "tenancy",
    title: "Every flow between two tenants carries a justification and a change ticket",
    rationale:
      "The firewall is what keeps one municipality's systems from another's; an inter-tenant accept nobody can trace to a decision is an opening no reviewer can judge or close.",
    remediation:
      "Declare the flow in the owning tenant's file with its ticket and why (the compiler writes them into the policy comments), or remove the policy.",
    severity: "high",
    enforcement: "mandatory",
    evidence: "config",
    params: {},
    controls: [
      // 2.5.1: filter only allow-listed traffic between zones; document and justify every inter-zone rule.
      NSM_GRUNNPRINSIPPER("2.5.1"),
      ISO27001("8.22"),
    ],
  },
  check(room) {
    const all = policies(room);
    if (all.length === 0) return [];
    const topo = new Topology(room);
    const owners = vdomTenants(room);
    const out: Check[] = [];
    for (const p of all) {
      if (!isAccept(p)) continue;
      const src = sideOwners(topo, owners, p, "src");
      const dst = sideOwners(topo, owners, p, "dst");
      const pairs = src.flatMap((a) => dst.filter((b) => b.key !== a.key).map((b) => `${label(a)} -> ${label(b)}`));
      if (pairs.length === 0) continue;
      out.push(checkCrossing(room, p, [...new Set(pairs)]));
    }
    return out;
  },
});

const EXPECTED = "comments with a ticket and a justification (ticket=...; why=...; flow=...)";

const label = (o: Owner): string => o.tenant ?? o.text;

/** The tenant owners on one side of a policy (the site's VDOMs left out). */
function sideOwners(topo: Topology, owners: Map<string, Set<string>>, p: FwPolicy, which: "src" | "dst"): Owner[] {
  const byKey = new Map<string, Owner>();
  for (const vdom of topo.side(p, which).tenants) {
    const o = ownerOfVdom(vdom, owners, topo);
    if (o.key !== "site") byKey.set(o.key, o);
  }
  return [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
}

function checkCrossing(room: Room, p: FwPolicy, pairs: string[]): Check {
  const name = policyLabel(p);
  const flow = pairs.join(", ");
  if (p.status === "disable")
    return check("config", "not-applicable", p.obj, {
      observed: `${flow}; status disable`,
      expected: EXPECTED,
      message: `${name} (${flow}) is disabled`,
    });
  const comments = str(room, p.obj, "comments");
  const parsed = parsePolicyComments(comments);
  if (!parsed)
    return check("config", room.hasFacility ? "fail" : "not-evaluable", p.obj, {
      observed: `${flow}; comments ${comments === undefined ? "absent" : `"${comments.slice(0, 80)}"`} not in the ticket/why/flow format`,
      expected: EXPECTED,
      message: `${name} lets ${flow} through: ${room.hasFacility ? "its comments give no ticket and justification" : "its comments are not in the format the rule reads (foreign input)"}`,
    });
  const missing = [...(parsed.ticket === null ? ["no ticket"] : []), ...(parsed.why === null ? ["no justification"] : [])];
  const ok = missing.length === 0;
  const why = parsed.why === null ? "none" : `"${parsed.why.slice(0, 60)}${parsed.why.length > 60 ? "..." : ""}"`;
  return check("config", ok ? "pass" : "fail", p.obj, {
    observed: `${flow} (flow ${parsed.owner}/${parsed.flowId}); ticket ${parsed.ticket ?? "none"}, justification ${why}`,
    expected: EXPECTED,
    message: `${name} lets ${flow} through: ${ok ? `ticket ${parsed.ticket ?? ""} and a justification` : missing.join(" and ")}`,
  });
}
