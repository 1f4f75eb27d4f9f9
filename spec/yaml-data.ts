import { isAlias, isCollection, isMap, isScalar, isSeq, type Alias, type Document, type Node, type Pair, type YAMLMap } from "yaml";
import { pointerOf, show } from "./spec-error";

/** Nesting deeper than this is refused: the deepest field the schemas define is 6 levels down. */
export const MAX_NESTING = 64;

/** Keys longer than this are refused: field names and ids are short, and keys appear in every message about their value. */
export const MAX_KEY_LENGTH = 256;

/**
 * Longer text values are refused: the longest text the schemas bound is 900 characters, and every
 * check that reads text (the secret scan above all) should cost little however a file is written.
 */
export const MAX_TEXT_LENGTH = 10_000;

/** Values aliases may add to a document in all (an alias bomb doubles them with every line). */
export const MAX_ALIAS_VALUES = 100_000;

/** A value a spec file may not hold, at `offset` in the text and `pointer` in the document. */
export interface YamlProblem {
  offset: number;
  pointer: string;
  message: string;
}

type Path = (string | number)[];

const CORE = "tag:yaml.org,2002:";
/** The tags of YAML 1.2's core schema ("!" is the non-specific tag of a quoted scalar). */
const ALLOWED_TAGS = new Set(["!", ...["str", "int", "float", "bool", "null", "map", "seq"].map((t) => CORE + t)]);

/**
 * The plain data of a parsed YAML document: strings, finite numbers, booleans, null, lists and
 * objects, nothing shared. Aliases are expanded into copies, merge keys (`<<`) merged, and whatever
 * a spec file may not hold is a located problem instead: another YAML version than 1.2, tags beyond
 * the core schema, keys that are not text, aliases that name nothing or themselves, numbers that are
 * not exact, nesting and alias expansion beyond the limits above. Never recurses deeper than
 * MAX_NESTING, so no input overflows the stack.
 */
export function yamlData(doc: Document): { data: unknown; problems: YamlProblem[] } {
  const conversion = new Conversion();
  const { version, explicit } = doc.directives?.yaml ?? { version: "1.2" };
  if (explicit && version !== "1.2") {
    conversion.problem(
      0,
      [],
      `expected YAML 1.2, found %YAML ${version}, whose rules differ (yes and no as booleans, 010 as octal, dates); remove the directive`,
    );
    return { data: undefined, problems: conversion.problems };
  }
  const data = conversion.value(doc.contents, [], 0);
  return { data, problems: conversion.problems };
}

/** How an unsupported tag is reported, by the converter and for the YAML parser's unresolved tags. */
export function unsupportedTag(tag: string): string {
  const written = tag.startsWith(CORE) ? `!!${tag.slice(CORE.length)}` : tag;
  return `unsupported YAML tag ${show(written)}; expected plain text, numbers, booleans, lists and maps`;
}

class Conversion {
  readonly problems: YamlProblem[] = [];
  /** The last node seen with each anchor, as YAML resolves an alias to the latest anchor before it. */
  private readonly anchors = new Map<string, Node>();
  /** What each alias named where it stands, so an alias inside an expanded value keeps its own target. */
  private readonly targets = new Map<Alias, Node>();
  /** Collections being converted: an alias to one of them would be an endless value. */
  private readonly open = new Set<Node>();
  /** The outermost alias being expanded, if any. */
  private expanding?: { alias: Alias; path: Path };
  private aliasValues = 0;
  /** Set once a limit is passed: nothing more is converted or reported. */
  private stopped = false;

  /** A problem where the file says it; inside an alias expansion it was reported where the value is written. */
  problem(offset: number, path: Path, message: string): void {
    if (!this.expanding) this.problems.push({ offset, pointer: pointerOf(path), message });
  }

  value(node: unknown, path: Path, depth: number): unknown {
    if (this.stopped || node === null || node === undefined) return null;
    const at = offsetOf(node);
    // Inside an alias the alias is to blame: the node reached lies elsewhere in the file.
    const blame = this.expanding ? { offset: offsetOf(this.expanding.alias), path: this.expanding.path } : { offset: at, path };
    if (depth > MAX_NESTING)
      return this.stop(blame.offset, blame.path, `values nested more than ${MAX_NESTING} levels deep; expected at most ${MAX_NESTING}`);
    if (this.expanding && ++this.aliasValues > MAX_ALIAS_VALUES) {
      return this.stop(
        blame.offset,
        blame.path,
        `aliases expand this file by more than ${MAX_ALIAS_VALUES} values; expected fewer (write the values out, or alias smaller parts)`,
      );
    }
    if (isAlias(node)) return this.alias(node, path, depth);
    if (!isScalar(node) && !isCollection(node)) return this.unsupported(at, path, "a value that is not plain data");
    if (node.anchor && !this.expanding) this.anchors.set(node.anchor, node);
    if (node.tag !== undefined && !ALLOWED_TAGS.has(node.tag)) return this.problem(at, path, unsupportedTag(node.tag));
    if (isScalar(node)) return this.scalar(node.value, node.source, at, path);
    this.open.add(node);
    const data = isSeq(node) ? node.items.map((item, i) => this.value(item, [...path, i], depth + 1)) : this.map(node, path, depth);
    this.open.delete(node);
    return data;
  }

  private stop(offset: number, path: Path, message: string): undefined {
    this.problems.push({ offset, pointer: pointerOf(path), message });
    this.stopped = true;
    return undefined;
  }

  private unsupported(offset: number, path: Path, what: string): undefined {
    this.problem(offset, path, `expected plain text, numbers, booleans, lists and maps, found ${what}`);
    return undefined;
  }

  private alias(alias: Alias, path: Path, depth: number): unknown {
    const target = this.target(alias, path);
    if (!target) return undefined;
    const outermost = !this.expanding;
    if (outermost) this.expanding = { alias, path };
    const data = this.value(target, path, depth);
    if (outermost) this.expanding = undefined;
    return data;
  }

  /** The node an alias names; a problem when none comes before it, or when it lies inside that node. */
  private target(alias: Alias, path: Path): Node | undefined {
    const target = this.resolve(alias);
    const name = show(`*${alias.source}`);
    if (!target)
      this.problem(offsetOf(alias), path, `alias ${name} names no anchor before it; expected &${alias.source} earlier in the file`);
    else if (this.open.has(target))
      this.problem(offsetOf(alias), path, `alias ${name} lies inside the value it names, which would never end`);
    else return target;
    return undefined;
  }

  private resolve(alias: Alias): Node | undefined {
    const target = this.targets.get(alias) ?? this.anchors.get(alias.source);
    if (target && !this.expanding) this.targets.set(alias, target);
    return target;
  }

  private scalar(value: unknown, source: string | undefined, offset: number, path: Path): unknown {
    if (typeof value === "string" && value.length > MAX_TEXT_LENGTH)
      this.problem(offset, path, `expected text of at most ${MAX_TEXT_LENGTH} characters, found ${value.length} (${show(value)})`);
    if (typeof value === "string" || typeof value === "boolean" || value === null) return value;
    if (typeof value !== "number") return this.unsupported(offset, path, source === undefined ? "a value of another kind" : show(source));
    if (!Number.isFinite(value)) this.problem(offset, path, `expected a finite number, found ${show(source ?? String(value))}`);
    else if (Math.abs(value) > Number.MAX_SAFE_INTEGER)
      this.problem(
        offset,
        path,
        `expected a number of at most ${Number.MAX_SAFE_INTEGER} (2^53 - 1) in size, which is kept exactly, found ${show(source ?? String(value))}`,
      );
    return value;
  }

  private map(node: YAMLMap, path: Path, depth: number): Record<string, unknown> {
    const data: Record<string, unknown> = {};
    for (const pair of node.items) {
      if (isScalar(pair.key) && typeof pair.key.value === "symbol") {
        this.merge(data, pair, path, depth);
        continue;
      }
      const key = this.key(pair, node, path);
      if (key === undefined) continue;
      setField(data, key, this.value(pair.value, [...path, key], depth + 1));
    }
    return data;
  }

  /** A map's key as text; anything else is a problem (YAML would turn 0x1F into "31", null into ""). */
  private key(pair: Pair, map: YAMLMap, path: Path): string | undefined {
    const key = pair.key;
    if (isScalar(key) && typeof key.value === "string" && key.value.length <= MAX_KEY_LENGTH) return key.value;
    const at = key === null || key === undefined ? offsetOf(pair.value ?? map) : offsetOf(key);
    if (key === null || key === undefined || (isScalar(key) && key.value === null && !key.source)) {
      this.problem(at, path, `a value without a key; expected "name: value"`);
    } else if (isScalar(key) && typeof key.value === "string") {
      this.problem(at, path, `expected a key of at most ${MAX_KEY_LENGTH} characters, found ${show(key.value)} (${key.value.length})`);
    } else if (isScalar(key)) {
      const kind = key.value === null ? "null" : typeof key.value === "object" ? "a value" : `a ${typeof key.value}`;
      this.problem(at, path, `expected a text key, found ${show(key.source ?? String(key.value))} (${kind}); quote it if it is text`);
    } else if (isAlias(key)) {
      this.problem(at, path, `an alias as a key (*${key.source}) is not supported; write the key out`);
    } else {
      this.problem(at, path, `expected a text key, found ${isSeq(key) ? "a list" : "a map"} as the key`);
    }
    return undefined;
  }

  /**
   * `<<: map`, `<<: *alias` or `<<: [*a, *b]`: the keys the map does not set itself, the first source
   * winning. Keys written after the merge key win too: they are set again when reached.
   */
  private merge(data: Record<string, unknown>, pair: Pair, path: Path, depth: number): void {
    const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
    for (const source of sources) {
      const resolved = isAlias(source) ? this.resolve(source) : source;
      if (resolved !== undefined && !isMap(resolved)) {
        this.problem(
          offsetOf(source ?? pair.key),
          path,
          `a merge key (<<) takes a map, an alias of a map or a list of those; found ${describeNode(resolved)}`,
        );
        continue;
      }
      const merged = this.value(source, path, depth);
      if (merged === null || typeof merged !== "object") continue;
      for (const [key, value] of Object.entries(merged)) if (!Object.hasOwn(data, key)) setField(data, key, value);
    }
  }
}

/** defineProperty: a key "__proto__" is a field like any other, never the object's prototype. */
function setField(data: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(data, key, { value, enumerable: true, writable: true, configurable: true });
}

function offsetOf(node: unknown): number {
  return (node as Node | null)?.range?.[0] ?? 0;
}

function describeNode(node: unknown): string {
  if (node === null) return "nothing";
  if (isSeq(node)) return "a list";
  if (isScalar(node)) return show(node.source ?? node.value);
  return "another value";
}

/** The options every spec file is parsed with (the line counter aside). */
export const YAML_PARSE_OPTIONS = { prettyErrors: false, uniqueKeys: true, merge: true } as const;

/** The code that turns a text into data, for caches of parsed files (spec/parsed-spec-cache.ts) to key on. */
export const YAML_DATA_CODE: string = [JSON.stringify(YAML_PARSE_OPTIONS), yamlData.toString(), Conversion.toString()].join("\n");
