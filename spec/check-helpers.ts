import { show, type SpecError } from "./spec-error";
import type { SpecFile } from "./spec-file";

/** Where a stage reports a mistake: at a pointer of one file, which it can also name for messages. */
export interface ErrorSink {
  add(pointer: string, message: string, atKey?: boolean): void;
  /** `file:line:col` of the pointer, to say where something was first defined. */
  where(pointer: string): string;
}

/** Collects errors for one file; cross-reference checks write through it. */
export class Findings implements ErrorSink {
  readonly errors: SpecError[] = [];
  constructor(readonly file: SpecFile) {}

  add(pointer: string, message: string, atKey = false): void {
    const e = this.file.error(pointer, message, atKey);
    // Entries one concise form expanded to share its line: the same mistake is reported there once.
    if (!this.errors.some((o) => o.line === e.line && o.col === e.col && o.pointer === e.pointer && o.message === e.message))
      this.errors.push(e);
  }

  /** Reports every entry whose key was already used, naming where it was first defined. */
  unique<T>(items: readonly T[], key: (item: T) => string | number | undefined, pointer: (index: number) => string, what: string): void {
    const firstAt = new Map<string | number, number>();
    items.forEach((item, i) => {
      const k = key(item);
      if (k === undefined) return;
      const first = firstAt.get(k);
      if (first === undefined) firstAt.set(k, i);
      else this.add(pointer(i), `duplicate ${what} ${show(k)}; first defined at ${this.where(pointer(first))}`);
    });
  }

  /** Reports a reference that names nothing known; atKey when the reference is a mapping key. */
  known(
    name: string | undefined,
    known: ReadonlySet<string> | ReadonlyMap<string, unknown>,
    pointer: string,
    what: string,
    atKey = false,
  ): boolean {
    if (name === undefined || known.has(name)) return true;
    const names = [...known.keys()].sort();
    const hint = names.length
      ? `one of ${names.slice(0, 12).join(", ")}${names.length > 12 ? ", ..." : ""}`
      : `a declared ${what} (none is declared)`;
    this.add(pointer, `unknown ${what} ${show(name)}; expected ${hint}`, atKey);
    return false;
  }

  where(pointer: string): string {
    const { line, col } = this.file.position(pointer);
    return `${this.file.file}:${line}:${col}`;
  }
}
