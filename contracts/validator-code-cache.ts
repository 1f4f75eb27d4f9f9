import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { ValidateFunction } from "ajv";

/**
 * ajv compiling a set of schemas costs far more than validating a room with them (the loader's about a
 * second, the facility vocabulary's 0.2 s). So the validators are compiled once per installation:
 * ajv's standalone code (the very code ajv would compile in memory, so the same checks and errors in
 * the same order) is kept in node_modules/.cache (which `npm ci` empties) under a hash of everything
 * that shapes it, and later runs only evaluate it. Nothing to build by hand, nothing in the repository.
 */
export interface ValidatorCode {
  /** Everything the code depends on (schemas, options, the compiler's source), as JSON: the cache key. */
  identity: unknown;
  /** ajv's standalone code, exporting one validator per name of `exports`. */
  compile(): string;
  exports: readonly string[];
  /** What the code reads as `formats` (ajv's `code.formats`), if anything. */
  formats?: object;
}

/**
 * The validators of `spec`, from the cache in `cacheDir` (compiled and stored when it has none). No
 * cache directory (undefined), or one that cannot be written, is no error: the code compiled now is used.
 */
export function cachedValidators<K extends string>(
  spec: ValidatorCode & { exports: readonly K[] },
  cacheDir: string | undefined,
): Record<K, ValidateFunction> {
  const path = cacheDir === undefined ? undefined : join(cacheDir, `${cacheKey(spec.identity)}.js`);
  let code: string;
  try {
    if (path === undefined) throw new Error("no cache");
    code = readFileSync(path, "utf8");
  } catch {
    code = spec.compile();
    if (path !== undefined) store(path, code);
  }
  const exports: Partial<Record<K, ValidateFunction>> = {};
  // The code requires ajv's runtime helpers (ajv/dist/runtime) and refers to `formats`.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- ajv's own compile evaluates its code the same way
  const evaluate = new Function("exports", "require", "formats", code) as (exports: object, load: NodeJS.Require, formats: object) => void;
  evaluate(exports, require, spec.formats ?? {});
  for (const name of spec.exports)
    if (typeof exports[name] !== "function")
      throw new Error(`the compiled validators${path === undefined ? "" : ` in ${path}`} have no ${name} validator`);
  return exports as Record<K, ValidateFunction>;
}

/**
 * node_modules/.cache/<name>, beside the ajv that compiles the code; undefined where ajv is no
 * installed package (the packed audit bundles it): there validators are compiled in memory.
 */
export function validatorCacheDir(name: string): string | undefined {
  try {
    return join(dirname(dirname(require.resolve("ajv/package.json"))), ".cache", name);
  } catch {
    return undefined;
  }
}

/** The installed version of a package (part of a cache key). */
export function packageVersion(name: string): string {
  return (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), "utf8")) as { version: string }).version;
}

const cacheKey = (identity: unknown): string => createHash("sha256").update(JSON.stringify(identity)).digest("hex").slice(0, 32);

/** Written under a name of its own, then renamed: a concurrent run reads a whole file or none. */
function store(path: string, code: string): void {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temporary, code);
    renameSync(temporary, path);
  } catch {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Nothing was written there either.
    }
  }
}
