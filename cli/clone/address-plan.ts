import { intToIp, ipToInt, ipv4Problem, overlaps, parseRange, type Ipv4Range } from "../../spec/ipv4";
import { UsageError } from "../exit-codes";

/** A range the site already uses, with who uses it, for the messages of an overlap. */
export interface UsedRange {
  range: Ipv4Range;
  owner: string;
}

/** How the source tenant's addresses move: its range, each network to its new place. */
export interface AddressPlan {
  /** The new address of an address of the source range; undefined for an address outside it (a shared service's, which stays). */
  move(ip: string): string | undefined;
  /** The new place of a network of the source range (the range itself, a network, a part of one); undefined outside it. */
  moveRange(cidr: string): string | undefined;
}

const PRIVATE_BLOCKS = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].map((c) => parseRange(c) as Ipv4Range);

const sizeOf = (r: Ipv4Range) => r.last - r.first + 1;
const rangeAt = (first: number, prefix: number): Ipv4Range => {
  const cidr = `${intToIp(first)}/${prefix}`;
  return { cidr, first, last: first + 2 ** (32 - prefix) - 1, prefix };
};

/** The --cidr option read strictly: a network address (no host bits) in CIDR form. */
export function readCidrOption(text: string): Ipv4Range {
  const problem = ipv4Problem("network", text);
  if (problem) throw new UsageError(`--cidr: ${problem}`);
  const range = parseRange(text);
  if (typeof range === "string") throw new UsageError(`--cidr: ${range}`);
  return range;
}

/** The first use of the site `range` overlaps, if any. */
export function firstOverlap(range: Ipv4Range, used: readonly UsedRange[]): UsedRange | undefined {
  return used.find((u) => overlaps(u.range, range));
}

/**
 * The next range of the source's size after it that overlaps nothing the site uses, searching the
 * private block the source lies in and wrapping around to its start.
 */
export function nextFreeRange(source: Ipv4Range, used: readonly UsedRange[]): Ipv4Range {
  const block = PRIVATE_BLOCKS.find((b) => b.first <= source.first && source.last <= b.last);
  const [from, to] = block ? [block.first, block.last] : [0, 2 ** 32 - 1];
  const size = sizeOf(source);
  const slots = Math.floor((to - from + 1) / size);
  const start = Math.floor((source.first - from) / size);
  for (let i = 1; i <= slots; i++) {
    const candidate = rangeAt(from + ((start + i) % slots) * size, source.prefix);
    if (!firstOverlap(candidate, used)) return candidate;
  }
  throw new UsageError(
    `no free /${source.prefix} is left in ${block?.cidr ?? "the IPv4 space"} beside the site's ranges: give one with --cidr`,
    false,
  );
}

/**
 * Moves the source tenant's networks into `target`. A target at least as large as the source keeps
 * every network at its offset (10.40.10.0/24 in 10.40.0.0/16 goes to 10.41.10.0/24 in 10.41.0.0/16);
 * a smaller one packs them, largest first, each at the first aligned place left, so a /22 holds a
 * tenant whose networks were spread over a /16. Addresses keep their offset in their network.
 */
export function planAddresses(source: Ipv4Range, networks: readonly Ipv4Range[], target: Ipv4Range): AddressPlan {
  const moved = new Map<string, Ipv4Range>();
  if (sizeOf(target) >= sizeOf(source)) {
    for (const n of networks) moved.set(n.cidr, rangeAt(n.first - source.first + target.first, n.prefix));
  } else {
    const taken: Ipv4Range[] = [];
    const bySize = [...networks].sort((a, b) => a.prefix - b.prefix || a.first - b.first);
    for (const n of bySize) {
      const size = sizeOf(n);
      let place: Ipv4Range | undefined;
      for (let first = target.first; first + size - 1 <= target.last; first += size) {
        const candidate = rangeAt(first, n.prefix);
        if (!taken.some((t) => overlaps(t, candidate))) {
          place = candidate;
          break;
        }
      }
      if (!place) {
        const needed = networks.reduce((sum, x) => sum + sizeOf(x), 0);
        throw new UsageError(
          `--cidr ${target.cidr} is too small: the source's networks (${networks.map((x) => `/${x.prefix}`).join(", ")}) need ${needed} addresses, ${target.cidr} holds ${sizeOf(target)}`,
          false,
        );
      }
      taken.push(place);
      moved.set(n.cidr, place);
    }
  }
  const move = (ip: string): string | undefined => {
    const value = ipToInt(ip);
    if (value < source.first || value > source.last) return undefined;
    const home = networks.find((n) => value >= n.first && value <= n.last);
    const place = home && moved.get(home.cidr);
    if (home && place) return intToIp(value - home.first + place.first);
    const offset = value - source.first;
    // Packed, the offsets of the source's range no longer mean anything: its first network may lie there now.
    if (offset >= sizeOf(target) || sizeOf(target) < sizeOf(source))
      throw new UsageError(
        `address ${ip} of the source lies in none of its networks and has no place in ${target.cidr}: give a --cidr as large as ${source.cidr}`,
        false,
      );
    return intToIp(target.first + offset);
  };
  const moveRange = (cidr: string): string | undefined => {
    if (cidr === source.cidr) return target.cidr;
    const network = moved.get(cidr);
    if (network) return network.cidr;
    const [first, prefix] = cidr.split("/");
    const to = move(first);
    return to === undefined ? undefined : `${to}/${prefix}`;
  };
  return { move, moveRange };
}
