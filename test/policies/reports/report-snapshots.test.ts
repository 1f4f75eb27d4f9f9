import { createHash } from "node:crypto";
import { formatReport } from "../../../policies/report/formats";
import { kvistrupResult } from "./kvistrup-report";

/**
 * Kvistrup's reports in every format, with the revision pinned. Others' changes (rules, the vocabulary,
 * the examples) move these: regenerate with `npx jest test/policies/reports -u` and read the diff.
 */
describe("Kvistrup's reports", () => {
  const result = kvistrupResult();

  test("report.md", () => {
    expect(formatReport(result, "md")).toMatchSnapshot();
  });

  test("report.json (every finding but passes and not-applicable, which stand as counts and a hash)", () => {
    const json = JSON.parse(formatReport(result, "json")) as { findings: { outcome: string }[] };
    const routine = json.findings.filter((f) => f.outcome === "pass" || f.outcome === "not-applicable");
    expect(routine.length).toBeGreaterThan(1000);
    const digest = createHash("sha256").update(JSON.stringify(routine)).digest("hex");
    expect({
      ...json,
      findings: json.findings.filter((f) => !routine.includes(f)),
      routine: {
        pass: routine.filter((f) => f.outcome === "pass").length,
        notApplicable: routine.filter((f) => f.outcome === "not-applicable").length,
        sha256: digest,
      },
    }).toMatchSnapshot();
  });

  test("report.sarif", () => {
    expect(formatReport(result, "sarif")).toMatchSnapshot();
  });

  test("junit.xml", () => {
    expect(formatReport(result, "junit")).toMatchSnapshot();
  });

  test("deterministic: the same input twice gives the same bytes in every format", () => {
    const again = kvistrupResult();
    for (const format of ["md", "json", "sarif", "junit"] as const) expect(formatReport(again, format)).toBe(formatReport(result, format));
  });

  test("report.md opens with the scope and keeps the sections in order", () => {
    const md = formatReport(result, "md");
    const order = [
      "## What was checked",
      "## Provenance",
      "## Summary",
      "## Findings to act on",
      "## Not evaluable",
      "## Attested",
      "## Declared",
      "## Waivers",
      "## Rules",
      "## Parameters",
      "## Coverage matrix",
      "## ISO/IEC 27001:2022 Annex A, per tenant",
      "## Not covered",
    ];
    const at = order.map((h) => md.indexOf(`\n${h}\n`));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(md).not.toMatch(/\bcompliant\b/i);
    // Attested records show who, when, what and next due, and are never counted as passes.
    expect(md).toMatch(/^\| BKP-RESTORE-TEST \| kvistrup-facility \| .* \| attested \| .+ \| \d{4}-\d\d-\d\d \| .+ \| .+ \| .+ \|$/m);
    // The rules list shows each rule's version.
    expect(md).toMatch(/^\| RED-UPS-N1 \([A-Za-z]+\) \| \d+\.\d+\.\d+ \|/m);
  });
});
