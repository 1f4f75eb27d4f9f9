import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { APPROVERS_OUT, GENERATE_COMMAND, POLICY_OUT, SITE_OUT, TENANT_OUT, WAIVERS_OUT } from "../../schema/generated-files";

const ROOT = join(__dirname, "..", "..");

/**
 * generateSpecTypes() from schema/generate-types.ts, run in a child process that writes nothing and
 * prints the files. Not in this process: json-schema-to-typescript loads prettier 3, whose CommonJS
 * entry import()s its ES module build, which jest's CommonJS runtime refuses (without
 * --experimental-vm-modules).
 */
function generateSpecTypes(): Map<string, string> {
  const printed = execFileSync(process.execPath, [require.resolve("tsx/cli"), "schema/generate-types.ts", "--print"], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return new Map(Object.entries(JSON.parse(printed) as Record<string, string>));
}

function committed(path: string): string | undefined {
  try {
    return readFileSync(join(ROOT, path), "utf8");
  } catch {
    return undefined;
  }
}

/** The first line where two texts differ, for the failure message. */
function firstDifference(expected: string, actual: string): string {
  const a = expected.split("\n");
  const b = actual.split("\n");
  const i = a.findIndex((line, n) => line !== b[n]);
  const at = i === -1 ? a.length : i;
  return `line ${at + 1}: expected ${JSON.stringify(a[at] ?? "<end of file>")}, found ${JSON.stringify(b[at] ?? "<end of file>")}`;
}

describe("types generated from the schemas (spec/generated)", () => {
  let generated: Map<string, string>;
  beforeAll(() => {
    generated = generateSpecTypes();
  });

  test("the generator produces every file, each with its root type", () => {
    expect([...generated.keys()].sort()).toEqual([SITE_OUT, TENANT_OUT, POLICY_OUT, WAIVERS_OUT, APPROVERS_OUT].sort());
    expect(generated.get(SITE_OUT)).toMatch(/^export interface SiteFile \{$/m);
    expect(generated.get(TENANT_OUT)).toMatch(/^export interface TenantFile \{$/m);
    expect(generated.get(POLICY_OUT)).toMatch(/^export interface PolicyFile \{$/m);
    expect(generated.get(WAIVERS_OUT)).toMatch(/^export interface WaiversFile \{$/m);
    expect(generated.get(APPROVERS_OUT)).toMatch(/^export interface ApproversFile \{$/m);
    for (const text of generated.values()) expect(text.length).toBeGreaterThan(500);
  });

  test.each([SITE_OUT, TENANT_OUT, POLICY_OUT, WAIVERS_OUT, APPROVERS_OUT])("the committed %s is the generated one", (path) => {
    const text = generated.get(path);
    if (!text) throw new Error(`the generator produced no ${path}`);
    const file = committed(path);
    if (file === undefined) throw new Error(`${path} is missing: run \`${GENERATE_COMMAND}\` and commit it`);
    if (file !== text)
      throw new Error(`${path} is stale (${firstDifference(text, file)}): run \`${GENERATE_COMMAND}\` and commit the result`);
  });

  test("a property with a default is required, and no object is open to unknown fields", () => {
    const site = generated.get(SITE_OUT) ?? "";
    const tenant = generated.get(TENANT_OUT) ?? "";
    expect(site).toMatch(/^ {2}ipam: \{$/m); // ipam: default {}
    expect(site).toMatch(/^ {2}purpose: "management" \|/m); // network purpose: default workload
    expect(site).toMatch(/^ {2}action: "accept" \| "deny";$/m); // flow action: default accept
    expect(site).toMatch(/^ {2}remoteWorkspacePrefix: string;$/m); // default "", beside an if/then
    expect(tenant).toMatch(/^ {2}destroyApproved: boolean;$/m);
    for (const text of [site, tenant]) expect(text).not.toMatch(/\[k: string\]: (unknown|any)/);
  });
});

// generate-types.ts requires defaults by where ajv assigns them; these are the cases it relies on.
describe("ajv assigns defaults where generate-types expects", () => {
  const withDefaults = (schema: object, data: object): object => {
    const ajv = new Ajv2020({ useDefaults: true, strict: true, strictTypes: false, strictRequired: false });
    ajv.compile(schema)(data);
    return data;
  };
  const x = { type: "object", properties: { x: { default: 1 } } };

  test("inside a $ref-ed definition, in allOf, under additionalProperties", () => {
    expect(withDefaults({ type: "object", properties: { a: { $ref: "#/$defs/d" } }, $defs: { d: x } }, { a: {} })).toEqual({ a: { x: 1 } });
    expect(withDefaults({ type: "object", allOf: [x] }, {})).toEqual({ x: 1 });
    expect(withDefaults({ type: "object", additionalProperties: x }, { m: {} })).toEqual({ m: { x: 1 } });
  });

  test("in then only when the condition holds; never in if; anyOf is a schema error in strict mode", () => {
    const conditional = { type: "object", properties: { k: {} }, if: { properties: { k: { const: 1 } }, required: ["k"] }, then: x };
    expect(withDefaults(conditional, { k: 1 })).toEqual({ k: 1, x: 1 });
    expect(withDefaults(conditional, { k: 0 })).toEqual({ k: 0 });
    expect(withDefaults({ type: "object", if: x, then: {} }, {})).toEqual({});
    expect(() => withDefaults({ type: "object", anyOf: [x] }, {})).toThrow(/default is ignored/);
  });
});
