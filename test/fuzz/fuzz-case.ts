import fc from "fast-check";
import { cpSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { tempDir } from "../helpers";
import { applyDocumentMutation, documentMutations, type DocumentMutation } from "./document-mutations";
import { applyTextMutation, textMutations, type TextMutation } from "./text-mutations";
import { targetsOf } from "./yaml-targets";

/** Sites to mutate: a sites directory, the site directories of it a case copies, and a good synth of them. */
export interface Fixture {
  /** As test names and failure messages call it. */
  name: string;
  /** The sites directory the cases copy from (with the address locks a good synth wrote). */
  sites: string;
  /** The site directories each case copies. */
  siteNames: string[];
  /** A good synth's output of `sites`, laid down as the previous output when a case asks for one. */
  out: string;
}

export type Mutation = DocumentMutation | TextMutation;

/** One fuzz case: up to three mutations of the spec files and locks, and whether an earlier output exists. */
export interface FuzzCase {
  mutations: Mutation[];
  previousOutput: boolean;
}

/** A case laid out in its own temporary directory: root/sites (mutated) and root/out. */
export interface PreparedCase {
  root: string;
  sites: string;
  out: string;
  /** What each mutation did, for failure messages (one that no longer applied is marked skipped). */
  applied: string[];
}

/** The spec files and address locks of the fixture's sites, relative to its sites directory. */
export function specFilesOf(fixture: Fixture): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir)
      .sort()
      .flatMap((name) => {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) return walk(path);
        return name.endsWith(".yaml") ? [relative(fixture.sites, path)] : [];
      });
  return fixture.siteNames.flatMap((site) => walk(join(fixture.sites, site)));
}

/** Cases of the fixture: every file equally likely, structural (on the document) and textual mutations. */
export function fuzzCases(fixture: Fixture): fc.Arbitrary<FuzzCase> {
  const mutation = fc.oneof(
    ...specFilesOf(fixture).map((file) => {
      const bytes = readFileSync(join(fixture.sites, file));
      const text = bytes.toString("utf8");
      return fc.oneof(
        { arbitrary: fc.oneof(...documentMutations(file, targetsOf(text))), weight: 3 },
        { arbitrary: fc.oneof(...textMutations(file, bytes.length, text.split("\n").length)), weight: 1 },
      );
    }),
  );
  // Mostly one mutation, which more often gets past the schema to the checks and planners behind it.
  const mutations = fc.oneof(
    { arbitrary: fc.tuple(mutation), weight: 3 },
    { arbitrary: fc.array(mutation, { minLength: 2, maxLength: 3 }), weight: 1 },
  );
  return fc.record({ mutations, previousOutput: fc.boolean() });
}

/** Copies the fixture's sites (and the previous output when the case has one) and applies the mutations. */
export function prepareCase(fixture: Fixture, c: FuzzCase): PreparedCase {
  const root = tempDir("fuzz-");
  const sites = join(root, "sites");
  const out = join(root, "out");
  for (const site of fixture.siteNames) cpSync(join(fixture.sites, site), join(sites, site), { recursive: true });
  if (c.previousOutput) cpSync(fixture.out, out, { recursive: true });
  const applied = c.mutations.map((m) => {
    const path = join(sites, m.file);
    const bytes = readFileSync(path);
    const next = isTextMutation(m) ? applyTextMutation(bytes, m) : applyDocumentMutation(bytes.toString("utf8"), m);
    if (next !== undefined) writeFileSync(path, next);
    return `${fc.stringify(m)}${next === undefined ? " (no longer applies: skipped)" : ""}`;
  });
  return { root, sites, out, applied };
}

function isTextMutation(m: Mutation): m is TextMutation {
  return m.op === "truncate" || m.op === "insertBytes" || m.op === "duplicateLine" || m.op === "deleteLine";
}
