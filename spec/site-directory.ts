import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import siteSchema from "../schema/site.schema.json";
import { describeKind, failed, pathKind } from "./path-kind";
import { SpecErrors, type SpecError, type SpecWarning } from "./spec-error";
import { clashMessage, stackClaims, stackClashes } from "./stack-names";

export interface SiteListOptions {
  /** Only this site. */
  site?: string;
  /** How file names appear in messages; default relative to the working directory. */
  display?: (path: string) => string;
}

/** What a sites directory holds: the sites to load, and what was skipped. */
export interface SiteListing {
  sites: { name: string; dir: string }[];
  display: (path: string) => string;
  warnings: SpecWarning[];
}

/** What a site's tenants/ directory holds: the tenant files to load, what was refused and what skipped. */
export interface TenantListing {
  files: { base: string; path: string }[];
  errors: SpecError[];
  warnings: SpecWarning[];
}

/** Site and tenant ids: they name directories, files and stacks (the schema's name pattern). */
const ID = new RegExp(siteSchema.$defs.name.pattern);

/** Whether `name` is a site or tenant id (the schema's name pattern), and how messages say what one is. */
export const isSpecId = (name: string): boolean => ID.test(name);
export const SPEC_ID_WORDS: string = siteSchema.$defs.name["x-expected"];
// The pattern allows 1 + 62 characters.
const ID_WORDS = `${siteSchema.$defs.name["x-expected"]}, at most 63 characters`;
const TENANT_FILE = /\.ya?ml$/;

/**
 * The site directories under `sitesDir` (those with a site.yaml), in name order. What is not a site
 * is skipped with a warning; a sites directory that cannot be listed, a site directory whose name is
 * no site id, and stack names two sites would share are errors (thrown as SpecErrors, all at once).
 */
export function listSites(sitesDir: string, options: SiteListOptions): SiteListing {
  const display = options.display ?? defaultDisplay;
  const at = (path: string, message: string): SpecError => ({ file: display(path), line: 0, col: 0, pointer: "", message });
  const found = pathKind(sitesDir);
  if (found.kind !== "directory")
    throw new SpecErrors([at(sitesDir, `expected a directory of sites (<site>/site.yaml), found ${describeKind(found)}`)]);
  const entries = listDirectory(sitesDir);
  if (typeof entries === "string")
    throw new SpecErrors([at(sitesDir, `expected a directory of sites that can be listed, found ${entries}`)]);

  const errors: SpecError[] = [];
  const warnings: SpecWarning[] = [];
  const names: string[] = [];
  for (const name of entries) {
    // With --site, nothing else in the directory is looked at.
    if (options.site !== undefined && name !== options.site) {
      if (isSite(join(sitesDir, name))) names.push(name);
      continue;
    }
    const dir = join(sitesDir, name);
    const kind = pathKind(dir);
    // A hidden entry is no site: an editor's, or a clone's staging directory a killed run left behind.
    if (name.startsWith(".")) warnings.push(at(dir, `skipped: a hidden ${kind.kind === "directory" ? "directory" : "file"}, not a site`));
    else if (kind.kind === "file" || kind.kind === "special")
      warnings.push(at(dir, `skipped: ${describeKind(kind)}, not a site directory`));
    else if (kind.kind !== "directory") errors.push(at(dir, `expected a site directory, found ${describeKind(kind)}`));
    else if (!isSite(dir)) warnings.push(at(dir, `skipped: no site.yaml, so not a site`));
    else if (!ID.test(name)) errors.push(at(dir, `expected a site id as the directory name (${ID_WORDS}), found ${JSON.stringify(name)}`));
    else names.push(name);
  }
  const valid = names.filter((n) => ID.test(n));
  if (options.site !== undefined && !valid.includes(options.site) && !errors.length) {
    errors.push(at(sitesDir, `no site ${JSON.stringify(options.site)}; expected one of ${valid.join(", ") || "(none)"}`));
  }
  if (!valid.length && !errors.length) {
    errors.push(at(sitesDir, `expected at least one site (${display(join(sitesDir, "<site>", "site.yaml"))}), found none`));
  }
  errors.push(...sharedStackNames(sitesDir, valid, options.site, at));
  if (errors.length) throw new SpecErrors(errors, warnings);
  const chosen = valid.filter((n) => options.site === undefined || n === options.site);
  return { sites: chosen.map((name) => ({ name, dir: join(sitesDir, name) })), display, warnings };
}

/**
 * The tenant files of a site directory: the regular `*.yaml` and `*.yml` files of tenants/, in name
 * order. A missing tenants/ is a site without tenants. Hidden files, other names and FIFOs, sockets or
 * devices are skipped with a warning; a tenants/ that is not a directory, a directory named like a
 * tenant file and a file name that is no tenant id are errors.
 */
export function listTenantFiles(siteDir: string, display: (path: string) => string): TenantListing {
  const at = (path: string, message: string): SpecError => ({ file: display(path), line: 0, col: 0, pointer: "", message });
  const tenantsDir = join(siteDir, "tenants");
  const found = pathKind(tenantsDir);
  const listing: TenantListing = { files: [], errors: [], warnings: [] };
  if (found.kind === "missing") return listing;
  if (found.kind !== "directory") {
    listing.errors.push(at(tenantsDir, `expected a directory of tenant files (<tenant>.yaml), found ${describeKind(found)}`));
    return listing;
  }
  const entries = listDirectory(tenantsDir);
  if (typeof entries === "string") {
    listing.errors.push(at(tenantsDir, `expected a directory of tenant files that can be listed, found ${entries}`));
    return listing;
  }
  for (const name of entries) {
    const path = join(tenantsDir, name);
    const kind = pathKind(path);
    if (name.startsWith(".")) listing.warnings.push(at(path, `skipped: a hidden file (an editor's swap or lock file?), not a tenant file`));
    else if (!TENANT_FILE.test(name)) listing.warnings.push(at(path, `skipped: not a .yaml or .yml file`));
    else if (kind.kind === "special") listing.warnings.push(at(path, `skipped: ${describeKind(kind)}, not a regular file`));
    else if (kind.kind === "directory") listing.errors.push(at(path, `expected a tenant file, found a directory`));
    else if (!ID.test(name.replace(TENANT_FILE, "")))
      listing.errors.push(
        at(path, `expected a tenant id as the file name (${ID_WORDS}), found ${JSON.stringify(name.replace(TENANT_FILE, ""))}`),
      );
    // Files, and links that lead nowhere: reading reports the latter.
    else listing.files.push({ base: name.replace(TENANT_FILE, ""), path });
  }
  return listing;
}

export function defaultDisplay(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith("..") ? path : rel;
}

/** The names in a directory, sorted, or why it cannot be listed. */
function listDirectory(dir: string): string[] | string {
  try {
    return readdirSync(dir).sort();
  } catch (e) {
    return describeKind(failed(e));
  }
}

function isSite(dir: string): boolean {
  return pathKind(join(dir, "site.yaml")).kind !== "missing";
}

/**
 * Stacks two sites would both name (site a's tenant b-c and site a-b's tenant c are both a-b-c): the
 * output has one directory per stack. Tenants are known here by file name, which their tenant: field
 * must equal; clashes inside one site are reported later, at that field.
 */
function sharedStackNames(
  sitesDir: string,
  sites: readonly string[],
  chosen: string | undefined,
  at: (path: string, message: string) => SpecError,
): SpecError[] {
  const claims = sites.flatMap((site) => {
    const dir = join(sitesDir, site);
    const tenants = listTenantFiles(dir, (p) => p).files.map((f) => ({ tenant: f.base, owner: { site, path: f.path } }));
    return stackClaims(site, { site, path: join(dir, "site.yaml") }, tenants);
  });
  return stackClashes(claims)
    .filter(
      ({ claim, first }) =>
        claim.owner.site !== first.owner.site && (chosen === undefined || [claim.owner.site, first.owner.site].includes(chosen)),
    )
    .map((clash) => at(clash.claim.owner.path, clashMessage(clash)));
}
