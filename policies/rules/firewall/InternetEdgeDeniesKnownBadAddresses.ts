import type { FacilityOf } from "../../../contracts/facility-objects";
import { check } from "../../engine/checks";
import type { Check, ControlRef } from "../../engine/rule";
import { defineRule } from "../../engine/rule";
import type { Room } from "../../engine/room";
import { ISO27001 } from "../../controls/references";
import { isAccept } from "./FirewallIsDefaultDenyAllowList";
import { type Cluster, clusters, type FwPolicy, interfaces, internetInterfaces, nameList, policies, str, vdomOf } from "./fortigate";

/** CIS Fortinet FortiGate benchmark, "policies deny traffic to and from Tor and malicious IPs": not read in the primary text. */
const CIS_FORTIGATE = (ref: string): ControlRef => ({
  framework: "CIS Fortinet FortiGate Benchmark",
  ref,
  edition: "FortiOS 7.x (verify)",
  verified: false,
  source: "not in CONTROLS.md (verify against the CIS benchmark text)",
  kind: "benchmark",
});

/** The reputation entries a feed deny must name at least, in each direction. */
export const REQUIRED_FEEDS = ["Malicious-Malicious.Server", "Botnet-C&C.Server", "Tor-Exit.Node"] as const;

/** The shortest reason the rule takes as a documented reason not to deny on the feeds. */
export const MIN_REASON_LENGTH = 20;

type Direction = "in" | "out";
type ThreatFeeds = FacilityOf<"threat-feeds">;

/** How one direction's feed deny stands in a VDOM. */
type Side = { ok: true; policy: FwPolicy; text: string } | { ok: false; policy?: FwPolicy; problem: string; orderUnknown?: boolean };

/**
 * FW-THREAT-FEEDS: the internet edge denies the known-bad address feeds where the licence has them.
 * Per FortiGate cluster (its `fortios_system_ha` and the interfaces of its stack), per VDOM with an
 * internet-facing interface (role wan, or the device of a default route):
 * - pass (config) when the VDOM has, in both directions, an enabled logged deny (`logtraffic all`) on the
 *   FortiGuard reputation entries: inbound `internet_service_src enable` with `internet_service_src_name`,
 *   its source interface the internet one (or a zone holding it, or any); outbound `internet_service
 *   enable` with `internet_service_name`, its destination interface the internet one; each naming at
 *   least Malicious-Malicious.Server, Botnet-C&C.Server and Tor-Exit.Node, not negated, and sorted
 *   before every enabled accept of the VDOM (one `fortios_firewall_policy_sort` by ascending policyid
 *   and a lower id; another order is not evaluable);
 * - without them, pass (declared) when the cluster's `threat-feeds` object (haGroup = group_name) says
 *   the licence has no feeds and gives a reason of at least 20 characters: the documented reason not to;
 * - otherwise fail; not evaluable in input without facility objects (nothing can document the reason).
 * Every finding of a VDOM anchors on the cluster's HA resource first (`<ha>#threat-feeds-<vdom>`), so it
 * keeps its address whichever way it comes out. Only the shared VDOM faces the internet in our output; the feeds do not reach a tenant VDOM's own
 * traffic, which leaves the box through the shared one.
 */
export const InternetEdgeDeniesKnownBadAddresses = defineRule({
  meta: {
    id: "FW-THREAT-FEEDS",
    name: "InternetEdgeDeniesKnownBadAddresses",
    version: "1.0.0",
    area: "firewall",
    title: "The internet edge denies known-bad addresses (FortiGuard reputation feeds) in both directions, or documents why not",
    rationale:
      "Botnet controllers, malicious servers and Tor exits are the sources and destinations of most attacks and exfiltration; the feeds are kept current by FortiGuard, so a deny before every accept stops traffic no flow review would catch. FortiOS's default local-in policy covers only traffic to the box itself, not the tenants' forwarded traffic.",
    remediation:
      "Set firewall.threatFeeds.licensed: true where the FortiGuard licence has the IP reputation feeds (the shared VDOM then opens with the logged denies, policies 1 and 2); otherwise set licensed: false with the reason and the date it changes.",
    severity: "high",
    enforcement: "mandatory",
    evidence: "config",
    params: {},
    controls: [CIS_FORTIGATE("3.3 (policies deny traffic to and from Tor and malicious IPs)"), ISO27001("8.20"), ISO27001("8.23")],
  },
  check(room) {
    const out: Check[] = [];
    const edge = internetInterfaces(room, interfaces(room));
    for (const c of clusters(room)) {
      const label = `cluster ${c.group ?? c.ha.address}`;
      const own = edge.filter((i) => i.obj.stack === c.ha.stack);
      const vdoms = [...new Set(own.map((i) => i.vdom ?? "root"))].sort();
      if (vdoms.length === 0) {
        out.push(
          check("config", "not-evaluable", c.ha, {
            findingId: "threat-feeds",
            observed: `no interface of ${c.ha.stack} faces the internet (role wan or a default route's device)`,
            expected: "the VDOM with the internet uplink, to look for the feed denies in",
            message: `${label}: the internet-facing VDOM is not known`,
          }),
        );
        continue;
      }
      for (const vdom of vdoms) {
        const names = own.filter((i) => (i.vdom ?? "root") === vdom).map((i) => i.name);
        out.push(checkVdom(room, c, label, vdom, names));
      }
    }
    return out;
  },
});

function checkVdom(room: Room, c: Cluster, label: string, vdom: string, edgeNames: string[]): Check {
  const findingId = `threat-feeds-${vdom}`;
  const expected = `in VDOM ${vdom}, logged denies of the reputation feeds (at least ${REQUIRED_FEEDS.join(", ")}) from and to the internet, sorted before every accept; or a threat-feeds object with licensed false and a reason of at least ${MIN_REASON_LENGTH} characters`;
  const list = policies(room).filter((p) => p.vdom === vdom && p.obj.stack === c.ha.stack);
  const faces = facesInternet(room, vdom, edgeNames);
  const order = firstAccept(room, vdom, list);
  const inbound = side(room, list, "in", faces, order);
  const outbound = side(room, list, "out", faces, order);
  if (inbound.ok && outbound.ok)
    return check("config", "pass", [c.ha, inbound.policy.obj, outbound.policy.obj], {
      findingId,
      observed: `${inbound.text}; ${outbound.text}`,
      expected,
      message: `${label}: VDOM ${vdom} denies the reputation feeds in both directions before every accept`,
    });
  const problems = [inbound, outbound].flatMap((s) => (s.ok ? [] : [s.problem])).join("; ");
  const feeds = room.facility("threat-feeds").filter((o) => o.haGroup === c.group);
  const record = feeds[0];
  const reason = record?.reason?.trim() ?? "";
  if (record && !record.licensed && reason.length >= MIN_REASON_LENGTH)
    return check("declared", "pass", [c.ha, record], {
      findingId,
      observed: `${problems}; threat-feeds ${record.id}: not licensed, reason "${reason}"`,
      expected,
      message: `${label}: no feed-based deny, for a documented reason: ${reason}`,
    });
  const candidates = [inbound, outbound].flatMap((s) => (!s.ok && s.policy ? [s.policy.obj] : []));
  // Both denies are there and right but for where they sort: a policy order the rule cannot read.
  if ([inbound, outbound].every((s) => s.ok || s.orderUnknown === true))
    return check("config", "not-evaluable", [c.ha, ...candidates], {
      findingId,
      observed: problems,
      expected,
      message: `${label}: VDOM ${vdom}: the order of the feed denies is not known`,
    });
  if (!room.hasFacility)
    return check("config", "not-evaluable", [c.ha, ...candidates], {
      findingId,
      observed: `${problems}; the input has no facility objects, so no threat-feeds object can document a reason`,
      expected,
      message: `${label}: VDOM ${vdom} has no feed-based deny, and nothing says why (foreign input)`,
    });
  return check("config", "fail", [c.ha, ...candidates, ...(record ? [record] : [])], {
    findingId,
    observed: `${problems}; ${feedsProblem(record, c) ?? "threat-feeds: the licence has the feeds"}`,
    expected,
    message: `${label}: VDOM ${vdom} does not deny the known-bad address feeds, and no reason is documented`,
  });
}

/** What keeps the cluster's threat-feeds object from documenting a reason, or undefined when it says the licence has the feeds. */
function feedsProblem(record: ThreatFeeds | undefined, c: Cluster): string | undefined {
  if (!record) return `no threat-feeds object for HA group ${c.group ?? "(none)"}`;
  if (record.licensed) return undefined;
  const reason = record.reason?.trim() ?? "";
  return reason === ""
    ? `threat-feeds ${record.id}: not licensed, no reason`
    : `threat-feeds ${record.id}: not licensed, reason "${reason}" shorter than ${MIN_REASON_LENGTH} characters`;
}

/** Whether an interface list reaches the internet: `any`, an internet interface, or a zone of the VDOM holding one. */
function facesInternet(room: Room, vdom: string, edgeNames: readonly string[]): (intfs: readonly string[]) => boolean {
  const zones = room
    .resources("fortios_system_zone")
    .filter((z) => vdomOf(room, z) === vdom && nameList(room, z, z.values.interface, "interface_name").some((n) => edgeNames.includes(n)))
    .map((z) => str(room, z, "name"));
  return (intfs) => intfs.some((n) => n === "any" || edgeNames.includes(n) || zones.includes(n));
}

/** The lowest enabled accept id of the VDOM, when the VDOM sorts by ascending policy id; else why the order is unknown. */
function firstAccept(
  room: Room,
  vdom: string,
  list: readonly FwPolicy[],
): { first: number | undefined; label: string } | { problem: string } {
  const sorts = room.resources("fortios_firewall_policy_sort").filter((s) => vdomOf(room, s) === vdom);
  const sort = sorts[0];
  if (sorts.length !== 1 || !sort) return { problem: `${sorts.length} fortios_firewall_policy_sort for VDOM ${vdom}` };
  const by = str(room, sort, "sortby");
  const dir = str(room, sort, "sortdirection");
  if (by !== "policyid" || dir !== "ascending")
    return { problem: `VDOM ${vdom} sorts by ${by ?? "?"} ${dir ?? "?"}, not by ascending policyid` };
  const ids = list.filter((p) => isAccept(p) && p.status !== "disable").map((p) => p.id ?? Number.NEGATIVE_INFINITY);
  if (ids.length === 0) return { first: undefined, label: "no accept" };
  const first = Math.min(...ids);
  return { first, label: `first accept policy ${first}` };
}

const FIELDS: Record<Direction, { enable: string; names: string; negate: string; intf: "srcintf" | "dstintf"; what: string }> = {
  in: {
    enable: "internet_service_src",
    names: "internet_service_src_name",
    negate: "internet_service_src_negate",
    intf: "srcintf",
    what: "from",
  },
  out: { enable: "internet_service", names: "internet_service_name", negate: "internet_service_negate", intf: "dstintf", what: "to" },
};

function side(
  room: Room,
  list: readonly FwPolicy[],
  d: Direction,
  faces: (intfs: readonly string[]) => boolean,
  order: ReturnType<typeof firstAccept>,
): Side {
  const f = FIELDS[d];
  const entries = (p: FwPolicy) => nameList(room, p.obj, p.obj.values[f.names]);
  const candidates = list.filter(
    (p) =>
      p.status !== "disable" &&
      p.action === "deny" &&
      str(room, p.obj, f.enable) === "enable" &&
      str(room, p.obj, f.negate) !== "enable" &&
      faces(p[f.intf]),
  );
  const what = `a logged deny of the feeds ${f.what} the internet`;
  if (candidates.length === 0) return { ok: false, problem: `no deny ${f.what} the internet on Internet Service entries` };
  const complete = candidates.filter((p) => REQUIRED_FEEDS.every((n) => entries(p).includes(n)));
  const logged = complete.filter((p) => p.logtraffic === "all");
  const best = logged[0] ?? complete[0] ?? candidates[0];
  const describe = (p: FwPolicy) =>
    `policy ${p.id ?? "?"} denies ${f.what} ${p[f.intf].join(",")} on ${entries(p).join(", ") || "no entry"}`;
  if (!best) return { ok: false, problem: `no deny ${f.what} the internet` };
  if (complete.length === 0) {
    const missing = REQUIRED_FEEDS.filter((n) => !entries(best).includes(n));
    return { ok: false, policy: best, problem: `${describe(best)}: without ${missing.join(", ")}` };
  }
  if (logged.length === 0)
    return { ok: false, policy: best, problem: `${describe(best)}: logtraffic ${best.logtraffic ?? "unset (utm)"}, not all` };
  if ("problem" in order)
    return { ok: false, policy: best, problem: `${describe(best)}, but ${order.problem}: ${what} cannot be placed`, orderUnknown: true };
  const before = logged.find((p) => p.id !== undefined && (order.first === undefined || p.id < order.first));
  if (!before) return { ok: false, policy: best, problem: `${describe(best)}, logged, but sorts after ${order.label}` };
  return { ok: true, policy: before, text: `${describe(before)}, logged, before ${order.label}` };
}
