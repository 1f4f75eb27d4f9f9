import type { ComplianceResult } from "../compliance";
import { isBlocking } from "../engine/gate";
import { countOutcomes, SCOPE_NOTE } from "./summary";

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
    waivers: result.waivers.map((w) => ({
      id: w.waiver.id,
      site: w.site,
      kind: w.waiver.waiverKind,
      rule: w.waiver.rule,
      target: w.waiver.target,
      reason: w.waiver.reason,
      approver: w.waiver.approver,
      ticket: w.waiver.ticket,
      expires: w.waiver.expires,
      state: w.state,
      problem: w.problem ?? null,
      matched: w.matched,
      daysLeft: w.daysLeft,
    })),
    notCovered: result.notCovered,
  };
  return JSON.stringify(report, null, 2) + "\n";
}
