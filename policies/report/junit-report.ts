import type { ComplianceResult, RuleSummary } from "../compliance";
import type { Finding } from "../engine/rule";
import { reportPath } from "./report-paths";
import type { InputFileHash } from "./provenance";
import { findingRef } from "./summary";

/** Characters XML 1.0 cannot hold at all (control characters other than tab, newline, carriage return; lone surrogates). */
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text for an XML attribute or element: markup characters escaped, characters XML cannot hold shown as \uXXXX. */
export function xmlEscape(text: string | number): string {
  return String(text)
    .replace(NOT_XML, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    .replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;")
    .replace(/\t/g, "&#9;");
}

/** Element text keeps its line breaks. */
const text = (s: string) => xmlEscape(s).replace(/&#10;/g, "\n");

interface Case {
  classname: string;
  name: string;
  /** failure (fail), error (the rule could not run or a fact is malformed), skipped (waived, not evaluable, attested, not covered). */
  state?: { tag: "failure" | "error" | "skipped"; type?: string; message: string; body?: string };
  out?: string;
}

/**
 * junit.xml: one testsuite per area (every rule in exactly one), one testcase per rule and failing or
 * waived object (failure; error; skipped with the waiver), one skipped case per rule and site for what
 * is not evaluable (the reasons in system-out), one skipped case per attested record (attested, never
 * passed), and one passing case per rule for everything else (the counts in system-out; skipped when the
 * rule had nothing to check), so the
 * number of cases does not grow with passing objects. A last suite lists the not-covered controls as skipped.
 * No times, so the same input gives the same bytes.
 */
export function formatJunitReport(result: ComplianceResult): string {
  const byRule = new Map<string, Finding[]>();
  for (const f of result.findings) {
    const list = byRule.get(f.rule);
    if (list) list.push(f);
    else byRule.set(f.rule, [f]);
  }
  const rules = new Map(result.rules.map((r) => [r.id, r]));
  const areaOf = (id: string) => rules.get(id)?.area ?? "engine";
  const ruleIds = [...new Set([...result.rules.map((r) => r.id), ...byRule.keys()])].sort();
  const suites = new Map<string, Case[]>();
  for (const id of ruleIds) {
    const area = areaOf(id);
    const findings = byRule.get(id) ?? [];
    const cases = suites.get(area) ?? [];
    for (const c of casesOf(id, rules.get(id), findings, result.provenance.inputFiles)) cases.push(c);
    suites.set(area, cases);
  }
  const notCovered: Case[] = result.notCovered.map((n) => ({
    classname: `not-covered.${n.id}`,
    name: `${n.id} ${n.title}`,
    state: { tag: "skipped", message: `not covered: checked by no rule. ${n.why}`, body: `How to evidence it: ${n.howToEvidence}` },
  }));
  const all: [string, Case[]][] = [...[...suites.entries()].sort(([a], [b]) => (a < b ? -1 : 1)), ["not-covered", notCovered]];
  const count = (cases: Case[], tag?: string) => cases.filter((c) => (tag ? c.state?.tag === tag : true)).length;
  const every = all.flatMap(([, c]) => c);
  const p = result.provenance;
  const properties = [
    ["tool", `${p.tool.name} ${p.tool.version}`],
    ["catalogue", p.catalogue.version],
    ["evaluationDate", `${p.evaluationDate.date} (${p.evaluationDate.source})`],
    ["source", p.source.repository === "git" ? `${p.source.commit}${p.source.dirty ? " (dirty)" : ""}` : p.source.reason],
  ];
  const out = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="compliance" tests="${every.length}" failures="${count(every, "failure")}" errors="${count(every, "error")}" skipped="${count(every, "skipped")}">`,
  ];
  for (const [name, cases] of all) {
    out.push(
      `  <testsuite name="${xmlEscape(name)}" tests="${cases.length}" failures="${count(cases, "failure")}" errors="${count(cases, "error")}" skipped="${count(cases, "skipped")}">`,
      `    <properties>`,
      ...properties.map(([k, v]) => `      <property name="${xmlEscape(k ?? "")}" value="${xmlEscape(v ?? "")}"/>`),
      `    </properties>`,
    );
    for (const c of cases) {
      const open = `    <testcase classname="${xmlEscape(c.classname)}" name="${xmlEscape(c.name)}"`;
      if (!c.state && !c.out) {
        out.push(`${open}/>`);
        continue;
      }
      out.push(`${open}>`);
      if (c.state) {
        const type = c.state.type ? ` type="${xmlEscape(c.state.type)}"` : "";
        const attrs = `${type} message="${xmlEscape(c.state.message)}"`;
        out.push(c.state.body ? `      <${c.state.tag}${attrs}>${text(c.state.body)}</${c.state.tag}>` : `      <${c.state.tag}${attrs}/>`);
      }
      if (c.out) out.push(`      <system-out>${text(c.out)}</system-out>`);
      out.push(`    </testcase>`);
    }
    out.push(`  </testsuite>`);
  }
  out.push(`</testsuites>`);
  return out.join("\n") + "\n";
}

function casesOf(id: string, rule: RuleSummary | undefined, findings: readonly Finding[], inputFiles: readonly InputFileHash[]): Case[] {
  const classname = `${rule?.area ?? "engine"}.${id}`;
  const cases: Case[] = [];
  const label = (f: Finding) => `${id} ${f.site} ${f.stack} ${findingRef(f)}`;
  const detail = (f: Finding) =>
    [
      f.message,
      `observed: ${f.observed}`,
      `expected: ${f.expected}`,
      `evidence: ${f.evidence}${f.source ? ` (${f.source.document}, verified ${f.source.verified})` : ""}`,
      ...(f.file !== undefined ? [`file: ${reportPath(f.file, inputFiles)}${f.line !== undefined ? `:${f.line}` : ""}`] : []),
      `remediation: ${f.remediation}`,
    ].join("\n");
  for (const f of findings) {
    if (f.outcome !== "fail" && f.outcome !== "error") continue;
    if (f.waiver)
      cases.push({
        classname,
        name: label(f),
        state: {
          tag: "skipped",
          message: `waived by ${f.waiver.id} (${f.waiver.kind}; ${f.waiver.approver}, ${f.waiver.ticket}, until ${f.waiver.expires}): ${f.waiver.reason}`,
          body: detail(f),
        },
      });
    else
      cases.push({
        classname,
        name: label(f),
        state: {
          tag: f.outcome === "fail" ? "failure" : "error",
          type: `${f.outcome} ${f.enforcement}`,
          message: `${f.observed}; expected ${f.expected}`,
          body: detail(f),
        },
      });
  }
  const notEvaluable = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.outcome !== "not-evaluable") continue;
    const list = notEvaluable.get(f.site);
    if (list) list.push(f);
    else notEvaluable.set(f.site, [f]);
  }
  for (const [site, fs] of [...notEvaluable.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const reasons = [...new Set(fs.map((f) => f.observed))];
    cases.push({
      classname,
      name: `${id} ${site} not evaluable`,
      state: {
        tag: "skipped",
        message: `not evaluable (${fs.length}): ${reasons.slice(0, 3).join("; ")}${reasons.length > 3 ? `; and ${reasons.length - 3} more reasons` : ""}`,
      },
      out: fs.map((f) => `${f.stack} ${findingRef(f)}: ${f.observed}`).join("\n"),
    });
  }
  for (const f of findings) {
    if (f.outcome !== "attested") continue;
    const a = f.attestation;
    cases.push({
      classname,
      name: label(f),
      state: {
        tag: "skipped",
        message: a
          ? `attested, not checked: by ${a.by} on ${a.date}, ${a.documentRef}, result ${a.result}, next due ${a.nextDue ?? "not set"}`
          : `attested, not checked: ${f.observed}`,
      },
    });
  }
  const rest = findings.filter((f) => f.outcome === "pass" || f.outcome === "not-applicable");
  const counted = (o: string) => rest.filter((f) => f.outcome === o).length;
  const name = `${id} ${rule?.title ?? findings[0]?.title ?? ""}`.trim();
  // Everything else of the rule, in one case: passed with its counts; skipped when the rule had nothing to check.
  if (findings.length === 0)
    cases.push({ classname, name, state: { tag: "skipped", message: "nothing to check: the input holds no object this rule applies to" } });
  else if (rest.length > 0)
    cases.push({
      classname,
      name,
      out: `${counted("pass")} pass, ${counted("not-applicable")} not applicable (of ${findings.length} findings; the others are cases of their own)`,
    });
  return cases;
}
