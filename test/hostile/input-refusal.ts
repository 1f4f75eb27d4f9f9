import { lstatSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import { join, relative } from "node:path";
import { AS_OF, runSynth, sharedSynth, tempDir, TINY_SYNTH_EXIT } from "../helpers";
import { escape } from "../spec-error-matchers";
import type { PinnedTiny } from "./refusal";

export { pinnedTiny, type PinnedTiny } from "./refusal";

/** One error as synth prints it: in `file` (relative to the sites directory) at line and column, 0 for the file as a whole. */
export interface Printed {
  file: string;
  line: number;
  col: number;
  /** As printed: "/" for the whole document. */
  pointer: string;
  message: RegExp;
}

/** The line synth prints for `p`, the file shown with whatever directory synth was given. */
export function printedLine(p: Printed): RegExp {
  return new RegExp(`(^|/)${located(p)}`);
}

/** The line synth prints for a warning about `p` (a skipped path). */
export function warningLine(p: Printed): RegExp {
  return new RegExp(`^warning: (.*/)?${located(p)}`);
}

/** `file:line:col: /pointer: message` (no line and column for line 0), as a RegExp source. */
function located(p: Printed): string {
  const where = p.line === 0 ? escape(p.file) : `${escape(p.file)}:${p.line}:${p.col}`;
  return `${where}: ${escape(p.pointer)}: (?:${p.message.source.replace(/^\^/, "")})`;
}

/**
 * Every path under `dir` with what it is, symbolic links and FIFOs included (never followed or
 * opened, so a FIFO or a link loop in the sites cannot hang or fail the comparison).
 */
export function snapshot(dir: string): Record<string, string> {
  const entries: Record<string, string> = {};
  const visit = (path: string): void => {
    const name = relative(dir, path) || ".";
    let stats;
    try {
      stats = lstatSync(path);
    } catch {
      entries[name] = "missing";
      return;
    }
    if (stats.isSymbolicLink()) entries[name] = `link to ${readlinkSync(path)}`;
    else if (stats.isDirectory()) {
      entries[name] = `directory ${stats.mode.toString(8)}`;
      if (stats.mode & 0o400) readdirSync(path).forEach((child) => visit(join(path, child)));
    } else if (stats.isFile())
      entries[name] = stats.mode & 0o400 ? readFileSync(path).toString("base64") : `unreadable ${stats.size} bytes`;
    else entries[name] = `special ${stats.mode.toString(8)}`;
  };
  visit(dir);
  return entries;
}

/**
 * Runs synth on the broken copy and expects it to refuse: exit 2, nothing on stdout, on stderr exactly
 * a line per expected warning, then per expected error and the count, no stack trace, no internal
 * error, no raw control character, and not a byte changed in the sites (the address lock included)
 * or the output.
 */
export function refuses(tiny: PinnedTiny, errors: Printed[], warnings: Printed[] = []): string {
  const sitesDir = tiny.sites;
  const sitesBefore = snapshot(sitesDir);
  const outBefore = snapshot(tiny.out);

  const r = runSynth(["--sites", sitesDir, "--out", tiny.out]);

  expect(r.code).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr.trimEnd().split("\n")).toEqual([
    ...warnings.map((w) => expect.stringMatching(warningLine(w))),
    ...errors.map((e) => expect.stringMatching(printedLine(e))),
    `${errors.length} error(s); nothing was written.`,
  ]);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stderr).not.toMatch(/internal error/i);
  // eslint-disable-next-line no-control-regex -- what must never be printed raw
  expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/);
  expect(snapshot(sitesDir)).toEqual(sitesBefore);
  expect(snapshot(tiny.out)).toEqual(outBefore);
  return r.stderr;
}

/**
 * Synthesizes `sites` into a fresh directory and expects exactly the bytes of the unedited tiny site's
 * output, and on stderr only the expected warnings.
 */
export function synthesizesAsPlain(sites: string, warnings: Printed[] = []): void {
  const out = join(tempDir("same-"), "out");
  // The date as the shared synth gives it: the reports' provenance records where the date came from.
  const r = runSynth(["--sites", sites, "--out", out, "--as-of", AS_OF]);
  expect(r.stderr === "" ? [] : r.stderr.trimEnd().split("\n")).toEqual(warnings.map((w) => expect.stringMatching(warningLine(w))));
  expect(r.code).toBe(TINY_SYNTH_EXIT);
  expect(snapshot(out)).toEqual(snapshot(sharedSynth("tiny").out));
}
