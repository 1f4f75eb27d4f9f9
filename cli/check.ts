import { parseArgs } from "node:util";
import { PolicyInputError } from "../policies/engine/terraform-input";
import { formatTerminalSummary } from "../policies/report/terminal";
import { evaluationDate } from "./as-of";
import { checkSynthesized } from "./compliance-output";
import { ExitCode, UsageError } from "./exit-codes";
import { exitQuietlyOnClosedOutput, reportFailure } from "./command-failure";

const USAGE = `usage: npm run check -- <output...> [--site <name>] [--as-of <YYYY-MM-DD>]
  <output>  a synthesized output directory (cdktf.out), a stacks directory, a stack directory or *.tf.json files
  --site    gate only this site's stacks (all findings are still printed)
  --as-of   evaluation date (else ROOM_AS_OF, else today)
Runs the same checks synth runs, on output that exists, and writes nothing.
Exit 0: no mandatory finding without a valid waiver; 1: there is one; 2: bad input or usage.`;

/** `npm run check`: the policy checks over synthesized output, without synthesizing again. */
export function main(argv: string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): number {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { site: { type: "string" }, "as-of": { type: "string" }, help: { type: "boolean", short: "h" } },
      strict: true,
      allowPositionals: true,
    });
    if (values.help) {
      out.write(USAGE + "\n");
      return ExitCode.ok;
    }
    if (positionals.length === 0) throw new UsageError("expected the synthesized output to check, for example: npm run check -- cdktf.out");
    const asOf = evaluationDate(values["as-of"]);
    const run = checkSynthesized(positionals, asOf);
    const site = values.site;
    if (site !== undefined && !run.result.sites.some((s) => s.site === site))
      throw new UsageError(
        `--site ${site}: the output has no site ${site} (it has ${run.result.sites.map((s) => s.site).join(", ")})`,
        false,
      );
    const blocking = site === undefined ? run.blocking : run.blocking.filter((f) => f.site === site);
    out.write(formatTerminalSummary(run.result, blocking));
    out.write(`evaluation date ${asOf}\n`);
    return blocking.length > 0 ? ExitCode.policyFailure : ExitCode.ok;
  } catch (e) {
    if (e instanceof PolicyInputError) {
      err.write(`${e.message}\n`);
      return ExitCode.badInput;
    }
    return reportFailure(e, err, USAGE);
  }
}

if (require.main === module) {
  exitQuietlyOnClosedOutput(process.stdout);
  exitQuietlyOnClosedOutput(process.stderr);
  process.exitCode = main(process.argv.slice(2));
}
