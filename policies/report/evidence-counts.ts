import type { ComplianceResult } from "../compliance";
import type { Outcome } from "../engine/rule";
import type { ReportEvidenceType } from "./coverage-matrix";

export interface EvidenceCount {
  evidence: ReportEvidenceType;
  /** Rules of this evidence type that ran; for not-covered, the catalogue controls no rule checks. */
  rules: number;
  outcomes: Partial<Record<Outcome, number>>;
}

/** Findings per evidence type (config, declared, attested) and the not-covered controls, for every view's summary. */
export function evidenceCounts(result: ComplianceResult): EvidenceCount[] {
  const types = ["config", "declared", "attested"] as const;
  const rows: EvidenceCount[] = types.map((evidence) => {
    const outcomes: Partial<Record<Outcome, number>> = {};
    for (const f of result.findings) if (f.evidence === evidence) outcomes[f.outcome] = (outcomes[f.outcome] ?? 0) + 1;
    return { evidence, rules: result.rules.filter((r) => r.evidence === evidence).length, outcomes };
  });
  rows.push({ evidence: "not-covered", rules: result.notCovered.length, outcomes: {} });
  return rows;
}
