import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { SpecError } from "../spec/spec-error";
import { copySites, edit, lineOf, loadErrors, runSynth, tempDir } from "./helpers";

/** The tiny fixture's files, named as the loader reports them (relative to the sites directory). */
export const SITE = "tiny/site.yaml";
export const ALPHA = "tiny/tenants/alpha.yaml";
export const BETA = "tiny/tenants/beta.yaml";

/** A second tenant, valid beside the tiny site's alpha: VLANs 200-299, 10.2.0.0/16, network office on VLAN 210. */
export const BETA_YAML = `tenant: beta
name: Beta kommune
country: NO
vlanRange: { from: 200, to: 299 }
cidr: 10.2.0.0/16
operatorsGroup: "BETA\\\\vmware-operators"
networks:
  - name: office
    vlan: 210
    cidr: 10.2.10.0/24
    gateway: 10.2.10.1
workloads:
  - name: files
    template: rhel9
    size: small
    network: office
    criticality: standard
    classification: internal
`;

/** One edit of a copied sites directory: [file, find, replace]. */
export type Edit = [file: string, find: string | RegExp, replace: string];
/** A file written whole into a copied sites directory: [file, text]. */
export type Write = [file: string, text: string];
/** What a test changes in its copy of the tiny site. */
export type Change = Edit | Write;

/** Tenant beta beside alpha: beta.yaml, written with `text` (default BETA_YAML). */
export function withBeta(text = BETA_YAML): Write {
  return [BETA, text];
}

/** A copy of the tiny site with the changes applied, in order. */
export function sites(...changes: Change[]): string {
  const dir = copySites();
  for (const change of changes) {
    if (change.length === 2) writeFileSync(join(dir, change[0]), change[1]);
    else edit(dir, ...change);
  }
  return dir;
}

/** A copy of the tiny site with the changes applied, and the errors loading it reports. */
export function broken(...changes: Change[]): { dir: string; errors: SpecError[] } {
  const dir = sites(...changes);
  return { dir, errors: loadErrors(dir) };
}

/**
 * Line and column (1-based) of `target` on the `nth` line (0-based) that contains `needle`; the line of
 * the first one is lineOf's. The column is where `target` starts on that line (default: the needle).
 */
export function at(dir: string, file: string, needle: string, target = needle, nth = 0): { line: number; col: number } {
  const lines = readFileSync(join(dir, file), "utf8").split("\n");
  const hits = lines.flatMap((text, i) => (text.includes(needle) ? [i + 1] : []));
  if (hits.length <= nth) throw new Error(`at: ${needle} occurs ${hits.length} time(s) in ${file}, wanted #${nth + 1}`);
  const line = nth === 0 ? lineOf(dir, file, needle) : hits[nth];
  const col = lines[line - 1].indexOf(target) + 1;
  if (col === 0) throw new Error(`at: ${target} not on line ${line} of ${file}`);
  return { line, col };
}

/** "file:line:col" as messages name an earlier definition. */
export function where(file: string, pos: { line: number; col: number }): string {
  return `${file}:${pos.line}:${pos.col}`;
}

export function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** What a test expects of one reported error. */
export interface Want {
  file: string;
  line: number;
  col?: number;
  pointer: string;
  message: RegExp;
}

export function matcher(w: Want): unknown {
  return expect.objectContaining({
    file: w.file,
    line: w.line,
    ...(w.col === undefined ? {} : { col: w.col }),
    pointer: w.pointer,
    message: expect.stringMatching(w.message),
  });
}

/** The error is among those reported. */
export function expectError(errors: SpecError[], w: Want): void {
  expect(errors).toContainEqual(matcher(w));
}

/** One mistake, one message: the error is the only one reported. */
export function expectOnly(errors: SpecError[], w: Want): void {
  expect(errors).toEqual([matcher(w)]);
}

/**
 * A place in a file of a copied sites directory, as `at` finds it: in `file`, on the `nth` (0-based) line
 * holding `needle`, where `target` starts on it (default: the needle).
 */
export type Spot = [file: string, needle: string, target?: string, nth?: number];

/** The file, line and column of a spot. */
export function located(dir: string, [file, needle, target, nth]: Spot): { file: string; line: number; col: number } {
  return { file, ...at(dir, file, needle, target, nth) };
}

/**
 * A message, or one that names an earlier definition: the function is given `earlier`, which returns a
 * spot's "file:line:col" escaped for a RegExp.
 */
export type Message = RegExp | ((earlier: (...spot: Spot) => string) => RegExp);

/**
 * One bad-input case, as a row of a `test.each` table: the mistake in words (the test's name), the
 * change or changes to the tiny site that make it, the spot its error is reported at, the error's JSON
 * pointer and its message.
 */
export type Mistake = [mistake: string, changes: Change | Change[], spot: Spot, pointer: string, message: Message];

/** Makes the mistake in a copy of the tiny site and expects its error, and nothing else, to be reported. */
export function reportsOnly(...[, changes, spot, pointer, message]: Mistake): void {
  const list = isChangeList(changes) ? changes : [changes];
  const { dir, errors } = broken(...list);
  const earlier = (...s: Spot): string => escape(where(s[0], located(dir, s)));
  expectOnly(errors, { ...located(dir, spot), pointer, message: typeof message === "function" ? message(earlier) : message });
}

function isChangeList(changes: Change | Change[]): changes is Change[] {
  return Array.isArray(changes[0]);
}

/** The line synth prints for an error: `file:line:col: /pointer: message`, the file shown as synth was given it. */
export function printed(w: Want & { col: number }): RegExp {
  return new RegExp(`(^|/)${escape(w.file)}:${w.line}:${w.col}: ${escape(w.pointer)}: (?:${w.message.source.replace(/^\^/, "")})`);
}

/**
 * Runs synth on bad input and expects it to refuse: exit 2, nothing on stdout, on stderr one line for
 * each error, matching `lines` in order, then "N error(s); nothing was written.", and neither a stack
 * trace nor an internal error. Without `outDir` it writes to a fresh directory's out/ and expects nothing
 * written: no out/, nothing beside it, no address lock. Returns stderr.
 */
export function synthRefuses(sitesDir: string, lines: RegExp[], outDir?: string): string {
  const fresh = outDir === undefined;
  const out = outDir ?? join(tempDir("out-"), "out");

  const r = runSynth(["--sites", sitesDir, "--out", out]);

  expect(r.code).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr.trimEnd().split("\n")).toEqual([
    ...lines.map((line) => expect.stringMatching(line)),
    `${lines.length} error(s); nothing was written.`,
  ]);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stderr).not.toMatch(/internal error|Error:/i);
  if (fresh) {
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dirname(out))).toEqual([]);
    expect(existsSync(join(sitesDir, "tiny", "ipam.lock.yaml"))).toBe(false);
  }
  return r.stderr;
}
