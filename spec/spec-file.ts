import { readFileSync } from "node:fs";
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import { pathOf, type SpecError } from "./spec-error";

/**
 * One parsed YAML spec file with what it takes to turn a JSON pointer back into a line and column.
 * Parsing never throws: syntax errors are collected in `syntaxErrors`.
 */
export class SpecFile {
  readonly data: unknown;
  readonly syntaxErrors: SpecError[];
  private readonly doc: Document;
  private readonly lines: LineCounter;

  private constructor(
    readonly file: string,
    readonly text: string,
  ) {
    this.lines = new LineCounter();
    this.doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
    this.syntaxErrors = [...this.doc.errors, ...this.doc.warnings].map((err) => {
      const { line, col } = this.lines.linePos(err.pos[0]);
      return { file, line, col, pointer: "", message: `YAML syntax: ${err.message.split("\n")[0]}` };
    });
    this.data = this.syntaxErrors.length ? undefined : this.doc.toJS({ maxAliasCount: 100 });
  }

  static read(file: string, displayName = file): SpecFile {
    return new SpecFile(displayName, readFileSync(file, "utf8"));
  }

  static fromText(displayName: string, text: string): SpecFile {
    return new SpecFile(displayName, text);
  }

  /** An error at `pointer`; `atKey` points at the key of the last segment (for unknown fields). */
  error(pointer: string, message: string, atKey = false): SpecError {
    const { line, col } = this.position(pointer, atKey);
    return { file: this.file, line, col, pointer, message };
  }

  /** Line and column of the node at `pointer`, or of its nearest existing ancestor. */
  position(pointer: string, atKey = false): { line: number; col: number } {
    let node: unknown = this.doc.contents;
    let offset = (node as Node | null)?.range?.[0] ?? 0;
    const segments = pathOf(pointer);
    segments.forEach((seg, i) => {
      const last = i === segments.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === seg);
        if (!pair) return void (node = undefined);
        const key = pair.key as Node;
        const value = pair.value as Node | null;
        node = value;
        const target = (last && atKey) || !value?.range ? key : value;
        if (target?.range) offset = target.range[0];
      } else if (isSeq(node)) {
        const item = node.items[Number(seg)] as Node | undefined;
        node = item;
        if (item?.range) offset = item.range[0];
      } else {
        node = undefined;
      }
    });
    return this.lines.linePos(offset);
  }
}
