import type { ComplianceResult } from "../compliance";
import { isBlocking } from "../engine/gate";
import type { ControlRef, Finding } from "../engine/rule";
import { evidenceCounts } from "./evidence-counts";
import { formatCoverageSection, formatIsoAnnexSection, formatParametersSection, formatProvenanceSection } from "./markdown-sections";
import { markdownTable as table } from "./markdown-table";
import { reportPath } from "./report-paths";
import { formatScopeSection } from "./scope-section";
import { actionable, countOutcomes, findingRef, OUTCOMES, SCOPE_NOTE } from "./summary";
import { formatWaiversSection } from "./waivers-section";

/** "ISO/IEC 27001:2022 Annex A 8.14", with "(verify)" where the primary text was not read. */
export const formatControl = (c: ControlRef): string => `${c.framework} ${c.ref}${c.verified ? "" : " (verify)"}`;

/**
 * report.md, for people and merge requests: the scope, the provenance, the summary, the findings to
 * act on, what is not evaluable, attested and declared, the waivers, the rules with their versions,
 * the parameters, the coverage matrix, the ISO 27001 annex per tenant, and what no rule covers.
 */
export function formatMarkdownReport(result: ComplianceResult): string {
  const counts = countOutcomes(result.findings);
  const blocking = result.findings.filter(isBlocking).length;
  const out: string[] = ["# Compliance report", "", SCOPE_NOTE, "", `Evaluation date: ${result.asOf}.`, ""];

  out.push(...formatScopeSection(result));
  out.push(...formatProvenanceSection(result));

  out.push("## Summary", "");
  out.push(...table(OUTCOMES.slice(), [OUTCOMES.map((o) => counts[o])]), "");
  out.push(
    "By evidence type (config: checked in the configuration; declared: a typed fact; attested: a person's record; not-covered: no rule):",
    "",
  );
  const byEvidence = evidenceCounts(result);
  out.push(
    ...table(
      ["evidence", "rules", ...OUTCOMES],
      byEvidence.map((e) => [e.evidence, e.rules, ...OUTCOMES.map((o) => (e.evidence === "not-covered" ? "-" : (e.outcomes[o] ?? 0)))]),
    ),
    "",
  );
  out.push(
    blocking > 0 ? `**${blocking} mandatory finding(s) without a valid waiver.**` : "No mandatory finding without a valid waiver.",
    "",
  );

  const act = actionable(result);
  out.push("## Findings to act on", "");
  if (act.length === 0) out.push("None.", "");
  else
    out.push(
      ...table(
        ["rule", "severity", "enforcement", "stack", "object", "observed", "expected", "evidence", "file", "status"],
        act.map((f) => [
          f.rule,
          f.severity,
          f.enforcement,
          f.stack,
          findingRef(f),
          f.observed,
          f.expected,
          f.evidence,
          fileOf(f, result),
          status(f),
        ]),
      ),
      "",
    );

  const notEvaluable = result.findings.filter((f) => f.outcome === "not-evaluable");
  out.push(
    "## Not evaluable",
    "",
    `Checks the input holds no evidence for: counted apart (${notEvaluable.length}), never a pass. The reason is in "observed".`,
    "",
  );
  if (notEvaluable.length === 0) out.push("None.", "");
  else
    out.push(
      ...table(
        ["rule", "stack", "object", "reason (observed)", "expected"],
        notEvaluable.map((f) => [f.rule, f.stack, findingRef(f), f.observed, f.expected]),
      ),
      "",
    );

  const attested = result.findings.filter((f) => f.evidence === "attested" && f.outcome !== "not-applicable");
  out.push(
    "## Attested",
    "",
    "Checks that rest on a person's record: attested, not passed. A missing or overdue record is a finding to act on.",
    "",
  );
  if (attested.length === 0) out.push("None.", "");
  else
    out.push(
      ...table(
        ["rule", "stack", "object", "outcome", "by (role)", "date", "document", "result", "next due"],
        attested.map((f) => [
          f.rule,
          f.stack,
          findingRef(f),
          f.outcome === "attested" ? "attested" : f.outcome,
          f.attestation?.by ?? "-",
          f.attestation?.date ?? "-",
          f.attestation?.documentRef ?? "-",
          f.attestation?.result ?? "-",
          f.attestation?.nextDue ?? "-",
        ]),
      ),
      "",
    );

  out.push(
    "## Declared",
    "",
    "Findings that rest on facts someone typed (a facility object), by the document they were read from and when it was last verified against the room.",
    "",
  );
  const declared = declaredGroups(result.findings);
  if (declared.length === 0) out.push("None.", "");
  else
    out.push(
      ...table(
        ["document", "verified", "rule", "results", "objects"],
        declared.map((g) => [g.document, g.verified, g.rule, g.results, g.objects]),
      ),
      "",
    );

  out.push(...formatWaiversSection(result));

  out.push("## Rules", "");
  out.push(
    ...table(
      ["rule", "version", "title", "severity", "enforcement", "evidence", "results", "controls"],
      result.rules.map((r) => [
        `${r.id} (${r.name})`,
        r.version,
        r.title,
        r.severity,
        r.enforcement,
        r.evidence,
        OUTCOMES.filter((o) => (r.counts[o] ?? 0) > 0)
          .map((o) => `${r.counts[o]} ${o}`)
          .join(", ") || "nothing to check",
        r.controls.map(formatControl).join("; "),
      ]),
    ),
    "",
  );

  out.push(...formatParametersSection(result));
  out.push(...formatCoverageSection(result));
  out.push(...formatIsoAnnexSection(result));

  out.push("## Not covered", "", "Catalogue controls no rule checks (evidence type not-covered), and how to evidence them instead.", "");
  out.push(
    ...table(
      ["control", "title", "why not", "how to evidence", "references"],
      result.notCovered.map((n) => [n.id, n.title, n.why, n.howToEvidence, n.controls.map(formatControl).join("; ")]),
    ),
    "",
  );
  return out.join("\n");
}

const fileOf = (f: Finding, result: ComplianceResult): string => {
  if (f.file === undefined) return "-";
  const file = reportPath(f.file, result.provenance.inputFiles);
  return f.line === undefined ? file : `${file}:${f.line}`;
};

function status(f: Finding): string {
  if (f.waiver) return `waived by ${f.waiver.id} (${f.waiver.approver}, ${f.waiver.ticket}, until ${f.waiver.expires})`;
  if (isBlocking(f)) return "blocks deploy";
  return f.enforcement === "advisory" ? "advisory" : f.outcome;
}

interface DeclaredGroup {
  document: string;
  verified: string;
  rule: string;
  results: string;
  objects: number;
}

/** Declared findings by source document, verified date and rule, with their outcomes: bounded by documents, not objects. */
function declaredGroups(findings: readonly Finding[]): DeclaredGroup[] {
  const groups = new Map<string, { document: string; verified: string; rule: string; findings: Finding[] }>();
  for (const f of findings) {
    if (f.evidence !== "declared") continue;
    const document = f.source?.document ?? "(no source recorded)";
    const verified = f.source?.verified ?? "-";
    const key = JSON.stringify([document, verified, f.rule]);
    const g = groups.get(key) ?? { document, verified, rule: f.rule, findings: [] };
    g.findings.push(f);
    groups.set(key, g);
  }
  return [...groups.values()]
    .sort((a, b) =>
      a.document !== b.document
        ? a.document < b.document
          ? -1
          : 1
        : a.verified !== b.verified
          ? a.verified < b.verified
            ? -1
            : 1
          : a.rule < b.rule
            ? -1
            : 1,
    )
    .map((g) => {
      const counts = countOutcomes(g.findings);
      return {
        document: g.document,
        verified: g.verified,
        rule: g.rule,
        results: OUTCOMES.filter((o) => counts[o] > 0)
          .map((o) => `${counts[o]} ${o}`)
          .join(", "),
        objects: new Set(g.findings.map((f) => `${f.stack} ${f.address}`)).size,
      };
    });
}
