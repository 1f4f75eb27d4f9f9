import type { Findings } from "../check-helpers";
import { contains, isHostAddress, networkOfInterface, prefixOf } from "../ipv4";
import type { Flow, Network, SiteFile, Tenant, Vm } from "../types";
import { DENY_POLICY_ID, type AddressObject, type FirewallPlan, type PlannedPolicy, type VdomPlan, type VlanInterface } from "./plan-types";
import { PREDEFINED_SERVICES } from "./predefined-services";

/** A tenant as the firewall sees it: its VDOM, link, zones and what flows may name. */
interface TenantView {
  id: string;
  vdom: string;
  link: string;
  tenant: Tenant;
  findings: Findings;
  networks: Map<string, Network>;
  zoneOfNetwork: Map<string, string>;
  zones: Map<string, string[]>;
  vms: Map<string, Vm>;
}

/** Where one end of a flow is: its VDOM, the interfaces or zones to match, and the address to match. */
interface Endpoint {
  kind: "internet" | "any" | "tenant" | "shared";
  /** undefined for `any`: the other end decides. */
  vdom?: string;
  tenant?: string;
  intf: string[];
  /** Address objects this end needs in any VDOM that matches it ("all" needs none). */
  objects: AddressObject[];
  addr: string;
  /** The tenant-qualified form, to find duplicate flows across files. */
  absolute: string;
  vm?: Vm;
}

export const zoneInterface = (zone: string) => `z-${zone}`;
/** FortiOS limits (CLI reference): zone names 35 characters, VDOM names 31. */
const MAX_ZONE_NAME = 35;
export const vlanInterface = (vlan: number) => `vlan${vlan}`;

const fail = (f: Findings, pointer: string, message: string): undefined => {
  f.add(pointer, message);
  return undefined;
};

/**
 * Turns the flow matrix into per-VDOM policies and objects. Every problem is reported at the flow's
 * pointer in its own file: unknown endpoints or services, duplicate ids and flows, any-to-any accepts,
 * flows between tenants or from the internet inward without justification and ticket.
 */
export function planFirewall(
  site: SiteFile,
  siteFindings: Findings,
  tenants: { tenant: Tenant; findings: Findings }[],
): FirewallPlan | undefined {
  const live = tenants.filter(({ tenant }) => tenant.spec.lifecycle !== "removed");
  const plan = planVdoms(site, siteFindings, live, new Set(tenants.filter((t) => !live.includes(t)).map((t) => t.tenant.spec.tenant)));
  if (!plan) return undefined;
  // A removed tenant: plan it as if it were still active (its own findings discarded), to know what to remove.
  for (const { tenant } of tenants.filter((t) => !live.includes(t))) {
    const scratch = new ScratchFindings(siteFindings);
    const asActive = {
      tenant: { ...tenant, spec: { ...tenant.spec, lifecycle: "active" as const } },
      findings: scratch as unknown as Findings,
    };
    const was = planVdoms(site, scratch as unknown as Findings, [...live, asActive], new Set());
    const vdom = was?.vdoms.find((v) => v.owner === tenant.spec.tenant);
    if (!vdom) continue;
    plan.retired.push({
      tenant: tenant.spec.tenant,
      vdom,
      vlanInterfaces: was!.vlanInterfaces.filter((i) => i.vdom === vdom.name),
      destroy: tenant.spec.destroyApproved,
    });
  }
  return plan;
}

/** Findings that are thrown away: planning a removed tenant as if active only serves to list its objects. */
class ScratchFindings {
  constructor(private readonly real: Findings) {}
  add(): void {}
  where(pointer: string): string {
    return this.real.where(pointer);
  }
}

function planVdoms(
  site: SiteFile,
  siteFindings: Findings,
  tenants: { tenant: Tenant; findings: Findings }[],
  removedTenants: ReadonlySet<string>,
): FirewallPlan | undefined {
  const fw = site.firewall;
  if (!fw) {
    for (const { tenant, findings } of tenants)
      if (tenant.spec.firewall)
        findings.add(
          "/firewall",
          `the site declares no firewall, so a tenant cannot have a firewall section; add firewall: to site.yaml or remove this one`,
        );
    return undefined;
  }
  const shared = fw.sharedVdom;
  const internetIf = fw.internet.vlan ? vlanInterface(fw.internet.vlan) : fw.internet.interface;
  const sharedNetworks = new Map(site.networks.filter((n) => n.purpose === "shared-services").map((n) => [n.name, n]));
  const views = tenants.map(({ tenant, findings }) => tenantView(tenant, findings));
  const byId = new Map(views.map((v) => [v.id, v]));

  const vdoms = new Map<string, VdomPlan>();
  const newVdom = (name: string, owner: string, link?: string): VdomPlan => {
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
    vdoms.set(name, plan);
    return plan;
  };
  const sharedPlan = newVdom(shared, "site");
  const vlanInterfaces: VlanInterface[] = [];
  for (const n of sharedNetworks.values()) vlanInterfaces.push(vlanOf(n, shared, "site"));
  if (fw.internet.vlan)
    vlanInterfaces.push({
      name: internetIf,
      vlan: fw.internet.vlan,
      vdom: shared,
      ip: fw.internet.address,
      network: "internet",
      description: "internet uplink",
    });
  sharedPlan.routes.push({
    seq: 1,
    vdom: shared,
    dst: "0.0.0.0/0",
    device: internetIf,
    gateway: fw.internet.gateway,
    comment: "default route to the internet",
  });

  for (const v of views) {
    const plan = newVdom(v.vdom, v.id, v.link);
    for (const n of v.tenant.spec.networks) vlanInterfaces.push(vlanOf(n, v.vdom, v.id));
    for (const [zone, nets] of v.zones) {
      plan.zones.push({
        name: zoneInterface(zone),
        interfaces: nets.map((n) => vlanInterface(v.networks.get(n)!.vlan)),
        description: `${v.id} zone ${zone}`,
      });
    }
    plan.routes.push({ seq: 1, vdom: v.vdom, dst: "0.0.0.0/0", device: `${v.link}1`, comment: `to the shared VDOM ${shared}` });
    sharedPlan.routes.push({
      seq: 10000 + v.tenant.spec.vlanRange.from,
      vdom: shared,
      dst: v.tenant.spec.cidr,
      device: `${v.link}0`,
      comment: `to tenant ${v.id}`,
    });
  }

  const customServices = new Map((fw.services ?? []).map((s) => [s.name, s]));
  const serviceGroups = new Map((fw.serviceGroups ?? []).map((g) => [g.name, g]));
  const knownService = (name: string) => PREDEFINED_SERVICES.has(name) || customServices.has(name) || serviceGroups.has(name);

  /** Declares a service (and a group's members) in the VDOM that uses it; predefined ones need nothing. */
  const useService = (plan: VdomPlan, name: string): void => {
    const custom = customServices.get(name);
    if (custom && !plan.services.some((s) => s.name === name))
      plan.services.push({ name, tcp: custom.tcp, udp: custom.udp, comment: custom.description ?? "" });
    const group = serviceGroups.get(name);
    if (group && !plan.serviceGroups.some((g) => g.name === name)) {
      group.members.forEach((m) => useService(plan, m));
      plan.serviceGroups.push({ name, members: group.members });
    }
  };
  const useAddresses = (plan: VdomPlan, objects: AddressObject[]) => {
    for (const o of objects) if (!plan.addresses.some((a) => a.name === o.name)) plan.addresses.push(o);
  };

  /** Resolves one end of a flow written in `owner`'s file. */
  const resolve = (text: string, owner: TenantView | undefined, f: Findings, pointer: string): Endpoint | undefined => {
    if (text === "internet") return { kind: "internet", vdom: shared, intf: [internetIf], objects: [], addr: "all", absolute: "internet" };
    // `any` means anything in the VDOM of the file that writes it: a tenant cannot open other VDOMs with it.
    if (text === "any")
      return {
        kind: "any",
        vdom: owner?.vdom ?? shared,
        tenant: owner?.id,
        intf: ["any"],
        objects: [],
        addr: "all",
        absolute: owner ? `tenant:${owner.id}/any` : "any",
      };
    const qualified = /^tenant:([^/]+)\/(.*)$/.exec(text);
    if (qualified) {
      if (!owner)
        return fail(
          f,
          pointer,
          `a site flow belongs to the shared VDOM; a flow to or from a tenant belongs in that tenant's file, found ${JSON.stringify(text)}`,
        );
      const other = byId.get(qualified[1]);
      if (!other && removedTenants.has(qualified[1]))
        return fail(f, pointer, `tenant ${qualified[1]} is removed (lifecycle: removed); remove this flow too`);
      if (!other)
        return fail(
          f,
          pointer,
          `unknown tenant ${JSON.stringify(qualified[1])}; expected one of ${[...byId.keys()].join(", ") || "(no tenants)"}`,
        );
      return resolve(qualified[2], other, f, pointer);
    }
    const [kind, name] = text.split(":");
    if (kind === "shared") {
      const svc = (fw.sharedServices ?? []).find((s) => s.name === name);
      if (!svc)
        return fail(
          f,
          pointer,
          `unknown shared service ${JSON.stringify(name)}; expected one of ${(fw.sharedServices ?? []).map((s) => s.name).join(", ") || "(none declared in site.yaml firewall.sharedServices)"}`,
        );
      const net = sharedNetworks.get(svc.network);
      const members = svc.addresses.map((ip, i) => ({
        name: `site-svc-${name}-${i + 1}`,
        subnet: `${ip}/32`,
        comment: `shared service ${name}`,
      }));
      return {
        kind: "shared",
        vdom: shared,
        intf: net ? [vlanInterface(net.vlan)] : [],
        objects: [
          ...members,
          { name: `site-svc-${name}`, members: members.map((m) => m.name), comment: svc.description ?? `shared service ${name}` },
        ],
        addr: `site-svc-${name}`,
        absolute: text,
      };
    }
    if (!owner) {
      if (kind === "network" && sharedNetworks.has(name)) {
        const n = sharedNetworks.get(name)!;
        return {
          kind: "shared",
          vdom: shared,
          intf: [vlanInterface(n.vlan)],
          objects: [{ name: `site-net-${name}`, subnet: n.cidr, comment: `site network ${name}` }],
          addr: `site-net-${name}`,
          absolute: text,
        };
      }
      return fail(
        f,
        pointer,
        `a site flow can name internet, any, shared:<service>, network:<shared-services network> or tenant:<tenant>/...; found ${JSON.stringify(text)}`,
      );
    }
    const t = owner;
    const absolute = `tenant:${t.id}/${kind}:${name}`;
    const zoneEnd = (zone: string) => [zoneInterface(zone)];
    if (kind === "zone") {
      const nets = t.zones.get(name);
      if (!nets)
        return fail(
          f,
          pointer,
          `unknown zone ${JSON.stringify(name)} of tenant ${t.id}; expected one of ${[...t.zones.keys()].join(", ") || "(no networks)"}`,
        );
      const members = nets.map((n) => networkAddress(t, t.networks.get(n)!));
      return {
        kind: "tenant",
        vdom: t.vdom,
        tenant: t.id,
        intf: zoneEnd(name),
        objects: [...members, { name: `${t.id}-zone-${name}`, members: members.map((m) => m.name), comment: `zone ${name} of ${t.id}` }],
        addr: `${t.id}-zone-${name}`,
        absolute,
      };
    }
    if (kind === "network") {
      const n = t.networks.get(name);
      if (!n)
        return fail(
          f,
          pointer,
          `unknown network ${JSON.stringify(name)} of tenant ${t.id}; expected one of ${[...t.networks.keys()].join(", ")}`,
        );
      const a = networkAddress(t, n);
      return {
        kind: "tenant",
        vdom: t.vdom,
        tenant: t.id,
        intf: zoneEnd(t.zoneOfNetwork.get(name)!),
        objects: [a],
        addr: a.name,
        absolute,
      };
    }
    if (kind === "vm") {
      const vm = t.vms.get(name);
      if (!vm) return fail(f, pointer, `unknown VM ${JSON.stringify(name)} of tenant ${t.id}`);
      if (!vm.ip) return fail(f, pointer, `VM ${name} has no address to write into a policy; give it ip: in its workload`);
      const a = { name: `${t.id}-vm-${name}`, subnet: `${vm.ip}/32`, comment: `VM ${name} of ${t.id}` };
      if (vm.sharedNetwork)
        return {
          kind: "shared",
          vdom: shared,
          tenant: t.id,
          intf: [vlanInterface(vm.network.vlan)],
          objects: [a],
          addr: a.name,
          absolute,
          vm,
        };
      return {
        kind: "tenant",
        vdom: t.vdom,
        tenant: t.id,
        intf: zoneEnd(t.zoneOfNetwork.get(vm.network.name)!),
        objects: [a],
        addr: a.name,
        absolute,
        vm,
      };
    }
    return fail(f, pointer, `expected zone:, network:, vm:, shared:, tenant:, internet or any, found ${JSON.stringify(text)}`);
  };

  const ids = new Map<number, string>();
  const seen = new Map<string, string>();
  const published = new Map<string, { vm: string; at: string }>();
  const internetRange = networkOfInterface(fw.internet.address);
  const publishProblem = (ip: string, inbound: boolean): string | undefined => {
    if (!inbound) return `publishAs only applies to a flow from the internet, found it on a flow from elsewhere`;
    if (!contains(internetRange, ip)) return `expected a public address inside the internet range ${internetRange.cidr}, found ${ip}`;
    if (ip === fw.internet.gateway || ip === fw.internet.address.split("/")[0] || !isHostAddress(internetRange, ip))
      return `expected a free host address of ${internetRange.cidr}, found ${ip} (the gateway, the firewall's own address, or the network or broadcast address)`;
    return undefined;
  };
  const owners: { view?: TenantView; findings: Findings; flows: Flow[] }[] = [
    { findings: siteFindings, flows: fw.flows ?? [] },
    ...views.map((v) => ({ view: v, findings: v.findings, flows: v.tenant.spec.firewall?.flows ?? [] })),
  ];
  for (const { view, findings: f, flows } of owners) {
    flows.forEach((flow, i) => {
      const at = `/firewall/flows/${i}`;
      const firstId = ids.get(flow.id);
      if (firstId)
        return f.add(
          `${at}/id`,
          `duplicate flow id ${flow.id}; first used at ${firstId} (flow ids become policy ids and are unique across the site)`,
        );
      ids.set(flow.id, f.where(`${at}/id`));
      let ok = true;
      flow.services.forEach((s, j) => {
        if (!knownService(s))
          ok = !!fail(
            f,
            `${at}/services/${j}`,
            `unknown service ${JSON.stringify(s)}; expected a FortiOS predefined service (such as HTTPS, DNS, LDAP) or one of site.yaml firewall.services / serviceGroups${customServices.size + serviceGroups.size ? ` (${[...customServices.keys(), ...serviceGroups.keys()].join(", ")})` : ""}`,
          );
      });
      const src = resolve(flow.from, view, f, `${at}/from`);
      const dst = resolve(flow.to, view, f, `${at}/to`);
      if (!src || !dst || !ok) return;
      if (src.kind === "any" && dst.kind === "any" && flow.action === "accept")
        return f.add(at, `an any-to-any accept is not allowed: name the zones, networks or services the flow needs`);
      if (view && src.tenant !== view.id && dst.tenant !== view.id) {
        return f.add(
          at,
          `a tenant file owns only flows that start or end in its own tenant (${view.id}); found from ${JSON.stringify(flow.from)} to ${JSON.stringify(flow.to)}`,
        );
      }
      const crossTenant = src.tenant !== undefined && dst.tenant !== undefined && src.tenant !== dst.tenant;
      const inbound = src.kind === "internet" && dst.kind !== "internet";
      const missing = [flow.justification ? "" : "justification", flow.ticket ? "" : "ticket"].filter(Boolean);
      if ((crossTenant || inbound) && flow.action === "accept" && missing.length) {
        return f.add(
          at,
          `a flow ${crossTenant ? "between tenants" : "from the internet inward"} needs justification and ticket; missing ${missing.join(" and ")}`,
        );
      }
      if (inbound && flow.action === "accept" && (!dst.vm || !flow.publishAs)) {
        return f.add(
          at,
          `a flow from the internet must go to one vm:<name> and give publishAs (its public address), found to ${JSON.stringify(flow.to)}${flow.publishAs ? "" : " and no publishAs"}`,
        );
      }
      if (flow.publishAs !== undefined) {
        const problem = publishProblem(flow.publishAs, inbound);
        if (problem) return f.add(`${at}/publishAs`, problem);
        const firstUse = published.get(flow.publishAs);
        if (firstUse && firstUse.vm !== dst.absolute)
          return f.add(`${at}/publishAs`, `public address ${flow.publishAs} already publishes ${firstUse.vm} (${firstUse.at})`);
        published.set(flow.publishAs, { vm: dst.absolute, at: f.where(`${at}/publishAs`) });
      }
      const key = `${src.absolute}|${dst.absolute}|${[...flow.services].sort().join(",")}|${flow.action}`;
      const dup = seen.get(key);
      if (dup) return f.add(at, `duplicate flow: the same from, to, services and action as ${dup}`);
      seen.set(key, `flow ${flow.id} at ${f.where(at)}`);

      const ownerName = view?.id ?? "site";
      // One line: a folded YAML block keeps line breaks, which would split the parseable comment.
      const why = flow.justification?.trim().replace(/\s+/g, " ") ?? "-";
      const comments = `ticket=${flow.ticket ?? "-"}; why=${why}; flow=${ownerName}/${flow.id}`;
      const hop = (vdom: string, h: PlannedPolicy["hop"], srcintf: string[], dstintf: string[], dstaddr = dst.addr, nat = false) => {
        const plan = vdoms.get(vdom)!;
        useAddresses(plan, src.objects);
        if (dstaddr === dst.addr) useAddresses(plan, dst.objects);
        flow.services.forEach((s) => useService(plan, s));
        plan.policies.push({
          id: flow.id,
          vdom,
          name: `flow-${flow.id}`,
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
      const linkOf = (vdom: string) => views.find((v) => v.vdom === vdom)!.link;
      const srcV = src.vdom ?? dst.vdom ?? view?.vdom ?? shared;
      const dstV = dst.vdom ?? srcV;
      const toInternet = dst.kind === "internet";
      // From the internet inward: a VIP on the internet interface maps the public address to the VM.
      let dstaddrShared = dst.addr;
      if (inbound && flow.publishAs && dst.vm) {
        const name = `vip-${flow.publishAs.replace(/\./g, "-")}`;
        if (!sharedPlan.vips.some((v) => v.name === name))
          sharedPlan.vips.push({
            name,
            extip: flow.publishAs,
            mappedip: dst.vm.ip!,
            extintf: internetIf,
            comment: `publishes ${dst.vm.name}`,
          });
        dstaddrShared = name;
      }
      if (srcV === dstV) {
        hop(srcV, "local", src.intf, dst.intf, srcV === shared ? dstaddrShared : dst.addr, toInternet && flow.action === "accept");
      } else if (dstV === shared) {
        hop(srcV, "egress", src.intf, [`${linkOf(srcV)}1`]);
        hop(shared, "ingress", [`${linkOf(srcV)}0`], dst.intf, dst.addr, toInternet && flow.action === "accept");
      } else {
        if (srcV === shared) {
          hop(shared, "egress", src.intf, [`${linkOf(dstV)}0`], dstaddrShared);
        } else {
          hop(srcV, "egress", src.intf, [`${linkOf(srcV)}1`]);
          hop(shared, "transit", [`${linkOf(srcV)}0`], [`${linkOf(dstV)}0`]);
        }
        hop(dstV, "ingress", [`${linkOf(dstV)}1`], dst.intf);
      }
    });
  }

  for (const plan of vdoms.values()) {
    plan.policies.sort((a, b) => a.id - b.id);
    plan.policies.push({
      id: DENY_POLICY_ID,
      vdom: plan.name,
      name: "default-deny",
      srcintf: ["any"],
      dstintf: ["any"],
      srcaddr: ["all"],
      dstaddr: ["all"],
      services: ["ALL"],
      action: "deny",
      log: "all",
      nat: false,
      comments: "ticket=-; why=deny by default, logged, always last; flow=site/default-deny",
      hop: "local",
    });
  }
  return { sharedVdom: shared, internetInterface: internetIf, vlanInterfaces, vdoms: [...vdoms.values()], retired: [] };
}

function vlanOf(n: Network, vdom: string, owner: string): VlanInterface {
  return {
    name: vlanInterface(n.vlan),
    vlan: n.vlan,
    vdom,
    ip: n.gateway ? `${n.gateway}/${prefixOf(n.cidr)}` : undefined,
    network: `${owner}/${n.name}`,
    description: `${owner} ${n.name}`,
  };
}

function networkAddress(t: TenantView, n: Network): AddressObject {
  return { name: `${t.id}-net-${n.name}`, subnet: n.cidr, comment: `network ${n.name} of ${t.id}` };
}

/** Zones, link and VDOM of a tenant; zone and link mistakes are reported in its file. */
function tenantView(tenant: Tenant, findings: Findings): TenantView {
  const spec = tenant.spec;
  const vdom = spec.firewall?.vdom ?? spec.tenant;
  const link = spec.firewall?.link ?? vdom.slice(0, 11);
  const networks = new Map(spec.networks.map((n) => [n.name, n]));
  const zones = new Map<string, string[]>();
  const zoneOfNetwork = new Map<string, string>();
  (spec.firewall?.zones ?? []).forEach((z, i) => {
    if (zones.has(z.name)) return findings.add(`/firewall/zones/${i}/name`, `duplicate zone ${JSON.stringify(z.name)}`);
    if (zoneInterface(z.name).length > MAX_ZONE_NAME)
      findings.add(
        `/firewall/zones/${i}/name`,
        `expected a zone name of at most ${MAX_ZONE_NAME - 2} characters (FortiOS names the zone ${zoneInterface("")}<name>, at most ${MAX_ZONE_NAME}), found ${JSON.stringify(z.name)} (${z.name.length})`,
      );
    const members: string[] = [];
    z.networks.forEach((n, j) => {
      if (!networks.has(n))
        return findings.add(
          `/firewall/zones/${i}/networks/${j}`,
          `unknown network ${JSON.stringify(n)}; expected one of ${[...networks.keys()].join(", ")}`,
        );
      const other = zoneOfNetwork.get(n);
      if (other)
        return findings.add(
          `/firewall/zones/${i}/networks/${j}`,
          `network ${n} is already in zone ${other}; a network belongs to one zone`,
        );
      zoneOfNetwork.set(n, z.name);
      members.push(n);
    });
    zones.set(z.name, members);
  });
  for (const n of spec.networks) {
    if (zoneOfNetwork.has(n.name)) continue;
    if (zones.has(n.name)) {
      findings.add("/firewall/zones", `network ${n.name} is in no zone, and a zone of that name exists; put it in a zone`);
      continue;
    }
    if (zoneInterface(n.name).length > MAX_ZONE_NAME)
      findings.add(
        `/networks/${spec.networks.indexOf(n)}/name`,
        `a network in no zone becomes zone ${zoneInterface(n.name)}, longer than FortiOS's ${MAX_ZONE_NAME} characters; put it in a zone with a shorter name`,
      );
    zones.set(n.name, [n.name]);
    zoneOfNetwork.set(n.name, n.name);
  }
  return {
    id: spec.tenant,
    vdom,
    link,
    tenant,
    findings,
    networks,
    zoneOfNetwork,
    zones,
    vms: new Map(tenant.vms.map((vm) => [vm.name, vm])),
  };
}
