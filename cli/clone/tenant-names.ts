/**
 * How a source tenant's names become the new tenant's: its id (haugnes), its display name (Haugnes
 * kommune) and the prefix its VMs are named with (hgn-dc01). Each is replaced as a whole word, in the
 * case it was written in (HAUGNES\vmware-operatorer, ad.haugnes.kommune.no, "Haugnes's RDS farm"), so
 * a word that only contains the id is left alone.
 */
export interface TenantNames {
  id: string;
  displayName: string;
  /** The word before the first hyphen that most of its VM names share, if any. */
  vmPrefix?: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function inCaseOf(found: string, replacement: string): string {
  if (found === found.toUpperCase() && found !== found.toLowerCase()) return replacement.toUpperCase();
  if (found[0] === found[0].toUpperCase() && found.slice(1) === found.slice(1).toLowerCase())
    return replacement[0].toUpperCase() + replacement.slice(1);
  return replacement;
}

/** A renaming from one tenant's names to another's, applied word by word to any text. */
export class Renaming {
  private readonly words: [RegExp, string][];

  constructor(
    readonly from: TenantNames,
    readonly to: TenantNames,
  ) {
    const pairs: [string, string][] = [[from.id, to.id]];
    if (from.vmPrefix && to.vmPrefix) pairs.push([from.vmPrefix, to.vmPrefix]);
    // Letters, digits and the accented letters of Nordic names count as word characters; a hyphen does not.
    this.words = pairs.map(([a, b]) => [new RegExp(`(?<![\\p{L}\\p{N}])${escape(a)}(?![\\p{L}\\p{N}])`, "giu"), b]);
  }

  /** `text` with every whole-word use of the source's names replaced. */
  apply(text: string): string {
    let out = text.split(this.from.displayName).join(this.to.displayName);
    for (const [word, replacement] of this.words) out = out.replace(word, (found) => inCaseOf(found, replacement));
    return out;
  }

  /** Whether `text` still names the source tenant. */
  mentionsSource(text: string): boolean {
    return text.includes(this.from.displayName) || this.words.some(([w]) => new RegExp(w.source, "iu").test(text));
  }
}

/**
 * The VM name prefix of a tenant: the word before the first hyphen that at least half of its VM names
 * and name patterns start with (hgn of hgn-dc01, hgn-rds{n:02}); none when no word is that common.
 */
export function vmPrefixOf(vmNames: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const name of vmNames) {
    const m = /^([a-z][a-z0-9]*)-/i.exec(name);
    if (m) counts.set(m[1].toLowerCase(), (counts.get(m[1].toLowerCase()) ?? 0) + 1);
  }
  const [best] = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return best && best[1] * 2 >= vmNames.length ? best[0] : undefined;
}

/** The prefix for the new tenant's VMs: its id's first three letters and digits (nyby -> nyb). */
export function defaultVmPrefix(id: string): string {
  return id.replace(/[^a-z0-9]/g, "").slice(0, 3);
}

/** A display name from the id in the country's word for municipality (nyby -> Nyby kommun). */
export function defaultDisplayName(id: string, country: string): string {
  const word = { SE: "kommun", NO: "kommune", DK: "Kommune" }[country] ?? "municipality";
  const name = id
    .split("-")
    .map((p) => p[0].toUpperCase() + p.slice(1))
    .join(" ");
  return `${name} ${word}`;
}
