import { parseArgs } from "node:util";
import { readTerraformInput } from "../policies/engine/terraform-input";
import { evaluationDateWithSource } from "./as-of";
import { auditDocuments, exitCodeOf, formatTable, reportAuditFailure } from "./audit-run";
import { ExitCode, UsageError } from "./exit-codes";
import { exitQuietlyOnClosedOutput } from "./command-failure";

const USAGE = `usage: npm run check -- <output...> [--site <name>] [--as-of <YYYY-MM-DD>]
  <output>  a synthesized output directory (cdktf.out), a stacks directory, a stack directory or *.tf.json files
  --site    gate only this site's stacks (all findings are still printed)
  --as-of   evaluation date (else ROOM_AS_OF, else today)
Runs the same checks synth runs, on output that exists, and writes nothing: the table view of
npm run audit (which also writes reports and reads .tf files).
Exit 0: no mandatory finding without a valid waiver; 1: there is one; 2: bad input or usage.`;

/** `npm run check`: the policy checks over synthesized output, without synthesizing again (the audit's table). */
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
    const asOf = evaluationDateWithSource(values["as-of"]);
    const run = auditDocuments(readTerraformInput(positionals), { paths: positionals, asOf, format: "table", site: values.site });
    out.write(formatTable(run, asOf.date));
    return exitCodeOf(run);
  } catch (e) {
    return reportAuditFailure(e, err, USAGE);
  }
}

if (require.main === module) {
  exitQuietlyOnClosedOutput(process.stdout);
  exitQuietlyOnClosedOutput(process.stderr);
  process.exitCode = main(process.argv.slice(2));
}
