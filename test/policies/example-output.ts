import { evaluate } from "../../policies/engine/evaluate";
import type { Finding, Rule } from "../../policies/engine/rule";
import { buildRooms } from "../../policies/engine/room";
import { readTerraformInput, type StackDocument } from "../../policies/engine/terraform-input";
import { AS_OF, sharedSynth } from "../shared-synth";

let cached: StackDocument[] | undefined;

/** The synthesized example sites (the shared synth of sites/), read once per test file. */
export function exampleDocs(): StackDocument[] {
  cached ??= readTerraformInput([sharedSynth("examples").out]);
  return structuredClone(cached);
}

/** The resource (or data source) block of a stack in documents, to edit in place. */
export function blockOf(
  docs: StackDocument[],
  stack: string,
  type: string,
  name: string,
  mode: "resource" | "data" = "resource",
): Record<string, unknown> {
  const doc = docs.find((d) => d.stack === stack);
  const block = doc?.json[mode]?.[type]?.[name];
  if (!block) throw new Error(`no ${mode} ${type}.${name} in stack ${stack}`);
  return block;
}

/** The input of a facility object of an example site, to edit in place. */
export function facilityInput(docs: StackDocument[], site: string, kind: string, id: string): Record<string, unknown> {
  const doc = docs.find((d) => d.stack === `${site}-facility`);
  const found = Object.values(doc?.json.resource?.terraform_data ?? {}).find((r) => {
    const input = r.input as { kind?: unknown; id?: unknown } | undefined;
    return input?.kind === kind && input.id === id;
  });
  if (!found) throw new Error(`no ${kind} ${id} in ${site}-facility`);
  return found.input as Record<string, unknown>;
}

/** Every finding of the given rules over documents. */
export function evaluateDocs(docs: readonly StackDocument[], rules: readonly Rule[], asOf = AS_OF): Finding[] {
  return evaluate(buildRooms(docs), rules, { asOf });
}
