import { formatPolicyComments } from "../../contracts/policy-comments";
import type { SiteFirewall } from "../../spec/types";
import type { PlannedPolicy } from "./plan-types";

/** A reputation entry of the FortiGuard Internet Service Database, as the schema lists them. */
export type ThreatFeedEntry = NonNullable<NonNullable<SiteFirewall["threatFeeds"]>["entries"]>[number];

/**
 * The default entries: the eight IP reputation objects of the Internet Service Database that FortiOS
 * 7.4.4+ lets a policy name as a source (Fortinet community KB 336095, "IP Reputation Database Objects
 * as Source Address in Local-in policy"; the same eight as a firewall policy's source in KB 370525 for
 * 7.2.1+, which adds Phishing). Blockchain-Crypto.Mining.Pool, the ninth, is destination-only and left
 * out; "Hosting-Bulletproof.Hosting" is in neither list and is not offered.
 */
export const DEFAULT_THREAT_FEEDS: readonly ThreatFeedEntry[] = [
  "Botnet-C&C.Server",
  "Malicious-Malicious.Server",
  "Phishing-Phishing.Server",
  "Proxy-Proxy.Server",
  "Spam-Spamming.Server",
  "Tor-Exit.Node",
  "Tor-Relay.Node",
  "VPN-Anonymous.VPN",
];

/** Policy ids held for the feed denies while the feeds are on: below every flow (the shared VDOM sorts by ascending id). */
export const THREAT_FEED_IDS = { from: 1, to: 9, inbound: 1, outbound: 2 } as const;

/** Whether a flow id is one of the reserved ids, with the feeds on. */
export const isReservedForThreatFeeds = (fw: SiteFirewall, id: number): boolean =>
  fw.threatFeeds?.licensed === true && id >= THREAT_FEED_IDS.from && id <= THREAT_FEED_IDS.to;

/** The loader's message for a flow that takes a reserved id. */
export const reservedIdMessage = (id: number): string =>
  `flow id ${id} is reserved: with firewall.threatFeeds.licensed true, policy ids ${THREAT_FEED_IDS.from}-${THREAT_FEED_IDS.to} hold the logged denies of the known-bad address feeds, which must sort before every flow; expected a flow id from ${THREAT_FEED_IDS.to + 1} to 99999`;

/**
 * The two logged denies that open the shared VDOM when the licence has the feeds, or none:
 * - inbound (id 1): from the internet interface, sources in the feeds (`internet-service-src enable` +
 *   `internet-service-src-name`), to every destination including published VIPs (`match-vip enable`:
 *   a deny with destination `all` does not match traffic a VIP has translated without it; provider
 *   schema `match_vip`, "Enable to match packets that have had their destination addresses changed by a
 *   VIP", and KB 370525);
 * - outbound (id 2): to the internet interface, destinations in the feeds (`internet-service enable` +
 *   `internet-service-name`).
 * The address (and, outbound, service) field on the feed side is left out: the provider's description
 * of `internet_service_src` says "If enabled, source address is not used", of `internet_service`
 * "If enabled, destination address and service are not used" (fortios_firewall_policy schema,
 * providers/fortios/schema.json); both are Optional in resource_firewall_policy.go (srcaddr, dstaddr,
 * service: `Optional: true`), and an unset one is not sent (getObjectFirewallPolicy sends a field only
 * on `d.GetOk` or a change).
 */
export function threatFeedDenies(fw: SiteFirewall, vdom: string, internetInterface: string): PlannedPolicy[] {
  const feeds = fw.threatFeeds;
  if (!feeds?.licensed) return [];
  const names = [...(feeds.entries ?? DEFAULT_THREAT_FEEDS)];
  const comments = (direction: string) =>
    formatPolicyComments({
      ticket: null,
      why: `deny ${direction} the FortiGuard reputation feeds (${names.join(" ")}), logged, before every flow`,
      owner: "site",
      flowId: `threat-feeds-${direction === "from" ? "in" : "out"}`,
    });
  const base = { vdom, action: "deny", log: "all", nat: false, hop: "local" } as const;
  return [
    {
      ...base,
      id: THREAT_FEED_IDS.inbound,
      name: "threat-feeds-in",
      srcintf: [internetInterface],
      dstintf: ["any"],
      srcaddr: [],
      dstaddr: ["all"],
      services: ["ALL"],
      internetService: { side: "src", names },
      matchVip: true,
      comments: comments("from"),
    },
    {
      ...base,
      id: THREAT_FEED_IDS.outbound,
      name: "threat-feeds-out",
      srcintf: ["any"],
      dstintf: [internetInterface],
      srcaddr: ["all"],
      dstaddr: [],
      services: [],
      internetService: { side: "dst", names },
      comments: comments("to"),
    },
  ];
}
