import { CLASSIFICATIONS } from "../../contracts/classifications";
import type { Country, Sensitivity } from "../../contracts/facility-objects";
import { regimesFor } from "../../contracts/legal-regimes";
import type { Pack } from "../packs/pack";
import { ALL_RULES } from "../rules";
import type { ScopeColumn } from "./scope-types";

const COUNTRIES: readonly Country[] = ["NO", "SE", "DK"];

/** The regimes contracts/legal-regimes.ts derives, in the order docs/legal-regimes.md lists them, with their names. */
const REGIME_TITLES: readonly (readonly [string, string])[] = [
  ["digitalsikkerhetsloven", "Digitalsikkerhetsloven (NO, Digital Security Act)"],
  ["nsm-grunnprinsipper", "NSM Grunnprinsipper for IKT-sikkerhet (NO)"],
  ["normen", "Normen (NO, information security code of the health sector)"],
  ["sikkerhetsloven", "Sikkerhetsloven (NO, Security Act)"],
  ["nis2-dk", "NIS 2-loven (DK, LOV nr. 434 af 6. maj 2025)"],
  ["nis2-se", "Cybersäkerhetslagen (SE, 2025:1506)"],
  ["sakerhetsskyddslagen", "Säkerhetsskyddslagen (SE, Protective Security Act 2018:585)"],
  ["gdpr", "GDPR (EU) 2016/679"],
];

/** What brings a regime, read from regimesFor itself so the matrix cannot drift from the table. */
export interface RegimeTrigger {
  /** Countries whose tenants it can apply to. */
  countries: Country[];
  /** In a country: whether every tenant there is subject (true) or only those holding `data`. */
  always: (country: Country) => boolean;
  /** In a country: the data that brings it. */
  data: (country: Country) => Sensitivity[];
}

export function regimeTrigger(regime: string): RegimeTrigger {
  const always = (c: Country) => regimesFor(c, []).includes(regime);
  return {
    countries: COUNTRIES.filter((c) => regimesFor(c, CLASSIFICATIONS).includes(regime)),
    always,
    data: (c) => (always(c) ? [] : CLASSIFICATIONS.filter((s) => regimesFor(c, [s]).includes(regime))),
  };
}

export const regimeTitle = (regime: string): string => REGIME_TITLES.find(([id]) => id === regime)?.[1] ?? regime;

/** "health", "personal or health". */
export const dataWords = (data: readonly string[]): string =>
  data.length <= 1 ? (data[0] ?? "") : `${data.slice(0, -1).join(", ")} or ${data[data.length - 1]}`;

/**
 * The matrix's columns: every regime that applies to some tenant of the input (known ones in the
 * table's order, others a tenant object declares after them, sorted), then one column per every-site
 * pack that ran. The site standards are the every-site packs (redundancy, vSphere hardening, FortiGate
 * baseline, ISO/IEC 27001 Annex A): each column names the standards its rules cite (EN 50600, the vSphere
 * SCG, ...), so the column is what was checked, not a standard the configuration cannot show.
 */
export function scopeColumns(regimesInUse: ReadonlySet<string>, sitePacks: readonly Pack[]): ScopeColumn[] {
  const known = REGIME_TITLES.map(([id]) => id);
  const regimes = [...known.filter((r) => regimesInUse.has(r)), ...[...regimesInUse].filter((r) => !known.includes(r)).sort()];
  const columns: ScopeColumn[] = regimes.map((id) => {
    const t = regimeTrigger(id);
    const data = [...new Set(t.countries.flatMap((c) => t.data(c)))];
    return { id, title: regimeTitle(id), basis: "tenant-regime", countries: t.countries, data };
  });
  for (const p of sitePacks) columns.push({ id: p.id, title: p.title, basis: "site-standard", pack: p.id, cites: citedStandards(p) });
  return columns;
}

/** The standards and benchmarks a pack's rules cite, most cited first (ties by name). */
function citedStandards(pack: Pack): string[] {
  const counts = new Map<string, number>();
  for (const id of pack.rules)
    for (const c of ALL_RULES.find((r) => r.meta.id === id)?.meta.controls ?? [])
      if (c.kind === "standard" || c.kind === "benchmark") counts.set(c.framework, (counts.get(c.framework) ?? 0) + 1);
  return [...counts.entries()].sort(([a, n], [b, m]) => m - n || (a < b ? -1 : 1)).map(([f]) => f);
}
