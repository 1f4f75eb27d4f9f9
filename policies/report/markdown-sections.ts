import type { ComplianceResult } from "../compliance";
import type { Outcome } from "../engine/rule";
import { markdownTable as table } from "./markdown-table";
import { OUTCOMES } from "./summary";

/** "3 pass, 1 fail", outcomes in the report's order; "none" where there is none. */
export function outcomeList(outcomes: Partial<Record<Outcome, number>>, none = "no findings"): string {
  return (
    OUTCOMES.filter((o) => (outcomes[o] ?? 0) > 0)
      .map((o) => `${outcomes[o]} ${o}`)
      .join(", ") || none
  );
}

/** Provenance: tool, catalogue, date and its source, the input's commit, providers, schemas, input file hashes. */
export function formatProvenanceSection(result: ComplianceResult): string[] {
  const p = result.provenance;
  const source =
    p.source.repository === "git"
      ? `git commit ${p.source.commit}, ${p.source.dirty ? `dirty (${p.source.changedPaths} changed paths)` : "clean"}`
      : p.source.reason;
  const out = ["## Provenance", "", "What this report was made from, so it can be made again.", ""];
  out.push(
    ...table(
      ["item", "value"],
      [
        ["tool", `${p.tool.name} ${p.tool.version}`],
        ["rule catalogue", `${p.catalogue.version} (${p.catalogue.rules} rules; each rule's version is in Rules)`],
        ["evaluation date", `${p.evaluationDate.date} (from ${p.evaluationDate.source})`],
        ["input's repository", source],
        ...p.providers.map((v) => [`provider ${v.name}`, `${v.source} ${v.version} (${v.stacks.length} stacks: ${v.stacks.join(", ")})`]),
        ...p.schemas.map((s) => [`schema: ${s.name}`, `${s.version}${s.sha256 ? `, sha256 ${s.sha256}` : ""} (${s.note})`]),
      ],
    ),
    "",
  );
  out.push(`Input files (${p.inputFiles.length}), sha256 of their bytes:`, "");
  if (p.inputFiles.length === 0) out.push("None recorded.", "");
  else
    out.push(
      ...table(
        ["file", "format", "sha256"],
        p.inputFiles.map((f) => [f.path, f.format ?? "-", f.sha256]),
      ),
      "",
    );
  return out;
}

/** Parameters used: every rule's parameters per site, default and effective value, and each override's origin and reason. */
export function formatParametersSection(result: ComplianceResult): string[] {
  const out = [
    "## Parameters",
    "",
    "The thresholds each rule ran with, per site: the default, the value used, and for each override where it was set and why.",
    "",
  ];
  if (result.parameters.length === 0) return [...out, "No rule that ran takes parameters.", ""];
  out.push(
    ...table(
      ["rule", "site", "parameter", "default", "used", "set by", "reason"],
      result.parameters.map((p) => [
        p.rule,
        p.site,
        p.parameter,
        `${String(p.default)}${p.unit ? ` ${p.unit}` : ""}`,
        `${String(p.effective)}${p.unit ? ` ${p.unit}` : ""}`,
        p.setBy,
        p.setBy === "default" ? "-" : (p.reason ?? "no reason recorded"),
      ]),
    ),
    "",
  );
  return out;
}

/** The coverage matrix: for every control reference, the rules citing it, with outcomes and evidence types. */
export function formatCoverageSection(result: ComplianceResult): string[] {
  const out = [
    "## Coverage matrix",
    "",
    "Rule x control: every control reference, the rules that cite it, their results and the evidence they rest on; not-covered where a catalogue control is checked by no rule.",
    "",
  ];
  const rows: (string | number)[][] = [];
  for (const c of result.coverage) {
    const control = `${c.framework} ${c.ref}${c.verified ? "" : " (verify)"}`;
    for (const r of c.rules)
      rows.push([
        control,
        r.rule,
        r.evidence,
        outcomeList(r.outcomes),
        Object.entries(r.evidenceCounts)
          .map(([e, n]) => `${n} ${e}`)
          .join(", ") || "-",
      ]);
    if (c.notCovered.length > 0) rows.push([control, "none", "not-covered", `not covered: ${c.notCovered.join(", ")}`, "-"]);
  }
  out.push(...table(["control", "rule", "evidence type", "results", "findings by evidence"], rows), "");
  return out;
}

/** One ISO/IEC 27001:2022 Annex A table per tenant: every control, the rules that contribute evidence to it, or none. */
export function formatIsoAnnexSection(result: ComplianceResult): string[] {
  const out = [
    "## ISO/IEC 27001:2022 Annex A, per tenant",
    "",
    "For each tenant, every Annex A control and the rules that contribute evidence to it, with their results over the tenant's findings and the site's shared stacks. A rule contributes evidence to a control: the tables list evidence, never a verdict on the control. Titles marked (verify title) are the standard's published titles, not confirmed against CONTROLS.md.",
    "",
  ];
  if (result.isoAnnex.length === 0) return [...out, "No tenant is declared.", ""];
  for (const a of result.isoAnnex) {
    const contributing = a.controls.filter((c) => c.rules.length > 0).length;
    out.push(
      `### ${a.site}: tenant ${a.tenant}`,
      "",
      `${contributing} of ${a.controls.length} controls have rules that contribute evidence to them.`,
      "",
    );
    out.push(
      ...table(
        ["control", "title", "rules that contribute evidence", "not covered"],
        a.controls.map((c) => [
          c.ref,
          `${c.title}${c.titleFrom === "published" ? " (verify title)" : ""}`,
          c.rules.map((r) => `${r.rule} (${outcomeList(r.outcomes)})`).join("; ") || "none",
          c.notCovered.join(", ") || "-",
        ]),
      ),
      "",
    );
  }
  return out;
}
