import { reportProvenance } from "../../../cli/compliance-output";
import { runCompliance, type ComplianceResult } from "../../../policies/compliance";
import type { StackDocument } from "../../../policies/engine/terraform-input";
import type { SourceRevision } from "../../../policies/report/provenance";
import { AS_OF, sharedSynth } from "../../shared-synth";
import { exampleDocs } from "../example-output";

/** The revision the report tests pin: the example output's real commit would change with every commit. */
export const FIXED_REVISION: SourceRevision = {
  repository: "git",
  commit: "0123456789abcdef0123456789abcdef01234567",
  dirty: false,
  changedPaths: 0,
};

/** Kvistrup's stacks of the shared example synth. */
export function kvistrupDocs(): StackDocument[] {
  return exampleDocs().filter((d) => d.stack.startsWith("kvistrup-"));
}

/** The example output's directory (the input path the reports' file paths are relative to). */
export const exampleOut = (): string => sharedSynth("examples").out;

/** Kvistrup's compliance result as the CLI makes it (provenance included), with the revision pinned. */
export function kvistrupResult(docs: StackDocument[] = kvistrupDocs()): ComplianceResult {
  return runCompliance(docs, {
    asOf: AS_OF,
    provenance: reportProvenance([exampleOut()], docs, { date: AS_OF, source: "--as-of" }, FIXED_REVISION),
  });
}
