import { InterTenantFlowsAreJustified } from "../../../../policies/rules/tenancy/InterTenantFlowsAreJustified";
import { blockOf, evaluateDocs, exampleDocs, expectMutationFails } from "../../example-output";
import { findingAt, findingsOf, outcomes, RoomBuilder } from "../../room-builder";
import { accept, isolationRoom, withFirewall } from "./tenancy-room";

const room = () => withFirewall(isolationRoom());
const P10 = "fortios_firewall_policy.p10";

describe("TEN-FLOW-JUSTIFIED InterTenantFlowsAreJustified", () => {
  test("passes a flow from one tenant to another with a ticket and a justification", () => {
    const fs = findingsOf(InterTenantFlowsAreJustified, room());
    expect(outcomes(fs)).toEqual({ [P10]: "pass" });
    expect(findingAt(fs, P10).observed).toBe('ta -> tb (flow ta/10); ticket CHG-1, justification "ta reads tb\'s cadastre"');
  });

  test("fails an inter-tenant flow without a ticket, without a justification, or without parseable comments", () => {
    for (const comments of [
      "ticket=-; why=ta reads tb's cadastre; flow=ta/10",
      "ticket=CHG-1; why=-; flow=ta/10",
      "ta reads tb",
      undefined,
    ]) {
      const b = room().edit("firewall", "fortios_firewall_policy", "p10", (v) => {
        if (comments === undefined) delete v.comments;
        else v.comments = comments;
      });
      expect(findingAt(findingsOf(InterTenantFlowsAreJustified, b), P10)).toMatchObject({ outcome: "fail", enforcement: "mandatory" });
    }
  });

  test("reads the tenants behind addresses: a policy in a tenant's VDOM towards another tenant's network crosses", () => {
    // A tenant's firewall stack names the interfaces of the site's stack by their literal names.
    const b = room().resource("ta-fw", "fortios_firewall_policy", "ta_20", {
      ...accept("ta", 20, "vlan10", "ta1"),
      srcintf: [{ name: "vlan10" }],
      dstintf: [{ name: "ta1" }],
      dstaddr: [{ name: "${fortios_firewall_address.net_tb.name}" }],
      comments: "ticket=-; why=-; flow=ta/20",
    });
    b.resource("ta-fw", "fortios_firewall_address", "net_tb", { name: "tb-net", subnet: "10.2.0.0/24", vdomparam: "ta" });
    const f = findingAt(findingsOf(InterTenantFlowsAreJustified, b), "fortios_firewall_policy.ta_20");
    expect(f).toMatchObject({ outcome: "fail", tenant: "ta", stacks: ["s-ta-fw"] });
    expect(f.observed).toBe("ta -> tb (flow ta/20); ticket none, justification none");
  });

  test("a flow within a tenant or to the site's services, and deny policies, are no finding; a disabled crossing policy is not applicable", () => {
    const b = room()
      .resource("firewall", "fortios_firewall_policy", "p30", accept("shared", 30, "ta0", "vlan5", "ticket=-; why=-; flow=ta/30"))
      .resource("firewall", "fortios_firewall_policy", "p40", { ...accept("shared", 40, "tb0", "ta0"), action: "deny" })
      .resource("firewall", "fortios_firewall_policy", "p50", { ...accept("shared", 50, "tb0", "ta0"), status: "disable" });
    expect(outcomes(findingsOf(InterTenantFlowsAreJustified, b))).toEqual({
      [P10]: "pass",
      "fortios_firewall_policy.p50": "not-applicable",
    });
  });

  test("foreign input (no facility objects): a crossing policy whose comments are not in the format is not-evaluable, never a fail", () => {
    const b = new RoomBuilder("s");
    withFirewall(b).edit("firewall", "fortios_firewall_policy", "p10", (v) => {
      v.comments = "CHG-1 ta reads tb";
    });
    const fs = findingsOf(InterTenantFlowsAreJustified, b);
    expect(outcomes(fs)).toEqual({ [P10]: "not-evaluable" });
    // Without tenant stacks the VDOMs stand for the tenants.
    expect(findingAt(fs, P10).observed).toContain("VDOM ta (no tenant stack configures it) -> VDOM tb (no tenant stack configures it)");
  });

  test("the example sites pass (Fjordvik's flows to and from its partners); a partner flow's ticket removed fails", () => {
    const fs = evaluateDocs(exampleDocs(), [InterTenantFlowsAreJustified]);
    expect(fs.length).toBeGreaterThan(10);
    expect(fs.filter((f) => f.outcome !== "pass").map((f) => `${f.site} ${f.address} ${f.outcome}: ${f.observed}`)).toEqual([]);
    expectMutationFails([InterTenantFlowsAreJustified], {
      rule: "TEN-FLOW-JUSTIFIED",
      site: "fjordvik",
      target: "fortios_firewall_policy.haugnes_1510",
      mutate: (d) => {
        const p = blockOf(d, "fjordvik-haugnes-fw", "fortios_firewall_policy", "haugnes_1510");
        p.comments = String(p.comments).replace(/^ticket=[^;]*;/, "ticket=-;");
      },
    });
  });
});
