import { InternetEdgeDeniesKnownBadAddresses } from "../../../policies/rules/firewall/InternetEdgeDeniesKnownBadAddresses";
import { findingAt, findingsOf, outcomes, RoomBuilder } from "../room-builder";

const FW = "firewall";
const P = "fortios.primary";
const FEEDS = ["Malicious-Malicious.Server", "Botnet-C&C.Server", "Tor-Exit.Node", "Phishing-Phishing.Server"].map((name) => ({ name }));
const REF = "fortios_system_ha.ha_fw1#threat-feeds-shared";

/** A cluster whose shared VDOM faces the internet on x2, with an accept (10) and the default deny, sorted by ascending id. */
function edge(): RoomBuilder {
  return new RoomBuilder()
    .resource(FW, "fortios_system_ha", "ha_fw1", { provider: P, mode: "a-p", group_name: "g", priority: 200, vdomparam: "global" })
    .resource(FW, "fortios_system_interface", "interface_x2", {
      provider: P,
      name: "x2",
      vdom: "shared",
      ip: "203.0.113.10/28",
      vdomparam: "global",
    })
    .resource(FW, "fortios_router_static", "shared_route-1", {
      provider: P,
      dst: "0.0.0.0/0",
      device: "${fortios_system_interface.interface_x2.name}",
      vdomparam: "shared",
    })
    .resource(FW, "fortios_firewall_policy", "shared_10", {
      provider: P,
      policyid: 10,
      action: "accept",
      srcintf: [{ name: "vlan20" }],
      dstintf: [{ name: "${fortios_system_interface.interface_x2.name}" }],
      srcaddr: [{ name: "dns" }],
      dstaddr: [{ name: "all" }],
      service: [{ name: "DNS" }],
      logtraffic: "all",
      vdomparam: "shared",
    })
    .resource(FW, "fortios_firewall_policy", "shared_100000", {
      provider: P,
      policyid: 100000,
      action: "deny",
      srcintf: [{ name: "any" }],
      dstintf: [{ name: "any" }],
      srcaddr: [{ name: "all" }],
      dstaddr: [{ name: "all" }],
      service: [{ name: "ALL" }],
      logtraffic: "all",
      vdomparam: "shared",
    })
    .resource(FW, "fortios_firewall_policy_sort", "shared_order", {
      provider: P,
      sortby: "policyid",
      sortdirection: "ascending",
      vdomparam: "shared",
    });
}

/** The two feed denies as FirewallPolicySet writes them. */
function withDenies(b = edge()): RoomBuilder {
  return b
    .resource(FW, "fortios_firewall_policy", "shared_1", {
      provider: P,
      policyid: 1,
      action: "deny",
      srcintf: [{ name: "${fortios_system_interface.interface_x2.name}" }],
      dstintf: [{ name: "any" }],
      dstaddr: [{ name: "all" }],
      service: [{ name: "ALL" }],
      internet_service_src: "enable",
      internet_service_src_name: FEEDS,
      match_vip: "enable",
      logtraffic: "all",
      vdomparam: "shared",
    })
    .resource(FW, "fortios_firewall_policy", "shared_2", {
      provider: P,
      policyid: 2,
      action: "deny",
      srcintf: [{ name: "any" }],
      dstintf: [{ name: "${fortios_system_interface.interface_x2.name}" }],
      srcaddr: [{ name: "all" }],
      internet_service: "enable",
      internet_service_name: FEEDS,
      logtraffic: "all",
      vdomparam: "shared",
    })
    .facility("threat-feeds", { id: "g", haGroup: "g", licensed: true, entries: FEEDS.map((f) => f.name) });
}

const run = (b: RoomBuilder) => findingsOf(InternetEdgeDeniesKnownBadAddresses, b);
const REASON = "FortiCare-only contract until 2027-03-31: the bundle with IP reputation starts at the renewal";

describe("FW-THREAT-FEEDS", () => {
  test("pass (config): logged denies in both directions before every accept", () => {
    const f = findingAt(run(withDenies()), REF);
    expect(f).toMatchObject({ outcome: "pass", evidence: "config" });
    expect(f.addresses).toEqual(["fortios_system_ha.ha_fw1", "fortios_firewall_policy.shared_1", "fortios_firewall_policy.shared_2"]);
    expect(f.observed).toBe(
      "policy 1 denies from x2 on Malicious-Malicious.Server, Botnet-C&C.Server, Tor-Exit.Node, Phishing-Phishing.Server, logged, before first accept policy 10; " +
        "policy 2 denies to x2 on Malicious-Malicious.Server, Botnet-C&C.Server, Tor-Exit.Node, Phishing-Phishing.Server, logged, before first accept policy 10",
    );
  });

  test("fail: no deny and the licence has the feeds (or nothing is declared)", () => {
    const licensed = edge().facility("threat-feeds", { id: "g", haGroup: "g", licensed: true, entries: [] });
    const f = findingAt(run(licensed), `${REF}`);
    expect(f.outcome).toBe("fail");
    expect(f.observed).toBe(
      "no deny from the internet on Internet Service entries; no deny to the internet on Internet Service entries; threat-feeds: the licence has the feeds",
    );
    const undeclared = edge().facility("policy-parameters", { id: "s", rules: {} });
    expect(findingAt(run(undeclared), REF).observed).toMatch(/; no threat-feeds object for HA group g$/);
    expect(findingAt(run(undeclared), REF).outcome).toBe("fail");
  });

  test("pass (declared): not licensed, with a documented reason quoted in the finding", () => {
    const b = edge().facility("threat-feeds", { id: "g", haGroup: "g", licensed: false, entries: [], reason: REASON });
    const f = findingAt(run(b), REF);
    expect(f).toMatchObject({ outcome: "pass", evidence: "declared" });
    expect(f.message).toBe(`cluster g: no feed-based deny, for a documented reason: ${REASON}`);
    expect(f.addresses).toEqual(["fortios_system_ha.ha_fw1", "terraform_data.threat-feeds_g"]);
  });

  test("fail: a reason shorter than 20 characters documents nothing", () => {
    const b = edge().facility("threat-feeds", { id: "g", haGroup: "g", licensed: false, entries: [], reason: "no licence" });
    const f = findingAt(run(b), REF);
    expect(f.outcome).toBe("fail");
    expect(f.observed).toMatch(/threat-feeds g: not licensed, reason "no licence" shorter than 20 characters$/);
  });

  test("not-evaluable: no deny in input without facility objects", () => {
    expect(outcomes(run(edge()))).toEqual({ [REF]: "not-evaluable" });
  });

  test("fail: a feed deny sorted after an accept", () => {
    // The accept takes id 1 and the inbound deny 20: with the ascending sort both denies come after the accept.
    const b = withDenies()
      .edit(FW, "fortios_firewall_policy", "shared_10", (v) => (v.policyid = 1))
      .edit(FW, "fortios_firewall_policy", "shared_1", (v) => (v.policyid = 20));
    const f = findingAt(run(b), "fortios_system_ha.ha_fw1#threat-feeds-shared");
    expect(f.outcome).toBe("fail");
    expect(f.observed).toMatch(
      /^policy 20 denies from x2 on .*, logged, but sorts after first accept policy 1; policy 2 .*, logged, but sorts after first accept policy 1;/,
    );
  });

  test("fail: a deny without a required entry, and one that does not log", () => {
    const missing = withDenies().edit(
      FW,
      "fortios_firewall_policy",
      "shared_2",
      (v) => (v.internet_service_name = [{ name: "Malicious-Malicious.Server" }]),
    );
    expect(findingAt(run(missing), "fortios_system_ha.ha_fw1#threat-feeds-shared").observed).toMatch(
      /^policy 2 denies to x2 on Malicious-Malicious\.Server: without Botnet-C&C\.Server, Tor-Exit\.Node; threat-feeds/,
    );
    const quiet = withDenies().edit(FW, "fortios_firewall_policy", "shared_1", (v) => delete v.logtraffic);
    expect(findingAt(run(quiet), "fortios_system_ha.ha_fw1#threat-feeds-shared").observed).toMatch(
      /^policy 1 .*: logtraffic unset \(utm\), not all;/,
    );
  });

  test("not-evaluable: the denies are there but the VDOM is not sorted by ascending id", () => {
    const b = withDenies().edit(FW, "fortios_firewall_policy_sort", "shared_order", (v) => (v.sortdirection = "descending"));
    const f = findingAt(run(b), "fortios_system_ha.ha_fw1#threat-feeds-shared");
    expect(f.outcome).toBe("not-evaluable");
    expect(f.observed).toMatch(/sorts by policyid descending, not by ascending policyid/);
  });

  test("nothing to check without a FortiGate cluster", () => {
    expect(run(new RoomBuilder().facility("policy-parameters", { id: "s", rules: {} }))).toEqual([]);
  });
});
