import type { ComplianceResult } from "../compliance";
import { formatJsonReport } from "./json-report";
import { formatJunitReport } from "./junit-report";
import { formatMarkdownReport } from "./markdown-report";
import { formatSarifReport } from "./sarif-report";

/** The report formats the audit command writes (`--format`); `table` is the terminal summary. */
export const REPORT_FORMATS = ["table", "md", "json", "sarif", "junit"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** One report of the result in a format (every format but `table`, which the terminal summary writes). */
export function formatReport(result: ComplianceResult, format: Exclude<ReportFormat, "table">): string {
  switch (format) {
    case "md":
      return formatMarkdownReport(result);
    case "json":
      return formatJsonReport(result);
    case "sarif":
      return formatSarifReport(result);
    case "junit":
      return formatJunitReport(result);
  }
}
