import "cdktf/lib/testing/adapters/jest";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { planSites, type PlannedSites } from "../plan/plan-sites";
import { SpecErrors, type SpecError } from "../spec/spec-error";
import { AS_OF, exampleSites, runSynth, SHARED_SYNTHS, TINY_SYNTH_EXIT } from "./shared-synth";

export { AS_OF, outputCollector, runSynth, sharedSynth, TINY_SYNTH_EXIT } from "./shared-synth";

export const ROOT = join(__dirname, "..");
export const TINY = SHARED_SYNTHS.tiny;
/** The example sites without the county site (test/shared-synth.ts, exampleSites). */
export const EXAMPLES = exampleSites();

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A fresh temporary directory, removed after the test file. */
export function tempDir(prefix = "room-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Copies a sites directory (default: the tiny fixture) into a temporary directory and returns the copy. */
export function copySites(from = TINY): string {
  const dir = join(tempDir(), "sites");
  cpSync(from, dir, { recursive: true });
  return dir;
}

/** Replaces `find` by `replace` in a file of a copied sites directory; fails when `find` is absent. */
export function edit(sitesDir: string, file: string, find: string | RegExp, replace: string): void {
  const path = join(sitesDir, file);
  const text = readFileSync(path, "utf8");
  const next = text.replace(find, replace);
  if (next === text) throw new Error(`edit: ${String(find)} not found in ${file}`);
  writeFileSync(path, next);
}

/** Line (1-based) of the first line of a file containing `needle`, to assert reported positions. */
export function lineOf(sitesDir: string, file: string, needle: string): number {
  const index = readFileSync(join(sitesDir, file), "utf8")
    .split("\n")
    .findIndex((l) => l.includes(needle));
  if (index < 0) throw new Error(`lineOf: ${needle} not in ${file}`);
  return index + 1;
}

export function load(sitesDir: string, asOf = AS_OF): PlannedSites {
  return planSites(sitesDir, { asOf, display: (p) => p.slice(sitesDir.length + 1) });
}

/** Loads and returns the spec errors (file names relative to the sites directory); fails if loading succeeds. */
export function loadErrors(sitesDir: string): SpecError[] {
  return [...loadFailure(sitesDir).errors];
}

/** The SpecErrors loading throws (its message and warnings as well as its errors); fails if loading succeeds. */
export function loadFailure(sitesDir: string): SpecErrors {
  try {
    load(sitesDir);
  } catch (e) {
    if (e instanceof SpecErrors) return e;
    throw e;
  }
  throw new Error("expected spec errors, but the sites loaded");
}

/** Every file below `dir`, relative path -> bytes (what a test compares to say "nothing changed"). */
export function treeOf(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (d: string) =>
    readdirSync(d).forEach((name) => {
      const p = join(d, name);
      const st = lstatSync(p);
      if (st.isDirectory()) walk(p);
      else files.set(relative(dir, p), st.isSymbolicLink() ? Buffer.from(`-> ${readlinkSync(p)}`) : readFileSync(p));
    });
  if (existsSync(dir)) walk(dir);
  return files;
}

/** Runs `npm run synth`'s command in a child process (for kills, signals and closed pipes). */
export function spawnSynth(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): { status: number | null; signal: string | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), join(ROOT, "cli", "synth.ts"), ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, ...options.env },
    encoding: "utf8",
  });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** Reads a synthesized stack's JSON. */
export function stackJson(outDir: string, stack: string): Record<string, any> {
  return JSON.parse(readFileSync(join(outDir, "stacks", stack, "cdk.tf.json"), "utf8"));
}

/**
 * Synthesizes `sites` into a fresh temporary directory, expecting it to be written: by default a copy of
 * the tiny fixture, with its policy findings (exit 1, see TINY_SYNTH_EXIT); the example sites pass (0).
 * Returns the output directory.
 */
export function synthOk(sites: string, expectedExit: number = TINY_SYNTH_EXIT): string {
  const out = join(tempDir(), "out");
  const result = runSynth(["--sites", sites, "--out", out]);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(expectedExit);
  return out;
}

/** Text to match literally inside a regular expression. */
export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
