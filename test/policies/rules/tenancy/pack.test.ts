import { runCompliance } from "../../../../policies/compliance";
import { PACKS } from "../../../../policies/packs";
import { ALL_RULES } from "../../../../policies/rules";
import { tenancyRules } from "../../../../policies/rules/tenancy";
import { AS_OF } from "../../../shared-synth";
import { exampleDocs } from "../../example-output";

const IDS = ["TEN-RANGES", "TEN-FLOW-JUSTIFIED", "TEN-DATA-STORE", "TEN-ROLE-SCOPE", "TEN-DEDICATED-HOSTS"];

describe("the tenant-isolation pack", () => {
  test("runs at every site with the five tenancy rules and NET-TENANT-SEG, all registered", () => {
    const pack = PACKS.find((p) => p.id === "tenant-isolation");
    expect(pack?.appliesTo).toBe("every-site");
    expect([...(pack?.rules ?? [])].sort()).toEqual([...IDS, "NET-TENANT-SEG"].sort());
    expect(tenancyRules.map((r) => r.meta.id)).toEqual(IDS);
    for (const r of tenancyRules) expect(ALL_RULES).toContain(r);
  });

  test("every tenancy rule is version 1.0.0, mandatory, rests on the configuration, and cites säkerhetsskyddslagen as unverified where CONTROLS.md does not verify the section", () => {
    for (const { meta } of tenancyRules) {
      expect([meta.id, meta.version, meta.enforcement, meta.evidence, meta.area]).toEqual([
        meta.id,
        "1.0.0",
        "mandatory",
        "config",
        "tenancy",
      ]);
    }
    const dedicated = tenancyRules.find((r) => r.meta.id === "TEN-DEDICATED-HOSTS");
    const sskl = dedicated?.meta.controls.find((c) => c.framework === "Säkerhetsskyddslagen (SE)");
    expect(sskl).toMatchObject({ verified: false, source: "CONTROLS.md §2 (verify)" });
  });

  test("the checks of the example sites run the pack at both sites, with no mandatory finding of it that does not pass", () => {
    const result = runCompliance(exampleDocs(), { asOf: AS_OF });
    expect(result.packs.find((p) => p.id === "tenant-isolation")?.sites).toEqual(["fjordvik", "kvistrup"]);
    const pack = new Set([...IDS, "NET-TENANT-SEG"]);
    const open = result.findings.filter(
      (f) => pack.has(f.rule) && f.enforcement === "mandatory" && !["pass", "not-applicable"].includes(f.outcome),
    );
    expect(open.map((f) => `${f.site} ${f.rule} ${f.address} ${f.outcome}`)).toEqual([]);
  });
});
