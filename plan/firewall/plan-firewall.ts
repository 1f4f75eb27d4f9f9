import { formatPolicyComments } from "../../contracts/policy-comments";
import { checkHoldersExist } from "../../spec/firewall/shared-service-holders";
import { show } from "../../spec/spec-error";
import type { ErrorSink } from "../../spec/check-helpers";
import { prefixOf } from "../../spec/ipv4";
import { sharedServicesNetworks } from "../../spec/network-lookup";
import type { Flow, Network, SiteFile, SiteFirewall } from "../../spec/types";
import { parseEndpoint } from "./endpoint-ref";
import { FlowRules, isInbound } from "./flow-rules";
import { DENY_POLICY_ID, linkEnd, policyName, vipName, vlanInterface, zoneInterface } from "./fortios-names";
import {
  ownerName,
  type AddressObject,
  type FirewallPlan,
  type Owner,
  type PlannedPolicy,
  type VdomPlan,
  type VlanInterface,
} from "./plan-types";
import { resolveEndpoint, type Endpoint, type EndpointContext, type FlowFile } from "./resolve-endpoint";
import { ServiceCatalog } from "./service-catalog";
import { isReservedForThreatFeeds, reservedIdMessage, threatFeedDenies } from "./threat-feeds";
import { tenantView, type FirewallTenant, type TenantView } from "./tenant-view";

/**
 * Compiles the flow matrix into per-VDOM policies and objects. Every problem is reported at the flow's
 * pointer in its own file: unknown endpoints or services, duplicate ids and flows, any-to-any accepts,
 * flows between tenants or from the internet inward without justification and ticket. A removed
 * tenant is compiled as if it were active, to know what leaves the box.
 */
export function planFirewall(fw: SiteFirewall, site: SiteFile, siteFindings: ErrorSink, tenants: readonly FirewallTenant[]): FirewallPlan {
  checkHoldersExist(
    site,
    siteFindings,
    tenants.map((t) => ({ tenant: t.spec.tenant, vms: t.vms })),
  );
  const isRemoved = (t: FirewallTenant) => t.spec.lifecycle === "removed";
  const live = tenants.filter((t) => !isRemoved(t));
  const removed = tenants.filter(isRemoved);
  const plan = compile(fw, site, siteFindings, live, new Set(removed.map((t) => t.spec.tenant)));
  for (const tenant of removed) {
    const scratch = new DiscardedErrors(siteFindings);
    const asActive = { ...tenant, spec: { ...tenant.spec, lifecycle: "active" as const }, findings: scratch };
    const was = compile(fw, site, scratch, [...live, asActive], new Set());
    const vdom = was.vdoms.find((v) => v.owner.kind === "tenant" && v.owner.tenant === tenant.spec.tenant);
    if (!vdom) continue;
    plan.retired.push({
      tenant: tenant.spec.tenant,
      vdom,
      vlanInterfaces: was.vlanInterfaces.filter((i) => i.vdom === vdom.name),
      destroy: tenant.spec.destroyApproved,
    });
  }
  return plan;
}

/** Errors that are thrown away: compiling a removed tenant as if active only serves to list its objects. */
class DiscardedErrors implements ErrorSink {
  constructor(private readonly real: ErrorSink) {}
  add(): void {}
  where(pointer: string): string {
    return this.real.where(pointer);
  }
}

function compile(
  fw: SiteFirewall,
  site: SiteFile,
  siteFindings: ErrorSink,
  tenants: readonly FirewallTenant[],
  removed: ReadonlySet<string>,
): FirewallPlan {
  const internetInterface = fw.internet.vlan ? vlanInterface(fw.internet.vlan) : fw.internet.interface;
  const sharedNetworks = sharedServicesNetworks(site);
  const views = tenants.map(tenantView);
  const box = new BoxLayout(fw, internetInterface, sharedNetworks, views);
  const ctx: EndpointContext = {
    fw,
    internetInterface,
    sharedNetworks,
    tenants: new Map(views.map((v) => [v.id, v])),
    removedTenants: removed,
  };
  const services = new ServiceCatalog(fw);
  const rules = new FlowRules(fw);

  const files: { file: FlowFile; findings: ErrorSink; flows: readonly Flow[] }[] = [
    { file: { kind: "site" }, findings: siteFindings, flows: fw.flows ?? [] },
    ...views.map((view) => ({ file: { kind: "tenant" as const, view }, findings: view.findings, flows: view.spec.firewall?.flows ?? [] })),
  ];
  for (const { file, findings: f, flows } of files) {
    flows.forEach((flow, i) => {
      const at = `/firewall/flows/${i}`;
      if (isReservedForThreatFeeds(fw, flow.id)) {
        f.add(`${at}/id`, reservedIdMessage(flow.id));
        return;
      }
      if (!rules.claimId(flow, f, at)) return;
      const unknownServices = flow.services.flatMap((s, j) => (services.knows(s) ? [] : [{ s, j }]));
      for (const { s, j } of unknownServices) {
        const declared = services.declared();
        f.add(
          `${at}/services/${j}`,
          `unknown service ${show(s)}; expected a FortiOS predefined service (such as HTTPS, DNS, LDAP) or one of site.yaml firewall.services / serviceGroups${declared.length ? ` (${declared.join(", ")})` : ""}`,
        );
      }
      const end = (text: string, pointer: string): Endpoint | undefined => {
        const resolved = resolveEndpoint(parseEndpoint(text), text, file, ctx);
        if (resolved.ok) return resolved.endpoint;
        f.add(pointer, resolved.message);
        return undefined;
      };
      const src = end(flow.from, `${at}/from`);
      const dst = end(flow.to, `${at}/to`);
      if (!src || !dst || unknownServices.length) return;
      const writer = file.kind === "tenant" ? file.view.id : undefined;
      if (!rules.check({ flow, src, dst, writer, findings: f, pointer: at })) return;
      const owner: Owner = writer === undefined ? { kind: "site" } : { kind: "tenant", tenant: writer };
      box.route(flow, owner, src, dst, services);
    });
  }
  return box.finish();
}

/** The VDOMs of the box with their zones, routes and interfaces, and where each flow's policies go. */
class BoxLayout {
  private readonly vdoms = new Map<string, VdomPlan>();
  private readonly shared: VdomPlan;
  private readonly vlanInterfaces: VlanInterface[] = [];
  private readonly links = new Map<string, string>();

  constructor(
    private readonly fw: SiteFirewall,
    private readonly internetInterface: string,
    sharedNetworks: ReadonlyMap<string, Network>,
    views: readonly TenantView[],
  ) {
    const sharedVdom = fw.sharedVdom;
    this.shared = this.addVdom(sharedVdom, { kind: "site" });
    for (const n of sharedNetworks.values()) this.vlanInterfaces.push(vlanOf(n, sharedVdom, "site"));
    if (fw.internet.vlan) {
      this.vlanInterfaces.push({
        name: internetInterface,
        vlan: fw.internet.vlan,
        vdom: sharedVdom,
        ip: fw.internet.address,
        trunk: "internet",
        description: "internet uplink",
      });
    }
    this.shared.routes.push({
      seq: 1,
      vdom: sharedVdom,
      dst: "0.0.0.0/0",
      device: internetInterface,
      gateway: fw.internet.gateway,
      comment: "default route to the internet",
    });
    for (const v of views) {
      const plan = this.addVdom(v.vdom, { kind: "tenant", tenant: v.id }, v.link);
      this.links.set(v.vdom, v.link);
      for (const n of v.spec.networks) this.vlanInterfaces.push(vlanOf(n, v.vdom, v.id));
      for (const [zone, nets] of v.zones) {
        plan.zones.push({
          name: zoneInterface(zone),
          interfaces: nets.map((n) => vlanInterface(n.vlan)),
          description: `${v.id} zone ${zone}`,
        });
      }
      plan.routes.push({
        seq: 1,
        vdom: v.vdom,
        dst: "0.0.0.0/0",
        device: linkEnd(v.link, "tenant"),
        comment: `to the shared VDOM ${sharedVdom}`,
      });
      this.shared.routes.push({
        seq: 10000 + v.spec.vlanRange.from,
        vdom: sharedVdom,
        dst: v.spec.cidr,
        device: linkEnd(v.link, "shared"),
        comment: `to tenant ${v.id}`,
      });
    }
  }

  /**
   * The policies of one flow: one in its VDOM when both ends share it, else one per hop over the
   * inter-VDOM links (egress from the source VDOM, transit through the shared one, ingress at the
   * destination). From the internet inward, a VIP on the internet interface maps the public address.
   */
  route(flow: Flow, owner: Owner, src: Endpoint, dst: Endpoint, services: ServiceCatalog): void {
    const sharedVdom = this.fw.sharedVdom;
    const comments = formatPolicyComments({
      ticket: flow.ticket ?? null,
      why: flow.justification ?? null,
      owner: ownerName(owner),
      flowId: String(flow.id),
    });
    const hop = (vdom: string, h: PlannedPolicy["hop"], srcintf: string[], dstintf: string[], dstaddr = dst.addr, nat = false) => {
      const plan = this.vdom(vdom);
      useAddresses(plan, src.objects);
      if (dstaddr === dst.addr) useAddresses(plan, dst.objects);
      flow.services.forEach((s) => services.use(plan, s));
      plan.policies.push({
        id: flow.id,
        vdom,
        name: policyName(flow.id),
        srcintf,
        dstintf,
        srcaddr: [src.addr],
        dstaddr: [dstaddr],
        services: flow.services,
        action: flow.action,
        log: flow.log,
        nat,
        comments,
        hop: h,
      });
    };
    const link = (vdom: string, side: "shared" | "tenant") => [linkEnd(this.linkOf(vdom), side)];
    const srcV = src.vdom;
    const dstV = dst.vdom;
    const natToInternet = dst.kind === "internet" && flow.action === "accept";
    const dstaddrShared = isInbound(src, dst) && flow.publishAs && dst.published ? this.publish(flow.publishAs, dst.published) : dst.addr;
    if (srcV === dstV) {
      hop(srcV, "local", src.intf, dst.intf, srcV === sharedVdom ? dstaddrShared : dst.addr, natToInternet);
    } else if (dstV === sharedVdom) {
      hop(srcV, "egress", src.intf, link(srcV, "tenant"));
      hop(sharedVdom, "ingress", link(srcV, "shared"), dst.intf, dst.addr, natToInternet);
    } else {
      if (srcV === sharedVdom) {
        hop(sharedVdom, "egress", src.intf, link(dstV, "shared"), dstaddrShared);
      } else {
        hop(srcV, "egress", src.intf, link(srcV, "tenant"));
        hop(sharedVdom, "transit", link(srcV, "shared"), link(dstV, "shared"));
      }
      hop(dstV, "ingress", link(dstV, "tenant"), dst.intf);
    }
  }

  /** Policies in flow-id order, each VDOM ending with the logged deny; the shared one opens with the feed denies when licensed. */
  finish(): FirewallPlan {
    for (const plan of this.vdoms.values()) {
      plan.policies.sort((a, b) => a.id - b.id);
      plan.policies.push(defaultDeny(plan.name));
    }
    this.shared.policies.unshift(...threatFeedDenies(this.fw, this.shared.name, this.internetInterface));
    return {
      sharedVdom: this.fw.sharedVdom,
      internetInterface: this.internetInterface,
      vlanInterfaces: this.vlanInterfaces,
      vdoms: [...this.vdoms.values()],
      retired: [],
    };
  }

  /**
   * The VIP that maps a public address to a VM, or to a floating address of a load-balanced pair (one per
   * public address). The policy in the shared VDOM names the VIP as its destination and FortiOS
   * translates to mappedip, "the address on the destination network to which the external IP address is
   * mapped" (fortios provider, website/docs/r/fortios_firewall_vip.html.markdown, `mappedip`).
   */
  private publish(publicAddress: string, target: { what: string; ip: string }): string {
    const name = vipName(publicAddress);
    if (!this.shared.vips.some((v) => v.name === name)) {
      this.shared.vips.push({
        name,
        extip: publicAddress,
        mappedip: target.ip,
        extintf: this.internetInterface,
        comment: `publishes ${target.what}`,
      });
    }
    return name;
  }

  private addVdom(name: string, owner: Owner, link?: string): VdomPlan {
    const plan: VdomPlan = {
      name,
      owner,
      link,
      zones: [],
      addresses: [],
      vips: [],
      services: [],
      serviceGroups: [],
      policies: [],
      routes: [],
    };
    this.vdoms.set(name, plan);
    return plan;
  }

  private vdom(name: string): VdomPlan {
    const plan = this.vdoms.get(name);
    if (!plan) throw new Error(`firewall plan: no VDOM ${name}`);
    return plan;
  }

  private linkOf(vdom: string): string {
    const link = this.links.get(vdom);
    if (link === undefined) throw new Error(`firewall plan: VDOM ${vdom} has no inter-VDOM link`);
    return link;
  }
}

/** The logged deny that ends every VDOM's policies. */
export function defaultDeny(vdom: string): PlannedPolicy {
  return {
    id: DENY_POLICY_ID,
    vdom,
    name: "default-deny",
    srcintf: ["any"],
    dstintf: ["any"],
    srcaddr: ["all"],
    dstaddr: ["all"],
    services: ["ALL"],
    action: "deny",
    log: "all",
    nat: false,
    comments: formatPolicyComments({ ticket: null, why: "deny by default, logged, always last", owner: "site", flowId: "default-deny" }),
    hop: "local",
  };
}

function useAddresses(plan: VdomPlan, objects: readonly AddressObject[]): void {
  for (const o of objects) if (!plan.addresses.some((a) => a.name === o.name)) plan.addresses.push(o);
}

function vlanOf(n: Network, vdom: string, owner: string): VlanInterface {
  return {
    name: vlanInterface(n.vlan),
    vlan: n.vlan,
    vdom,
    ip: n.gateway ? `${n.gateway}/${prefixOf(n.cidr)}` : undefined,
    trunk: "internal",
    description: `${owner} ${n.name}`,
  };
}
