import { lstatSync, readFileSync } from "node:fs";
import { open, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { ReportFormat } from "../policies/report/formats";
import { UsageError } from "./exit-codes";

/**
 * How `--out` knows a file is one the audit wrote: every report it writes carries this marker, and it
 * replaces only a file that carries it (in any of the forms below). Markdown and JUnit carry it as a
 * comment on the first line (after the XML declaration); JSON as the top-level field `writtenBy`; SARIF,
 * whose log object admits no other field, in the log's `properties.writtenBy`.
 */
export const AUDIT_MARKER = "room-as-code audit report";

type FileFormat = Exclude<ReportFormat, "table">;

/** The marker line of Markdown and JUnit: a comment, without "--" inside (XML forbids it there). */
export const AUDIT_MARKER_LINE = `<!-- ${AUDIT_MARKER}: the audit's out option replaces only files that carry this line -->`;

/** The report as the audit prints and writes it: the formatter's text with the marker added. */
export function markReport(format: FileFormat, text: string): string {
  switch (format) {
    case "md":
      return `${AUDIT_MARKER_LINE}\n${text}`;
    case "junit": {
      // After the XML declaration, which must come first.
      const declaration = /^<\?xml[^>]*\?>\n?/.exec(text)?.[0] ?? "";
      return declaration
        ? `${declaration.trimEnd()}\n${AUDIT_MARKER_LINE}\n${text.slice(declaration.length)}`
        : `${AUDIT_MARKER_LINE}\n${text}`;
    }
    case "json": {
      const report = JSON.parse(text) as Record<string, unknown>;
      return JSON.stringify({ writtenBy: AUDIT_MARKER, ...report }, null, 2) + "\n";
    }
    case "sarif": {
      const log = JSON.parse(text) as Record<string, unknown> & { properties?: Record<string, unknown> };
      return JSON.stringify({ ...log, properties: { ...log.properties, writtenBy: AUDIT_MARKER } }, null, 2) + "\n";
    }
  }
}

/** Whether a report text carries the marker (as any format writes it). */
export function carriesAuditMarker(text: string): boolean {
  const lines = text.split("\n", 2);
  if (lines[0] === AUDIT_MARKER_LINE || (lines[0]?.startsWith("<?xml") && lines[1] === AUDIT_MARKER_LINE)) return true;
  if (!text.trimStart().startsWith("{")) return false;
  try {
    const json = JSON.parse(text) as { writtenBy?: unknown; properties?: { writtenBy?: unknown } };
    return json.writtenBy === AUDIT_MARKER || json.properties?.writtenBy === AUDIT_MARKER;
  } catch {
    return false;
  }
}

/**
 * Refuses an `--out` the audit may not write, before any work: its directory must exist, and a file
 * already there must be a regular file the audit wrote (see AUDIT_MARKER); anything else stays untouched.
 */
export function checkReportTarget(path: string): void {
  const dir = dirname(path);
  const dirKind = kindOf(dir);
  if (dirKind !== "directory")
    throw new UsageError(
      `--out ${path}: directory ${dir} ${dirKind === "missing" ? "does not exist" : "is not a directory"}; create it first`,
      false,
    );
  const kind = kindOf(path);
  if (kind === "missing") return;
  if (kind !== "file") throw new UsageError(`--out ${path}: is a ${kind}, not a report file; the audit writes only regular files`, false);
  if (!carriesAuditMarker(readFileSync(path, "utf8")))
    throw new UsageError(
      `--out ${path}: the file exists and was not written by the audit (it does not carry the line or field "${AUDIT_MARKER}"); it was left unchanged: choose another file or remove it`,
      false,
    );
}

function kindOf(path: string): "missing" | "file" | "directory" | "symbolic link" | "special file" {
  try {
    const st = lstatSync(path);
    return st.isSymbolicLink() ? "symbolic link" : st.isDirectory() ? "directory" : st.isFile() ? "file" : "special file";
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return "missing";
    throw new UsageError(`--out ${path}: ${(e as Error).message}`, false);
  }
}

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
const SIGNAL_NUMBERS: Record<(typeof SIGNALS)[number], number> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

/**
 * Writes the report to `path` whole or not at all: into `.<name>.<pid>.tmp` beside it, flushed, then
 * renamed over it. A Ctrl-C (or SIGTERM, SIGHUP) during the write removes the temporary file and ends
 * the run (exit 128 + signal); the target keeps its old contents.
 */
export async function writeReportFile(path: string, text: string): Promise<void> {
  checkReportTarget(path);
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const onSignal = (signal: (typeof SIGNALS)[number]) => {
    void rm(tmp, { force: true }).finally(() => process.exit(128 + SIGNAL_NUMBERS[signal]));
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  try {
    const handle = await open(tmp, "wx");
    try {
      await handle.writeFile(text);
      await stopHere("report-temp-written");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  } finally {
    for (const s of SIGNALS) process.off(s, onSignal);
  }
}

/** Test hook (ROOM_TEST_SIGNAL_AT=<step>): the run sends itself SIGINT there, as a Ctrl-C would arrive. */
async function stopHere(step: string): Promise<void> {
  if (process.env.ROOM_TEST_SIGNAL_AT !== step) return;
  process.kill(process.pid, "SIGINT");
  await new Promise((resolve) => setTimeout(resolve, 1000));
}
