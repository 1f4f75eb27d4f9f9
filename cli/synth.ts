import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { planSites } from "../plan/plan-sites";
import { formatSpecError, SpecErrors } from "../spec/spec-error";
import { evaluationDate } from "./as-of";
import { replaceDirectory, writeFileAtomic } from "./atomic-write";
import { ExitCode, UsageError } from "./exit-codes";
import { formatSummary, newApp, summarize, synthesizeSites } from "./synthesize";
import { formatWorkList } from "./work-list";

const USAGE = `usage: npm run synth -- [--sites <dir>] [--out <dir>] [--site <name>] [--as-of <YYYY-MM-DD>]
  --sites   directory of sites (<site>/site.yaml, <site>/tenants/*.yaml); default ./sites
  --out     output directory, replaced as a whole on success; default ./cdktf.out
  --site    synthesize only this site
  --as-of   evaluation date (else ROOM_AS_OF, else today)`;

/** `npm run synth`: load and check the spec files, synthesize every stack, pin addresses, print a summary. */
export function main(argv: string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): number {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        sites: { type: "string" },
        out: { type: "string" },
        site: { type: "string" },
        "as-of": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      out.write(USAGE + "\n");
      return ExitCode.ok;
    }
    const asOf = evaluationDate(values["as-of"]);
    const sitesDir = resolve(values.sites ?? "sites");
    const outDir = resolve(values.out ?? "cdktf.out");
    const loaded = planSites(sitesDir, { asOf, site: values.site });

    const workLists = loaded.sites.map((s) => ({
      site: s.spec.site,
      text: formatWorkList(s.spec.site, loaded.ipam.get(s.spec.site)?.work ?? []),
    }));
    replaceDirectory(outDir, (tmp) => {
      synthesizeSites(newApp(tmp), loaded);
      mkdirSync(join(tmp, "worklists"), { recursive: true });
      for (const w of workLists) writeFileSync(join(tmp, "worklists", `${w.site}.txt`), w.text);
    });
    // Only after the output is in place: the address pins, which later runs rely on.
    for (const plan of loaded.ipam.values()) if (plan.changed) writeFileAtomic(plan.lockPath, plan.text);

    out.write(formatSummary(summarize(outDir)));
    for (const w of workLists) if (w.text) out.write("\n" + w.text);
    out.write(`evaluation date ${asOf}; output in ${values.out ?? "cdktf.out"}\n`);
    return ExitCode.ok;
  } catch (e) {
    return reportFailure(e, err, USAGE);
  }
}

/** Bad input and usage errors get a message and exit 2; anything else is our bug (exit 3). */
export function reportFailure(e: unknown, err: NodeJS.WritableStream, usage: string): number {
  if (e instanceof SpecErrors) {
    err.write(e.errors.map(formatSpecError).join("\n") + `\n${e.errors.length} error(s); nothing was written.\n`);
    return ExitCode.badInput;
  }
  if (e instanceof UsageError || (e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
    err.write(`${(e as Error).message}\n${usage}\n`);
    return ExitCode.badInput;
  }
  err.write(`internal error (please report it): ${(e as Error)?.stack ?? String(e)}\n`);
  return ExitCode.internalError;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
