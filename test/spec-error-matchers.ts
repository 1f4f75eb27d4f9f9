import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { SpecError } from "../spec/spec-error";
import { copySites, edit, lineOf, loadErrors } from "./helpers";

/** One edit of a copied sites directory: [file, find, replace]. */
export type Edit = [file: string, find: string | RegExp, replace: string];

/** A copy of the tiny site with the edits applied, and the errors loading it reports. */
export function broken(...edits: Edit[]): { dir: string; errors: SpecError[] } {
  const dir = copySites();
  for (const [file, find, replace] of edits) edit(dir, file, find, replace);
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
