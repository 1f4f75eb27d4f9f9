import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { _, type ValidateFunction } from "ajv";
import Ajv2020 from "ajv/dist/2020";
import standaloneCode from "ajv/dist/standalone";
import addFormats from "ajv-formats";
import approversSchema from "../schema/approvers.schema.json";
import lockSchema from "../schema/ipam-lock.schema.json";
import policySchema from "../schema/policy.schema.json";
import siteSchema from "../schema/site.schema.json";
import tenantSchema from "../schema/tenant.schema.json";
import waiversSchema from "../schema/waivers.schema.json";
import { OWN_FORMATS, SCHEMA_FORMATS } from "./schema-formats";

/** The schema of each kind of file the loader validates. */
const SCHEMAS = {
  site: siteSchema,
  tenant: tenantSchema,
  lock: lockSchema,
  policy: policySchema,
  waivers: waiversSchema,
  approvers: approversSchema,
} as const;

export type ValidatedKind = keyof typeof SCHEMAS;
export type Validators = Record<ValidatedKind, ValidateFunction>;

/**
 * ajv compiling the schemas costs about a second (the site schema most), more than reading the county
 * room's files. So the validators are compiled once per installation: ajv's standalone code (the very
 * code ajv would compile in memory, so the same checks, errors in the same order and defaults) is kept
 * in node_modules/.cache (which `npm ci` empties) under a hash of everything that shapes it, and later
 * runs only evaluate it. Nothing to build by hand, nothing generated in the repository.
 */
export function compiledValidators(cacheDir = defaultCacheDir()): Validators {
  const code = cachedCode(cacheDir);
  const exports: Partial<Validators> = {};
  // The code refers to `formats` (code.formats below) and requires ajv's runtime helpers (ajv/dist/runtime).
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- ajv's own compile evaluates its code the same way
  const evaluate = new Function("exports", "require", "formats", code) as (exports: object, load: NodeJS.Require, formats: object) => void;
  evaluate(exports, require, SCHEMA_FORMATS);
  for (const kind of Object.keys(SCHEMAS) as ValidatedKind[])
    if (typeof exports[kind] !== "function") throw new Error(`the compiled validators have no ${kind} validator`);
  return exports as Validators;
}

/** The cached code for the current schemas, ajv and compiler; compiled and stored when there is none. */
function cachedCode(cacheDir: string): string {
  const path = join(cacheDir, `${cacheKey()}.js`);
  try {
    return readFileSync(path, "utf8");
  } catch {
    const code = compileCode();
    store(path, code);
    return code;
  }
}

/** Written under a name of its own, then renamed: a concurrent run reads a whole file or none. A cache that cannot be written is no error. */
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

/** The validators' code, as ajv compiles it with the loader's options. */
export function compileCode(): string {
  const ajv = new Ajv2020({
    allErrors: true,
    verbose: true,
    useDefaults: true,
    strict: true,
    strictTypes: false,
    strictRequired: false,
    // Formats are read from the `formats` the code is evaluated with (SCHEMA_FORMATS).
    code: { source: true, formats: _`formats` },
  });
  addFormats(ajv);
  // Replaces ajv-formats' ipv4, which lets leading zeros through.
  for (const [name, format] of Object.entries(OWN_FORMATS)) ajv.addFormat(name, format);
  // Our annotation: what a value should look like, in words, for error messages.
  ajv.addKeyword({ keyword: "x-expected", schemaType: "string" });
  for (const schema of Object.values(SCHEMAS)) ajv.addSchema(schema);
  return standaloneCode(ajv, Object.fromEntries(Object.entries(SCHEMAS).map(([kind, schema]) => [kind, schema.$id])));
}

/** Changes with the schemas, the formats' names, ajv's and ajv-formats' versions and the compiler (its options). */
function cacheKey(): string {
  const version = (name: string) =>
    (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), "utf8")) as { version: string }).version;
  return createHash("sha256")
    .update(JSON.stringify([version("ajv"), version("ajv-formats"), compileCode.toString(), Object.keys(SCHEMA_FORMATS), SCHEMAS]))
    .digest("hex")
    .slice(0, 32);
}

/** node_modules/.cache/room-as-code-validators, beside the ajv that compiled the code. */
function defaultCacheDir(): string {
  return join(dirname(dirname(require.resolve("ajv/package.json"))), ".cache", "room-as-code-validators");
}
