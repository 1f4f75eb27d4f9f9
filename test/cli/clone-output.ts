import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { main } from "../../cli/clone";
import { outputCollector, treeOf } from "../helpers";

/** What the clone tests share: running `npm run clone` in-process and reading what it printed and wrote. */

/** Runs `npm run clone` in-process. */
export function runClone(args: string[]): { code: number; stdout: string; stderr: string } {
  const out = outputCollector();
  const err = outputCollector();
  const code = main(args, out.stream, err.stream);
  return { code, stdout: out.text(), stderr: err.text() };
}

/** sha256 of every file below `dir`, by relative path. */
export const hashes = (dir: string) =>
  new Map([...treeOf(dir)].map(([path, bytes]) => [path, createHash("sha256").update(bytes).digest("hex")]));

/** The `file:line  text` notes printed under a heading of the clone's output. */
export function notesUnder(stdout: string, heading: RegExp): { file: string; line: number; text: string }[] {
  const lines = stdout.split("\n");
  const start = lines.findIndex((l) => heading.test(l));
  if (start < 0) throw new Error(`no heading ${String(heading)} in:\n${stdout}`);
  const notes = [];
  for (const l of lines.slice(start + 1)) {
    const m = /^ {2}(\S+):(\d+) {2}(.*)$/.exec(l);
    if (!m) break;
    notes.push({ file: m[1], line: Number(m[2]), text: m[3] });
  }
  return notes;
}

/** The text of line `n` (1-based) of a file. */
export const lineText = (file: string, n: number) => readFileSync(file, "utf8").split("\n")[n - 1];
