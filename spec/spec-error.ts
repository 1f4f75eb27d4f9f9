/** A mistake in a spec file, located so the user can jump to it: `file:line:col: /pointer: message`. */
export interface SpecError {
  /** Path of the file as the user gave it (relative to the working directory where possible). */
  readonly file: string;
  /** 1-based line, 0 when the error concerns the file or directory as a whole. */
  readonly line: number;
  /** 1-based column, 0 when unknown. */
  readonly col: number;
  /** JSON pointer into the document ("" for the whole document). */
  readonly pointer: string;
  /** What was expected and what was found. */
  readonly message: string;
}

export function formatSpecError(e: SpecError): string {
  const where = e.line > 0 ? `${e.file}:${e.line}:${e.col}` : e.file;
  return `${where}: ${e.pointer || "/"}: ${e.message}`;
}

/** Thrown by the loader with every error it found, so the user sees them all at once. */
export class SpecErrors extends Error {
  constructor(readonly errors: readonly SpecError[]) {
    super(`${errors.length} error(s) in the spec files:\n` + errors.map(formatSpecError).join("\n"));
    this.name = "SpecErrors";
  }
}

export function pointerOf(path: readonly (string | number)[]): string {
  return path.map((seg) => "/" + String(seg).replace(/~/g, "~0").replace(/\//g, "~1")).join("");
}

export function pathOf(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((seg) => seg.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/**
 * Reports a found value compactly in a message. Objects and lists are described, not printed: they may
 * hold a credential the secret scan reports separately, and a message must never echo one.
 */
export function show(value: unknown): string {
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (value !== null && typeof value === "object") return `an object with fields ${Object.keys(value).join(", ") || "(none)"}`;
  const text = JSON.stringify(value);
  return text.length > 60 ? text.slice(0, 57) + "..." : text;
}
