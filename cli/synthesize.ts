import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { App } from "cdktf";
import { ValidateProviderPresence } from "cdktf/lib/validations";
import type { PlannedSites } from "../plan/plan-sites";
import { addSiteStacks, stacksOf, type StackFilter } from "../stacks/site-stacks";
import { useCdktfShortcuts } from "../stacks/cdktf-shortcuts";

export interface StackSummary {
  stack: string;
  resources: number;
  dataSources: number;
  imports: number;
  removed: number;
}

/** What synthesizeSites wrote of one site: every stack of the site, and those this run built. */
export interface SynthesizedSite {
  stacks: string[];
  built: string[];
}

/**
 * Builds the stacks of the loaded sites that `build` selects (default: all) into `app` and
 * synthesizes them into its outdir. The others are made empty for their names and dependencies and
 * left out of the output (the caller keeps them from the previous output).
 */
export function synthesizeSites(app: App, loaded: PlannedSites, build?: StackFilter): Record<string, SynthesizedSite> {
  const bySite = loaded.sites.map((site) => ({ site: site.spec.site, stacks: stacksOf(addSiteStacks(app, site, build)) }));
  const built = new Set(bySite.flatMap((s) => s.stacks).filter((stack) => !build || build(stack.node.id)));
  for (const stack of bySite.flatMap((s) => s.stacks)) if (!built.has(stack)) app.node.tryRemoveChild(stack.node.id);
  // cdktf's own validations are skipped (see newApp); keep the one that matters: every resource has its provider.
  const missing = [...built].flatMap((stack) => new ValidateProviderPresence(stack).validate().map((m) => `${stack.node.id}: ${m}`));
  if (missing.length) throw new Error(`stack validation failed:\n${missing.join("\n")}`);
  app.synth();
  return Object.fromEntries(
    bySite.map((s) => [
      s.site,
      {
        stacks: s.stacks.map((stack) => stack.node.id),
        built: s.stacks.filter((stack) => built.has(stack)).map((stack) => stack.node.id),
      },
    ]),
  );
}

/**
 * The cdktf app. Its built-in validations are skipped: besides provider presence, they run
 * `terraform version` once per terraform_data resource and import block (seconds on a real room), and
 * fail where no terraform binary is installed, which synth does not need.
 */
export function newApp(outdir?: string): App {
  useCdktfShortcuts();
  return new App({ outdir, stackTraces: false, skipValidation: true });
}

/** Counts what each synthesized stack (or each of `only`) holds, from the written JSON. */
export function summarize(outdir: string, only?: readonly string[]): StackSummary[] {
  const stacksDir = join(outdir, "stacks");
  if (!existsSync(stacksDir)) return [];
  return summarizeStacks(
    (only ?? readdirSync(stacksDir)).map((stack) => ({
      stack,
      json: JSON.parse(readFileSync(join(stacksDir, stack, "cdk.tf.json"), "utf8")) as Record<string, unknown>,
    })),
  );
}

/** The same counts from stacks already parsed (the checks' documents), sorted by stack as summarize sorts them. */
export function summarizeStacks(stacks: readonly { stack: string; json: Record<string, unknown> }[]): StackSummary[] {
  const count = (block: unknown) =>
    Object.values((block as Record<string, object>) ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);
  return [...stacks]
    .sort((a, b) => (a.stack < b.stack ? -1 : a.stack > b.stack ? 1 : 0))
    .map(({ stack, json }) => ({
      stack,
      resources: count(json.resource),
      dataSources: count(json.data),
      imports: Array.isArray(json.import) ? json.import.length : 0,
      removed: Array.isArray(json.removed) ? json.removed.length : 0,
    }));
}

export function formatSummary(rows: StackSummary[]): string {
  const width = Math.max(5, ...rows.map((r) => r.stack.length));
  const head = `${"stack".padEnd(width)}  resources  data  imports  removed`;
  const body = rows.map(
    (r) =>
      `${r.stack.padEnd(width)}  ${String(r.resources).padStart(9)}  ${String(r.dataSources).padStart(4)}  ${String(r.imports).padStart(7)}  ${String(r.removed).padStart(7)}`,
  );
  const total = rows.reduce((n, r) => n + r.resources, 0);
  return [head, ...body, `${rows.length} stacks, ${total} resources`].join("\n") + "\n";
}
