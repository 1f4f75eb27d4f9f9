import { escapeUnprintable } from "./control-characters";

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

/** One line per error; control characters in file names, keys or messages are printed escaped, never raw. */
export function formatSpecError(e: SpecError): string {
  const where = e.line > 0 ? `${e.file}:${e.line}:${e.col}` : e.file;
  return escapeUnprintable(`${where}: ${e.pointer || "/"}: ${e.message}`);
}

/**
 * Input that was skipped rather than refused (an editor's backup beside the tenant files, a README in
 * the sites directory), located like an error so the user sees what was left out and why.
 */
export type SpecWarning = SpecError;

export function formatSpecWarning(w: SpecWarning): string {
  return `warning: ${formatSpecError(w)}`;
}

/** Thrown by the loader with every error it found, so the user sees them all at once. */
export class SpecErrors extends Error {
  constructor(
    readonly errors: readonly SpecError[],
    /** What was skipped on the way, to print beside the errors. */
    readonly warnings: readonly SpecWarning[] = [],
  ) {
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
  if (typeof value === "number" && !Number.isFinite(value)) return Number.isNaN(value) ? ".nan" : value > 0 ? ".inf" : "-.inf";
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (value !== null && typeof value === "object") {
    const fields = Object.keys(value);
    const named = fields.slice(0, 8).map((f) => cut(f, 30));
    return `an object with fields ${named.join(", ") || "(none)"}${fields.length > named.length ? `, ... (${fields.length} in all)` : ""}`;
  }
  // Cut before quoting, so a huge value costs nothing; a cut never splits a character in two.
  const text = JSON.stringify(typeof value === "string" ? cut(value, 60) : value);
  return text.length > 60 ? [...text].slice(0, 57).join("") + "..." : text;
}

function cut(text: string, length: number): string {
  return text.length > length ? [...text.slice(0, length + 1)].slice(0, length).join("") : text;
}
