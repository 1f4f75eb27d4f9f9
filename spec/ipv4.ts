import ipaddr from "ipaddr.js";

/** An IPv4 network as a numeric range, for overlap and membership checks. */
export interface Ipv4Range {
  cidr: string;
  first: number;
  last: number;
  prefix: number;
}

export function ipToInt(ip: string): number {
  return ipaddr.IPv4.parse(ip)
    .toByteArray()
    .reduce((acc, byte) => acc * 256 + byte, 0);
}

export function intToIp(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}

/** Parses a CIDR; returns an error text when host bits are set, so the user sees the network meant. */
export function parseRange(cidr: string): Ipv4Range | string {
  const [address, prefix] = ipaddr.IPv4.parseCIDR(cidr);
  const size = 2 ** (32 - prefix);
  const first = Math.floor(ipToInt(address.toString()) / size) * size;
  if (first !== ipToInt(address.toString())) {
    return `expected a network address with no host bits set, found ${JSON.stringify(cidr)} (did you mean ${intToIp(first)}/${prefix}?)`;
  }
  return { cidr, first, last: first + size - 1, prefix };
}

export function overlaps(a: Ipv4Range, b: Ipv4Range): boolean {
  return a.first <= b.last && b.first <= a.last;
}

export function contains(range: Ipv4Range, ip: string): boolean {
  const value = ipToInt(ip);
  return value >= range.first && value <= range.last;
}

/** Whether `ip` is a usable host address of the range (not its network or broadcast address). */
export function isHostAddress(range: Ipv4Range, ip: string): boolean {
  const hosts = usableHosts(range);
  const value = ipToInt(ip);
  return value >= hosts.first && value <= hosts.last;
}

/** Host addresses usable by VMs: without network and broadcast address (except /31 and /32). */
export function usableHosts(range: Ipv4Range): { first: number; last: number } {
  return range.prefix >= 31 ? { first: range.first, last: range.last } : { first: range.first + 1, last: range.last - 1 };
}

/** Prefix length of a CIDR. */
export function prefixOf(cidr: string): number {
  return Number(cidr.split("/")[1]);
}

/** Dotted netmask of a CIDR (vmkernel ports want 255.255.255.0, not /24). */
export function netmaskOf(cidr: string): string {
  const prefix = prefixOf(cidr);
  return intToIp(prefix === 0 ? 0 : 2 ** 32 - 2 ** (32 - prefix));
}

/** The network an interface address with prefix (203.0.113.10/29) lies in. */
export function networkOfInterface(addressWithPrefix: string): Ipv4Range {
  const [ip, prefixText] = addressWithPrefix.split("/");
  const prefix = Number(prefixText);
  const size = 2 ** (32 - prefix);
  const first = Math.floor(ipToInt(ip) / size) * size;
  return { cidr: `${intToIp(first)}/${prefix}`, first, last: first + size - 1, prefix };
}

/** Why `ip` cannot be a host of `range` (named `label`), or undefined when it can. */
export function hostAddressProblem(range: Ipv4Range, ip: string, label: string): string | undefined {
  if (!contains(range, ip)) return `expected an address inside ${label} ${range.cidr}, found ${ip}`;
  if (!isHostAddress(range, ip))
    return `expected a host address of ${range.cidr}, found its ${ipToInt(ip) === range.first ? "network" : "broadcast"} address ${ip}`;
  return undefined;
}
