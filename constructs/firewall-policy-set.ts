import type { ITerraformDependable, TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { FirewallAddress } from "../.gen/providers/fortios/firewall-address";
import { FirewallAddrgrp } from "../.gen/providers/fortios/firewall-addrgrp";
import { FirewallPolicy } from "../.gen/providers/fortios/firewall-policy";
import { FirewallPolicySort } from "../.gen/providers/fortios/firewall-policy-sort";
import { FirewallserviceCustom } from "../.gen/providers/fortios/firewallservice-custom";
import { FirewallserviceGroup } from "../.gen/providers/fortios/firewallservice-group";
import { FirewallVip } from "../.gen/providers/fortios/firewall-vip";
import { RouterStatic } from "../.gen/providers/fortios/router-static";
import { SystemZone } from "../.gen/providers/fortios/system-zone";
import type { VdomPlan } from "../plan/firewall/plan-types";
import { pinAddress } from "./stable-address";

export interface FirewallPolicySetProps {
  /** One VDOM of the firewall plan: zones, objects, routes and policies, in policy-id order. */
  readonly plan: VdomPlan;
  /** The provider (alias) of the unit to configure; default the stack's default provider. */
  readonly provider?: TerraformProvider;
  /**
   * Interfaces declared in the same stack, by name -> their `name` reference: zones, routes (`device`),
   * VIPs (`extintf`) and policies name them through it, so Terraform creates (or moves into the VDOM)
   * the interface first. Names not in it are plain: interfaces of another stack, which the caller
   * orders by a stack dependency (a tenant's `-fw` stack deploys after `<site>-firewall`).
   */
  readonly interfaces?: ReadonlyMap<string, string>;
  /** What every object waits for (the VDOM itself, when it is created in the same stack). */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * Renders one VDOM's share of the flow matrix: zones, address objects and groups, VIPs, custom
 * services and groups, static routes, and the policies (one per flow hop, id = flow id, every accept
 * logging as the flow says, justification and ticket in `comments`), ending with the logged deny.
 * A `fortios_firewall_policy_sort` by ascending id keeps the box in that order, so the deny stays last
 * and inserting a flow never renumbers another; it re-sorts in the same apply that creates a policy
 * (see `sortTrigger`). Objects and interfaces are referenced through Terraform references where they
 * live in this stack, so Terraform creates them before what names them.
 * Addresses: `<type>.<vdom>_<object name>`; policies `fortios_firewall_policy.<vdom>_<id>`.
 */
export class FirewallPolicySet extends Construct {
  readonly policies: FirewallPolicy[] = [];

  constructor(scope: Construct, id: string, { plan, provider, interfaces, dependsOn }: FirewallPolicySetProps) {
    super(scope, id);
    const vdomparam = plan.name;
    const at = (...parts: string[]) => [plan.name, ...parts];
    const names = new Map<string, string>(interfaces ?? []);
    const ref = (name: string) => names.get(name) ?? name;
    // Routes and VIPs name an interface, never an object: look it up among the interfaces only.
    const intf = (name: string) => interfaces?.get(name) ?? name;

    for (const z of plan.zones) {
      const zone = pinAddress(
        new SystemZone(this, `zone-${z.name}`, {
          name: z.name,
          description: z.description,
          intrazone: "deny",
          interface: z.interfaces.map((i) => ({ interfaceName: intf(i) })),
          vdomparam,
          provider,
          dependsOn,
        }),
        ...at(z.name),
      );
      names.set(z.name, zone.name);
    }
    for (const a of plan.addresses) {
      if ("subnet" in a) {
        const r = pinAddress(
          new FirewallAddress(this, `address-${a.name}`, {
            name: a.name,
            type: "ipmask",
            subnet: a.subnet,
            comment: a.comment,
            vdomparam,
            provider,
            dependsOn,
          }),
          ...at(a.name),
        );
        names.set(a.name, r.name);
      }
    }
    for (const a of plan.addresses) {
      if ("members" in a) {
        const r = pinAddress(
          new FirewallAddrgrp(this, `address-${a.name}`, {
            name: a.name,
            member: a.members.map((m) => ({ name: ref(m) })),
            comment: a.comment,
            vdomparam,
            provider,
            dependsOn,
          }),
          ...at(a.name),
        );
        names.set(a.name, r.name);
      }
    }
    for (const v of plan.vips) {
      const r = pinAddress(
        new FirewallVip(this, `vip-${v.name}`, {
          name: v.name,
          extip: v.extip,
          mappedip: [{ range: v.mappedip }],
          extintf: intf(v.extintf),
          comment: v.comment,
          vdomparam,
          provider,
          dependsOn,
        }),
        ...at(v.name),
      );
      names.set(v.name, r.name);
    }
    for (const s of plan.services) {
      const r = pinAddress(
        new FirewallserviceCustom(this, `service-${s.name}`, {
          name: s.name,
          protocol: "TCP/UDP/SCTP",
          tcpPortrange: s.tcp,
          udpPortrange: s.udp,
          comment: s.comment,
          vdomparam,
          provider,
          dependsOn,
        }),
        ...at(s.name),
      );
      names.set(s.name, r.name);
    }
    for (const g of plan.serviceGroups) {
      const r = pinAddress(
        new FirewallserviceGroup(this, `service-${g.name}`, {
          name: g.name,
          member: g.members.map((m) => ({ name: ref(m) })),
          vdomparam,
          provider,
          dependsOn,
        }),
        ...at(g.name),
      );
      names.set(g.name, r.name);
    }
    for (const route of plan.routes) {
      pinAddress(
        new RouterStatic(this, `route-${route.seq}`, {
          seqNum: route.seq,
          dst: route.dst,
          device: intf(route.device),
          gateway: route.gateway,
          comment: route.comment,
          vdomparam,
          provider,
          dependsOn,
        }),
        ...at("route", String(route.seq)),
      );
    }
    const trigger: [number, string][] = [];
    for (const p of plan.policies) {
      const names_ = (list: string[]) => list.map((n) => ({ name: ref(n) }));
      // An empty list is left out (not written as []): the side an Internet Service matches has no
      // address, and outbound no service (plan/firewall/threat-feeds.ts says why FortiOS wants that).
      const some = (list: string[]) => (list.length > 0 ? names_(list) : undefined);
      const isdb = p.internetService;
      const isdbNames = isdb?.names.map((name) => ({ name }));
      const policy = pinAddress(
        new FirewallPolicy(this, `policy-${p.id}`, {
          policyid: p.id,
          name: p.name,
          srcintf: names_(p.srcintf),
          dstintf: names_(p.dstintf),
          srcaddr: some(p.srcaddr),
          dstaddr: some(p.dstaddr),
          service: some(p.services),
          ...(isdb?.side === "src" ? { internetServiceSrc: "enable", internetServiceSrcName: isdbNames } : {}),
          ...(isdb?.side === "dst" ? { internetService: "enable", internetServiceName: isdbNames } : {}),
          ...(p.matchVip ? { matchVip: "enable" } : {}),
          action: p.action,
          schedule: "always",
          logtraffic: p.log,
          nat: p.nat ? "enable" : "disable",
          status: "enable",
          comments: p.comments,
          vdomparam,
          provider,
          dependsOn,
        }),
        ...at(String(p.id)),
      );
      this.policies.push(policy);
      trigger.push([p.id, policy.uuid]);
    }
    // Order on the box = ascending policy id: the feed denies (1, 2) where licensed, the flow ids, then the deny (100000) last.
    pinAddress(
      new FirewallPolicySort(this, "sort", {
        sortby: "policyid",
        sortdirection: "ascending",
        forceRecreate: sortTrigger(trigger),
        vdomparam,
        provider,
        dependsOn: this.policies,
      }),
      ...at("order"),
    );
  }
}

/**
 * The sort's `force_recreate`: `<policyid>=<uuid>` of every policy, in id order. FortiOS appends a
 * created policy after the others (below the deny), and the sort only moves policies when Terraform
 * calls its Create or Update (fortinetdev/terraform-provider-fortios fortios/resource_firewall_policy_sort.go
 * lines 12-15: both are resourceFirewallPolicySortCreateUpdate, which calls CreateUpdateFirewallPolicySort
 * at line 143). Issue #289: with a constant configuration one apply is not enough, because the sort's Read
 * (line 188) runs at plan time, before the new policy exists, and only sets the computed `status`
 * (lines 194-196). This value changes in the apply itself: a created or re-created policy gets a new
 * uuid (optional+computed, assigned by FortiOS: resource_firewall_policy.go lines 51-55), so the plan holds an Update of the sort whose value is
 * known only after that policy exists, and the references make it wait for every policy. Terraform
 * re-plans the sort once the uuids are known and calls Update only if the value differs (hashicorp/terraform
 * internal/terraform checkPlannedChange: "an update to become a NoOp once we've filled in all of the
 * unknown values"), which a new uuid always does; an in-place policy edit keeps its uuid and plans nothing.
 * Read keeps the value unless it is "True" (line 199-200: "True" becomes "False", a diff on every plan;
 * issue #403 shows "true" never firing). Not `lifecycle.replace_triggered_by`: Terraform replaces only
 * for an Update or replacement of the referenced resource, never for its Create (EvaluateReplaceTriggeredBy,
 * internal/terraform/eval_context_builtin.go: `case plans.Update, plans.DeleteThenCreate,
 * plans.CreateThenDelete`), so a new policy, the case of #289, would not trigger it.
 */
export function sortTrigger(policies: readonly (readonly [id: number, uuid: string])[]): string {
  return [...policies]
    .sort(([a], [b]) => a - b)
    .map(([id, uuid]) => `${id}=${uuid}`)
    .join(" ");
}
