import type { Site } from "../../plan/model";
import { networkOfInterface, parseRange, type Ipv4Range } from "../../spec/ipv4";
import type { UsedRange } from "./address-plan";
import type { UsedVlans } from "./vlan-plan";

/** What a new tenant may not reuse on a site: address ranges, VLAN ids, flow ids, names. */
export interface SiteUsage {
  ranges: UsedRange[];
  vlans: UsedVlans[];
  flowIds: Set<number>;
  tenantIds: Set<string>;
  /** Names of the site's own objects that tenant files refer to (templates, sizes, networks, ...): never renamed. */
  siteObjectNames: Set<string>;
}

const range = (cidr: string) => parseRange(cidr) as Ipv4Range; // the loader checked every cidr

/** Collects what a planned site uses; `except` leaves one tenant out (the one a file is being written for). */
export function siteUsage(site: Site, except?: string): SiteUsage {
  const spec = site.spec;
  const ranges: UsedRange[] = spec.networks.map((n) => ({ range: range(n.cidr), owner: `site network ${n.name}` }));
  const vlans: UsedVlans[] = spec.networks.map((n) => ({ range: { from: n.vlan, to: n.vlan }, owner: `site network ${n.name}` }));
  const internet = spec.firewall?.internet;
  if (internet) {
    ranges.push({ range: networkOfInterface(internet.address), owner: "the firewall's internet uplink" });
    if (internet.vlan !== undefined)
      vlans.push({ range: { from: internet.vlan, to: internet.vlan }, owner: "the firewall's internet uplink" });
  }
  const flowIds = new Set((spec.firewall?.flows ?? []).map((f) => f.id));
  const tenantIds = new Set<string>();
  for (const { spec: t } of site.tenants) {
    tenantIds.add(t.tenant);
    if (t.tenant === except) continue;
    ranges.push({ range: range(t.cidr), owner: `tenant ${t.tenant}` });
    vlans.push({ range: t.vlanRange, owner: `tenant ${t.tenant}` });
    for (const n of t.networks) {
      ranges.push({ range: range(n.cidr), owner: `network ${n.name} of tenant ${t.tenant}` });
      vlans.push({ range: { from: n.vlan, to: n.vlan }, owner: `network ${n.name} of tenant ${t.tenant}` });
    }
    for (const f of t.firewall?.flows ?? []) flowIds.add(f.id);
  }
  const siteObjectNames = new Set<string>([
    ...spec.networks.map((n) => n.name),
    ...Object.keys(spec.vmSizes ?? {}),
    ...spec.templates.map((t) => t.id),
    ...spec.clusters.map((c) => c.name),
    ...(spec.storagePolicies ?? []).map((p) => p.id),
    ...(spec.san?.datastores ?? []).map((d) => d.name),
    ...(spec.san?.datastoreClusters ?? []).map((d) => d.name),
    ...(spec.backup?.classes ?? []).map((c) => c.id),
    ...(spec.firewall?.sharedServices ?? []).flatMap((s) => [s.name, `shared:${s.name}`]),
  ]);
  return { ranges, vlans, flowIds, tenantIds, siteObjectNames };
}
