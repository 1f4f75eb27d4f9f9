import { ISO27001_ANNEX_A } from "../../../policies/controls/iso27001-annex-a";
import { formatReport } from "../../../policies/report/formats";
import { kvistrupResult } from "./kvistrup-report";

describe("coverage matrix and the ISO 27001 annex", () => {
  const result = kvistrupResult();

  test("Annex A has its 93 controls in order: 5.1-5.37, 6.1-6.8, 7.1-7.14, 8.1-8.34", () => {
    const expected = [
      ...Array.from({ length: 37 }, (_, i) => `5.${i + 1}`),
      ...Array.from({ length: 8 }, (_, i) => `6.${i + 1}`),
      ...Array.from({ length: 14 }, (_, i) => `7.${i + 1}`),
      ...Array.from({ length: 34 }, (_, i) => `8.${i + 1}`),
    ];
    expect(ISO27001_ANNEX_A.map((c) => c.ref)).toEqual(expected);
    expect(ISO27001_ANNEX_A.find((c) => c.ref === "8.14")).toEqual(
      expect.objectContaining({ title: "Redundancy of information processing facilities", titleFrom: "CONTROLS.md §5" }),
    );
  });

  test("every control reference of every rule that ran is a row, with the rule's outcome counts", () => {
    for (const r of result.rules)
      for (const c of r.controls) {
        const row = result.coverage.find((x) => x.framework === c.framework && x.ref === c.ref);
        expect(row?.rules.find((x) => x.rule === r.id)?.outcomes).toEqual(r.counts);
      }
    // Not-covered controls show as such.
    const drift = result.coverage.find((c) => c.ref === "8.32" && c.framework === "ISO/IEC 27001:2022 Annex A");
    expect(drift?.notCovered).toContain("CHG-NO-DRIFT");
  });

  test("one annex per declared tenant: a tenant's own findings and the site's shared ones, or none", () => {
    const tenants = result.sites.flatMap((s) => s.tenants.map((t) => `${s.site} ${t.id}`));
    expect(result.isoAnnex.map((a) => `${a.site} ${a.tenant}`)).toEqual(tenants);
    const [first, second] = result.isoAnnex;
    expect(first.controls).toHaveLength(93);
    const forTenant = (tenant: string, rule: string) =>
      result.findings.filter((f) => f.rule === rule && (f.tenant === undefined || f.tenant === tenant)).length;
    for (const annex of [first, second])
      for (const c of annex.controls)
        for (const r of c.rules) expect(Object.values(r.outcomes).reduce((a, b) => a + b, 0)).toBe(forTenant(annex.tenant, r.rule));
    const none = first.controls.find((c) => c.ref === "6.1");
    expect(none?.rules).toEqual([]);
    const md = formatReport(result, "md");
    expect(md).toMatch(/^\| 6\.1 \| Screening \(verify title\) \| none \| - \|$/m);
    expect(md).toContain("contribute evidence");
  });
});
