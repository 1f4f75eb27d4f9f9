import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { FACILITY_KINDS } from "../../contracts/facility-objects";
import { FACILITY_OBJECT_SCHEMA, FACILITY_SCHEMAS } from "../../contracts/facility-guard";
import { MAXIMAL, MINIMAL } from "./facility-samples";

const ROOT = join(__dirname, "..", "..");
const DIR = "contracts/facility-schemas";

/**
 * The schemas as schema/generate-facility-schemas.ts would write them now, from a child process that
 * writes nothing (prettier 3 cannot be loaded in jest's CommonJS runtime; see generated-types.test.ts).
 */
function generated(): Map<string, string> {
  const printed = execFileSync(process.execPath, [require.resolve("tsx/cli"), "schema/generate-facility-schemas.ts", "--print"], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
  });
  return new Map(Object.entries(JSON.parse(printed) as Record<string, string>));
}

describe("facility schemas (contracts/facility-schemas/) are generated from contracts/facility-objects.ts", () => {
  const files = generated();

  test("one schema per kind, and one for any kind", () => {
    expect([...files.keys()].sort()).toEqual(
      [...FACILITY_KINDS.map((k) => `${DIR}/${k}.schema.json`), `${DIR}/facility-object.schema.json`].sort(),
    );
  });

  test("the committed schemas are current (else run npm run gen:facility-schemas and commit)", () => {
    const committed = readdirSync(join(ROOT, DIR))
      .filter((n) => n.endsWith(".schema.json"))
      .map((n) => `${DIR}/${n}`);
    expect(committed.sort()).toEqual([...files.keys()].sort());
    for (const [path, text] of files) {
      expect({ path, text: readFileSync(join(ROOT, path), "utf8") }).toEqual({ path, text });
    }
  });

  test("the guard holds the committed schemas", () => {
    for (const kind of FACILITY_KINDS) {
      expect(FACILITY_SCHEMAS[kind]).toEqual(JSON.parse(readFileSync(join(ROOT, DIR, `${kind}.schema.json`), "utf8")));
    }
  });

  test("required fields are the typed object's non-optional fields; the fullest sample names every known field", () => {
    const mismatches = FACILITY_KINDS.flatMap((kind) => {
      const schema = FACILITY_SCHEMAS[kind] as { required: string[]; properties: Record<string, unknown> };
      const required = [...schema.required].sort();
      const known = Object.keys(schema.properties).sort();
      const minimal = Object.keys(MINIMAL[kind]).sort();
      const maximal = Object.keys(MAXIMAL[kind]).sort();
      return [
        ...(required.join() === minimal.join() ? [] : [{ kind, required, minimal }]),
        // A field added to the type shows up here until the sample (test/contracts/facility-samples.ts) has it.
        ...(known.join() === maximal.join() ? [] : [{ kind, notInSample: known.filter((k) => !maximal.includes(k)) }]),
      ];
    });
    expect(mismatches).toEqual([]);
  });
});

describe("a foreign validator (any draft 2020-12 validator) can use the schemas as they are", () => {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  for (const schema of Object.values(FACILITY_SCHEMAS)) ajv.addSchema(schema);
  const anyKind = ajv.compile(FACILITY_OBJECT_SCHEMA);

  test.each(FACILITY_KINDS.map((k) => [k]))("facility-object.schema.json takes a %s by its kind", (kind) => {
    expect(anyKind(MAXIMAL[kind])).toBe(true);
    expect(anyKind({ ...MINIMAL[kind], id: 1 })).toBe(false);
    expect(anyKind.errors?.map((e) => e.instancePath)).toContain("/id");
  });

  test("an unknown kind is refused", () => {
    expect(anyKind({ kind: "switch", id: "x" })).toBe(false);
    expect(anyKind.errors?.map((e) => e.keyword)).toContain("enum");
  });
});
