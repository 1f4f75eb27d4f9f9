import type { Finding } from "../engine/rule";
import type { InputFileHash } from "./provenance";

/**
 * A finding's file as the reports name it: the input file's path relative to the input given (as the
 * provenance lists it), so a report does not name the disk it was made on and stays the same bytes
 * wherever the input lies. A file the provenance does not list keeps the reader's path.
 */
export function reportPath(file: string, inputFiles: readonly InputFileHash[]): string {
  const normal = file.split("\\").join("/");
  let best: string | undefined;
  for (const f of inputFiles)
    if ((normal === f.path || normal.endsWith(`/${f.path}`)) && (best === undefined || f.path.length > best.length)) best = f.path;
  return best ?? normal;
}

/** The finding with its file as the reports name it (reportPath). */
export function withReportPath(f: Finding, inputFiles: readonly InputFileHash[]): Finding {
  return f.file === undefined ? f : { ...f, file: reportPath(f.file, inputFiles) };
}
