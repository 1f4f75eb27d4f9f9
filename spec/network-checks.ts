import type { Findings } from "./check-helpers";
import { overlaps, type Ipv4Range } from "./ipv4";

/** A network or address range declared somewhere, with the file and pointer that declared it. */
export interface Declared {
  findings: Findings;
  pointer: string;
  label: string;
}

/**
 * Checks across the site file and every tenant file: a VLAN id names one network, address ranges do
 * not overlap, tenant VLAN ranges and address ranges are disjoint from each other and from the site's
 * networks. Reported at the later declaration.
 */
export function checkAcrossFiles(
  vlans: (Declared & { vlan: number })[],
  networks: (Declared & { range: Ipv4Range })[],
  tenantVlanRanges: (Declared & { from: number; to: number })[],
  tenantCidrs: (Declared & { range: Ipv4Range })[],
  siteNetworks: (Declared & { range: Ipv4Range })[],
): void {
  const vlanFirst = new Map<number, Declared>();
  for (const v of vlans) {
    const first = vlanFirst.get(v.vlan);
    if (first)
      v.findings.add(v.pointer, `duplicate VLAN id ${v.vlan}; already used by ${first.label} at ${first.findings.where(first.pointer)}`);
    else vlanFirst.set(v.vlan, v);
  }
  pairwise(
    networks,
    (a, b) => overlaps(a.range, b.range),
    (a, b) =>
      b.findings.add(
        b.pointer,
        `network ${b.range.cidr} (${b.label}) overlaps ${a.range.cidr} (${a.label}) at ${a.findings.where(a.pointer)}`,
      ),
  );
  for (const range of tenantVlanRanges) {
    const inside = vlans.find(
      (v) => v.findings !== range.findings && v.label.startsWith("site ") && v.vlan >= range.from && v.vlan <= range.to,
    );
    if (inside)
      range.findings.add(
        range.pointer,
        `VLAN range ${range.from}-${range.to} holds VLAN ${inside.vlan} of ${inside.label} at ${inside.findings.where(inside.pointer)}`,
      );
  }
  pairwise(
    tenantVlanRanges,
    (a, b) => a.from <= b.to && b.from <= a.to,
    (a, b) =>
      b.findings.add(
        b.pointer,
        `VLAN range ${b.from}-${b.to} overlaps ${a.label}'s range ${a.from}-${a.to} at ${a.findings.where(a.pointer)}`,
      ),
  );
  pairwise(
    tenantCidrs,
    (a, b) => overlaps(a.range, b.range),
    (a, b) =>
      b.findings.add(
        b.pointer,
        `address range ${b.range.cidr} overlaps ${a.label}'s range ${a.range.cidr} at ${a.findings.where(a.pointer)}`,
      ),
  );
  for (const t of tenantCidrs) {
    const site = siteNetworks.find((n) => overlaps(n.range, t.range));
    if (site)
      t.findings.add(
        t.pointer,
        `address range ${t.range.cidr} overlaps ${site.label} ${site.range.cidr} at ${site.findings.where(site.pointer)}`,
      );
  }
}

function pairwise<T>(items: T[], clash: (a: T, b: T) => boolean, report: (first: T, later: T) => void): void {
  items.forEach((b, j) => {
    const a = items.slice(0, j).find((earlier) => clash(earlier, b));
    if (a) report(a, b);
  });
}
