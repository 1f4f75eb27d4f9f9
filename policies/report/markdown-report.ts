import type { ComplianceResult } from "../compliance";
import { isBlocking } from "../engine/gate";
import type { ControlRef, Finding } from "../engine/rule";
import { actionable, countOutcomes, findingRef, OUTCOMES, SCOPE_NOTE } from "./summary";

import { markdownTable as table } from "./markdown-table";
import { formatScopeSection } from "./scope-section";
import { formatWaiversSection } from "./waivers-section";

/** "ISO/IEC 27001:2022 Annex A 8.14", with "(verify)" where the primary text was not read. */
export const formatControl = (c: ControlRef): string => `${c.framework} ${c.ref}${c.verified ? "" : " (verify)"}`;

/** report.md: what was checked, the findings to act on, what rests on attestation, waivers, and what no rule covers. */
export function formatMarkdownReport(result: ComplianceResult): string {
  const counts = countOutcomes(result.findings);
  const blocking = result.findings.filter(isBlocking).length;
  const out: string[] = ["# Compliance report", "", SCOPE_NOTE, "", `Evaluation date: ${result.asOf}.`, ""];

  out.push(...formatScopeSection(result));

  out.push("## Parameters", "", "The thresholds each rule ran with, per site (defaults unless the site's policy.yaml sets them).", "");
  const withParams = result.rules.filter((r) => Object.values(r.params).some((p) => Object.keys(p).length > 0));
  out.push(
    ...table(
      ["rule", "site", "parameters"],
      withParams.flatMap((r) =>
        Object.entries(r.params).map(([site, p]) => [
          r.id,
          site,
          Object.entries(p)
            .map(([k, v]) => `${k} = ${String(v)}`)
            .join(", "),
        ]),
      ),
    ),
    "",
  );

  out.push("## Summary", "");
  out.push(...table(OUTCOMES.slice(), [OUTCOMES.map((o) => counts[o])]), "");
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
        ["rule", "severity", "enforcement", "stack", "object", "observed", "expected", "status"],
        act.map((f) => [f.rule, f.severity, f.enforcement, f.stack, findingRef(f), f.observed, f.expected, status(f)]),
      ),
      "",
    );

  section(
    out,
    "Not evaluable",
    "Checks the input holds no evidence for: counted apart, never a pass.",
    result.findings.filter((f) => f.outcome === "not-evaluable"),
  );
  section(
    out,
    "Attested",
    "Checks that rest on a person's record (who, when, document, next due): attested, not passed.",
    result.findings.filter((f) => f.outcome === "attested"),
  );

  out.push(...formatWaiversSection(result));

  out.push("## Rules", "");
  out.push(
    ...table(
      ["rule", "title", "severity", "enforcement", "evidence", "results", "controls"],
      result.rules.map((r) => [
        `${r.id} (${r.name})`,
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

  out.push("## Not covered", "", "Catalogue controls no rule checks, and how to evidence them instead.", "");
  out.push(
    ...table(
      ["control", "title", "why not", "how to evidence", "references"],
      result.notCovered.map((n) => [n.id, n.title, n.why, n.howToEvidence, n.controls.map(formatControl).join("; ")]),
    ),
    "",
  );
  return out.join("\n");
}

function status(f: Finding): string {
  if (f.waiver) return `waived by ${f.waiver.id} (${f.waiver.approver}, ${f.waiver.ticket}, until ${f.waiver.expires})`;
  if (isBlocking(f)) return "blocks deploy";
  return f.enforcement === "advisory" ? "advisory" : f.outcome;
}

function section(out: string[], title: string, intro: string, findings: readonly Finding[]): void {
  out.push(`## ${title}`, "", intro, "");
  if (findings.length === 0) out.push("None.", "");
  else
    out.push(
      ...table(
        ["rule", "stack", "object", "observed", "expected"],
        findings.map((f) => [f.rule, f.stack, findingRef(f), f.observed, f.expected]),
      ),
      "",
    );
}
