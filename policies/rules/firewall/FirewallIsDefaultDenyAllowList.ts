import { parsePolicyComments } from "../../../contracts/policy-comments";
import { check } from "../../engine/checks";
import type { Check } from "../../engine/rule";
import { defineRule } from "../../engine/rule";
import type { Room, TfObject } from "../../engine/room";
import { ISO27001, NIS2, NSM_GRUNNPRINSIPPER } from "../../controls/references";
import { type FwPolicy, policies, policyLabel, str, vdomOf } from "./fortigate";
import { Topology } from "./topology";

const ACCEPTS = ["accept", "allow", "ipsec"];
export const isAccept = (p: FwPolicy): boolean => ACCEPTS.includes(p.action);

/**
 * FW-ALLOWLIST: each VDOM's policies are an allow list ending in a logged deny (config).
 * - Per enabled accept policy: not src all + dst all + service ALL; and, where it crosses tenants
 *   (a tenant VDOM's networks on both sides, different tenants) or comes from the internet (its source
 *   interface faces the internet, or is `any` in the VDOM with the uplink), its `comments` carry a
 *   ticket and a justification (`ticket=...; why=...; flow=...`, contracts/policy-comments.ts). Our own
 *   output always writes that format, so a policy without it fails where the input has facility objects
 *   (ours), and is not evaluable in foreign input. Disabled policies are not applicable.
 * - Per VDOM: the last policy in evaluation order is an enabled catch-all deny (srcintf/dstintf any,
 *   srcaddr/dstaddr all, service ALL) with logtraffic all. The order is the VDOM's
 *   `fortios_firewall_policy_sort` (by policyid or name, ascending or descending, or manual); without
 *   one FortiOS keeps creation order, which Terraform does not fix: not evaluable.
 */
export const FirewallIsDefaultDenyAllowList = defineRule({
  meta: {
    id: "FW-ALLOWLIST",
    name: "FirewallIsDefaultDenyAllowList",
    version: "1.0.0",
    area: "firewall",
    title: "Firewall policies are a justified allow list ending in a logged deny",
    rationale:
      "An any-any accept opens every tenant to every other and to the internet; a flow between municipalities or from the internet without a ticket and reason cannot be reviewed; without a final logged deny, refused traffic leaves no trace.",
    remediation:
      "Replace any-any accepts with specific flows, give every inter-tenant and internet flow a ticket and justification, and end each VDOM with a logged deny-all ordered by fortios_firewall_policy_sort.",
    severity: "high",
    enforcement: "mandatory",
    evidence: "config",
    params: {},
    controls: [NSM_GRUNNPRINSIPPER("2.5.1"), ISO27001("8.20"), NIS2("Art. 21(2)(e)")],
  },
  check(room) {
    const all = policies(room);
    if (all.length === 0) return [];
    const topo = new Topology(room);
    const out: Check[] = [];
    for (const p of all) {
      if (!isAccept(p)) continue;
      out.push(checkAccept(room, topo, p));
    }
    const vdoms = new Set([...all.map((p) => p.vdom), ...room.resources("fortios_system_vdom").map((v) => str(room, v, "name") ?? v.name)]);
    for (const vdom of [...vdoms].sort())
      out.push(
        checkLast(
          room,
          vdom,
          all.filter((p) => p.vdom === vdom),
        ),
      );
    return out;
  },
});

function negated(p: FwPolicy): boolean {
  return ["srcaddr_negate", "dstaddr_negate", "service_negate"].some((k) => p.obj.values[k] === "enable");
}

function checkAccept(room: Room, topo: Topology, p: FwPolicy): Check {
  const label = policyLabel(p);
  if (p.status === "disable")
    return check("config", "not-applicable", p.obj, {
      observed: "status disable",
      expected: "an enabled accept policy",
      message: `${label} is disabled`,
    });
  const anyAny = p.srcaddr.includes("all") && p.dstaddr.includes("all") && p.service.includes("ALL") && !negated(p);
  const src = topo.side(p, "src");
  const dst = topo.side(p, "dst");
  const crossing = [...src.tenants].some((a) => [...dst.tenants].some((b) => a !== b));
  const reasons = [...(src.internet ? ["from the internet"] : []), ...(crossing ? ["crosses tenants"] : [])];
  const flow = `${src.described} -> ${dst.described}`;
  if (anyAny)
    return check("config", "fail", p.obj, {
      observed: `accept src all, dst all, service ALL (${flow})`,
      expected: "no accept of src all + dst all + service ALL",
      message: `${label} accepts everything`,
    });
  if (reasons.length === 0)
    return check("config", "pass", p.obj, {
      observed: `${flow}: specific, neither inter-tenant nor from the internet`,
      expected: "a specific accept; ticket and justification where it crosses tenants or comes from the internet",
      message: `${label}: specific flow`,
    });
  const expected = `${reasons.join(" and ")}: a ticket and a justification in comments (ticket=...; why=...; flow=...)`;
  const comments = str(room, p.obj, "comments");
  const parsed = parsePolicyComments(comments);
  if (!parsed)
    return check("config", room.hasFacility ? "fail" : "not-evaluable", p.obj, {
      observed: `${flow}; comments ${comments === undefined ? "absent" : `"${comments.slice(0, 80)}"`} not in the ticket/why/flow format`,
      expected,
      message: `${label} ${reasons.join(" and ")}: ${room.hasFacility ? "its comments do not give ticket and justification" : "its comments are not in the format the rule reads (foreign input)"}`,
    });
  const ok = parsed.ticket !== null && parsed.why !== null;
  return check("config", ok ? "pass" : "fail", p.obj, {
    observed: `${flow}; ticket ${parsed.ticket ?? "none"}, justification ${parsed.why === null ? "none" : `"${parsed.why.slice(0, 60)}${parsed.why.length > 60 ? "..." : ""}"`}`,
    expected,
    message: `${label} ${reasons.join(" and ")}: ${ok ? "ticket and justification given" : "ticket or justification missing"}`,
  });
}

/** The VDOM's policies in evaluation order, or why the order is unknown. */
function ordered(room: Room, vdom: string, list: FwPolicy[]): { order: FwPolicy[]; sort: TfObject } | { problem: string } {
  const sorts = room.resources("fortios_firewall_policy_sort").filter((s) => vdomOf(room, s) === vdom);
  const moves = room.resources("fortios_firewall_policy_move").filter((s) => vdomOf(room, s) === vdom);
  if (sorts.length !== 1 || !sorts[0])
    return {
      problem: `${sorts.length} fortios_firewall_policy_sort for VDOM ${vdom}: without exactly one, FortiOS keeps creation order, which Terraform does not fix`,
    };
  if (moves.length > 0)
    return { problem: `VDOM ${vdom} also has ${moves.length} fortios_firewall_policy_move: the final order depends on apply order` };
  const sort = sorts[0];
  const by = str(room, sort, "sortby");
  const dir = str(room, sort, "sortdirection");
  const key = (p: FwPolicy): string | number | undefined => (by === "name" ? str(room, p.obj, "name") : p.id);
  if (list.some((p) => key(p) === undefined)) return { problem: `a policy of VDOM ${vdom} has no literal ${by ?? "sort key"}` };
  if (dir === "manual") {
    const manual = Array.isArray(sort.values.manual_order) ? sort.values.manual_order.map(String) : [];
    const pos = (p: FwPolicy) => manual.indexOf(String(key(p)));
    if (list.some((p) => pos(p) < 0)) return { problem: `manual_order of VDOM ${vdom} does not list every policy` };
    return { order: [...list].sort((a, b) => pos(a) - pos(b)), sort };
  }
  if (by !== "policyid" && by !== "name") return { problem: `sortby ${by ?? "unset"} is not policyid or name` };
  const cmp = (a: FwPolicy, b: FwPolicy) => {
    const x = key(a) ?? "";
    const y = key(b) ?? "";
    return x < y ? -1 : x > y ? 1 : 0;
  };
  const asc = [...list].sort(cmp);
  return { order: dir === "descending" ? asc.reverse() : asc, sort };
}

function checkLast(room: Room, vdom: string, list: FwPolicy[]): Check {
  const expected = "the last policy: enabled deny of any/all -> any/all, service ALL, logtraffic all";
  if (list.length === 0) {
    const v = room.resources("fortios_system_vdom").find((o) => (str(room, o, "name") ?? o.name) === vdom);
    return check("config", "fail", v ? [v] : [], {
      findingId: `vdom-${vdom}`,
      observed: `VDOM ${vdom} has no policies: only the implicit deny, which does not log`,
      expected,
      message: `VDOM ${vdom} has no logged deny`,
    });
  }
  const o = ordered(room, vdom, list);
  if ("problem" in o)
    return check("config", "not-evaluable", list[0] ? [list[0].obj] : [], {
      findingId: `vdom-${vdom}`,
      observed: o.problem,
      expected,
      message: `VDOM ${vdom}: the policy order is not known`,
    });
  const enabled = o.order.filter((p) => p.status !== "disable");
  const last = enabled[enabled.length - 1] ?? o.order[o.order.length - 1];
  if (!last) throw new Error(`VDOM ${vdom}: no last policy`);
  const catchAll =
    last.status !== "disable" &&
    !isAccept(last) &&
    last.srcintf.includes("any") &&
    last.dstintf.includes("any") &&
    last.srcaddr.includes("all") &&
    last.dstaddr.includes("all") &&
    last.service.includes("ALL") &&
    !negated(last);
  const logged = last.logtraffic === "all";
  return check("config", catchAll && logged ? "pass" : "fail", [last.obj, o.sort], {
    findingId: `vdom-${vdom}`,
    observed: `last of ${o.order.length} (by ${str(room, o.sort, "sortby") ?? "?"} ${str(room, o.sort, "sortdirection") ?? "?"}): ${policyLabel(last)} ${last.action} ${last.srcintf.join(",")}/${last.srcaddr.join(",")} -> ${last.dstintf.join(",")}/${last.dstaddr.join(",")} ${last.service.join(",")}, logtraffic ${last.logtraffic ?? "unset (utm)"}`,
    expected,
    message: `VDOM ${vdom}: ${catchAll ? (logged ? "ends in a logged deny" : "ends in a deny that does not log") : "does not end in a catch-all deny"}`,
  });
}
