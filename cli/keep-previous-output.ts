import {
  copyFileSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import stringify from "json-stable-stringify";
import { UsageError } from "./exit-codes";
import { fileHoldsBytes, filesHoldSameBytes } from "./file-bytes";
import { readMarker, type OutputMarker } from "./output-directory";
import type { SynthesizedSite } from "./synthesize";

interface CdktfManifest {
  stacks: Record<string, unknown>;
}

/** The stacks of each site the previous output (synth's own, with its marker) holds; empty otherwise. */
export function previousStacks(previous: string): Map<string, Set<string>> {
  const marker = existsSync(previous) ? readMarker(previous) : undefined;
  const stacks = new Map<string, Set<string>>();
  for (const [site, { stacks: names }] of Object.entries(marker?.sites ?? {}))
    stacks.set(site, new Set(names.filter((stack) => existsSync(join(previous, "stacks", stack, "cdk.tf.json")))));
  return stacks;
}

/**
 * The new output keeps what this run did not build from the previous output: the stacks and work
 * lists of sites it did not synthesize (with `keepOtherSites`: `--site`), and the stacks of its sites it left unbuilt
 * (`--tenant`). cdktf's manifest.json lists them all (written as cdktf writes it, so `cdktf deploy`
 * finds every stack). Returns the marker's sites.
 */
export function keepUnbuiltStacks(
  previous: string,
  built: string,
  written: Record<string, SynthesizedSite>,
  keepOtherSites: boolean,
): OutputMarker["sites"] {
  const sites: OutputMarker["sites"] = Object.fromEntries(Object.entries(written).map(([site, s]) => [site, { stacks: s.stacks }]));
  const marker = existsSync(previous) && keepOtherSites ? readMarker(previous) : undefined;
  const kept = new Map<string, string>(); // stack -> site
  for (const [site, s] of Object.entries(written)) for (const stack of s.stacks) if (!s.built.includes(stack)) kept.set(stack, site);
  for (const [site, { stacks }] of Object.entries(marker?.sites ?? {})) {
    if (site in written) continue;
    for (const stack of stacks) kept.set(stack, site);
    sites[site] = { stacks };
  }
  if (kept.size === 0) return sites;
  const manifestPath = join(built, "manifest.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as CdktfManifest;
  const old = JSON.parse(readFileSync(join(previous, "manifest.json"), "utf8")) as CdktfManifest;
  for (const [stack, site] of kept) {
    if (stack in manifest.stacks)
      throw new UsageError(
        `stack ${stack} of site ${site} (in the previous output) has the name of a stack this run writes; synthesize all sites to see the clash`,
      );
    linkTree(join(previous, "stacks", stack), join(built, "stacks", stack));
    manifest.stacks[stack] = old.stacks[stack];
  }
  for (const site of Object.keys(marker?.sites ?? {})) {
    const worklist = join(previous, "worklists", `${site}.txt`);
    if (!(site in written) && existsSync(worklist)) linkOrCopy(worklist, join(built, "worklists", `${site}.txt`));
  }
  writeFileSync(manifestPath, stringify(manifest, { space: 2 }) ?? "");
  return sites;
}

/**
 * Every file of the new output whose bytes equal the previous output's file at the same place becomes
 * that file (a hard link, or a copy with its times where links cannot be made): an unchanged stack
 * keeps its bytes and its modification time, so tools that watch times (make, rsync, Terraform's
 * plan cache) see no change. Returns how many files were kept.
 */
export function keepUnchangedFiles(previous: string, built: string): number {
  if (!isSynthOutput(previous)) return 0;
  let kept = 0;
  const walk = (relative: string) => {
    for (const entry of readdirSync(join(built, relative), { withFileTypes: true })) {
      const path = join(relative, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && sameBytes(join(previous, path), join(built, path))) {
        replaceWith(join(previous, path), join(built, path));
        kept++;
      }
    }
  };
  walk(".");
  return kept;
}

/** Whether `dir` is an output synth wrote (it has synth's marker): only such an output lends its files to a new one. */
export function isSynthOutput(dir: string): boolean {
  return existsSync(dir) && readMarker(dir) !== undefined;
}

/**
 * Writes `bytes` to `temp`, or, where `previous` (a file of synth's previous output) holds exactly
 * those bytes, links it there instead: a report the run would write unchanged keeps its file and time
 * without being written and read back. The caller renames `temp` into place.
 */
export function writeOrLinkPrevious(temp: string, bytes: Buffer, previous: string | undefined): void {
  if (previous !== undefined && fileHoldsBytes(previous, bytes)) linkOrCopy(previous, temp);
  else writeFileSync(temp, bytes);
}

/** Whether `b` (in the build) has `a`'s bytes but is not yet `a` itself (kept stacks are links already). */
function sameBytes(a: string, b: string): boolean {
  try {
    const sa = lstatSync(a);
    const sb = statSync(b);
    if (!sa.isFile() || sa.size !== sb.size || (sa.ino === sb.ino && sa.dev === sb.dev)) return false;
  } catch {
    return false; // not in the previous output
  }
  return filesHoldSameBytes(a, b);
}

/** `to` (in the build) becomes `from` (in the previous output): linked in through a temporary name. */
function replaceWith(from: string, to: string): void {
  const tmp = `${to}.keep`;
  linkOrCopy(from, tmp);
  renameSync(tmp, to);
}

function linkTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (entry.isDirectory()) linkTree(join(from, entry.name), join(to, entry.name));
    else if (entry.isFile()) linkOrCopy(join(from, entry.name), join(to, entry.name));
  }
}

/** A hard link to `from` at `to`; where the file system refuses, a copy that keeps `from`'s times. */
function linkOrCopy(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true });
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
    const { atime, mtime } = statSync(from);
    utimesSync(to, atime, mtime);
  }
}
