import type { NotCovered } from "../controls/not-covered";
import { ISO27001_ANNEX_A, type AnnexAControl } from "../controls/iso27001-annex-a";
import { ISO27001 } from "../controls/references";
import type { ControlRef, Finding, Outcome } from "../engine/rule";

const ISO_FRAMEWORK = ISO27001("5.1").framework;

/** A rule that contributes evidence to an Annex A control, with its outcomes over one tenant's findings. */
export interface AnnexRuleEvidence {
  rule: string;
  outcomes: Partial<Record<Outcome, number>>;
}

export interface AnnexControlEvidence extends AnnexAControl {
  /** Rules that contribute evidence to this control; empty: none does. */
  rules: AnnexRuleEvidence[];
  /** NOT_COVERED items that name this control: how to evidence it outside the checks. */
  notCovered: string[];
}

/** The Annex A annex of one tenant at one site: every control, and the rules that contribute evidence to it. */
export interface TenantAnnex {
  site: string;
  tenant: string;
  controls: AnnexControlEvidence[];
}

interface RuleLike {
  id: string;
  controls: readonly ControlRef[];
  /** Per site the rule ran at (RuleSummary.params): a rule outside a site's packs contributes nothing there. */
  params: Record<string, unknown>;
}

/**
 * One annex per tenant of each site. A tenant's findings are those naming it (`finding.tenant`) and those
 * naming no tenant: the site's shared stacks (facility, firewall, vSphere) count for every tenant.
 */
export function isoAnnexes(
  sites: readonly { site: string; tenants: readonly { id: string }[] }[],
  rules: readonly RuleLike[],
  findings: readonly Finding[],
  notCovered: readonly NotCovered[],
): TenantAnnex[] {
  const citing = new Map<string, string[]>();
  for (const r of rules)
    for (const c of r.controls)
      if (c.framework === ISO_FRAMEWORK && !(citing.get(c.ref) ?? []).includes(r.id))
        citing.set(c.ref, [...(citing.get(c.ref) ?? []), r.id]);
  const gaps = new Map<string, string[]>();
  for (const n of notCovered)
    for (const c of n.controls) if (c.framework === ISO_FRAMEWORK) gaps.set(c.ref, [...new Set([...(gaps.get(c.ref) ?? []), n.id])].sort());
  const ranAt = new Map(rules.map((r) => [r.id, new Set(Object.keys(r.params))]));
  const tallies = tallyFindings(findings);
  const annexes: TenantAnnex[] = [];
  for (const s of sites) {
    for (const t of s.tenants) {
      const shared = tallies.get(s.site)?.get(undefined);
      const own = tallies.get(s.site)?.get(t.id);
      const outcomes = new Map<string, Partial<Record<Outcome, number>>>();
      for (const rule of new Set([...(shared?.keys() ?? []), ...(own?.keys() ?? [])]))
        outcomes.set(rule, mergeTallies(shared?.get(rule), own?.get(rule)));
      annexes.push({
        site: s.site,
        tenant: t.id,
        controls: ISO27001_ANNEX_A.map((c) => ({
          ...c,
          rules: (citing.get(c.ref) ?? [])
            .filter((rule) => ranAt.get(rule)?.has(s.site))
            .sort()
            .map((rule) => ({ rule, outcomes: outcomes.get(rule) ?? {} })),
          notCovered: gaps.get(c.ref) ?? [],
        })),
      });
    }
  }
  return annexes;
}

/** Per outcome of a rule: how many findings, and the index of the first (so merged counts keep the order outcomes first appear in). */
type Tally = Map<Outcome, { count: number; first: number }>;

/** Site -> tenant (undefined: the site's shared stacks) -> rule -> tally, in one pass over the findings. */
function tallyFindings(findings: readonly Finding[]): Map<string, Map<string | undefined, Map<string, Tally>>> {
  const out = new Map<string, Map<string | undefined, Map<string, Tally>>>();
  findings.forEach((f, i) => {
    let bySite = out.get(f.site);
    if (bySite === undefined) out.set(f.site, (bySite = new Map<string | undefined, Map<string, Tally>>()));
    let byRule = bySite.get(f.tenant);
    if (byRule === undefined) bySite.set(f.tenant, (byRule = new Map<string, Tally>()));
    let tally = byRule.get(f.rule);
    if (tally === undefined) byRule.set(f.rule, (tally = new Map() as Tally));
    const entry = tally.get(f.outcome);
    if (entry) entry.count++;
    else tally.set(f.outcome, { count: 1, first: i });
  });
  return out;
}

/** A tenant's counts of one rule: the shared stacks' and its own, outcomes in the order they first appear among the findings. */
function mergeTallies(shared: Tally | undefined, own: Tally | undefined): Partial<Record<Outcome, number>> {
  const entries = new Map<Outcome, { count: number; first: number }>();
  for (const tally of [shared, own])
    for (const [outcome, { count, first }] of tally ?? []) {
      const seen = entries.get(outcome);
      entries.set(outcome, seen ? { count: seen.count + count, first: Math.min(seen.first, first) } : { count, first });
    }
  const counts: Partial<Record<Outcome, number>> = {};
  for (const [outcome, { count }] of [...entries].sort(([, a], [, b]) => a.first - b.first)) counts[outcome] = count;
  return counts;
}
