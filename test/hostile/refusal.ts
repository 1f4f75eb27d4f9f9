import { cpSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { edit, runSynth, sharedSynth, tempDir } from "../helpers";
import type { Edit } from "../spec-error-matchers";

/** The tiny site's address lock, named as the loader reports it (relative to the sites directory). */
export const LOCK = "tiny/ipam.lock.yaml";

/** A copy of the tiny site after a good synth: its sites (with the lock that synth wrote) and its output. */
export interface PinnedTiny {
  sites: string;
  out: string;
}

/** A fresh copy of the shared tiny synthesis (sites with their lock, and the output directory). */
export function pinnedTiny(): PinnedTiny {
  const shared = sharedSynth("tiny");
  const root = tempDir("pinned-");
  const copy = { sites: join(root, "sites"), out: join(root, "out") };
  cpSync(shared.sites, copy.sites, { recursive: true });
  cpSync(shared.out, copy.out, { recursive: true });
  return copy;
}

/** The pinned tiny site with its lock rewritten by `mutate` and the tenant edits applied. */
export function pinnedWith(mutate: (lock: string) => string = (lock) => lock, edits: readonly Edit[] = []): PinnedTiny {
  const tiny = pinnedTiny();
  const lockPath = join(tiny.sites, LOCK);
  writeFileSync(lockPath, mutate(readFileSync(lockPath, "utf8")));
  for (const e of edits) edit(tiny.sites, ...e);
  return tiny;
}

/** Every file under `dir` with its bytes, so a refused run can be shown to have changed nothing. */
export function filesOf(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const visit = (path: string): void => {
    if (statSync(path).isDirectory()) readdirSync(path).forEach((name) => visit(join(path, name)));
    else files[relative(dir, path)] = readFileSync(path).toString("base64");
  };
  visit(dir);
  return files;
}

/**
 * Runs synth on `tiny` with `args` and expects it to refuse (exit 2, nothing on stdout, no stack trace,
 * no internal error) without changing a byte of the sites (their lock included) or of the output.
 * Returns stderr.
 */
export function refusesChangingNothing(tiny: PinnedTiny, args: string[] = []): string {
  const sitesBefore = filesOf(tiny.sites);
  const outBefore = filesOf(tiny.out);

  const r = runSynth(["--sites", tiny.sites, "--out", tiny.out, ...args]);

  expect(r.code).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stderr).not.toMatch(/internal error/i);
  expect(filesOf(tiny.sites)).toEqual(sitesBefore);
  expect(filesOf(tiny.out)).toEqual(outBefore);
  return r.stderr;
}

/** As refusesChangingNothing, for bad input: stderr holds exactly `lines`, then the count of errors. */
export function refusesInput(tiny: PinnedTiny, lines: RegExp[], args: string[] = []): void {
  const stderr = refusesChangingNothing(tiny, args);
  expect(stderr.trimEnd().split("\n")).toEqual([
    ...lines.map((line) => expect.stringMatching(line)),
    `${lines.length} error(s); nothing was written.`,
  ]);
}
