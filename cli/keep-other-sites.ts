import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import stringify from "json-stable-stringify";
import { UsageError } from "./exit-codes";
import { readMarker, type OutputMarker } from "./output-directory";

interface CdktfManifest {
  stacks: Record<string, unknown>;
}

/**
 * With `--site`: the new output keeps the other sites' stacks and work lists of the previous output,
 * and cdktf's manifest.json lists them all (written as cdktf writes it, so `cdktf deploy` finds every
 * stack). Returns the marker's sites with the kept ones added.
 */
export function keepOtherSites(previous: string, built: string, written: OutputMarker["sites"]): OutputMarker["sites"] {
  const marker = existsSync(previous) ? readMarker(previous) : undefined;
  if (!marker) return written;
  const manifestPath = join(built, "manifest.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as CdktfManifest;
  const old = JSON.parse(readFileSync(join(previous, "manifest.json"), "utf8")) as CdktfManifest;
  const sites = { ...written };
  for (const [site, { stacks }] of Object.entries(marker.sites)) {
    if (site in written) continue;
    for (const stack of stacks) {
      if (stack in manifest.stacks) {
        throw new UsageError(
          `stack ${stack} of site ${site} (in the previous output) has the name of a stack this run writes; synthesize all sites to see the clash`,
        );
      }
      cpSync(join(previous, "stacks", stack), join(built, "stacks", stack), { recursive: true });
      manifest.stacks[stack] = old.stacks[stack];
    }
    const worklist = join(previous, "worklists", `${site}.txt`);
    if (existsSync(worklist)) cpSync(worklist, join(built, "worklists", `${site}.txt`));
    sites[site] = { stacks };
  }
  writeFileSync(manifestPath, stringify(manifest, { space: 2 }) ?? "");
  return sites;
}
