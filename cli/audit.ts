import { parseArgs } from "node:util";
import { readTerraformInputAsync } from "../policies/engine/terraform-input";
import { PACKS } from "../policies/packs";
import { REPORT_FORMATS, type ReportFormat } from "../policies/report/formats";
import { ALL_RULES } from "../policies/rules";
import { evaluationDateWithSource } from "./as-of";
import { auditDocuments, checkPackIds, deliverAudit, reportAuditFailure, type AuditRequest } from "./audit-run";
import { exitQuietlyOnClosedOutput } from "./command-failure";
import { ExitCode, UsageError } from "./exit-codes";
import { readExtraWaivers } from "./extra-waivers";
import { readParamsFile } from "./params-file";
import { AUDIT_MARKER, checkReportTarget } from "./report-file";

export const AUDIT_USAGE = `usage: npm run audit -- <path...> [--format table|md|json|sarif|junit] [--out <file>] [--pack <name>...]
                        [--waivers <file>] [--params <file>] [--site <name>] [--as-of <YYYY-MM-DD>]
       npx room-as-code audit <path...> [options]     (from the packed tarball: needs only Node)
  <path>     synthesized output (cdktf.out), a stacks directory, a stack directory, *.tf.json or *.tf files,
             or a directory of them: Terraform this project did not write is read too
  --format   table (default): the terminal summary; md, json, sarif, junit: the report, on stdout or in --out
  --out      write the report to this file, whole or not at all; its directory must exist, and a file
             already there is replaced only if the audit wrote it (it carries "${AUDIT_MARKER}");
             the format follows the name (.md, .json, .sarif, .xml) when --format is not given
  --pack     run only this pack (repeatable, or comma-separated): {packs}
  --waivers  a waivers file (schema/waivers.schema.json) added to the waivers the input carries
  --params   rule parameters for every site, as a site's policy.yaml (schema/policy.schema.json)
  --site     gate only this site's stacks (every finding is still reported)
  --as-of    evaluation date (else ROOM_AS_OF, else today)
Example, on Terraform someone else wrote:
  npm run audit -- ../vendor-room/terraform --format md --out audit.md
  npx --yes ./room-as-code-0.1.0.tgz audit hosts.tf policies.tf.json --format sarif --out audit.sarif
Exit 0: no mandatory finding without a valid waiver; 1: there is one; 2: bad input or usage.`;

const FORMAT_BY_EXTENSION: [string, Exclude<ReportFormat, "table">][] = [
  [".sarif", "sarif"],
  [".sarif.json", "sarif"],
  [".md", "md"],
  [".json", "json"],
  [".xml", "junit"],
];

/** `npm run audit`: the policy checks over any vSphere and FortiOS Terraform, and a report an auditor can file. */
export async function main(
  argv: string[],
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): Promise<number> {
  const usage = AUDIT_USAGE.replace("{packs}", PACKS.map((p) => p.id).join(", "));
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: {
        format: { type: "string" },
        out: { type: "string" },
        pack: { type: "string", multiple: true },
        waivers: { type: "string" },
        params: { type: "string" },
        site: { type: "string" },
        "as-of": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: true,
    });
    if (values.help) {
      out.write(usage + "\n");
      return ExitCode.ok;
    }
    if (positionals.length === 0) throw new UsageError("expected the Terraform to audit, for example: npm run audit -- cdktf.out");
    const format = formatOf(values.format, values.out);
    const packs = values.pack?.flatMap((p) => p.split(",")).filter((p) => p !== "");
    if (packs) checkPackIds(packs);
    if (values.out !== undefined) checkReportTarget(values.out);
    const waivers = values.waivers;
    const request: AuditRequest = {
      paths: positionals,
      asOf: evaluationDateWithSource(values["as-of"]),
      format,
      out: values.out,
      packs,
      site: values.site,
      params: values.params === undefined ? undefined : readParamsFile(values.params, ALL_RULES),
      extraWaivers: waivers === undefined ? undefined : (docs) => readExtraWaivers(waivers, docs),
    };
    const docs = await readTerraformInputAsync(positionals);
    return await deliverAudit(auditDocuments(docs, request), request, out);
  } catch (e) {
    return reportAuditFailure(e, err, usage);
  }
}

/** --format, else the format --out's name implies, else table. */
function formatOf(flag: string | undefined, outPath: string | undefined): ReportFormat {
  if (flag !== undefined) {
    if (!(REPORT_FORMATS as readonly string[]).includes(flag))
      throw new UsageError(`--format ${flag}: expected one of ${REPORT_FORMATS.join(", ")}`);
    if (flag === "table" && outPath !== undefined)
      throw new UsageError(`--out ${outPath}: the table is printed, not written; give --format md, json, sarif or junit`);
    return flag as ReportFormat;
  }
  if (outPath === undefined) return "table";
  const implied = FORMAT_BY_EXTENSION.find(([ext]) => outPath.toLowerCase().endsWith(ext));
  if (!implied) throw new UsageError(`--out ${outPath}: give --format (the name does not end in .md, .json, .sarif or .xml)`);
  return implied[1];
}

if (require.main === module) {
  exitQuietlyOnClosedOutput(process.stdout);
  exitQuietlyOnClosedOutput(process.stderr);
  void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
