/**
 * A room twice the county's size, for the benchmark's linearity figure: a copy of a site with a clone of
 * every tenant beside it, made by the project's own clone code (cloneTenantOnSite, as `npm run clone --
 * tenant` does), so the room passes the loader like one an operator would build.
 *
 *   tsx bench/double-room.ts <sites dir> <site> <new sites dir>   writes <new sites dir>/<site>/, prints a JSON line
 */
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { cloneTenantOnSite } from "../cli/clone/clone-tenant";
import { planSites } from "../plan/plan-sites";
import type { Site } from "../plan/model";
import { vmPrefixOf } from "../cli/clone/tenant-names";

/** Onboarding days as `npm run clone` uses them (cli/clone.ts). */
const ONBOARDING_DAYS = 90;

/** The id of the clone of `tenant`: the source's id with a suffix no id of the site has. */
export const cloneId = (tenant: string): string => `${tenant}2`;

export interface DoubledRoom {
  sitesDir: string;
  site: string;
  /** What was made bigger in site.yaml so that the doubled room fits (capacity checks of the loader). */
  enlarged: string[];
  sourceTenants: number;
  sourceVms: number;
  /**
   * The tenants of the source and their clones, in the order they were made, with their VMs: a clone
   * leaves out what is the source's alone (unmanaged, removed or retiring workloads, the host's shared
   * services on site networks), so it may have fewer.
   */
  clones: { from: string; to: string; sourceVms: number; vms: number }[];
  tenants: number;
  vms: number;
}

const loadSite = (sitesDir: string, site: string, asOf: string): Site => planSites(sitesDir, { asOf, site }).sites[0];

const prefixOf = (t: Site["tenants"][number]): string | undefined =>
  vmPrefixOf((t.spec.workloads ?? []).map((w) => w.namePattern ?? w.name));

/**
 * The clone's VM prefix: as long as the source's (the clone's default, the source's with a digit, can
 * make a Windows computer name one character too long), from the letters of the source's id, one no
 * tenant of the site uses. Undefined where the source's VM names have no common prefix.
 */
export function clonePrefix(site: Site, from: string): string | undefined {
  const source = site.tenants.find((t) => t.spec.tenant === from);
  const own = source && prefixOf(source);
  if (own === undefined) return undefined;
  const taken = new Set(site.tenants.map(prefixOf));
  const letters = from.replace(/[^a-z]/g, "");
  const alphabet = "abcdefghijklmnopqrstuvwxyz";
  // The source's first letter, then two of its id's letters in order, then any two letters.
  const pairs = [...letters.slice(1)].flatMap((x, i) => [...letters.slice(i + 2)].map((y) => x + y));
  const candidates = [...pairs, ...[...alphabet].flatMap((x) => [...alphabet].map((y) => x + y))].map((p) =>
    (letters[0] + p).slice(0, own.length),
  );
  const free = candidates.find((c) => c.length === own.length && !taken.has(c));
  if (free !== undefined) return free;
  throw new Error(`no free VM prefix of ${own.length} letters from ${from}`);
}

const vmCount = (site: Site): number => site.tenants.reduce((n, t) => n + t.vms.length, 0);

/**
 * Copies `<sitesDir>/<site>` to `<targetSitesDir>/<site>` and adds a clone of each of its tenants, one
 * at a time in file order (each clone is placed beside everything already there, so the site is loaded
 * again after each). Refuses a target that exists.
 */
export function doubleRoom(sitesDir: string, site: string, targetSitesDir: string, asOf: string): DoubledRoom {
  const target = join(resolve(targetSitesDir), site);
  if (existsSync(target)) throw new Error(`${target} exists: the doubled room is written into a new directory`);
  mkdirSync(resolve(targetSitesDir), { recursive: true });
  cpSync(join(resolve(sitesDir), site), target, { recursive: true });
  const source = loadSite(targetSitesDir, site, asOf);
  const sources = source.tenants.map((t) => t.spec.tenant);
  const siteFile = join(target, "site.yaml");
  const { text: enlargedText, changes: enlarged } = enlargedSiteText(readFileSync(siteFile, "utf8"), sources.length * 2);
  writeFileSync(siteFile, enlargedText);
  const clones: DoubledRoom["clones"] = [];
  for (const from of sources) {
    const current = loadSite(targetSitesDir, site, asOf);
    const clone = cloneTenantOnSite(current, {
      from,
      to: cloneId(from),
      vmPrefix: clonePrefix(current, from),
      asOf,
      onboardingDays: ONBOARDING_DAYS,
    });
    writeFileSync(clone.path, clone.text);
    clones.push({ from, to: cloneId(from), sourceVms: 0, vms: 0 });
  }
  const doubled = loadSite(targetSitesDir, site, asOf);
  const vmsOf = (room: Site, tenant: string) => room.tenants.find((t) => t.spec.tenant === tenant)?.vms.length ?? 0;
  for (const c of clones) Object.assign(c, { sourceVms: vmsOf(source, c.from), vms: vmsOf(doubled, c.to) });
  return {
    sitesDir: resolve(targetSitesDir),
    site,
    enlarged,
    sourceTenants: sources.length,
    sourceVms: vmCount(source),
    clones,
    tenants: doubled.tenants.length,
    vms: vmCount(doubled),
  };
}

/**
 * Raises the site's capacity for twice the tenants and VMs, in ways the schema accepts: a VDOM licence
 * for root, the shared VDOM and one VDOM per tenant (else the loader refuses), and every host with twice
 * the cores and memory (else RED-HOST-N1 fails: the hosts left after the tolerated failures must hold
 * every VM). Edits the values in place, comments and layout kept; says what changed.
 */
export function enlargedSiteText(text: string, tenants: number): { text: string; changes: string[] } {
  const changes: string[] = [];
  const vdoms = tenants + 2;
  let edited = text.replace(/^(\s*vdomLicences:\s*)(\d+)/m, (line, key: string, value: string) => {
    if (Number(value) >= vdoms) return line;
    changes.push(`firewall.vdomLicences ${value} -> ${vdoms} (root, shared and ${tenants} tenant VDOMs)`);
    return `${key}${vdoms}`;
  });
  let hosts = 0;
  edited = edited.replace(/\bcpuCores: (\d+), memoryGb: (\d+)\b/g, (_, cores: string, memory: string) => {
    hosts++;
    return `cpuCores: ${Number(cores) * 2}, memoryGb: ${Number(memory) * 2}`;
  });
  if (hosts)
    changes.push(
      `cpuCores and memoryGb of each of the ${hosts} hosts doubled (RED-HOST-N1: the hosts left after the tolerated failures hold every VM)`,
    );
  return { text: edited, changes };
}

if (require.main === module) {
  const [sitesDir, site, target] = process.argv.slice(2);
  const asOf = process.env.ROOM_AS_OF ?? "2026-11-22";
  const t0 = performance.now();
  const room = doubleRoom(sitesDir, site, target, asOf);
  process.stdout.write(JSON.stringify({ ...room, ms: performance.now() - t0 }) + "\n");
}
