import { intToIp, ipToInt, networkOfInterface, overlaps, parseRange, type Ipv4Range } from "../../spec/ipv4";
import type { Site } from "../../plan/model";
import { UsageError } from "../exit-codes";
import { firstOverlap, nextFreeRange, type AddressPlan, type UsedRange } from "./address-plan";

const range = (cidr: string) => parseRange(cidr) as Ipv4Range; // the loader checked every cidr
const sizeOf = (r: Ipv4Range) => r.last - r.first + 1;

/** Every private range a site uses: its networks and its tenants' ranges. */
export function siteRanges(site: Site): UsedRange[] {
  return [
    ...site.spec.networks.map((n) => ({ range: range(n.cidr), owner: `network ${n.name} of site ${site.spec.site}` })),
    ...site.tenants.map((t) => ({ range: range(t.spec.cidr), owner: `tenant ${t.spec.tenant} of site ${site.spec.site}` })),
  ];
}

/** The smallest network that holds every range (10.60.0.0/24, 10.61.0.0/16 and 10.62.0.0/20 -> 10.60.0.0/14). */
export function coveringRange(ranges: readonly Ipv4Range[]): Ipv4Range {
  const first = Math.min(...ranges.map((r) => r.first));
  const last = Math.max(...ranges.map((r) => r.last));
  for (let prefix = 32; prefix >= 0; prefix--) {
    const size = 2 ** (32 - prefix);
    const start = Math.floor(first / size) * size;
    if (start + size - 1 >= last) return { cidr: `${intToIp(start)}/${prefix}`, first: start, last: start + size - 1, prefix };
  }
  throw new Error("unreachable: /0 holds every range");
}

/** The documentation blocks (RFC 5737): a placeholder public address that is nobody's. */
const DOCUMENTATION = ["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24"].map(range);

/**
 * Where a cloned site's addresses go. Its private ranges move together, at their offsets, into the
 * target (the next free range of their covering range's size beside every other site's, or --cidr);
 * its internet uplink moves to a free block of the same size in the documentation ranges, a placeholder
 * for the address the new room's ISP assigns.
 */
export function planSiteAddresses(
  source: Site,
  others: readonly UsedRange[],
  cidr: Ipv4Range | undefined,
): {
  plan: AddressPlan;
  covering: Ipv4Range;
  target: Ipv4Range;
  internet?: { from: Ipv4Range; to: Ipv4Range };
} {
  const covering = coveringRange(siteRanges(source).map((u) => u.range));
  const target = cidr ?? nextFreeRange(covering, others);
  if (sizeOf(target) < sizeOf(covering))
    throw new UsageError(
      `--cidr ${target.cidr} is too small: site ${source.spec.site}'s networks and tenants span ${covering.cidr}, which needs a /${covering.prefix} or larger`,
      false,
    );
  const clash = firstOverlap(target, others);
  if (clash) throw new UsageError(`--cidr ${target.cidr} overlaps ${clash.owner} (${clash.range.cidr}); nothing was written`, false);

  const uplink = source.spec.firewall?.internet.address;
  let internet: { from: Ipv4Range; to: Ipv4Range } | undefined;
  if (uplink) {
    const from = networkOfInterface(uplink);
    const taken = [...others.map((o) => o.range), from];
    const to = freeDocumentationBlock(from.prefix, taken);
    internet = { from, to };
  }
  const within = (r: Ipv4Range, value: number) => value >= r.first && value <= r.last;
  const move = (ip: string): string | undefined => {
    const value = ipToInt(ip);
    if (within(covering, value)) return intToIp(value - covering.first + target.first);
    if (internet && within(internet.from, value)) return intToIp(value - internet.from.first + internet.to.first);
    return undefined;
  };
  const moveRange = (cidr: string): string | undefined => {
    const [first, prefix] = cidr.split("/");
    const to = move(first);
    return to === undefined ? undefined : `${to}/${prefix}`;
  };
  return { plan: { move, moveRange }, covering, target, internet };
}

function freeDocumentationBlock(prefix: number, taken: readonly Ipv4Range[]): Ipv4Range {
  const size = 2 ** (32 - prefix);
  for (const block of DOCUMENTATION) {
    for (let first = block.first; first + size - 1 <= block.last; first += size) {
      const candidate = { cidr: `${intToIp(first)}/${prefix}`, first, last: first + size - 1, prefix };
      if (!taken.some((t) => overlaps(t, candidate))) return candidate;
    }
  }
  throw new UsageError(`no free /${prefix} is left in the documentation ranges for the internet uplink's placeholder`, false);
}
