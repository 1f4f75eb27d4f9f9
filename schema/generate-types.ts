/**
 * Generates the TypeScript types of the spec files from their JSON Schemas:
 *
 *   schema/site.schema.json   -> spec/generated/site-file.ts   (root type SiteFile)
 *   schema/tenant.schema.json -> spec/generated/tenant-file.ts (root type TenantFile)
 *   schema/policy.schema.json -> spec/generated/policy-file.ts (root type PolicyFile)
 *   schema/waivers.schema.json -> spec/generated/waivers-file.ts (root type WaiversFile)
 *   schema/approvers.schema.json -> spec/generated/approvers-file.ts (root type ApproversFile)
 *
 * Run `npm run gen:types` (npx tsx schema/generate-types.ts) after changing a schema and commit the
 * result; test/spec/generated-types.test.ts fails while a committed file is stale.
 *
 * The types describe a spec file after the loader validated it with ajv (`useDefaults: true`), so
 * every property ajv fills in from a `default` is required here. json-schema-to-typescript compiles a
 * deep copy of each schema that this script first prepares (the schema files stay as they are):
 *
 * 1. Defaults become required (requireDefaulted). ajv assigns defaults when it validates an object
 *    against a schema with `properties`: each missing property whose subschema has a `default` gets
 *    it (ajv/dist/compile/validate/defaults.js), except inside a "composite rule". With ajv 8.20 (the
 *    cases are checked in test/spec/generated-types.test.ts):
 *    - applied under properties, patternProperties, additionalProperties, items and prefixItems, and
 *      in every member of allOf (allOf is not a composite rule);
 *    - applied inside a `$ref`-ed definition: the target validates the data and assigns its own
 *      defaults, so a `$defs` entry is prepared once where it is defined and every `$ref` to it
 *      shares the result. A `default` beside a `$ref` counts too (ajv reads `properties[p].default`);
 *    - ignored inside anyOf, oneOf, not and `if` (ajv docs, "Assigning defaults"); under anyOf, oneOf
 *      and not, strict mode (which the loader uses) even rejects the schema: "default is ignored";
 *    - conditional inside `then`/`else`: ajv assigns them (if.js validates them without a composite
 *      rule), but only when the condition holds, so such a property stays optional. None today;
 *    - caveat: a definition that ajv compiles as a function of its own (not inlined) assigns its
 *      defaults even when reached from an anyOf/oneOf branch, and strict mode does not notice. The
 *      only definition reached from a branch (vmSize, a workload's size) has no defaults.
 * 2. Enumerated keys: an object whose keys are an enum (`propertyNames`) and whose values share one
 *    schema gets one optional property per key instead of an index signature (enumeratedKeys).
 * 3. Discriminated variants: an `allOf` of `if: {properties: {<d>: {const: <v>}}}, then: {required:
 *    [...]}` on a required enum property <d> (the state backend) becomes the object intersected with
 *    one variant per value of <d>, so `state.backend === "pg"` makes `pg` present.
 * 4. Constraints that a TypeScript type cannot express are dropped (dropUntypeable): `not`,
 *    `if`/`then`/`else`, and an anyOf/oneOf whose every branch only says which properties are present
 *    ("either vm, or contentLibrary and item"); json-schema-to-typescript would otherwise emit an
 *    index signature for each such branch. The loader checks them; the fields stay optional.
 * 5. `$ref`s are resolved here (resolveRefs): a definition that is a plain string or number (name,
 *    vcenterName, interfaceName, flowEndpoint, date) is inlined, so a field reads `id: string` rather
 *    than an alias per pattern; an object or enum definition becomes a named type (`$defs/
 *    physicalDevice` -> PhysicalDevice) referred to by name, so a description beside the `$ref`
 *    documents the field rather than the shared type. The tenant schema's `site.schema.json#/$defs/`
 *    types are imported from site-file.ts, not declared twice.
 *
 * Compiled with additionalProperties false (no index signature where the schema forbids other
 * fields), index signatures without `| undefined` (strictIndexSignatures off: Object.values and
 * Object.entries of such a map never yield undefined; a look-up that may miss is the business of
 * noUncheckedIndexedAccess, which this repository does not use), plain arrays for minItems, and
 * formatted with the repository's prettier configuration, as `prettier --check` resolves it.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { compile } from "json-schema-to-typescript";
import { format, resolveConfig } from "prettier";
import { APPROVERS_OUT, GENERATE_COMMAND, POLICY_OUT, SITE_OUT, TENANT_OUT, WAIVERS_OUT } from "./generated-files";

type Schema = { [keyword: string]: unknown };

const ROOT = join(__dirname, "..");
const SITE_SCHEMA = "schema/site.schema.json";
const TENANT_SCHEMA = "schema/tenant.schema.json";
/** Files beside a site that stand alone (no reference to the site schema). */
const STANDALONE = [
  { schema: "schema/policy.schema.json", root: "PolicyFile", out: POLICY_OUT },
  { schema: "schema/waivers.schema.json", root: "WaiversFile", out: WAIVERS_OUT },
  { schema: "schema/approvers.schema.json", root: "ApproversFile", out: APPROVERS_OUT },
];

/** Where subschemas sit: in a map of them, as the value, or in a list of them. */
const SCHEMA_MAPS = ["properties", "patternProperties", "$defs", "dependentSchemas"];
const SCHEMA_VALUES = ["additionalProperties", "items", "contains", "propertyNames", "not", "if", "then", "else"];
const SCHEMA_LISTS = ["allOf", "anyOf", "oneOf", "prefixItems"];
/** The subset where ajv assigns defaults (step 1). */
const DEFAULTING_MAPS = ["properties", "patternProperties", "$defs"];
const DEFAULTING_VALUES = ["additionalProperties", "items"];
const DEFAULTING_LISTS = ["allOf", "prefixItems"];
/** The keywords that make up an object type (moved together when step 3 splits an object). */
const OBJECT_KEYWORDS = ["type", "properties", "patternProperties", "additionalProperties", "required"];
/** Keywords of a branch that only constrains which properties are present, with no type of its own. */
const PRESENCE_ONLY = new Set(["required", "not", "description", "$comment", "x-expected"]);

/** Generates both files; keys are paths relative to the repository root, values the file text. */
export async function generateSpecTypes(): Promise<Map<string, string>> {
  const site = prepare(readSchema(SITE_SCHEMA));
  const tenant = prepare(readSchema(TENANT_SCHEMA));
  const siteDefs = structuredClone(definitions(site));

  const siteUses = resolveRefs(site, siteDefs);
  const tenantUses = resolveRefs(tenant, definitions(tenant), siteDefs);
  removeInlined(site);
  removeInlined(tenant);
  declares(site, SITE_SCHEMA, [...siteUses.local, ...tenantUses.site]);
  declares(tenant, TENANT_SCHEMA, [...tenantUses.local]);
  const imports = [...tenantUses.site].sort();
  const clash = imports.filter((name) => Object.keys(definitions(tenant)).map(typeName).includes(name));
  if (clash.length) throw new Error(`generate-types: ${TENANT_SCHEMA} declares ${clash.join(", ")}, also imported from the site schema`);

  const files = new Map([
    [SITE_OUT, await emit(site, "SiteFile", SITE_SCHEMA, SITE_OUT, [])],
    [TENANT_OUT, await emit(tenant, "TenantFile", TENANT_SCHEMA, TENANT_OUT, imports)],
  ]);
  for (const { schema: path, root, out } of STANDALONE) {
    const schema = prepare(readSchema(path));
    const uses = resolveRefs(schema, definitions(schema));
    removeInlined(schema);
    declares(schema, path, [...uses.local]);
    files.set(out, await emit(schema, root, path, out, []));
  }
  return files;
}

function readSchema(path: string): Schema {
  return JSON.parse(readFileSync(join(ROOT, path), "utf8")) as Schema;
}

/** Steps 1 to 4, on a deep copy. */
function prepare(schema: Schema): Schema {
  const copy = structuredClone(schema);
  requireDefaulted(copy);
  enumeratedKeys(copy);
  discriminatedVariants(copy);
  dropUntypeable(copy);
  return copy;
}

function isSchema(value: unknown): value is Schema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function definitions(schema: Schema): Schema {
  return isSchema(schema.$defs) ? schema.$defs : {};
}

/** The subschemas of a schema under the given keywords. */
function subschemas(schema: Schema, maps: string[], values: string[], lists: string[]): Schema[] {
  const out: Schema[] = [];
  for (const keyword of maps) {
    const map = schema[keyword];
    if (isSchema(map)) out.push(...Object.values(map).filter(isSchema));
  }
  for (const keyword of values) {
    const value = schema[keyword];
    if (isSchema(value)) out.push(value);
  }
  for (const keyword of lists) {
    const list = schema[keyword];
    if (Array.isArray(list)) out.push(...list.filter(isSchema));
  }
  return out;
}

/** Calls visit on a schema and then on every subschema in it, parents first. */
function eachSchema(schema: Schema, visit: (schema: Schema) => void): void {
  visit(schema);
  for (const sub of subschemas(schema, SCHEMA_MAPS, SCHEMA_VALUES, SCHEMA_LISTS)) eachSchema(sub, visit);
}

/** Step 1: every property with a default, where ajv assigns it, joins its object's `required`. */
function requireDefaulted(schema: Schema): void {
  if (isSchema(schema.properties)) {
    const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
    for (const [key, sub] of Object.entries(schema.properties))
      if (isSchema(sub) && sub.default !== undefined && !required.includes(key)) required.push(key);
    if (required.length) schema.required = required;
  }
  for (const sub of subschemas(schema, DEFAULTING_MAPS, DEFAULTING_VALUES, DEFAULTING_LISTS)) requireDefaulted(sub);
}

/**
 * Step 2: an object with no `properties` whose keys are an enum (`propertyNames: {enum}`) and whose
 * values share one schema (`additionalProperties`) gets one optional property per key and no others:
 * the same instances are valid (the firewall's dos thresholds).
 */
function enumeratedKeys(schema: Schema): void {
  eachSchema(schema, (node) => {
    const names = node.propertyNames;
    const values = node.additionalProperties;
    if (node.properties !== undefined || !isSchema(names) || !isSchema(values)) return;
    if (Object.keys(names).join() !== "enum" || !Array.isArray(names.enum) || names.enum.some((k) => typeof k !== "string")) return;
    // ajv assigns no default to a property that is not there, so a value's default makes nothing required.
    const value = structuredClone(values);
    delete value.default;
    node.properties = Object.fromEntries((names.enum as string[]).map((key) => [key, structuredClone(value)]));
    node.additionalProperties = false;
    delete node.propertyNames;
  });
}

/**
 * Step 3: `allOf: [{if: {properties: {d: {const: v}}}, then: {required: [...]}}, ...]` on an object
 * whose required enum property d discriminates, becomes `allOf: [<the object>, {oneOf: variants}]`
 * with one variant per value of d. Each variant repeats the properties its condition requires
 * (without descriptions: the object has them).
 */
function discriminatedVariants(schema: Schema): void {
  eachSchema(schema, (node) => {
    const { allOf: members, properties } = node;
    if (!Array.isArray(members) || !members.length || !isSchema(properties) || node.oneOf || node.anyOf) return;
    const conditions = members.map(condition);
    const first = conditions[0];
    if (!first || conditions.some((c) => !c || c.discriminator !== first.discriminator)) return;
    const discriminator = properties[first.discriminator];
    const required: unknown[] = Array.isArray(node.required) ? node.required : [];
    if (!isSchema(discriminator) || !Array.isArray(discriminator.enum) || !required.includes(first.discriminator)) return;
    const variants = (discriminator.enum as unknown[]).map((value) => {
      const needed = conditions.flatMap((c) => (c && c.value === value ? c.required : []));
      const variantProperties: Schema = { [first.discriminator]: { const: value } };
      for (const key of needed) variantProperties[key] = withoutDescription(properties[key]);
      return { type: "object", properties: variantProperties, required: [first.discriminator, ...needed] };
    });
    // The object's own keywords move into the first member: json-schema-to-typescript intersects the
    // members of an allOf, but drops the properties of a named object that also has a oneOf.
    const object: Schema = {};
    for (const keyword of OBJECT_KEYWORDS)
      if (node[keyword] !== undefined) {
        object[keyword] = node[keyword];
        delete node[keyword];
      }
    node.allOf = [object, { oneOf: variants }];
  });
}

function condition(member: unknown): { discriminator: string; value: unknown; required: string[] } | undefined {
  if (!isSchema(member) || Object.keys(member).sort().join() !== "if,then") return undefined;
  const { if: test, then } = member;
  if (!isSchema(test) || Object.keys(test).join() !== "properties" || !isSchema(test.properties)) return undefined;
  const tested = Object.entries(test.properties);
  if (tested.length !== 1) return undefined;
  const [[discriminator, match]] = tested;
  if (!isSchema(match) || Object.keys(match).join() !== "const") return undefined;
  if (!isSchema(then) || Object.keys(then).join() !== "required" || !Array.isArray(then.required)) return undefined;
  return { discriminator, value: match.const, required: then.required as string[] };
}

function withoutDescription(schema: unknown): Schema {
  const copy = isSchema(schema) ? structuredClone(schema) : {};
  delete copy.description;
  return copy;
}

/** Step 4: drops what no TypeScript type can say; the loader checks it. */
function dropUntypeable(schema: Schema): void {
  const presenceOnly = (s: unknown) => isSchema(s) && Object.keys(s).every((k) => PRESENCE_ONLY.has(k));
  eachSchema(schema, (node) => {
    for (const keyword of ["not", "if", "then", "else"]) delete node[keyword];
    for (const keyword of ["anyOf", "oneOf"]) {
      const branches = node[keyword];
      if (Array.isArray(branches) && branches.every(presenceOnly)) delete node[keyword];
    }
    if (Array.isArray(node.allOf)) {
      const kept = node.allOf.filter((m) => !presenceOnly(m));
      if (kept.length) node.allOf = kept;
      else delete node.allOf;
    }
  });
}

/** A plain string, number, integer or boolean definition: inlined where it is referred to. */
function isPrimitive(def: Schema): boolean {
  return ["string", "number", "integer", "boolean"].includes(String(def.type)) && def.enum === undefined && def.const === undefined;
}

/** The TypeScript name of a named definition: its `$defs` key with a capital. */
function typeName(key: string): string {
  return key.charAt(0).toUpperCase() + key.slice(1);
}

/**
 * Step 5: replaces every `$ref` by the definition's content (primitive definitions; the `$ref`'s own
 * keywords, such as its description, win) or by a `tsType` naming the definition's type (object and
 * enum definitions). Returns the type names used, local and from the site schema.
 */
function resolveRefs(schema: Schema, local: Schema, site?: Schema): { local: Set<string>; site: Set<string> } {
  const uses = { local: new Set<string>(), site: new Set<string>() };
  eachSchema(schema, (node) => {
    // A primitive definition may itself be a $ref (none is today): follow it.
    while (typeof node.$ref === "string") {
      const { $ref, ...siblings } = node;
      const match = /^(site\.schema\.json)?#\/\$defs\/([A-Za-z0-9_]+)$/.exec($ref);
      const defs = match?.[1] ? site : local;
      const def = match && defs ? defs[match[2]] : undefined;
      if (!match || !isSchema(def)) throw new Error(`generate-types: cannot resolve $ref ${$ref}`);
      delete node.$ref;
      if (isPrimitive(def)) {
        Object.assign(node, structuredClone(def), siblings);
        // A $ref inside a site definition is relative to the site schema.
        if (match[1] && typeof node.$ref === "string" && node.$ref.startsWith("#")) node.$ref = `${match[1]}${node.$ref}`;
      } else {
        const name = typeName(match[2]);
        node.tsType = name;
        (match[1] ? uses.site : uses.local).add(name);
      }
    }
  });
  return uses;
}

/** Primitive definitions were inlined; the rest are declared as named types (unreachableDefinitions). */
function removeInlined(schema: Schema): void {
  const defs = definitions(schema);
  for (const [key, def] of Object.entries(defs)) if (isSchema(def) && isPrimitive(def)) delete defs[key];
  if (!Object.keys(defs).length) delete schema.$defs;
}

function declares(schema: Schema, file: string, names: string[]): void {
  const declared = Object.keys(definitions(schema)).map(typeName);
  const missing = names.filter((name) => !declared.includes(name));
  if (missing.length) throw new Error(`generate-types: ${file} would not declare ${[...new Set(missing)].join(", ")}`);
}

async function emit(schema: Schema, rootName: string, schemaFile: string, outFile: string, imports: string[]): Promise<string> {
  const banner = [
    "/**",
    ` * Generated from ${schemaFile} by \`${GENERATE_COMMAND}\` (npx tsx schema/generate-types.ts): do not edit.`,
    " * Change the schema and regenerate; test/spec/generated-types.test.ts fails while this file is stale.",
    " * Describes a spec file after ajv filled in its defaults: a property with a default is never missing.",
    " */",
    ...(imports.length ? [`import type { ${imports.join(", ")} } from "./site-file";`] : []),
  ].join("\n");
  const code = await compile(schema, rootName, {
    bannerComment: banner,
    additionalProperties: false,
    strictIndexSignatures: false,
    ignoreMinAndMaxItems: true,
    unreachableDefinitions: true,
    format: false,
    cwd: ROOT,
    // The root is named after the file (not its title), every definition after its $defs key.
    customName: (s, key) => (typeof s.$id === "string" && s.$id === schema.$id ? rootName : key && typeName(key)),
  });
  const path = join(ROOT, outFile);
  return format(code, { ...(await resolveConfig(path)), filepath: path });
}

/** Writes the files; with --print, prints them as JSON ({path: text}) instead and writes nothing. */
async function main(args: string[]): Promise<void> {
  const files = await generateSpecTypes();
  if (args.includes("--print")) {
    process.stdout.write(JSON.stringify(Object.fromEntries(files)));
    return;
  }
  for (const [path, text] of files) {
    mkdirSync(dirname(join(ROOT, path)), { recursive: true });
    writeFileSync(join(ROOT, path), text);
    process.stdout.write(`wrote ${path}\n`);
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  });
}
