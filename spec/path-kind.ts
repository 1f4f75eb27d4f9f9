import { lstatSync, readlinkSync, statSync, type Stats } from "node:fs";

/**
 * What a path in the sites tree is, symbolic links followed, so the loader can say what it expected
 * and what it found instead of failing on an fs error (or blocking forever on a FIFO).
 */
export type PathKind =
  | { kind: "file"; size: number }
  | { kind: "directory" }
  | { kind: "special"; what: string }
  | { kind: "missing" }
  | { kind: "dangling-link"; target: string }
  | { kind: "link-loop" }
  | { kind: "unreadable"; reason: string };

export function pathKind(path: string): PathKind {
  let own: Stats;
  try {
    own = lstatSync(path);
  } catch (e) {
    return failed(e);
  }
  if (!own.isSymbolicLink()) return kindOf(own);
  try {
    return kindOf(statSync(path));
  } catch (e) {
    if (errorCode(e) === "ENOENT") return { kind: "dangling-link", target: linkTarget(path) };
    return failed(e);
  }
}

/** How a kind reads after "found". */
export function describeKind(found: PathKind): string {
  switch (found.kind) {
    case "file":
      return "a file";
    case "directory":
      return "a directory";
    case "special":
      return found.what;
    case "missing":
      return "nothing";
    case "dangling-link":
      return `a symbolic link to ${JSON.stringify(found.target)}, which does not exist`;
    case "link-loop":
      return "a symbolic link loop";
    case "unreadable":
      return `a path that cannot be read (${found.reason})`;
  }
}

export function kindOf(stats: Stats): PathKind {
  if (stats.isFile()) return { kind: "file", size: stats.size };
  if (stats.isDirectory()) return { kind: "directory" };
  if (stats.isFIFO()) return { kind: "special", what: "a FIFO (named pipe)" };
  if (stats.isSocket()) return { kind: "special", what: "a socket" };
  if (stats.isCharacterDevice()) return { kind: "special", what: "a character device" };
  if (stats.isBlockDevice()) return { kind: "special", what: "a block device" };
  return { kind: "special", what: "neither a file nor a directory" };
}

/** An fs error while looking at or reading a path, as a kind (the loader reports it, never throws it). */
export function failed(e: unknown): PathKind {
  const code = errorCode(e);
  if (code === "ENOENT" || code === "ENOTDIR") return { kind: "missing" };
  if (code === "ELOOP") return { kind: "link-loop" };
  if (code === "EACCES" || code === "EPERM") return { kind: "unreadable", reason: "permission denied" };
  return { kind: "unreadable", reason: code ?? String(e) };
}

export function errorCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

function linkTarget(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return "?";
  }
}
