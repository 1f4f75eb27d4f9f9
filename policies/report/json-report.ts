import type { ComplianceResult } from "../compliance";
import { isBlocking } from "../engine/gate";
import { evidenceCounts } from "./evidence-counts";
import { inputForReport, withReportPath } from "./report-paths";
import { countOutcomes, SCOPE_NOTE } from "./summary";
import { waiverJson } from "./waiver-presentation";

/**
 * report.json: the whole result, sorted and without timestamps (same input, same bytes): provenance,
 * scope, input, every finding, waivers, parameters, the coverage matrix, the ISO annex per tenant and
 * what no rule covers.
 */
export function formatJsonReport(result: ComplianceResult): string {
  const report = {
    scopeNote: SCOPE_NOTE,
    evaluationDate: result.asOf,
    provenance: result.provenance,
    scope: result.scope,
    sites: result.sites,
    input: inputForReport(result),
    packs: result.packs.map((p) => ({ id: p.id, title: p.title, appliesTo: p.appliesTo, sites: p.sites, rules: p.rules })),
    summary: { ...countOutcomes(result.findings), blocking: result.findings.filter(isBlocking).length },
    evidence: evidenceCounts(result),
    rules: result.rules,
    findings: result.findings.map((f) => withReportPath(f, result.provenance.inputFiles, { blocking: isBlocking(f) })),
    waivers: result.waivers.map(waiverJson),
    waiverLimits: result.waiverLimits ?? null,
    parameters: result.parameters,
    coverage: result.coverage,
    isoAnnex: result.isoAnnex,
    notCovered: result.notCovered.map((n) => ({ ...n, evidence: "not-covered" as const })),
  };
  return JSON.stringify(report, null, 2) + "\n";
}
