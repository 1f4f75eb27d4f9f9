import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { planSites } from "../../plan/plan-sites";
import { SpecErrors } from "../../spec/spec-error";

/**
 * Loads and plans a site as it would be with `files` added (path under the site directory -> text),
 * from a private copy, so the real directory is not touched until the result is known to load. Errors
 * come back as SpecErrors naming the files where they would be, under the real site directory.
 */
export function checkSiteWith(
  siteDir: string,
  siteName: string,
  files: ReadonlyMap<string, string>,
  asOf: string,
  display: (p: string) => string,
): void {
  const root = mkdtempSync(join(tmpdir(), "room-clone-"));
  try {
    const copy = join(root, siteName);
    cpSync(siteDir, copy, { recursive: true });
    for (const [rel, text] of files) writeFileSync(join(copy, rel), text);
    planOrExplain(root, siteName, asOf, (p) => display(join(siteDir, relative(copy, p))));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Loads and plans a new site from its files alone (path under the site directory -> text), in a private directory. */
export function checkNewSite(siteName: string, files: ReadonlyMap<string, string>, asOf: string, display: (rel: string) => string): void {
  const root = mkdtempSync(join(tmpdir(), "room-clone-"));
  try {
    const dir = join(root, siteName);
    for (const [rel, text] of files) {
      mkdirSync(dirname(join(dir, rel)), { recursive: true });
      writeFileSync(join(dir, rel), text);
    }
    planOrExplain(root, siteName, asOf, (p) => display(relative(dir, p)));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function planOrExplain(root: string, siteName: string, asOf: string, display: (p: string) => string): void {
  try {
    planSites(root, { asOf, site: siteName, display });
  } catch (e) {
    if (!(e instanceof SpecErrors)) throw e;
    throw new SpecErrors(
      e.errors.map((x) => ({ ...x, message: `${x.message} (in the clone's result; nothing was written)` })),
      e.warnings,
    );
  }
}
