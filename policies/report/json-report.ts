import type { ComplianceResult } from "../compliance";
import { isBlocking } from "../engine/gate";
import { countOutcomes, SCOPE_NOTE } from "./summary";
import { waiverJson } from "./waiver-presentation";

/** report.json: the whole result, sorted and without timestamps (same input, same bytes). */
export function formatJsonReport(result: ComplianceResult): string {
  const report = {
    scopeNote: SCOPE_NOTE,
    evaluationDate: result.asOf,
    sites: result.sites,
    packs: result.packs.map((p) => ({ id: p.id, title: p.title, appliesTo: p.appliesTo, sites: p.sites, rules: p.rules })),
    summary: { ...countOutcomes(result.findings), blocking: result.findings.filter(isBlocking).length },
    rules: result.rules,
    findings: result.findings.map((f) => ({ ...f, blocking: isBlocking(f) })),
    waivers: result.waivers.map(waiverJson),
    waiverLimits: result.waiverLimits ?? null,
    notCovered: result.notCovered,
  };
  return JSON.stringify(report, null, 2) + "\n";
}
