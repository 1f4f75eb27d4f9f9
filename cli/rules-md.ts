import { readdirSync } from "node:fs";
import { join } from "node:path";
import { NOT_COVERED } from "../policies/controls/not-covered";
import type { ControlRef, Rule } from "../policies/engine/rule";
import { PACKS } from "../policies/packs";

/** Text for one Markdown table cell: pipes escaped, on one line. */
const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

const control = (c: ControlRef) => `${c.framework} ${c.ref}${c.verified ? "" : " (verify)"}`;

/** The GitHub anchor of a rule's heading (`### RED-UPS-N1`: `#red-ups-n1`). */
const anchor = (id: string) => `#${id.toLowerCase()}`;

/**
 * RULES.md: every rule with its version, severity, enforcement, evidence, packs, controls (marked
 * "(verify)" where the primary text was not read), parameters with their defaults, and whether it
 * checks a legal prerequisite (which no waiver accepts); then the controls no rule covers. Generated
 * from the rules' own metadata (`npm run gen:rule-docs`), so it cannot drift from them:
 * test/policies/rule-catalogue.test.ts fails while RULES.md is stale.
 */
export function formatRulesMd(rules: readonly Rule[], fileOf: (rule: Rule) => string = ruleFileOf): string {
  const sorted = [...rules].sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1));
  const refs = sorted.flatMap((r) => r.meta.controls);
  const legal = sorted.filter((r) => r.meta.legalPrerequisite !== undefined);
  const out = [
    "# Policy rules",
    "",
    "Generated from the rules' own metadata by `npm run gen:rule-docs`: do not edit (a test fails while",
    "this file is stale). Each rule lives in `policies/rules/<directory>/<DesiredState>.ts`; its version is",
    "bumped when its logic, thresholds or metadata change, and every report shows it. A control marked",
    "(verify) was not read in its primary text (shared research notes); verified ones were.",
    "",
    `${sorted.length} rules; ${refs.length} control references, ${refs.filter((c) => c.verified).length} verified; ` +
      `${legal.length} legal prerequisite(s), which no waiver can accept.`,
    "",
    "| rule | version | severity | enforcement | evidence | packs | waivable |",
    "| --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const { meta: m } of sorted) {
    const waivable = m.legalPrerequisite === undefined ? "yes" : "no: legal prerequisite";
    out.push(
      `| [${m.id}](${anchor(m.id)}) ${cell(m.title)} | ${m.version} | ${m.severity} | ${m.enforcement} | ${m.evidence} | ${packsOf(m.id).join(", ") || "none"} | ${waivable} |`,
    );
  }
  for (const r of sorted) {
    const m = r.meta;
    out.push("", `### ${m.id}`, "", `**${cell(m.title)}**`, "");
    out.push(
      `- Version ${m.version}; severity ${m.severity}; ${m.enforcement}; evidence ${m.evidence}; area ${m.area}; file \`${fileOf(r)}\``,
    );
    out.push(`- Packs: ${packsOf(m.id).join(", ") || "none"}`);
    out.push(
      m.legalPrerequisite === undefined
        ? "- Waivable: yes, within an approver's authority and the expiry cap of its severity"
        : `- Legal prerequisite, not waivable: closed only by recording the decision (${m.legalPrerequisite})`,
    );
    out.push(`- Rationale: ${m.rationale}`, `- Remediation: ${m.remediation}`);
    const params = Object.entries(m.params);
    if (params.length === 0) out.push("- Parameters: none");
    else {
      out.push("- Parameters (default; a site's policy.yaml or `--params` overrides them with a reason):", "");
      out.push("  | parameter | default | description |", "  | --- | --- | --- |");
      for (const [name, p] of params)
        out.push(`  | ${name} | ${cell(`${String(p.default)}${p.unit ? ` ${p.unit}` : ""}`)} | ${cell(p.description)} |`);
      out.push("");
    }
    out.push(`- Controls:${m.controls.length ? "" : " none"}`);
    for (const c of m.controls) out.push(`  - ${control(c)} (${c.kind}; ${c.edition})`);
  }
  out.push(
    "",
    "## Not covered by any rule",
    "",
    "| control | title | why not | how to evidence | controls |",
    "| --- | --- | --- | --- | --- |",
  );
  for (const n of NOT_COVERED)
    out.push(`| ${n.id} | ${cell(n.title)} | ${cell(n.why)} | ${cell(n.howToEvidence)} | ${cell(n.controls.map(control).join("; "))} |`);
  return out.join("\n") + "\n";
}

const packsOf = (id: string) => PACKS.filter((p) => p.rules.includes(id)).map((p) => p.id);

const RULES_DIR = join(__dirname, "..", "policies", "rules");

/** The rule's file (`policies/rules/<directory>/<name>.ts`), found by its name: the directory need not be its area. */
export function ruleFileOf(rule: Rule): string {
  for (const dir of readdirSync(RULES_DIR, { withFileTypes: true }))
    if (dir.isDirectory() && readdirSync(join(RULES_DIR, dir.name)).includes(`${rule.meta.name}.ts`))
      return `policies/rules/${dir.name}/${rule.meta.name}.ts`;
  throw new Error(`no file policies/rules/*/${rule.meta.name}.ts for rule ${rule.meta.id}`);
}
