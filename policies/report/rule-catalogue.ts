import { NOT_COVERED } from "../controls/not-covered";
import type { Rule } from "../engine/rule";
import { PACKS } from "../packs";
import { formatControl } from "./markdown-report";

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

/**
 * docs/rules.md: every rule with its metadata, controls (marked "(verify)" where the primary text was
 * not read), parameters and packs, and the controls no rule covers. Generated, so it cannot drift from
 * the rules (`npm run gen:rule-docs`; test/policies/rule-catalogue.test.ts fails while it is stale).
 */
export function formatRuleCatalogue(rules: readonly Rule[]): string {
  const out = [
    "# Policy rules",
    "",
    "Generated from the rules' own metadata by `npm run gen:rule-docs`: do not edit. Each rule lives in",
    "`policies/rules/<area>/<DesiredState>.ts`. A control marked (verify) was not read in its primary text",
    "(shared research notes); verified ones were.",
    "",
    `${rules.length} rules; ${rules.reduce((n, r) => n + r.meta.controls.length, 0)} control references, ${rules.reduce((n, r) => n + r.meta.controls.filter((c) => c.verified).length, 0)} verified.`,
    "",
    "| rule | file | area | severity | enforcement | evidence | packs | controls | parameters |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const r of [...rules].sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1))) {
    const m = r.meta;
    const packs = PACKS.filter((p) => p.rules.includes(m.id)).map((p) => p.id);
    const params = Object.entries(m.params).map(([k, p]) => `${k} = ${String(p.default)}${p.unit ? ` ${p.unit}` : ""}`);
    out.push(
      `| **${m.id}** ${cell(m.title)} | ${m.name} | ${m.area} | ${m.severity} | ${m.enforcement} | ${m.evidence} | ${packs.join(", ")} | ${cell(m.controls.map(formatControl).join("; "))} | ${cell(params.join(", ") || "none")} |`,
    );
  }
  out.push("", "## Rationale and remediation", "");
  for (const r of [...rules].sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1)))
    out.push(`- **${r.meta.id}** (${r.meta.name}). ${r.meta.rationale} *Remediation:* ${r.meta.remediation}`);
  out.push("", "## Not covered by any rule", "", "| control | title | why not | how to evidence |", "| --- | --- | --- | --- |");
  for (const n of NOT_COVERED) out.push(`| ${n.id} | ${cell(n.title)} | ${cell(n.why)} | ${cell(n.howToEvidence)} |`);
  return out.join("\n") + "\n";
}
