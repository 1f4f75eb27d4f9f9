import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { App } from "cdktf";
import type { LoadedSites } from "../spec/load-sites";
import { addSiteStacks } from "../stacks/site-stacks";

export interface StackSummary {
  stack: string;
  resources: number;
  dataSources: number;
  imports: number;
  removed: number;
}

/** Builds every stack of the loaded sites into `app` and synthesizes them into its outdir. */
export function synthesizeSites(app: App, loaded: LoadedSites): void {
  for (const site of loaded.sites) addSiteStacks(app, site);
  app.synth();
}

export function newApp(outdir?: string): App {
  return new App({ outdir, stackTraces: false });
}

/** Counts what each synthesized stack holds, from the written JSON. */
export function summarize(outdir: string): StackSummary[] {
  const stacksDir = join(outdir, "stacks");
  if (!existsSync(stacksDir)) return [];
  return readdirSync(stacksDir)
    .sort()
    .map((stack) => {
      const json = JSON.parse(readFileSync(join(stacksDir, stack, "cdk.tf.json"), "utf8")) as Record<string, unknown>;
      const count = (block: unknown) => Object.values((block as Record<string, object>) ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);
      return {
        stack,
        resources: count(json.resource),
        dataSources: count(json.data),
        imports: Array.isArray(json.import) ? json.import.length : 0,
        removed: Array.isArray(json.removed) ? json.removed.length : 0,
      };
    });
}

export function formatSummary(rows: StackSummary[]): string {
  const width = Math.max(5, ...rows.map((r) => r.stack.length));
  const head = `${"stack".padEnd(width)}  resources  data  imports  removed`;
  const body = rows.map((r) => `${r.stack.padEnd(width)}  ${String(r.resources).padStart(9)}  ${String(r.dataSources).padStart(4)}  ${String(r.imports).padStart(7)}  ${String(r.removed).padStart(7)}`);
  const total = rows.reduce((n, r) => n + r.resources, 0);
  return [head, ...body, `${rows.length} stacks, ${total} resources`].join("\n") + "\n";
}
