import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { packageVersion, validatorCacheDir } from "../contracts/validator-code-cache";
import { findControlCharacters } from "./control-characters";
import { YAML_DATA_CODE } from "./yaml-data";

/** Entries kept: every spec file of several rooms; past it the older half goes (a run stores only what it parsed anew). */
const MAX_ENTRIES = 2000;

/**
 * The plain data of spec files that loaded without an error, by a hash of their text, so that a run
 * parses only the files that changed since the last one: YAML parsing is about half of loading the
 * county room, and a run that builds one tenant reads every file of its site. Kept in
 * node_modules/.cache/room-as-code-specs (which `npm ci` empties) under a key that also covers the
 * yaml version and the code that turns a document into data, so a cached entry is exactly what
 * parsing the text would give (test/spec/parsed-spec-cache.test.ts).
 *
 * Only a file that passed every check of its kind (the secret scan first) is stored, so a file the
 * loader refused leaves no copy here. Where there is no installed package to keep it beside (the
 * packed audit), nothing is cached.
 */
export class ParsedSpecCache {
  constructor(
    private readonly dir: string | undefined = validatorCacheDir("room-as-code-specs"),
    private readonly maxEntries = MAX_ENTRIES,
  ) {}

  /** The data of `text` as parsing it would give, when stored before; undefined otherwise. */
  get(text: string): unknown {
    if (this.dir === undefined) return undefined;
    let stored: string;
    try {
      stored = readFileSync(this.path(text), "utf8");
    } catch {
      return undefined;
    }
    // A text with control characters is an error the parse path reports: never served from here.
    if (findControlCharacters(text).length > 0) return undefined;
    try {
      return JSON.parse(stored) as unknown;
    } catch {
      return undefined; // a damaged entry: parse the text instead
    }
  }

  /**
   * What `put` will store for `data` (taken before the loader's checks add defaults to it), or
   * undefined for data JSON would not give back as it is.
   */
  snapshot(data: unknown): string | undefined {
    return this.dir !== undefined && isPlainJson(data, 0) ? JSON.stringify(data) : undefined;
  }

  /** Stores a snapshot of `text`'s data. A cache that cannot be written is no error. */
  put(text: string, snapshot: string): void {
    if (this.dir === undefined) return;
    const path = this.path(text);
    const temporary = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    try {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(temporary, snapshot);
      renameSync(temporary, path);
      this.trim();
    } catch {
      rmSync(temporary, { force: true });
    }
  }

  private path(text: string): string {
    return join(this.dir ?? "", `${createHash("sha256").update(identity()).update("\0").update(text).digest("hex").slice(0, 40)}.json`);
  }

  /** Past maxEntries, removes the older half (by modification time). */
  private trim(): void {
    if (this.dir === undefined) return;
    const names = readdirSync(this.dir).filter((n) => n.endsWith(".json"));
    if (names.length <= this.maxEntries) return;
    const byAge = names
      .map((name) => {
        try {
          return { name, at: statSync(join(this.dir ?? "", name)).mtimeMs };
        } catch {
          return { name, at: 0 };
        }
      })
      .sort((a, b) => a.at - b.at);
    for (const { name } of byAge.slice(0, names.length - Math.floor(this.maxEntries / 2))) rmSync(join(this.dir, name), { force: true });
  }
}

let identityText: string | undefined;
/** What shapes the data of a text: the yaml package and our conversion of its document. */
const identity = (): string => (identityText ??= JSON.stringify([packageVersion("yaml"), YAML_DATA_CODE]));

/** Strings, finite numbers other than -0, booleans, null, arrays and plain objects without a `__proto__` key. */
function isPlainJson(value: unknown, depth: number): boolean {
  if (depth > 100) return false;
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every((v) => isPlainJson(v, depth + 1));
  if (typeof value !== "object" || Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const key of Object.keys(value))
    if (key === "__proto__" || !isPlainJson((value as Record<string, unknown>)[key], depth + 1)) return false;
  return true;
}
