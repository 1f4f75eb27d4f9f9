import type { ComplianceResult } from "../compliance";
import type { Finding } from "../engine/rule";
import type { InputFileHash } from "./provenance";

/**
 * A finding's file as the reports name it: the input file's path relative to the input given (as the
 * provenance lists it), so a report does not name the disk it was made on and stays the same bytes
 * wherever the input lies. A file the provenance does not list keeps the reader's path.
 */
export function reportPath(file: string, inputFiles: readonly InputFileHash[]): string {
  let known = resolved.get(inputFiles);
  if (known === undefined) resolved.set(inputFiles, (known = new Map<string, string>()));
  let path = known.get(file);
  if (path === undefined) known.set(file, (path = matchingInputFile(file, inputFiles)));
  return path;
}

/**
 * reportPath per list of input files (the provenance's, built once per run and never changed) and file:
 * every finding of a stack names the same file, and each format names every finding.
 */
const resolved = new WeakMap<readonly InputFileHash[], Map<string, string>>();

function matchingInputFile(file: string, inputFiles: readonly InputFileHash[]): string {
  const normal = file.split("\\").join("/");
  let best: string | undefined;
  for (const f of inputFiles)
    if ((normal === f.path || normal.endsWith(`/${f.path}`)) && (best === undefined || f.path.length > best.length)) best = f.path;
  return best ?? normal;
}

/** The finding with its file as the reports name it (reportPath), and any fields a report adds after its own (one copy, not two). */
export function withReportPath<T extends object = object>(f: Finding, inputFiles: readonly InputFileHash[], added?: T): Finding & T {
  if (f.file === undefined) return (added === undefined ? f : { ...f, ...added }) as Finding & T;
  return { ...f, file: reportPath(f.file, inputFiles), ...added } as Finding & T;
}

/** The input summary with its file paths as the reports name them (reportPath). */
export function inputForReport(result: ComplianceResult): ComplianceResult["input"] {
  const files = result.provenance.inputFiles;
  const input = result.input;
  return {
    ...input,
    files: input.files.map((f) => ({ ...f, path: reportPath(f.path, files) })),
    stacks: input.stacks.map((s) => ({
      ...s,
      modules: s.modules.map((m) => (m.file === undefined ? m : { ...m, file: reportPath(m.file, files) })),
    })),
  };
}
