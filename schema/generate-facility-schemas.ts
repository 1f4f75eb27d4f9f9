/**
 * Generates one JSON Schema per facility kind from the TypeScript vocabulary, so the schemas match the
 * types exactly (required vs optional, null, enums, nested shapes) and cannot drift from them:
 *
 *   contracts/facility-objects.ts -> contracts/facility-schemas/<kind>.schema.json (one per kind)
 *                                 -> contracts/facility-schemas/facility-object.schema.json (any kind)
 *
 * Run `npm run gen:facility-schemas` (npx tsx schema/generate-facility-schemas.ts) after changing a
 * facility type and commit the result; test/contracts/facility-schemas.test.ts fails while a committed
 * schema is stale. `--print` prints the files as one JSON object instead of writing them.
 *
 * The direction is the other way round from schema/generate-types.ts (spec schemas -> types): the
 * facility vocabulary is written as TypeScript, which both the constructs (writers) and the policies
 * (readers) compile against, and the schemas are what foreign writers validate their files with.
 *
 * Mapping (TypeScript type checker, strict): `string`, `number`, `boolean` -> `type`; a union of string
 * literals -> `enum` (with `null` when the union has it); `T | null` -> `type: [T, "null"]`; `T[]` ->
 * `array` with `items`; an interface -> an `object` with `properties` and `required` (the properties
 * without `?`); `Record<string, T>` -> `additionalProperties: T`; a named interface used inside an
 * object (FactSource, UpsModule, ...) -> a `$defs` entry. Extra properties are allowed everywhere (a
 * foreign writer may record more facts); the known ones are checked. A documentation comment becomes
 * the `description`; one that says `YYYY-MM-DD` also gives the field a date pattern (the rules compare
 * dates as text against the evaluation date). A type the mapping does not know is an error here, not
 * a looser schema.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { format, resolveConfig } from "prettier";
import ts from "typescript";

type Schema = { [keyword: string]: unknown };

const ROOT = join(__dirname, "..");
const SOURCE = "contracts/facility-objects.ts";
export const FACILITY_SCHEMA_DIR = "contracts/facility-schemas";
const ID_BASE = "https://room-as-code.example/facility/";
const DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
/** The fields every kind has, first in every schema. */
const BASE_FIELDS = ["kind", "id", "site", "source"];

/** The schemas by file path (relative to the repository), as JSON values. */
export function facilitySchemas(): Map<string, Schema> {
  const program = ts.createProgram([join(ROOT, SOURCE)], { strict: true, target: ts.ScriptTarget.ES2022, noEmit: true });
  const checker = program.getTypeChecker();
  const file = program.getSourceFile(join(ROOT, SOURCE));
  if (!file) throw new Error(`generate-facility-schemas: cannot read ${SOURCE}`);
  const union = exportedType(checker, file, "FacilityObject");
  if (!union.isUnion()) throw new Error("generate-facility-schemas: FacilityObject is not a union");
  const kinds: string[] = [];
  const out = new Map<string, Schema>();
  for (const member of union.types) {
    const kindType = propertyType(checker, member, "kind");
    if (!kindType?.isStringLiteral()) throw new Error(`generate-facility-schemas: ${typeLabel(checker, member)} has no literal kind`);
    const kind = kindType.value;
    kinds.push(kind);
    const defs = new Map<string, Schema>();
    const body = objectSchema(checker, member, defs, `${kind}`, true);
    const schema: Schema = {
      $schema: "https://json-schema.org/draft/2020-12/schema",
      $id: `${ID_BASE}${kind}.schema.json`,
      title: `Facility object: ${kind}`,
      description: [
        docOf(checker, member.getSymbol()) ?? `The ${kind} facility object.`,
        `Generated from ${SOURCE} (${typeLabel(checker, member)}) by schema/generate-facility-schemas.ts: do not edit.`,
        "Extra properties are allowed; the known ones are checked.",
      ].join(" "),
      ...body,
      ...(defs.size > 0 ? { $defs: Object.fromEntries([...defs.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) } : {}),
    };
    out.set(`${FACILITY_SCHEMA_DIR}/${kind}.schema.json`, schema);
  }
  out.set(`${FACILITY_SCHEMA_DIR}/facility-object.schema.json`, {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: `${ID_BASE}facility-object.schema.json`,
    title: "Facility object (any kind)",
    description: `A facility object of any kind, checked against the schema of its kind. Generated from ${SOURCE} by schema/generate-facility-schemas.ts: do not edit.`,
    type: "object",
    required: ["kind"],
    properties: { kind: { enum: kinds } },
    allOf: kinds.map((kind) => ({ if: { properties: { kind: { const: kind } } }, then: { $ref: `${kind}.schema.json` } })),
  });
  return out;
}

function exportedType(checker: ts.TypeChecker, file: ts.SourceFile, name: string): ts.Type {
  const moduleSymbol = checker.getSymbolAtLocation(file);
  const symbol = moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((s) => s.name === name);
  if (!symbol) throw new Error(`generate-facility-schemas: ${SOURCE} exports no ${name}`);
  return checker.getDeclaredTypeOfSymbol(symbol);
}

function propertyType(checker: ts.TypeChecker, type: ts.Type, name: string): ts.Type | undefined {
  const prop = type.getProperty(name);
  return prop ? checker.getTypeOfSymbol(prop) : undefined;
}

function typeLabel(checker: ts.TypeChecker, type: ts.Type): string {
  return type.aliasSymbol?.name ?? type.getSymbol()?.name ?? checker.typeToString(type);
}

function docOf(checker: ts.TypeChecker, symbol: ts.Symbol | undefined): string | undefined {
  const text = symbol ? ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim() : "";
  return text === "" ? undefined : text.replace(/\s+/g, " ");
}

/** An object type: its properties (base fields first, then as declared), required ones, or a map. */
function objectSchema(checker: ts.TypeChecker, type: ts.Type, defs: Map<string, Schema>, at: string, top = false): Schema {
  const props = checker.getPropertiesOfType(type);
  const index = checker.getIndexInfoOfType(type, ts.IndexKind.String);
  if (index) {
    if (props.length > 0) throw new Error(`generate-facility-schemas: ${at} has both properties and an index signature`);
    return { type: "object", additionalProperties: valueSchema(checker, index.type, defs, `${at}[*]`) };
  }
  const ordered = top
    ? [...BASE_FIELDS.flatMap((n) => props.filter((p) => p.name === n)), ...props.filter((p) => !BASE_FIELDS.includes(p.name))]
    : props;
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  for (const p of ordered) {
    const optional = (p.flags & ts.SymbolFlags.Optional) !== 0;
    if (!optional) required.push(p.name);
    const decl = p.valueDeclaration;
    const order = decl && ts.isPropertySignature(decl) && decl.type ? literalOrder(checker, decl.type) : [];
    const type = checker.getNonNullableType(checker.getTypeOfSymbol(p));
    const schema = valueSchema(checker, type, defs, `${at}.${p.name}`, withNull(checker, p), order);
    const doc = docOf(checker, p);
    if (doc?.includes("YYYY-MM-DD")) schema.pattern = DATE_PATTERN;
    properties[p.name] = doc === undefined || "$ref" in schema ? schema : { description: doc, ...schema };
  }
  return { type: "object", required, properties };
}

/** Whether a property's type includes null (getNonNullableType drops it with undefined). */
function withNull(checker: ts.TypeChecker, p: ts.Symbol): boolean {
  const t = checker.getTypeOfSymbol(p);
  return (t.isUnion() ? t.types : [t]).some((m) => (m.flags & ts.TypeFlags.Null) !== 0);
}

/**
 * The string literals of a type as written, following type aliases and array elements: the checker
 * orders a union's members by when each literal was first seen anywhere; an enum reads as the source.
 */
function literalOrder(checker: ts.TypeChecker, node: ts.TypeNode): string[] {
  if (ts.isUnionTypeNode(node)) return node.types.flatMap((t) => literalOrder(checker, t));
  if (ts.isParenthesizedTypeNode(node)) return literalOrder(checker, node.type);
  if (ts.isArrayTypeNode(node)) return literalOrder(checker, node.elementType);
  if (ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal)) return [node.literal.text];
  if (ts.isTypeReferenceNode(node)) {
    const symbol = checker.getSymbolAtLocation(node.typeName);
    const alias = symbol?.declarations?.find(ts.isTypeAliasDeclaration);
    if (alias) return literalOrder(checker, alias.type);
  }
  return [];
}

function valueSchema(
  checker: ts.TypeChecker,
  type: ts.Type,
  defs: Map<string, Schema>,
  at: string,
  nullable = false,
  order: readonly string[] = [],
): Schema {
  const members = type.isUnion() ? type.types : [type];
  const hasNull = nullable || members.some((m) => (m.flags & ts.TypeFlags.Null) !== 0);
  const rest = members.filter((m) => (m.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)) === 0);
  const nullType = hasNull ? ["null"] : [];
  // A union of string literals: an enum.
  if (rest.length > 0 && rest.every((m) => m.isStringLiteral())) {
    const rank = (v: string) => (order.includes(v) ? order.indexOf(v) : order.length);
    const values: (string | null)[] = rest.map((m) => m.value).sort((a, b) => rank(a) - rank(b));
    if (values.length === 1 && !hasNull && at.endsWith(".kind")) return { const: values[0] };
    return { enum: hasNull ? [...values, null] : values };
  }
  // Primitives (boolean arrives as true | false).
  const primitive = (m: ts.Type): string | undefined =>
    m.flags & ts.TypeFlags.String
      ? "string"
      : m.flags & ts.TypeFlags.Number
        ? "number"
        : m.flags & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)
          ? "boolean"
          : undefined;
  const names = rest.map(primitive);
  if (rest.length > 0 && names.every((n) => n !== undefined)) {
    const types = [...new Set(names)];
    const all = [...types, ...nullType];
    return { type: all.length === 1 ? all[0] : all };
  }
  if (rest.length === 1) {
    const [only] = rest;
    if (checker.isArrayType(only)) {
      const [element] = checker.getTypeArguments(only as ts.TypeReference);
      const items = valueSchema(checker, element, defs, `${at}[]`, false, order);
      return hasNull ? { type: ["array", "null"], items } : { type: "array", items };
    }
    if (only.flags & ts.TypeFlags.Object) {
      const name = only.aliasSymbol?.name ?? only.getSymbol()?.name;
      const named = name !== undefined && name !== "__type" && name !== "__object";
      if (named && !checker.getIndexInfoOfType(only, ts.IndexKind.String)) {
        if (!defs.has(name)) {
          defs.set(name, {}); // reserved first: a recursive type refers to itself
          const doc = docOf(checker, only.getSymbol());
          defs.set(name, { ...(doc ? { description: doc } : {}), ...objectSchema(checker, only, defs, name) });
        }
        const ref = { $ref: `#/$defs/${name}` };
        return hasNull ? { anyOf: [ref, { type: "null" }] } : ref;
      }
      const schema = objectSchema(checker, only, defs, at);
      return hasNull ? { anyOf: [schema, { type: "null" }] } : schema;
    }
  }
  throw new Error(`generate-facility-schemas: ${at}: cannot map the type ${checker.typeToString(type)} to a schema`);
}

/** The files as text, formatted as `prettier --check` expects. */
export async function facilitySchemaFiles(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const [path, schema] of facilitySchemas()) {
    const full = join(ROOT, path);
    out.set(path, await format(JSON.stringify(schema, null, 2), { ...(await resolveConfig(full)), filepath: full }));
  }
  return out;
}

async function main(): Promise<void> {
  const files = await facilitySchemaFiles();
  if (process.argv.includes("--print")) {
    process.stdout.write(JSON.stringify(Object.fromEntries(files)));
    return;
  }
  const dir = join(ROOT, FACILITY_SCHEMA_DIR);
  mkdirSync(dir, { recursive: true });
  // A kind that was removed leaves no stale schema behind.
  for (const name of readdirSync(dir))
    if (name.endsWith(".schema.json") && !files.has(`${FACILITY_SCHEMA_DIR}/${name}`)) rmSync(join(dir, name));
  for (const [path, text] of files) writeFileSync(join(ROOT, path), text);
  console.log(`wrote ${files.size} schemas to ${FACILITY_SCHEMA_DIR}/`);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
