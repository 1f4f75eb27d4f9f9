import type { ErrorObject, ValidateFunction } from "ajv";
import { compiledValidators, type ValidatedKind } from "./compiled-validators";
import { EARLIEST_DATE, LATEST_DATE } from "./dates";
import { ipv4Problem } from "./ipv4";
import { IPV4_FORMATS } from "./schema-formats";
import { pointerOf, show, type SpecError } from "./spec-error";
import type { SpecFile } from "./spec-file";

/** Compiled once per process, when a file is first validated. */
let compiled: Record<ValidatedKind, ValidateFunction> | undefined;

/**
 * Validates spec documents and address locks against the JSON Schemas in schema/ and fills in their
 * defaults, with validators compiled once per installation (spec/compiled-validators.ts).
 */
export class SchemaValidator {
  validateSite(file: SpecFile): SpecError[] {
    return run("site", file);
  }

  validateTenant(file: SpecFile): SpecError[] {
    return run("tenant", file);
  }

  validateLock(file: SpecFile): SpecError[] {
    return run("lock", file);
  }

  validatePolicy(file: SpecFile): SpecError[] {
    return run("policy", file);
  }

  validateWaivers(file: SpecFile): SpecError[] {
    return run("waivers", file);
  }

  validateApprovers(file: SpecFile): SpecError[] {
    return run("approvers", file);
  }
}

function run(kind: ValidatedKind, file: SpecFile): SpecError[] {
  const validate = (compiled ??= compiledValidators())[kind];
  if (validate(file.data)) return [];
  return explain(validate.errors ?? [], file);
}

const FORMAT_WORDS: Record<string, string> = {
  hostname: "a DNS host name",
  uri: "a URL",
  "lock-date": `a calendar date YYYY-MM-DD from ${EARLIEST_DATE} to ${LATEST_DATE}`,
};

/** Turns ajv's errors into one message per mistake, in the user's words. */
function explain(errors: ErrorObject[], file: SpecFile): SpecError[] {
  const kept = pruneAlternatives(errors).filter((e) => e.keyword !== "if");
  const out = new Map<string, SpecError>();
  for (const e of kept) {
    const { pointer, message, atKey } = describe(e);
    const key = `${pointer}\u0000${message}`;
    if (!out.has(key)) out.set(key, file.error(pointer, message, atKey));
  }
  return [...out.values()];
}

/**
 * For oneOf/anyOf, ajv reports every branch's failure. Keep the failures of the branch the value
 * evidently meant (same type), or else one message naming the alternatives.
 */
function pruneAlternatives(errors: ErrorObject[]): ErrorObject[] {
  const alternatives = errors.filter((e) => e.keyword === "oneOf" || e.keyword === "anyOf");
  const dropped = new Set<ErrorObject>();
  for (const alt of alternatives) {
    const branch = errors.filter((e) => e !== alt && e.schemaPath.startsWith(alt.schemaPath + "/"));
    const meaningful = branch.filter((e) => !(e.keyword === "type" || e.keyword === "not") || e.instancePath !== alt.instancePath);
    const hasWords = expectedWords(alt) !== undefined;
    if (meaningful.length && !hasWords) {
      dropped.add(alt);
      branch.filter((e) => !meaningful.includes(e)).forEach((e) => dropped.add(e));
    } else {
      branch.forEach((e) => dropped.add(e));
    }
  }
  return errors.filter((e) => !dropped.has(e));
}

function expectedWords(e: ErrorObject): string | undefined {
  const words: unknown = e.parentSchema?.["x-expected"];
  return typeof words === "string" ? words : undefined;
}

function describe(e: ErrorObject): { pointer: string; message: string; atKey: boolean } {
  const found = show(e.data);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "required":
      return {
        pointer: e.instancePath + pointerOf([String(p.missingProperty)]),
        message: `missing required field "${String(p.missingProperty)}"`,
        atKey: false,
      };
    case "additionalProperties": {
      const allowed = Object.keys((e.parentSchema as { properties?: object }).properties ?? {}).filter((k) => k !== "$schema");
      return {
        pointer: e.instancePath + pointerOf([String(p.additionalProperty)]),
        message: `unknown field "${String(p.additionalProperty)}"; expected one of: ${allowed.join(", ")}`,
        atKey: true,
      };
    }
    case "type": {
      const words = expectedWords(e);
      // YAML reads an unquoted 8.0 or 10 as a number: where text is expected, say to quote it.
      const quote = p.type === "string" && typeof e.data === "number" ? " (YAML read a number: quote the value)" : "";
      return {
        pointer: e.instancePath,
        message: `expected ${article(String(p.type))}${words ? ` (${words})` : ""}, found ${found}${quote}`,
        atKey: false,
      };
    }
    case "minLength":
      return {
        pointer: e.instancePath,
        message: `expected ${expectedWords(e) ?? `text of at least ${String(p.limit)} characters`}, found ${found} (${typeof e.data === "string" ? e.data.length : 0} characters)`,
        atKey: false,
      };
    case "enum":
      return {
        pointer: e.instancePath,
        message: `expected one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}, found ${found}`,
        atKey: false,
      };
    case "const":
      return {
        pointer: e.instancePath,
        message: `expected ${expectedWords(e) ?? JSON.stringify(p.allowedValue)}, found ${found}`,
        atKey: false,
      };
    case "pattern":
      return {
        pointer: e.instancePath,
        message: `expected ${expectedWords(e) ?? `text matching ${String(p.pattern)}`}, found ${found}`,
        atKey: false,
      };
    case "format": {
      const form = IPV4_FORMATS.get(String(p.format));
      const ipv4 = form && typeof e.data === "string" ? ipv4Problem(form, e.data) : undefined;
      return {
        pointer: e.instancePath,
        message: ipv4 ?? `expected ${expectedWords(e) ?? FORMAT_WORDS[String(p.format)] ?? String(p.format)}, found ${found}`,
        atKey: false,
      };
    }
    case "oneOf":
    case "anyOf":
      return {
        pointer: e.instancePath,
        message: `expected ${expectedWords(e) ?? "one of the allowed forms (see the schema)"}, found ${found}`,
        atKey: false,
      };
    default:
      return { pointer: e.instancePath, message: `${e.message ?? "invalid"}, found ${found}`, atKey: false };
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
