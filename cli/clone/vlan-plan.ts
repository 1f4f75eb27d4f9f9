import { UsageError } from "../exit-codes";

/** VLAN ids from `from` to `to`, both included. */
export interface VlanRange {
  from: number;
  to: number;
}

/** VLAN ids the site already uses, with who uses them. */
export interface UsedVlans {
  range: VlanRange;
  owner: string;
}

const MIN_VLAN = 2; // VLAN 1 is the switches' default VLAN, never a tenant's
const MAX_VLAN = 4094;

const clash = (a: VlanRange, b: VlanRange) => a.from <= b.to && b.from <= a.to;
const show = (r: VlanRange) => (r.from === r.to ? `VLAN ${r.from}` : `VLANs ${r.from}-${r.to}`);

/** The --vlans option: `<from>-<to>`, ids 2-4094, from not above to. */
export function readVlansOption(text: string): VlanRange {
  const m = /^(\d{1,4})-(\d{1,4})$/.exec(text);
  const range = m ? { from: Number(m[1]), to: Number(m[2]) } : undefined;
  if (!range || range.from < MIN_VLAN || range.to > MAX_VLAN || range.from > range.to)
    throw new UsageError(
      `--vlans: expected a range <from>-<to> of VLAN ids ${MIN_VLAN}-${MAX_VLAN} with from not above to, such as 500-599, found ${JSON.stringify(text)}`,
    );
  return range;
}

/** The first use of the site the range clashes with, if any. */
export function firstVlanClash(range: VlanRange, used: readonly UsedVlans[]): UsedVlans | undefined {
  return used.find((u) => clash(u.range, range));
}

/** Describes a clash for an error: "VLANs 400-499 of tenant haugnes". */
export const describeVlanUse = (u: UsedVlans) => `${show(u.range)} of ${u.owner}`;

/** The next range of the source's size after it (wrapping around) that no one on the site uses. */
export function nextFreeVlans(source: VlanRange, used: readonly UsedVlans[]): VlanRange {
  const size = source.to - source.from + 1;
  // Keep the source's alignment (400-499 -> 500-599): candidates start where the source's would.
  const starts: number[] = [];
  for (let from = MIN_VLAN + ((source.from - MIN_VLAN) % size); from + size - 1 <= MAX_VLAN; from += size) starts.push(from);
  const at = starts.indexOf(source.from);
  for (let i = 1; i <= starts.length; i++) {
    const from = starts[(at + i) % starts.length];
    const candidate = { from, to: from + size - 1 };
    if (!firstVlanClash(candidate, used)) return candidate;
  }
  throw new UsageError(`no free range of ${size} VLAN ids is left on the site: give one with --vlans`, false);
}

/**
 * Moves the source's network VLANs into `target`: at their offset in the source range when the target
 * is as large, else one after another from its start. Fewer ids than networks is too small.
 */
export function planVlans(source: VlanRange, vlans: readonly number[], target: VlanRange): Map<number, number> {
  const size = target.to - target.from + 1;
  const distinct = [...new Set(vlans)];
  if (distinct.length > size)
    throw new UsageError(
      `--vlans ${target.from}-${target.to} is too small: the source has ${distinct.length} networks, each on its own VLAN; the range holds ${size}`,
      false,
    );
  const keepOffsets = distinct.every((v) => v - source.from < size && v >= source.from);
  return new Map(distinct.map((v, i) => [v, keepOffsets ? v - source.from + target.from : target.from + i]));
}
