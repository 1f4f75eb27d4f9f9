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
import { cachedValidators, packageVersion, validatorCacheDir } from "../contracts/validator-code-cache";
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
 * The loader's validators, compiled once per installation (contracts/validator-code-cache.ts says how
 * and why): same checks, errors in the same order and defaults as ajv's in-memory compile.
 */
export function compiledValidators(cacheDir = validatorCacheDir("room-as-code-validators")): Validators {
  const spec = {
    // Changes with the schemas, the formats' names, ajv's and ajv-formats' versions and the compiler (its options).
    identity: [packageVersion("ajv"), packageVersion("ajv-formats"), compileCode.toString(), Object.keys(SCHEMA_FORMATS), SCHEMAS],
    compile: compileCode,
    exports: Object.keys(SCHEMAS) as ValidatedKind[],
    formats: SCHEMA_FORMATS,
  };
  return cachedValidators(spec, cacheDir);
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
