import type { NotCovered } from "../controls/not-covered";
import { compareControlRefs } from "../controls/iso27001-annex-a";
import type { ControlRef, EvidenceType, Finding, Outcome } from "../engine/rule";

/** The evidence types a view shows: the rules' three, and `not-covered` for catalogue controls no rule checks. */
export type ReportEvidenceType = EvidenceType | "not-covered";

export interface RuleCoverage {
  rule: string;
  evidence: EvidenceType;
  outcomes: Partial<Record<Outcome, number>>;
  /** Findings by the evidence they rest on (a rule's checks may rest on more than its own type). */
  evidenceCounts: Partial<Record<EvidenceType, number>>;
}

/** One control reference (framework and ref): the rules that cite it, and the not-covered items that name it. */
export interface ControlCoverage {
  framework: string;
  ref: string;
  edition: string;
  verified: boolean;
  rules: RuleCoverage[];
  /** NOT_COVERED ids that name this control: checked by no rule. */
  notCovered: string[];
}

interface RuleLike {
  id: string;
  evidence: EvidenceType;
  controls: readonly ControlRef[];
}

const keyOf = (c: ControlRef) => `${c.framework}\u0000${c.ref}`;

/** Rule x control: for every control reference, the rules citing it with their outcome and evidence counts. */
export function coverageMatrix(
  rules: readonly RuleLike[],
  findings: readonly Finding[],
  notCovered: readonly NotCovered[],
): ControlCoverage[] {
  const byRule = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byRule.get(f.rule);
    if (list) list.push(f);
    else byRule.set(f.rule, [f]);
  }
  const rows = new Map<string, ControlCoverage>();
  const row = (c: ControlRef) => {
    const existing = rows.get(keyOf(c));
    if (existing) return existing;
    const created: ControlCoverage = {
      framework: c.framework,
      ref: c.ref,
      edition: c.edition,
      verified: c.verified,
      rules: [],
      notCovered: [],
    };
    rows.set(keyOf(c), created);
    return created;
  };
  for (const r of rules) {
    const outcomes: Partial<Record<Outcome, number>> = {};
    const evidenceCounts: Partial<Record<EvidenceType, number>> = {};
    for (const f of byRule.get(r.id) ?? []) {
      outcomes[f.outcome] = (outcomes[f.outcome] ?? 0) + 1;
      evidenceCounts[f.evidence] = (evidenceCounts[f.evidence] ?? 0) + 1;
    }
    for (const c of new Map(r.controls.map((c) => [keyOf(c), c])).values())
      row(c).rules.push({ rule: r.id, evidence: r.evidence, outcomes, evidenceCounts });
  }
  for (const n of notCovered) for (const c of n.controls) if (!row(c).notCovered.includes(n.id)) row(c).notCovered.push(n.id);
  return [...rows.values()]
    .map((r) => ({ ...r, rules: r.rules.sort((a, b) => (a.rule < b.rule ? -1 : 1)), notCovered: r.notCovered.sort() }))
    .sort((a, b) => (a.framework < b.framework ? -1 : a.framework > b.framework ? 1 : compareControlRefs(a.ref, b.ref)));
}
