import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCompliance, type ComplianceResult } from "../policies/compliance";
import type { ParamOverrides } from "../policies/engine/evaluate";
import { blockingFindings } from "../policies/engine/gate";
import type { Finding } from "../policies/engine/rule";
import { readTerraformInput } from "../policies/engine/terraform-input";
import { formatJsonReport } from "../policies/report/json-report";
import { formatMarkdownReport } from "../policies/report/markdown-report";

/** Where synth writes the reports inside its output directory. */
export const COMPLIANCE_DIR = "compliance";

export interface ComplianceRun {
  result: ComplianceResult;
  /** Blocking findings that name a stack of this run (the per-stack gate). */
  blocking: Finding[];
}

/** Checks synthesized Terraform at `paths`; `gateStacks` limits the gate to those stacks (undefined: all). */
export function checkSynthesized(
  paths: readonly string[],
  asOf: string,
  gateStacks?: ReadonlySet<string>,
  params?: ParamOverrides,
): ComplianceRun {
  const result = runCompliance(readTerraformInput(paths), { asOf, params });
  return { result, blocking: blockingFindings(result.findings, gateStacks) };
}

/** Writes `<dir>/compliance/report.md` and `report.json`. */
export function writeReports(dir: string, result: ComplianceResult): void {
  const at = join(dir, COMPLIANCE_DIR);
  mkdirSync(at, { recursive: true });
  writeFileSync(join(at, "report.md"), formatMarkdownReport(result));
  writeFileSync(join(at, "report.json"), formatJsonReport(result));
}
