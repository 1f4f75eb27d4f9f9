import { Testing } from "cdktf";
import { FirewallPolicy } from "../../.gen/providers/fortios/firewall-policy";
import { FirewallPolicySort } from "../../.gen/providers/fortios/firewall-policy-sort";
import { FirewallPolicySet } from "../../constructs/firewall-policy-set";
import type { FirewallPlan, VdomPlan } from "../../plan/firewall/plan-types";
import { DEFAULT_THREAT_FEEDS } from "../../plan/firewall/threat-feeds";
import { load } from "../helpers";
import { ALPHA, reportsOnly, SITE, sites, type Edit, type Mistake } from "../spec-error-matchers";
import { resources } from "../constructs/fixtures";

/** Declares the feeds in the tiny site's firewall section. */
const feeds = (value: string): Edit => [SITE, "  vdomLicences: 10", `  vdomLicences: 10\n  threatFeeds: ${value}`];
const LICENSED = feeds("{ licensed: true }");

/** A flow of the site after its flow 10, and one of alpha after its flow 120. */
const siteFlow = (flow: string): Edit => {
  const last = "    - { id: 10, from: shared:dns, to: internet, services: [DNS] }";
  return [SITE, last, `${last}\n    - ${flow}`];
};
const alphaFlow = (flow: string): Edit => {
  const last = "    - { id: 120, from: zone:servers, to: internet, services: [HTTPS] }";
  return [ALPHA, last, `${last}\n    - ${flow}`];
};

function plan(dir: string): FirewallPlan {
  const p = load(dir).sites[0].firewall?.plan;
  if (!p) throw new Error("no firewall plan");
  return p;
}
const shared = (p: FirewallPlan): VdomPlan => {
  const v = p.vdoms.find((x) => x.name === p.sharedVdom);
  if (!v) throw new Error("no shared VDOM");
  return v;
};

describe("threat feeds: reserved policy ids", () => {
  test.each<Mistake>([
    [
      "a site flow with a reserved id while the feeds are on",
      [LICENSED, siteFlow("{ id: 5, from: shared:dns, to: internet, services: [NTP] }")],
      [SITE, "id: 5", "5"],
      "/firewall/flows/1/id",
      /flow id 5 is reserved: with firewall\.threatFeeds\.licensed true, policy ids 1-9 hold the logged denies of the known-bad address feeds, which must sort before every flow; expected a flow id from 10 to 99999/,
    ],
    [
      "a tenant flow with a reserved id while the feeds are on",
      [LICENSED, alphaFlow("{ id: 9, from: zone:servers, to: internet, services: [NTP] }")],
      [ALPHA, "id: 9", "9"],
      "/firewall/flows/3/id",
      /flow id 9 is reserved: .*policy ids 1-9/,
    ],
  ])("%s", reportsOnly);

  test("without the feeds ids 1-9 are ordinary flow ids, and no feed deny is planned", () => {
    const p = shared(plan(sites(siteFlow("{ id: 5, from: shared:dns, to: internet, services: [NTP] }"))));
    expect(p.policies.map((x) => x.id)).toEqual([5, 10, 100, 120, 100000]);
    expect(p.policies.some((x) => x.internetService)).toBe(false);
  });

  test("licensed false with a reason plans no deny either", () => {
    const p = shared(plan(sites(feeds('{ licensed: false, reason: "no IP reputation until the renewal in 2027" }'))));
    expect(p.policies.map((x) => x.id)).toEqual([10, 100, 120, 100000]);
  });
});

describe("threat feeds: the planned and rendered denies", () => {
  const p = shared(plan(sites(LICENSED)));

  test("the shared VDOM opens with the two logged denies, then the flows (the tenants' hops too), then the default deny", () => {
    expect(p.policies.map((x) => x.id)).toEqual([1, 2, 10, 100, 120, 100000]);
    const [inbound, outbound] = p.policies;
    expect(inbound).toMatchObject({
      name: "threat-feeds-in",
      action: "deny",
      log: "all",
      srcintf: ["x2"],
      dstintf: ["any"],
      srcaddr: [],
      dstaddr: ["all"],
      services: ["ALL"],
      internetService: { side: "src", names: [...DEFAULT_THREAT_FEEDS] },
      matchVip: true,
      comments: expect.stringMatching(/^ticket=-; why=deny from the FortiGuard reputation feeds .*; flow=site\/threat-feeds-in$/),
    });
    expect(outbound).toMatchObject({
      name: "threat-feeds-out",
      srcintf: ["any"],
      dstintf: ["x2"],
      srcaddr: ["all"],
      dstaddr: [],
      services: [],
      internetService: { side: "dst", names: [...DEFAULT_THREAT_FEEDS] },
      comments: expect.stringMatching(/; flow=site\/threat-feeds-out$/),
    });
  });

  test("threatFeeds.entries replaces the default list", () => {
    const own = shared(plan(sites(feeds('{ licensed: true, entries: ["Tor-Exit.Node", "Botnet-C&C.Server"] }'))));
    expect(own.policies[0]?.internetService?.names).toEqual(["Tor-Exit.Node", "Botnet-C&C.Server"]);
  });

  test("rendered: the Internet Service fields, no address (nor, outbound, service) on the feed side, both in the sort trigger", () => {
    const json = Testing.synthScope((scope) => {
      new FirewallPolicySet(scope, "vdom", { plan: p });
    });
    const policies = resources(json, FirewallPolicy.tfResourceType) as Record<string, Record<string, unknown>>;
    const names = DEFAULT_THREAT_FEEDS.map((name) => ({ name }));
    const inbound = policies.shared_1;
    const outbound = policies.shared_2;
    expect(inbound).toMatchObject({
      internet_service_src: "enable",
      internet_service_src_name: names,
      match_vip: "enable",
      action: "deny",
    });
    expect(inbound).not.toHaveProperty("srcaddr");
    expect(inbound).not.toHaveProperty("internet_service");
    expect(outbound).toMatchObject({ internet_service: "enable", internet_service_name: names, srcaddr: [{ name: "all" }] });
    expect(outbound).not.toHaveProperty("dstaddr");
    expect(outbound).not.toHaveProperty("service");
    expect(outbound).not.toHaveProperty("match_vip");
    const sort = Object.values(resources(json, FirewallPolicySort.tfResourceType))[0] as { force_recreate: string };
    expect(sort.force_recreate).toMatch(
      /^1=\$\{fortios_firewall_policy\.shared_1\.uuid\} 2=\$\{fortios_firewall_policy\.shared_2\.uuid\} 10=/,
    );
  });
});
