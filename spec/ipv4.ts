import { show } from "./spec-error";

/**
 * IPv4 as the spec files and the address lock write it, read strictly: four decimal numbers 0-255
 * without leading zeros, and where a prefix belongs, a prefix length 0-32 without leading zeros. The
 * one parser of the code base: the schema formats, the lock and every computation below use it. Lenient
 * parsers disagree on "010.1.20.0" (some read 010 as octal 8), so such text is refused, never guessed.
 */

/** An IPv4 network as a numeric range, for overlap and membership checks. */
export interface Ipv4Range {
  cidr: string;
  first: number;
  last: number;
  prefix: number;
}

/** How an IPv4 value is written: a plain address, a network (CIDR), or an interface address with its prefix. */
export type Ipv4Form = "address" | "network" | "interface";

const FORMS: Record<Ipv4Form, { noun: string; example: string; prefixed: boolean }> = {
  address: { noun: "an IPv4 address", example: "10.20.1.5", prefixed: false },
  network: { noun: "an IPv4 network in CIDR form", example: "10.20.1.0/24", prefixed: true },
  interface: { noun: "an IPv4 address with its prefix", example: "203.0.113.10/29", prefixed: true },
};

type Reading = { ok: true; value: number; prefix: number } | { ok: false; requirement?: string; hint?: string };

const DECIMAL = /^\d+$/;
const PREFIX = /^(0|[1-9]\d?)$/;

function read(text: string, prefixed: boolean): Reading {
  if (text.trim() !== text) return { ok: false, requirement: "without spaces around it" };
  if (text.includes(":")) return { ok: false, hint: "IPv6 is not supported here" };
  const [address, prefixText, ...rest] = text.split("/");
  if (rest.length > 0) return { ok: false, hint: "one slash at most" };
  if (!prefixed && prefixText !== undefined) return { ok: false, requirement: "without a prefix" };
  if (prefixed && prefixText === undefined) return { ok: false, requirement: "with a prefix length" };
  const octets = address.split(".");
  if (octets.length !== 4 || !octets.every((o) => DECIMAL.test(o))) return { ok: false, hint: "four numbers 0-255 separated by dots" };
  if (octets.some((o) => Number(o) > 255)) return { ok: false, requirement: "with each number 0-255" };
  if (octets.some((o) => o.length > 1 && o.startsWith("0"))) {
    const meant = octets.map((o) => String(Number(o))).join(".") + (prefixText === undefined ? "" : `/${prefixText}`);
    return { ok: false, requirement: "without leading zeros", hint: `did you mean ${meant}? some tools read a leading 0 as octal` };
  }
  if (prefixText !== undefined && (!PREFIX.test(prefixText) || Number(prefixText) > 32)) {
    return { ok: false, requirement: "with a prefix length 0-32 without leading zeros" };
  }
  const value = octets.reduce((acc, o) => acc * 256 + Number(o), 0);
  return { ok: true, value, prefix: prefixText === undefined ? 32 : Number(prefixText) };
}

/**
 * Why `text` is not a strictly written IPv4 value of `form`, as a message "expected ..., found ...", or
 * undefined when it is one.
 */
export function ipv4Problem(form: Ipv4Form, text: string): string | undefined {
  const reading = read(text, FORMS[form].prefixed);
  if (reading.ok) return undefined;
  const { noun, example } = FORMS[form];
  const requirement = reading.requirement ? ` ${reading.requirement}` : "";
  const hint = reading.hint ? ` (${reading.hint})` : "";
  return `expected ${noun}${requirement} such as ${example}, found ${show(text)}${hint}`;
}

/** Reads text the schema already accepted; anything else is a bug in the caller, not bad input. */
function readChecked(text: string, form: Ipv4Form): { value: number; prefix: number } {
  const reading = read(text, FORMS[form].prefixed);
  if (!reading.ok) throw new Error(`not ${FORMS[form].noun}: ${JSON.stringify(text)} (the schema should have refused it)`);
  return reading;
}

export function ipToInt(ip: string): number {
  return readChecked(ip, "address").value;
}

export function intToIp(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}

function rangeOf(value: number, prefix: number): { first: number; last: number } {
  const size = 2 ** (32 - prefix);
  const first = Math.floor(value / size) * size;
  return { first, last: first + size - 1 };
}

/** Parses a CIDR; returns an error text when host bits are set, so the user sees the network meant. */
export function parseRange(cidr: string): Ipv4Range | string {
  const { value, prefix } = readChecked(cidr, "network");
  const { first, last } = rangeOf(value, prefix);
  if (first !== value) {
    return `expected a network address with no host bits set, found ${JSON.stringify(cidr)} (did you mean ${intToIp(first)}/${prefix}?)`;
  }
  return { cidr, first, last, prefix };
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
  return readChecked(cidr, "network").prefix;
}

/** Dotted netmask of a CIDR (vmkernel ports want 255.255.255.0, not /24). */
export function netmaskOf(cidr: string): string {
  const prefix = prefixOf(cidr);
  return intToIp(prefix === 0 ? 0 : 2 ** 32 - 2 ** (32 - prefix));
}

/** The network an interface address with prefix (203.0.113.10/29) lies in. */
export function networkOfInterface(addressWithPrefix: string): Ipv4Range {
  const { value, prefix } = readChecked(addressWithPrefix, "interface");
  const { first, last } = rangeOf(value, prefix);
  return { cidr: `${intToIp(first)}/${prefix}`, first, last, prefix };
}

/** The address part of an interface address with prefix (203.0.113.10 of 203.0.113.10/29). */
export function addressOfInterface(addressWithPrefix: string): string {
  return intToIp(readChecked(addressWithPrefix, "interface").value);
}

/** Why `ip` cannot be a host of `range` (named `label`), or undefined when it can. */
export function hostAddressProblem(range: Ipv4Range, ip: string, label: string): string | undefined {
  if (!contains(range, ip)) return `expected an address inside ${label} ${range.cidr}, found ${ip}`;
  if (!isHostAddress(range, ip))
    return `expected a host address of ${range.cidr}, found its ${ipToInt(ip) === range.first ? "network" : "broadcast"} address ${ip}`;
  return undefined;
}
