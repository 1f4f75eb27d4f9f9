import { readFileSync } from "node:fs";
import { join } from "node:path";
import { RULE_DOCS } from "../../cli/rule-docs";
import { formatRulesMd, ruleFileOf } from "../../cli/rules-md";
import type { Rule } from "../../policies/engine/rule";
import { ALL_RULES } from "../../policies/rules";
import { ROOT } from "../helpers";

describe(RULE_DOCS, () => {
  const text = formatRulesMd(ALL_RULES);

  test(`is the catalogue the rules generate`, () => {
    const onDisk = readFileSync(join(ROOT, RULE_DOCS), "utf8");
    if (onDisk !== text) throw new Error(`${RULE_DOCS} is stale: run npm run gen:rule-docs and commit it`);
  });

  test("names every rule's file as it is in the tree", () => {
    for (const r of ALL_RULES) expect(readFileSync(join(ROOT, ruleFileOf(r)), "utf8")).toContain(`name: "${r.meta.name}"`);
  });

  test("names every rule with its version, severity, enforcement, evidence and packs", () => {
    for (const { meta: m } of ALL_RULES) {
      expect(text).toContain(`\n### ${m.id}\n`);
      expect(text).toContain(`- Version ${m.version}; severity ${m.severity}; ${m.enforcement}; evidence ${m.evidence}; area ${m.area}; `);
    }
    expect(text).toMatch(
      /^\| \[RED-UPS-N1\]\(#red-ups-n1\) .+ \| 1\.\d+\.\d+ \| high \| mandatory \| declared \| redundancy, iso27001 \| yes \|$/m,
    );
  });

  test("marks unverified controls, shows parameter defaults with units, and says a legal prerequisite is not waivable", () => {
    const rule: Rule = {
      meta: {
        id: "TST-LEGAL",
        name: "SomethingIsAgreed",
        version: "2.1.0",
        area: "governance",
        title: "Something is agreed",
        rationale: "Because the law says so.",
        remediation: "Agree it.",
        severity: "critical",
        enforcement: "mandatory",
        evidence: "declared",
        params: { maxAgeMonths: { default: 24, description: "how old the agreement may be", unit: "months" } },
        controls: [
          { framework: "A law", ref: "§ 1", edition: "2025", verified: false, source: "test", kind: "law" },
          { framework: "A standard", ref: "5.1", edition: "2022", verified: true, source: "test", kind: "standard" },
        ],
        legalPrerequisite: "the tenant's agreementRef",
      },
      check: () => [],
    };
    const md = formatRulesMd([rule], () => "policies/rules/governance/SomethingIsAgreed.ts");
    expect(md).toMatch(
      /^\| \[TST-LEGAL\]\(#tst-legal\) Something is agreed \| 2\.1\.0 \| critical \| mandatory \| declared \| none \| no: legal prerequisite \|$/m,
    );
    expect(md).toContain("- Legal prerequisite, not waivable: closed only by recording the decision (the tenant's agreementRef)");
    expect(md).toContain("  | maxAgeMonths | 24 months | how old the agreement may be |");
    expect(md).toContain("  - A law § 1 (verify) (law; 2025)");
    expect(md).toContain("  - A standard 5.1 (standard; 2022)");
    expect(md).toContain("1 rules; 2 control references, 1 verified; 1 legal prerequisite(s), which no waiver can accept.");
  });
});
