import { show } from "../../spec/spec-error";
import type { ErrorSink } from "../../spec/check-helpers";
import type { Network, TenantFile } from "../../spec/types";
import { MAX_ZONE_NAME, tenantLink, tenantVdom, zoneInterface } from "./fortios-names";

/** A VM as flows see it: where it lives and the address a policy writes for it. */
export interface FirewallVm {
  name: string;
  /** Pinned or given; undefined when it has none (an adopted VM without ip:, a removed one). */
  ip?: string;
  network: Network;
  sharedNetwork: boolean;
}

/** A tenant as the firewall planner takes it, with the file its mistakes are reported in. */
export interface FirewallTenant {
  spec: TenantFile;
  vms: readonly FirewallVm[];
  findings: ErrorSink;
}

/** A floating address of a tenant (a load-balanced pair's), as flows name it: floating:<name>. */
export interface FloatingAddress {
  name: string;
  network: Network;
  address: string;
  vms: readonly string[];
}

/** A tenant as the firewall sees it: its VDOM, link, zones and what its flows may name. */
export interface TenantView {
  id: string;
  vdom: string;
  link: string;
  spec: TenantFile;
  findings: ErrorSink;
  networks: ReadonlyMap<string, Network>;
  /** The zone each network is in (a network in no zone is a zone of its own name). */
  zoneOfNetwork: ReadonlyMap<string, string>;
  /** Zone name -> its networks. */
  zones: ReadonlyMap<string, readonly Network[]>;
  vms: ReadonlyMap<string, FirewallVm>;
  /** Its floating addresses by name (those on a known network; the loader reported the others). */
  floating: ReadonlyMap<string, FloatingAddress>;
}

/** Zones, link and VDOM of a tenant; zone mistakes are reported in its file. */
export function tenantView({ spec, vms, findings }: FirewallTenant): TenantView {
  const networks = new Map(spec.networks.map((n) => [n.name, n]));
  const zones = new Map<string, Network[]>();
  const zoneOfNetwork = new Map<string, string>();
  const tooLong = (zone: string) => zoneInterface(zone).length > MAX_ZONE_NAME;
  (spec.firewall?.zones ?? []).forEach((z, i) => {
    const at = `/firewall/zones/${i}`;
    if (zones.has(z.name)) return findings.add(`${at}/name`, `duplicate zone ${show(z.name)}`);
    if (tooLong(z.name)) {
      findings.add(
        `${at}/name`,
        `expected a zone name of at most ${MAX_ZONE_NAME - 2} characters (FortiOS names the zone ${zoneInterface("")}<name>, at most ${MAX_ZONE_NAME}), found ${show(z.name)} (${z.name.length})`,
      );
    }
    const members: Network[] = [];
    z.networks.forEach((name, j) => {
      const network = networks.get(name);
      if (!network) {
        return findings.add(`${at}/networks/${j}`, `unknown network ${show(name)}; expected one of ${[...networks.keys()].join(", ")}`);
      }
      const other = zoneOfNetwork.get(name);
      if (other) return findings.add(`${at}/networks/${j}`, `network ${name} is already in zone ${other}; a network belongs to one zone`);
      zoneOfNetwork.set(name, z.name);
      members.push(network);
    });
    zones.set(z.name, members);
  });
  spec.networks.forEach((n, i) => {
    if (zoneOfNetwork.has(n.name)) return;
    if (zones.has(n.name))
      return findings.add("/firewall/zones", `network ${n.name} is in no zone, and a zone of that name exists; put it in a zone`);
    if (tooLong(n.name)) {
      findings.add(
        `/networks/${i}/name`,
        `a network in no zone becomes zone ${zoneInterface(n.name)}, longer than FortiOS's ${MAX_ZONE_NAME} characters; put it in a zone with a shorter name`,
      );
    }
    zones.set(n.name, [n]);
    zoneOfNetwork.set(n.name, n.name);
  });
  return {
    id: spec.tenant,
    vdom: tenantVdom(spec),
    link: tenantLink(spec),
    spec,
    findings,
    networks,
    zoneOfNetwork,
    zones,
    vms: new Map(vms.map((vm) => [vm.name, vm])),
    floating: floatingOf(spec, networks),
  };
}

function floatingOf(spec: TenantFile, networks: ReadonlyMap<string, Network>): Map<string, FloatingAddress> {
  const floating = new Map<string, FloatingAddress>();
  for (const a of spec.firewall?.floatingAddresses ?? []) {
    const network = networks.get(a.network);
    if (network && !floating.has(a.name)) floating.set(a.name, { name: a.name, network, address: a.address, vms: a.vms ?? [] });
  }
  return floating;
}
