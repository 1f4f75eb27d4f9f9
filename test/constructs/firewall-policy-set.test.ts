import { Testing } from "cdktf";
import { FirewallAddress } from "../../.gen/providers/fortios/firewall-address";
import { FirewallAddrgrp } from "../../.gen/providers/fortios/firewall-addrgrp";
import { FirewallPolicy } from "../../.gen/providers/fortios/firewall-policy";
import { FirewallPolicySort } from "../../.gen/providers/fortios/firewall-policy-sort";
import { FirewallserviceCustom } from "../../.gen/providers/fortios/firewallservice-custom";
import { FirewallserviceGroup } from "../../.gen/providers/fortios/firewallservice-group";
import { FirewallVip } from "../../.gen/providers/fortios/firewall-vip";
import { FortiosProvider } from "../../.gen/providers/fortios/provider";
import { RouterStatic } from "../../.gen/providers/fortios/router-static";
import { SystemVdom } from "../../.gen/providers/fortios/system-vdom";
import { SystemZone } from "../../.gen/providers/fortios/system-zone";
import { FirewallPolicySet, sortTrigger, type FirewallPolicySetProps } from "../../constructs/firewall-policy-set";
import { DENY_POLICY_ID } from "../../plan/firewall/fortios-names";
import type { VdomPlan } from "../../plan/firewall/plan-types";
import { firewallPlan, resources, sharedVdomPlan, tenantVdomPlan } from "./fixtures";

const synth = (plan: VdomPlan, extra: Omit<FirewallPolicySetProps, "plan"> = {}) =>
  Testing.synthScope((scope) => {
    new FirewallPolicySet(scope, "vdom", { plan, ...extra });
  });

describe("FirewallPolicySet", () => {
  const json = synth(tenantVdomPlan());
  const policies = resources(json, FirewallPolicy.tfResourceType);

  test("one policy per planned policy, its id the flow id, addressed <vdom>_<id>", () => {
    expect(Object.keys(policies).sort()).toEqual(["alpha_100000", "alpha_20", "alpha_30"]);
    expect([policies.alpha_20.policyid, policies.alpha_30.policyid, policies.alpha_100000.policyid]).toEqual([20, 30, DENY_POLICY_ID]);
  });

  test("every VDOM ends with a logged deny (the highest id, so sorting keeps it last)", () => {
    for (const plan of firewallPlan().vdoms) {
      const ps = Object.values(resources(synth(plan), FirewallPolicy.tfResourceType)) as {
        policyid: number;
        action: string;
        logtraffic: string;
      }[];
      const last = ps.reduce((a, b) => (b.policyid > a.policyid ? b : a));
      expect(last).toMatchObject({ policyid: DENY_POLICY_ID, action: "deny", logtraffic: "all" });
      expect(last).toMatchObject({
        srcintf: [{ name: "any" }],
        dstintf: [{ name: "any" }],
        srcaddr: [{ name: "all" }],
        service: [{ name: "ALL" }],
      });
    }
  });

  test("policies are sorted by id (ascending), after every policy exists", () => {
    const sorts = resources(json, FirewallPolicySort.tfResourceType);
    expect(sorts).toEqual({
      alpha_order: {
        sortby: "policyid",
        sortdirection: "ascending",
        force_recreate:
          "20=${fortios_firewall_policy.alpha_20.uuid} 30=${fortios_firewall_policy.alpha_30.uuid} 100000=${fortios_firewall_policy.alpha_100000.uuid}",
        vdomparam: "alpha",
        depends_on: ["fortios_firewall_policy.alpha_100000", "fortios_firewall_policy.alpha_30", "fortios_firewall_policy.alpha_20"],
      },
    });
  });

  test("the sort runs again in the apply that creates a policy: a new policy (a new uuid) changes its force_recreate", () => {
    const trigger = (plan: VdomPlan) =>
      Object.values(resources(synth(plan), FirewallPolicySort.tfResourceType))[0].force_recreate as string;
    const before = tenantVdomPlan();
    const after = tenantVdomPlan();
    const flow20 = after.policies.find((p) => p.id === 20);
    if (!flow20) throw new Error("fixture: no flow 20");
    after.policies = [...after.policies, { ...flow20, id: 25, name: "flow-25" }];
    expect(trigger(after)).not.toBe(trigger(before));
    expect(trigger(after)).toContain("20=${fortios_firewall_policy.alpha_20.uuid} 25=${fortios_firewall_policy.alpha_25.uuid} 30=");
    // Not lifecycle.replace_triggered_by (Terraform ignores the Create of the referenced resource).
    expect(Object.values(resources(synth(after), FirewallPolicySort.tfResourceType))[0]).not.toHaveProperty("lifecycle");
  });

  test("sortTrigger: <id>=<uuid> by ascending id, whatever the order given, never the literal True", () => {
    expect(
      sortTrigger([
        [100000, "u3"],
        [20, "u1"],
        [30, "u2"],
      ]),
    ).toBe("20=u1 30=u2 100000=u3");
    expect(sortTrigger([])).not.toBe("True");
  });

  test("routes and VIPs reference the declared interface they name, so it exists (in its VDOM) before them", () => {
    const interfaces = new Map([
      ["x2", "${fortios_system_interface.interface_x2.name}"],
      ["alpha1", "${fortios_system_interface.interface_alpha1.name}"],
      ["vlan110", "${fortios_system_interface.interface_vlan110.name}"],
    ]);
    const json = synth(tenantVdomPlan(), { interfaces });
    expect(Object.values(resources(json, RouterStatic.tfResourceType)).map((r) => r.device)).toEqual([
      "${fortios_system_interface.interface_alpha1.name}",
    ]);
    expect(Object.values(resources(json, FirewallVip.tfResourceType)).map((r) => r.extintf)).toEqual([
      "${fortios_system_interface.interface_x2.name}",
    ]);
    expect(json).toHaveResourceWithProperties(SystemZone, {
      name: "z-app",
      interface: [{ interface_name: "${fortios_system_interface.interface_vlan110.name}" }],
    });
  });

  test("a route or VIP names an interface, never an object of the same name", () => {
    const plan = tenantVdomPlan();
    plan.routes = plan.routes.map((r) => ({ ...r, device: "alpha-vm-web01" }));
    const json = synth(plan);
    expect(Object.values(resources(json, RouterStatic.tfResourceType)).map((r) => r.device)).toEqual(["alpha-vm-web01"]);
  });

  test("every policy is enabled, always scheduled, and logs as its flow says", () => {
    for (const p of Object.values(policies)) expect(p).toMatchObject({ status: "enable", schedule: "always", logtraffic: "all" });
    const quiet = tenantVdomPlan();
    quiet.policies = quiet.policies.map((p) => (p.id === 20 ? { ...p, log: "utm" } : p));
    expect(resources(synth(quiet), FirewallPolicy.tfResourceType).alpha_20.logtraffic).toBe("utm");
  });

  test("NAT only where the plan asks for it", () => {
    expect(policies.alpha_20.nat).toBe("disable");
    expect(resources(synth(sharedVdomPlan()), FirewallPolicy.tfResourceType).shared_10.nat).toBe("enable");
  });

  test("the justification and ticket are in the policy's comments", () => {
    expect(policies.alpha_30.comments).toBe("ticket=CHG-1; why=citizens reach the journal; flow=alpha/30");
  });

  test("objects of this VDOM are referenced, so Terraform creates them before the policies", () => {
    expect(policies.alpha_30).toMatchObject({
      dstintf: [{ name: "${fortios_system_zone.alpha_z-app.name}" }],
      dstaddr: [{ name: "${fortios_firewall_vip.alpha_vip-203-0-113-11.name}" }],
      service: [{ name: "${fortios_firewallservice_group.alpha_web.name}" }],
    });
    expect(policies.alpha_20.srcaddr).toEqual([{ name: "${fortios_firewall_address.alpha_alpha-net-app.name}" }]);
  });

  test("names from outside the stack stay plain names; declared interfaces are referenced", () => {
    expect(policies.alpha_20.dstintf).toEqual([{ name: "alpha1" }]);
    const json = synth(tenantVdomPlan(), { interfaces: new Map([["alpha1", "${fortios_system_interface.interface_alpha1.name}"]]) });
    expect(resources(json, FirewallPolicy.tfResourceType).alpha_20.dstintf).toEqual([
      { name: "${fortios_system_interface.interface_alpha1.name}" },
    ]);
  });

  test("zones deny traffic inside themselves (intrazone deny)", () => {
    expect(json).toHaveResourceWithProperties(SystemZone, { name: "z-app", intrazone: "deny", interface: [{ interface_name: "vlan110" }] });
  });

  test("address objects, groups, VIPs, services, service groups and routes of the VDOM", () => {
    expect(json).toHaveResourceWithProperties(FirewallAddress, { name: "alpha-vm-web01", type: "ipmask", subnet: "10.1.0.11/32" });
    const shared = synth(sharedVdomPlan());
    expect(shared).toHaveResourceWithProperties(FirewallAddrgrp, {
      name: "site-svc-dns",
      member: [
        { name: "${fortios_firewall_address.shared_site-svc-dns-1.name}" },
        { name: "${fortios_firewall_address.shared_site-svc-dns-2.name}" },
      ],
    });
    expect(json).toHaveResourceWithProperties(FirewallVip, { extip: "203.0.113.11", mappedip: [{ range: "10.1.0.11" }], extintf: "x2" });
    expect(json).toHaveResourceWithProperties(FirewallserviceCustom, {
      name: "journal-app",
      protocol: "TCP/UDP/SCTP",
      tcp_portrange: "8443",
    });
    expect(json).toHaveResourceWithProperties(FirewallserviceGroup, {
      name: "web",
      member: [{ name: "HTTPS" }, { name: "${fortios_firewallservice_custom.alpha_journal-app.name}" }],
    });
    expect(json).toHaveResourceWithProperties(RouterStatic, { seq_num: 1, dst: "0.0.0.0/0", device: "alpha1", vdomparam: "alpha" });
  });

  test("every object is written into its VDOM (vdomparam)", () => {
    const all = Object.values(JSON.parse(json).resource as Record<string, Record<string, { vdomparam: string }>>).flatMap((byName) =>
      Object.values(byName),
    );
    expect(all.length).toBeGreaterThan(10);
    for (const r of all) expect(r.vdomparam).toBe("alpha");
  });

  test("no provider given: the stack's default provider (no provider attribute)", () => {
    for (const p of Object.values(policies)) expect(p).not.toHaveProperty("provider");
  });

  test("a provider alias and dependsOn reach every object", () => {
    const json = Testing.synthScope((scope) => {
      const provider = new FortiosProvider(scope, "fortios-primary", { alias: "primary", hostname: "fw", token: "t" });
      const vdom = new SystemVdom(scope, "vdom-alpha", { provider, name: "alpha" });
      new FirewallPolicySet(scope, "vdom", { plan: tenantVdomPlan(), provider, dependsOn: [vdom] });
    });
    const zone = Object.values(resources(json, SystemZone.tfResourceType))[0];
    expect(zone).toMatchObject({ provider: "fortios.primary", depends_on: [expect.stringMatching(/^fortios_system_vdom\./)] });
    for (const p of Object.values(resources(json, FirewallPolicy.tfResourceType))) expect(p.provider).toBe("fortios.primary");
    expect(Object.values(resources(json, FirewallPolicySort.tfResourceType))[0].provider).toBe("fortios.primary");
  });
});
