import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readParamsFile } from "../../../cli/params-file";
import { runCompliance } from "../../../policies/compliance";
import { formatReport } from "../../../policies/report/formats";
import { ALL_RULES } from "../../../policies/rules";
import { SpecErrors } from "../../../spec/spec-error";
import { AS_OF } from "../../shared-synth";
import { kvistrupDocs } from "./kvistrup-report";

const paramsFile = (body: string) => {
  const file = join(mkdtempSync(join(tmpdir(), "room-params-")), "params.yaml");
  writeFileSync(file, `parameters:\n${body}`);
  return file;
};

describe("parameters used, with each override's origin and reason", () => {
  /** Kvistrup with a site policy (as synth writes policy.yaml into the facility stack) and a --params file. */
  function run() {
    const docs = kvistrupDocs();
    const facility = docs.find((d) => d.stack === "kvistrup-facility")!;
    facility.json.resource!.terraform_data["policy-parameters_kvistrup"] = {
      input: {
        kind: "policy-parameters",
        id: "kvistrup",
        site: "kvistrup",
        rules: { "PHY-OFFSITE": { minOffsiteKm: 20 } },
        reasons: { "PHY-OFFSITE": "the county's risk assessment RA-2026-04 asks for 20 km" },
      },
    };
    const file = paramsFile(
      '  BKP-RESTORE-TEST:\n    maxAgeDays: 60\n    reason: "the auditor checks against the supervisor\'s sixty days"\n',
    );
    const { params, paramsSource } = readParamsFile(file, ALL_RULES, "params.yaml");
    return runCompliance(docs, { asOf: AS_OF, params, paramsSource });
  }

  test("defaults, the site's override with its reason, and the --params override with its file and reason", () => {
    const result = run();
    const use = (rule: string, parameter: string) =>
      result.parameters.find((p) => p.rule === rule && p.parameter === parameter && p.site === "kvistrup");
    expect(use("PHY-OFFSITE", "minOffsiteKm")).toEqual(
      expect.objectContaining({
        default: 10,
        effective: 20,
        setBy: "site policy.yaml",
        reason: "the county's risk assessment RA-2026-04 asks for 20 km",
      }),
    );
    const restore = use("BKP-RESTORE-TEST", "maxAgeDays");
    expect(restore).toEqual(
      expect.objectContaining({ effective: 60, setBy: "params.yaml", reason: "the auditor checks against the supervisor's sixty days" }),
    );
    expect(result.parameters.filter((p) => p.setBy === "default").every((p) => p.effective === p.default && p.reason === null)).toBe(true);
    const md = formatReport(result, "md");
    expect(md).toMatch(
      /^\| PHY-OFFSITE \| kvistrup \| minOffsiteKm \| 10 km \| 20 km \| site policy\.yaml \| the county's risk assessment RA-2026-04 asks for 20 km \|$/m,
    );
    expect(JSON.parse(formatReport(result, "json")).parameters).toEqual(JSON.parse(JSON.stringify(result.parameters)));
  });

  test("a --params file without a reason, or with an unknown parameter, is bad input at its line", () => {
    const noReason = paramsFile("  PHY-OFFSITE:\n    minOffsiteKm: 30\n");
    expect(() => readParamsFile(noReason, ALL_RULES)).toThrow(SpecErrors);
    expect(() => readParamsFile(noReason, ALL_RULES)).toThrow(/reason/);
    const unknown = paramsFile('  PHY-OFFSITE:\n    minDistanceKm: 30\n    reason: "a reason long enough to pass the schema"\n');
    try {
      readParamsFile(unknown, ALL_RULES, "params.yaml");
      throw new Error("expected SpecErrors");
    } catch (e) {
      expect(e).toBeInstanceOf(SpecErrors);
      const [err] = (e as SpecErrors).errors;
      expect(err).toEqual(expect.objectContaining({ file: "params.yaml", line: 3 }));
      expect(err?.message).toMatch(/rule PHY-OFFSITE has no parameter minDistanceKm; expected one of minOffsiteKm/);
    }
  });
});
