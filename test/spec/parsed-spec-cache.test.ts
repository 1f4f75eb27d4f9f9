import { cpSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { planSites } from "../../plan/plan-sites";
import { ParsedSpecCache } from "../../spec/parsed-spec-cache";
import { SpecErrors } from "../../spec/spec-error";
import { SpecFile } from "../../spec/spec-file";
import { AS_OF } from "../shared-synth";

const SITES = join(__dirname, "..", "..", "sites");

/** Every YAML file of the example sites, the county's included. */
function exampleSpecFiles(dir = SITES): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".yaml"))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

describe("parsed spec files kept between runs (spec/parsed-spec-cache.ts)", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "parsed-specs-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test("for every example file, the cached data is what parsing gives, key order included", () => {
    const cache = new ParsedSpecCache(dir);
    const files = exampleSpecFiles();
    expect(files.length).toBeGreaterThanOrEqual(25);
    for (const path of files) {
      const parsed = SpecFile.read(path);
      expect(parsed.syntaxErrors).toEqual([]);
      const snapshot = cache.snapshot(parsed.data);
      expect(snapshot).toBeDefined();
      cache.put(parsed.text, snapshot ?? "");
      const again = cache.get(parsed.text);
      expect(JSON.stringify(again)).toBe(JSON.stringify(parsed.data));
      expect(again).toEqual(parsed.data);
    }
  });

  test("data JSON would not give back as it is is not stored", () => {
    const cache = new ParsedSpecCache(dir);
    expect(cache.snapshot({ a: -0 })).toBeUndefined();
    expect(cache.snapshot({ a: [1, Infinity] })).toBeUndefined();
    expect(cache.snapshot(JSON.parse('{"__proto__": {"x": 1}}'))).toBeUndefined();
    expect(cache.snapshot({ a: new Date(0) })).toBeUndefined();
    expect(cache.snapshot({ a: [1, "b", null, true, { c: 2.5 }] })).toBe('{"a":[1,"b",null,true,{"c":2.5}]}');
  });

  test("a text with a control character, or a damaged entry, is parsed again", () => {
    const cache = new ParsedSpecCache(dir);
    const text = "name: a\u001b[2Jb\n";
    cache.put(text, '{"name":"ab"}');
    expect(cache.get(text)).toBeUndefined();
    cache.put("name: c\n", '{"name":');
    expect(cache.get("name: c\n")).toBeUndefined();
    expect(new ParsedSpecCache(undefined).get("name: c\n")).toBeUndefined();
  });

  test("past its size the older half goes", () => {
    const cache = new ParsedSpecCache(dir, 4);
    for (let i = 0; i < 4; i++) {
      cache.put(`n: ${i}\n`, `{"n":${i}}`);
      for (const name of readdirSync(dir)) utimesSync(join(dir, name), 1000 + i, 1000 + i);
    }
    expect(readdirSync(dir)).toHaveLength(4);
    cache.put("n: 4\n", '{"n":4}');
    expect(readdirSync(dir)).toHaveLength(2);
    expect(cache.get("n: 4\n")).toEqual({ n: 4 });
    expect(cache.get("n: 0\n")).toBeUndefined();
  });

  test("a file the loader refuses leaves no copy; the same text is refused again, at its line", () => {
    const sites = join(dir, "sites");
    cpSync(join(SITES, "kvistrup"), join(sites, "kvistrup"), { recursive: true });
    const tenantDir = join(sites, "kvistrup", "tenants");
    const [first] = readdirSync(tenantDir).filter((n) => n.endsWith(".yaml"));
    const refused = "# refused by the secret scan\ntenant: x\npassword: hunter2-hunter2\n";
    writeFileSync(join(tenantDir, first), refused);
    const load = () => {
      try {
        planSites(sites, { asOf: AS_OF });
      } catch (e) {
        if (e instanceof SpecErrors) return e.errors.filter((x) => x.file.endsWith(first)).map((x) => [x.line, x.message]);
        throw e;
      }
      return [];
    };
    const errors = load();
    expect(errors.length).toBeGreaterThan(0);
    expect(new ParsedSpecCache().get(refused)).toBeUndefined();
    expect(load()).toEqual(errors);
  });
});
