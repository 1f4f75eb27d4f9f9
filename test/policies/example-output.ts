import { evaluate } from "../../policies/engine/evaluate";
import type { Finding, Rule } from "../../policies/engine/rule";
import { buildRooms } from "../../policies/engine/room";
import { readTerraformInput, type StackDocument } from "../../policies/engine/terraform-input";
import { findingRef } from "../../policies/report/summary";
import { AS_OF, sharedSynth } from "../shared-synth";
import { tenantViewDifferences } from "./tenant-view";

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

/** One edit of the example output that turns a rule's pass into a failure at a known place. */
export interface Mutation {
  rule: string;
  /** The site of the target. */
  site: string;
  /** `address` or `address#findingId` (findingRef). */
  target: string;
  mutate: (docs: StackDocument[]) => void;
  /** `error` where the mutation breaks a join: the target did not exist to err before. */
  outcome?: "fail" | "error";
}

/**
 * Applies a mutation to a fresh copy of the example output and asserts what it does to its rule: the
 * target passed (or was attested, for a person's record) before, and what of it no longer passes is a
 * mandatory fail (or error) after; nothing else of the rule errs, and the rule's findings at the other
 * sites do not change.
 */
export function expectMutationFails(rules: readonly Rule[], m: Mutation): void {
  const rule = rules.filter((r) => r.meta.id === m.rule);
  expect(rule.map((r) => r.meta.id)).toEqual([m.rule]);
  const docs = exampleDocs();
  const before = evaluateDocs(docs, rule);
  m.mutate(docs);
  const after = evaluateDocs(docs, rule);
  const at = (f: Finding) => f.site === m.site && findingRef(f) === m.target;
  const outcome = m.outcome ?? "fail";
  // An address can stand in several stacks of the site (a tenant's port group): each one counts.
  const was = before.filter(at);
  if (outcome === "error") expect(was).toEqual([]);
  else {
    expect(was.length).toBeGreaterThan(0);
    expect(was.map((f) => f.outcome)).toEqual(was.map((f) => (f.evidence === "attested" ? "attested" : "pass")));
  }
  const broken = after.filter((f) => at(f) && f.outcome !== "pass" && f.outcome !== "attested");
  expect(broken.length).toBeGreaterThan(0);
  expect(new Set(broken.map((f) => `${f.outcome} ${f.enforcement}`))).toEqual(new Set([`${outcome} mandatory`]));
  expect(after.filter((f) => f.outcome === "error" && !at(f)).map(findingRef)).toEqual([]);
  const elsewhere = (findings: readonly Finding[]) =>
    findings.filter((f) => f.site !== m.site).map((f) => `${f.site} ${findingRef(f)} ${f.outcome}: ${f.observed}`);
  expect(elsewhere(after)).toEqual(elsewhere(before));
  // A rule of reach "tenant" finds the failure in the tenant's view too, as synth --tenant runs it.
  if (rule[0]?.meta.reach === "tenant")
    for (const room of buildRooms(docs).filter((r) => r.site === m.site)) expect(tenantViewDifferences(room, rule[0])).toEqual([]);
}
