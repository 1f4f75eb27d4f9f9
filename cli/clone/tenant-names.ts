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
const capitalise = (w: string) => (w.length === 0 ? w : w[0].toUpperCase() + w.slice(1));
const isCapitalised = (w: string) => w.length > 0 && w[0] === w[0].toUpperCase() && w.slice(1) === w.slice(1).toLowerCase();

/** `replacement` in the case `found` was written in: UPPER, Capitalised (word by word), or as it is. */
function inCaseOf(found: string, replacement: string): string {
  if (found === found.toUpperCase() && found !== found.toLowerCase()) return replacement.toUpperCase();
  if (found.split(" ").every(isCapitalised)) return replacement.split(" ").map(capitalise).join(" ");
  return replacement;
}

/** A renaming from one tenant's names to another's, applied word by word to any text. */
export class Renaming {
  /** One pattern for every name, longest first, so each place is renamed once and never renamed again. */
  private readonly pattern: RegExp;
  private readonly replacements = new Map<string, string>();
  /** Source words as prose writes them (Tallmo, Kvistrup Forsyning) -> the new tenant's proper name (Ängby). */
  private readonly properNames = new Map<string, string>();

  /** `also`: further names renamed alongside (a site's id and municipality, the other tenants of a cloned site). */
  constructor(
    readonly from: TenantNames,
    readonly to: TenantNames,
    also: readonly { from: TenantNames; to: TenantNames }[] = [],
  ) {
    const all = [{ from, to }, ...also];
    const longestFirst = (a: [string, string], b: [string, string]) => b[0].length - a[0].length || (a[0] < b[0] ? -1 : 1);
    const names = [
      ...all.map((x): [string, string] => [x.from.displayName, x.to.displayName]),
      ...all.flatMap((x) => wordPairs(x.from, x.to)),
    ];
    for (const [a, b] of names.sort(longestFirst)) if (!this.replacements.has(a.toLowerCase())) this.replacements.set(a.toLowerCase(), b);
    for (const x of all) {
      const proper = properName(x.from, x.to);
      if (proper) this.properNames.set(x.from.id.replace(/-/g, " "), proper);
    }
    // Letters and digits (the accented letters of Nordic names too) make up a word; a hyphen or dot does not.
    const alternatives = [...this.replacements.keys()].map(escape).join("|");
    this.pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives})(?![\\p{L}\\p{N}])`, "giu");
  }

  /** `text` with every whole-word use of the source's names replaced. */
  apply(text: string): string {
    return text.replace(this.pattern, (found) => {
      // Capitalised, the id is the municipality's name in prose: "Tallmo's RDS farm" -> "Ängby's RDS farm".
      const proper = found.split(" ").every(isCapitalised) ? this.properNames.get(found.toLowerCase().replace(/-/g, " ")) : undefined;
      return proper ?? inCaseOf(found, this.replacements.get(found.toLowerCase()) ?? found);
    });
  }
}

/**
 * The new name as prose writes it: the new display name without the words the source's display name
 * has besides its id (Tallmo kommun -> Ängby kommun gives Ängby; Kvistrup Forsyning A/S -> Vestby
 * Forsyning A/S gives Vestby Forsyning). None when the display names do not follow the ids.
 */
function properName(from: TenantNames, to: TenantNames): string | undefined {
  const idWords = from.id.split("-");
  const generic = from.displayName.split(" ").filter((w) => !idWords.includes(w.toLowerCase()));
  if (generic.length === from.displayName.split(" ").length) return undefined;
  const proper = to.displayName
    .split(" ")
    .filter((w) => !generic.includes(w))
    .join(" ");
  // Swedish puts the name in the genitive before kommun (Älvstads kommun): the name itself has no s.
  const fold = (s: string) =>
    s
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/[^a-z0-9]/g, "");
  if (proper.endsWith("s") && fold(proper) !== fold(to.id) && fold(proper.slice(0, -1)) === fold(to.id)) return proper.slice(0, -1);
  return proper === "" ? undefined : proper;
}

/** The words to replace for one tenant (or site): its id as written in names, domains and prose, and its VM prefix. */
function wordPairs(from: TenantNames, to: TenantNames): [string, string][] {
  // The id as names write it (kvistrup-forsyning), as domains do (kvistrupforsyning.dk) and as prose does (Kvistrup Forsyning).
  const pairs: [string, string][] = [
    [from.id, to.id],
    [from.id.replace(/-/g, ""), to.id.replace(/-/g, "")],
    [from.id.replace(/-/g, " "), to.id.replace(/-/g, " ")],
  ];
  if (from.vmPrefix && to.vmPrefix) pairs.push([from.vmPrefix, to.vmPrefix]);
  return pairs;
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

/**
 * The prefix for the new tenant's VMs, one no other tenant's VMs use: its id's first three letters and
 * digits (nyby -> nyb), else its words' initials (vestby-forsyning -> vf), else the three letters and a
 * digit (nyb2).
 */
export function defaultVmPrefix(id: string, taken: ReadonlySet<string> = new Set()): string {
  const letters = id.replace(/[^a-z0-9]/g, "");
  const words = id.split("-").filter((w) => w !== "");
  const candidates = [letters.slice(0, 3), ...(words.length > 1 ? [words.map((w) => w[0]).join("")] : [])];
  for (let n = 2; n <= 9; n++) candidates.push(`${letters.slice(0, 3)}${n}`);
  return candidates.find((c) => !taken.has(c)) ?? letters;
}

/**
 * The new tenant's display name: the source's, with the words of the source's id replaced by the new
 * id's (Kvistrup Forsyning A/S -> Vestby Forsyning A/S for vestby-forsyning, Haugnes kommune -> Nyby
 * kommune); else the new id and the country's word for municipality (nyby -> Nyby kommun).
 */
export function defaultDisplayName(source: { id: string; displayName: string }, id: string, country: string): string {
  const from = source.id.split("-");
  const words = source.displayName.split(" ");
  for (let i = 0; i + from.length <= words.length; i++) {
    if (from.every((w, j) => words[i + j].toLowerCase() === w))
      return [...words.slice(0, i), ...id.split("-").map(capitalise), ...words.slice(i + from.length)].join(" ");
  }
  const word = { SE: "kommun", NO: "kommune", DK: "Kommune" }[country] ?? "municipality";
  return `${id.split("-").map(capitalise).join(" ")} ${word}`;
}
