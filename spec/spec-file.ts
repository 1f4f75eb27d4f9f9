import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type YAMLError } from "yaml";
import { findControlCharacters } from "./control-characters";
import { aboutFlow } from "./firewall/flow-subject";
import { pathOf, pointerOf, type SpecError } from "./spec-error";
import { readSpecBytes } from "./spec-source";
import { decodeSpecText } from "./text-encoding";
import { MAX_NESTING, unsupportedTag, yamlData, YAML_PARSE_OPTIONS } from "./yaml-data";

/** Control characters reported one by one per file; a binary file would otherwise flood the terminal. */
const MAX_CONTROL_CHARACTER_ERRORS = 10;

/**
 * One parsed YAML spec file with what it takes to turn a JSON pointer back into a line and column.
 * Reading and parsing never throw: whatever kept the file from becoming data is in `syntaxErrors`.
 */
export class SpecFile {
  /** The document as plain data (see yamlData); undefined when there are syntaxErrors. */
  readonly data: unknown;
  /**
   * What kept the file from becoming data, located: file-system trouble (line 0), text that is not
   * UTF-8 or holds control characters, YAML syntax, and values a spec file may not hold (yamlData).
   */
  readonly syntaxErrors: SpecError[];
  /** The parsed document and its line offsets; parsed on first use when the data was known without it. */
  private parsed?: { doc: Document; lines: LineCounter };
  /** Values a concise form expanded into (spec/facility/expand-defaults.ts): their pointer -> where the user wrote them. */
  private readonly origins = new Map<string, { pointer: string; note: string }>();

  private constructor(
    readonly file: string,
    readonly text: string,
    unreadable?: SpecError,
    plainData?: unknown,
  ) {
    if (plainData !== undefined) {
      this.data = plainData;
      this.syntaxErrors = [];
      return;
    }
    this.syntaxErrors = unreadable
      ? [unreadable]
      : [...[...this.doc.errors, ...this.doc.warnings].map((e) => this.yamlError(e)), ...this.controlCharacterErrors()];
    if (this.syntaxErrors.length) return;
    const { data, problems } = yamlData(this.doc);
    for (const p of problems) this.syntaxErrors.push({ file, ...this.lines.linePos(p.offset), pointer: p.pointer, message: p.message });
    if (!problems.length) this.data = data;
  }

  private get doc(): Document {
    return this.yaml().doc;
  }

  private get lines(): LineCounter {
    return this.yaml().lines;
  }

  private yaml(): { doc: Document; lines: LineCounter } {
    if (!this.parsed) {
      const lines = new LineCounter();
      const doc = parseDocument(this.text, { ...YAML_PARSE_OPTIONS, lineCounter: lines });
      this.parsed = { doc, lines };
    }
    return this.parsed;
  }

  /**
   * Reads a spec file; file-system trouble, size and encoding are errors of the file, never exceptions.
   * `plainData` may recognize a machine-written text (the address lock) and give the data the YAML
   * parser would make of it: then the text is parsed only when an error needs a line and column.
   */
  static read(file: string, displayName = file, plainData?: (text: string) => unknown): SpecFile {
    const read = readSpecBytes(file);
    if ("problem" in read) return new SpecFile(displayName, "", { file: displayName, line: 0, col: 0, pointer: "", message: read.problem });
    const decoded = decodeSpecText(read.bytes);
    if ("problem" in decoded) return new SpecFile(displayName, "", { file: displayName, ...decoded.problem, pointer: "" });
    return new SpecFile(displayName, decoded.text, undefined, plainData?.(decoded.text));
  }

  static fromText(displayName: string, text: string): SpecFile {
    return new SpecFile(displayName, text);
  }

  /** The parser's error in the user's words where its own would puzzle them. */
  private yamlError(e: YAMLError): SpecError {
    const { line, col } = this.lines.linePos(e.pos[0]);
    const own = e.message.split("\n")[0];
    const message =
      e.code === "MULTIPLE_DOCS"
        ? "expected one YAML document, found a second one starting here; give each site and tenant a file of its own"
        : e.code === "TAG_RESOLVE_FAILED"
          ? unsupportedTag(own.replace(/^Unresolved tag: /, ""))
          : e.code === "RESOURCE_EXHAUSTION"
            ? `YAML syntax: values nested too deeply to read; expected at most ${MAX_NESTING} levels`
            : `YAML syntax: ${own.length > 200 ? own.slice(0, 197) + "..." : own}`;
    // An unknown tag leaves the document whole, so its value can be named; after a syntax error it cannot.
    return { file: this.file, line, col, pointer: e.code === "TAG_RESOLVE_FAILED" ? this.pointerAt(e.pos[0]) : "", message };
  }

  /** Control characters anywhere in the text, comments included, at the value that holds them. */
  private controlCharacterErrors(): SpecError[] {
    const found = findControlCharacters(this.text);
    const errors = found.slice(0, MAX_CONTROL_CHARACTER_ERRORS).map(({ offset, name }) => ({
      file: this.file,
      ...this.lines.linePos(offset),
      pointer: this.pointerAt(offset),
      message: `expected printable text, found the control character ${name}; remove it`,
    }));
    const more = found[MAX_CONTROL_CHARACTER_ERRORS];
    if (more) {
      errors.push({
        file: this.file,
        ...this.lines.linePos(more.offset),
        pointer: this.pointerAt(more.offset),
        message: `and ${found.length - MAX_CONTROL_CHARACTER_ERRORS} more control characters from here on; expected printable text`,
      });
    }
    return errors;
  }

  /** The pointer of the innermost value whose text (key and tag included) holds `offset` ("" outside every value). */
  private pointerAt(offset: number): string {
    const start = (n: unknown): number => (n as Node | null)?.range?.[0] ?? Infinity;
    const end = (n: unknown): number => (n as Node | null)?.range?.[2] ?? -Infinity;
    const path: string[] = [];
    let node: unknown = this.doc.contents;
    for (;;) {
      if (isMap(node)) {
        const pair = node.items.find(
          (p) => offset >= Math.min(start(p.key), start(p.value)) && offset < Math.max(end(p.key), end(p.value)),
        );
        if (!pair || !isScalar(pair.key) || typeof pair.key.value !== "string") break;
        path.push(pair.key.value);
        node = pair.value;
      } else if (isSeq(node)) {
        const index = node.items.findIndex((item) => offset >= start(item) && offset < end(item));
        if (index < 0) break;
        path.push(String(index));
        node = node.items[index];
      } else break;
    }
    return pointerOf(path);
  }

  /**
   * Records that the value at `expanded` (in `data`, not in the text) was expanded from the user's
   * value at `origin`: errors there are reported at the origin, with `note` saying where they came from.
   */
  expandedFrom(expanded: string, origin: string, note: string): void {
    this.origins.set(expanded, { pointer: origin, note });
  }

  /** The user's pointer for a pointer into the data: the longest expanded prefix, mapped to its origin. */
  private origin(pointer: string): { pointer: string; note?: string } {
    if (this.origins.size === 0) return { pointer };
    for (let at = pointer; ; at = at.slice(0, at.lastIndexOf("/"))) {
      const o = this.origins.get(at);
      if (o) return { pointer: o.pointer + pointer.slice(at.length), note: o.note };
      if (at === "") return { pointer };
    }
  }

  /** An error at `pointer`; `atKey` points at the key of the last segment (for unknown fields). */
  error(pointer: string, message: string, atKey = false): SpecError {
    const { line, col } = this.position(pointer, atKey);
    // A message about a flow quotes the flow's id, which the user knows it by (not its list position).
    const text = aboutFlow(this.data, pointer, message);
    // A value a concise form expanded into is reported where the user wrote the form, saying so.
    const o = this.origin(pointer);
    return { file: this.file, line, col, pointer: o.pointer, message: o.note ? `${text} (${o.note})` : text };
  }

  /** Line and column of the node at `pointer` (at its origin, when it was expanded), or of its nearest existing ancestor. */
  position(at: string, atKey = false): { line: number; col: number } {
    const pointer = this.origin(at).pointer;
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
