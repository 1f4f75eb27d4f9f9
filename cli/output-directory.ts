import { existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import { dirname, join, parse, relative, resolve, sep } from "node:path";
import { UsageError } from "./exit-codes";

/**
 * The marker synth writes into every output directory it creates. Synth replaces or deletes only a
 * directory that holds it (or that does not exist), so a careless `--out` can never take a user's files.
 * It also records which stacks belong to which site, so `--site` can keep the other sites' stacks.
 */
export const OUTPUT_MARKER = ".synth-output.json";

export interface OutputMarker {
  note: string;
  /** Per site: its stack directories (under stacks/) and its work list (under worklists/). */
  sites: Record<string, { stacks: string[] }>;
}

export const MARKER_NOTE = "Written by npm run synth (room-as-code). Synth replaces or deletes only a directory that holds this file.";

export function formatMarker(sites: OutputMarker["sites"]): string {
  const sorted = Object.fromEntries(
    Object.keys(sites)
      .sort()
      .map((s) => [s, { stacks: [...sites[s].stacks].sort() }]),
  );
  return JSON.stringify({ note: MARKER_NOTE, sites: sorted }, null, 2) + "\n";
}

/** The marker of an output directory, or undefined when it has none (or not one synth could have written). */
export function readMarker(dir: string): OutputMarker | undefined {
  const path = join(dir, OUTPUT_MARKER);
  try {
    if (!statSync(path).isFile()) return undefined;
    const parsed: unknown = JSON.parse(readFileSync(path, "utf8"));
    if (!isMarker(parsed)) return undefined;
    return parsed;
  } catch {
    return undefined;
  }
}

function isMarker(value: unknown): value is OutputMarker {
  if (typeof value !== "object" || value === null) return false;
  const { note, sites } = value as Partial<OutputMarker>;
  if (note !== MARKER_NOTE || typeof sites !== "object" || sites === null) return false;
  return Object.values(sites).every((s: unknown) => {
    const stacks = (s as { stacks?: unknown } | null)?.stacks;
    return Array.isArray(stacks) && stacks.every((x) => typeof x === "string" && x !== "" && !x.includes("/") && !x.startsWith("."));
  });
}

/** The path itself if it exists, else its nearest existing ancestor. */
function nearestExisting(path: string): string {
  let existing = resolve(path);
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  return existing;
}

/** The path with every existing part resolved through symlinks, the rest appended as written. */
export function realPath(path: string): string {
  const absolute = resolve(path);
  const existing = nearestExisting(absolute);
  return join(realpathSync(existing), relative(existing, absolute));
}

/** Whether `inner` is `outer` or lies below it. */
export function isWithin(inner: string, outer: string): boolean {
  const rel = relative(outer, inner);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !parse(rel).root);
}

/**
 * Refuses (a UsageError, exit 2, nothing touched) an output location synth must not replace: the
 * file-system root, the sites directory or the working directory or anything that holds them, a place
 * inside the sites directory, an existing file, or a directory synth did not write.
 */
export function checkOutputLocation(outArg: string, outDir: string, sitesDir: string, cwd = process.cwd()): void {
  const shown = JSON.stringify(outArg);
  const out = realPath(outDir);
  const sites = realPath(sitesDir);
  const here = realPath(cwd);
  const refuse = (why: string): never => {
    throw new UsageError(`--out ${shown}: ${why}; nothing was written. Choose a directory of its own, such as cdktf.out`);
  };
  if (outArg.trim() === "") refuse("expected a directory, found an empty name");
  if (dirname(out) === out) refuse("is the root of the file system");
  if (isWithin(sites, out)) refuse(out === sites ? "is the sites directory" : `contains the sites directory ${sitesDir}`);
  if (isWithin(out, sites)) refuse(`lies inside the sites directory ${sitesDir}`);
  if (isWithin(here, out)) refuse(out === here ? "is the working directory" : "contains the working directory");
  const ancestor = nearestExisting(out);
  if (ancestor !== out && !statSync(ancestor).isDirectory()) refuse(`lies below ${ancestor}, which is a file, not a directory`);
  if (!existsSync(out)) return;
  if (!statSync(out).isDirectory()) refuse("is an existing file, not a directory synth wrote");
  if (!readMarker(out)) {
    refuse(
      `is a directory synth did not write (it has no ${OUTPUT_MARKER}); synth replaces only its own output, so remove it yourself if it holds nothing you need`,
    );
  }
}
