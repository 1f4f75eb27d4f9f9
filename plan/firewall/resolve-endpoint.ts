import { show } from "../../spec/spec-error";
import type { Network, SiteFirewall } from "../../spec/types";
import type { EndpointRef } from "./endpoint-ref";
import { addressNames, vlanInterface, zoneInterface } from "./fortios-names";
import type { AddressObject } from "./plan-types";
import type { TenantView } from "./tenant-view";

/** Which file writes a flow: site.yaml (the shared VDOM's flows) or a tenant file. */
export type FlowFile = { kind: "site" } | { kind: "tenant"; view: TenantView };

/** Where one end of a flow is: its VDOM, the interfaces or zones to match, and the address to match. */
export interface Endpoint {
  kind: "internet" | "any" | "tenant" | "shared";
  vdom: string;
  /** The tenant the end belongs to (a VM of a tenant on a shared network included). */
  tenant?: string;
  intf: string[];
  /** Address objects this end needs in any VDOM that matches it ("all" needs none). */
  objects: AddressObject[];
  addr: string;
  /** The tenant-qualified form, to find duplicate flows across files. */
  absolute: string;
  /**
   * One host address a VIP can publish: a single VM's, or a floating address (a load-balanced pair's),
   * with the words the VIP's comment says after "publishes ".
   */
  published?: { what: string; ip: string };
}

/** What endpoints resolve against: the box's shared side and every live tenant. */
export interface EndpointContext {
  fw: SiteFirewall;
  internetInterface: string;
  sharedNetworks: ReadonlyMap<string, Network>;
  tenants: ReadonlyMap<string, TenantView>;
  removedTenants: ReadonlySet<string>;
}

/** An endpoint, or the message saying why the text names nothing. */
export type Resolved = { ok: true; endpoint: Endpoint } | { ok: false; message: string };

const ok = (endpoint: Endpoint): Resolved => ({ ok: true, endpoint });
const fail = (message: string): Resolved => ({ ok: false, message });

/** Resolves one end of a flow (`text` as written, `ref` parsed from it) in the file that writes it. */
export function resolveEndpoint(ref: EndpointRef, text: string, file: FlowFile, ctx: EndpointContext): Resolved {
  const shared = ctx.fw.sharedVdom;
  const view = file.kind === "tenant" ? file.view : undefined;
  switch (ref.kind) {
    case "internet":
      return ok({ kind: "internet", vdom: shared, intf: [ctx.internetInterface], objects: [], addr: "all", absolute: "internet" });
    case "any":
      // `any` means anything in the VDOM of the file that writes it: a tenant cannot open other VDOMs with it.
      return ok({
        kind: "any",
        vdom: view?.vdom ?? shared,
        tenant: view?.id,
        intf: ["any"],
        objects: [],
        addr: "all",
        absolute: view ? `tenant:${view.id}/any` : "any",
      });
    case "tenant": {
      if (!view) {
        return fail(
          `a site flow belongs to the shared VDOM; a flow to or from a tenant belongs in that tenant's file, found ${show(text)}`,
        );
      }
      const other = ctx.tenants.get(ref.tenant);
      if (!other && ctx.removedTenants.has(ref.tenant))
        return fail(`tenant ${ref.tenant} is removed (lifecycle: removed); remove this flow too`);
      if (!other)
        return fail(`unknown tenant ${show(ref.tenant)}; expected one of ${[...ctx.tenants.keys()].join(", ") || "(no tenants)"}`);
      return resolveEndpoint(ref.end, text.slice(`tenant:${ref.tenant}/`.length), { kind: "tenant", view: other }, ctx);
    }
    case "shared":
      return sharedService(ref.service, text, ctx);
    case "unknown":
      if (!view) return fail(siteFlowExpected(text));
      return fail(`expected zone:, network:, vm:, floating:, shared:, tenant:, internet or any, found ${show(text)}`);
    case "network":
    case "zone":
    case "vm":
    case "floating":
      break;
  }
  if (!view) {
    const n = ref.kind === "network" ? ctx.sharedNetworks.get(ref.name) : undefined;
    if (!n) return fail(siteFlowExpected(text));
    const name = addressNames.siteNetwork(n.name);
    return ok({
      kind: "shared",
      vdom: shared,
      intf: [vlanInterface(n.vlan)],
      objects: [{ name, subnet: n.cidr, comment: `site network ${n.name}` }],
      addr: name,
      absolute: text,
    });
  }
  return tenantEnd(ref, view, shared);
}

const siteFlowExpected = (text: string) =>
  `a site flow can name internet, any, shared:<service>, network:<shared-services network> or tenant:<tenant>/...; found ${show(text)}`;

function sharedService(service: string, text: string, ctx: EndpointContext): Resolved {
  const services = ctx.fw.sharedServices ?? [];
  const svc = services.find((s) => s.name === service);
  if (!svc) {
    return fail(
      `unknown shared service ${show(service)}; expected one of ${services.map((s) => s.name).join(", ") || "(none declared in site.yaml firewall.sharedServices)"}`,
    );
  }
  const net = ctx.sharedNetworks.get(svc.network);
  const members = svc.addresses.map((ip, i) => ({
    name: addressNames.sharedServiceMember(service, i),
    subnet: `${ip}/32`,
    comment: `shared service ${service}`,
  }));
  const name = addressNames.sharedService(service);
  return ok({
    kind: "shared",
    vdom: ctx.fw.sharedVdom,
    intf: net ? [vlanInterface(net.vlan)] : [],
    objects: [...members, { name, members: members.map((m) => m.name), comment: svc.description ?? `shared service ${service}` }],
    addr: name,
    absolute: text,
  });
}

/** A zone, network or VM of the tenant whose file (or `tenant:` prefix) the end is written in. */
function tenantEnd(
  ref: Extract<EndpointRef, { kind: "network" | "zone" | "vm" | "floating" }>,
  t: TenantView,
  sharedVdom: string,
): Resolved {
  const absolute = `tenant:${t.id}/${ref.kind}:${ref.name}`;
  const inZone = (network: string) => [zoneInterface(t.zoneOfNetwork.get(network) ?? network)];
  const networkObject = (n: Network): AddressObject => ({
    name: addressNames.tenantNetwork(t.id, n.name),
    subnet: n.cidr,
    comment: `network ${n.name} of ${t.id}`,
  });
  const here = { kind: "tenant" as const, vdom: t.vdom, tenant: t.id, absolute };
  switch (ref.kind) {
    case "zone": {
      const nets = t.zones.get(ref.name);
      if (!nets) {
        return fail(
          `unknown zone ${show(ref.name)} of tenant ${t.id}; expected one of ${[...t.zones.keys()].join(", ") || "(no networks)"}`,
        );
      }
      const members = nets.map(networkObject);
      const name = addressNames.tenantZone(t.id, ref.name);
      return ok({
        ...here,
        intf: [zoneInterface(ref.name)],
        objects: [...members, { name, members: members.map((m) => m.name), comment: `zone ${ref.name} of ${t.id}` }],
        addr: name,
      });
    }
    case "network": {
      const n = t.networks.get(ref.name);
      if (!n) return fail(`unknown network ${show(ref.name)} of tenant ${t.id}; expected one of ${[...t.networks.keys()].join(", ")}`);
      const a = networkObject(n);
      return ok({ ...here, intf: inZone(ref.name), objects: [a], addr: a.name });
    }
    case "vm": {
      const vm = t.vms.get(ref.name);
      if (!vm) return fail(`unknown VM ${show(ref.name)} of tenant ${t.id}`);
      const ip = vm.ip;
      if (!ip) return fail(`VM ${ref.name} has no address to write into a policy; give it ip: in its workload`);
      const a = { name: addressNames.tenantVm(t.id, ref.name), subnet: `${ip}/32`, comment: `VM ${ref.name} of ${t.id}` };
      const end = { objects: [a], addr: a.name, published: { what: vm.name, ip } };
      if (vm.sharedNetwork) return ok({ ...here, ...end, kind: "shared", vdom: sharedVdom, intf: [vlanInterface(vm.network.vlan)] });
      return ok({ ...here, ...end, intf: inZone(vm.network.name) });
    }
    case "floating": {
      const fa = t.floating.get(ref.name);
      if (!fa) {
        return fail(
          `unknown floating address ${show(ref.name)} of tenant ${t.id}; expected one of ${[...t.floating.keys()].join(", ") || "(none declared in firewall.floatingAddresses)"}`,
        );
      }
      const what = `floating address ${fa.name} of ${t.id}`;
      const a = { name: addressNames.tenantFloating(t.id, fa.name), subnet: `${fa.address}/32`, comment: what };
      const pair = fa.vms.length ? `${what} (${fa.vms.join(", ")})` : what;
      // The VIP's comment holds at most 255 characters (FortiOS): the VM list goes when it would not fit.
      const published = { what: pair.length + "publishes ".length <= 255 ? pair : what, ip: fa.address };
      return ok({ ...here, objects: [a], addr: a.name, published, intf: inZone(fa.network.name) });
    }
  }
}
