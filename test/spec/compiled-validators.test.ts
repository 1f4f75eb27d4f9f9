import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compileCode, compiledValidators } from "../../spec/compiled-validators";

describe("validators compiled once per installation (spec/compiled-validators.ts)", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "validators-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const badLock = () => ({ version: 1, addresses: [{ ip: "10.0.0.01", network: "t/n", vm: "t/v", state: "active" }] });

  test("the first use compiles and stores the code; the next reads it and validates alike", () => {
    const cold = compiledValidators(dir);
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(readFileSync(join(dir, files[0]), "utf8")).toBe(compileCode());
    const warm = compiledValidators(dir);
    expect(readdirSync(dir)).toEqual(files);
    for (const v of [cold, warm]) {
      expect(v.lock(badLock())).toBe(false);
      // Our strict IPv4 format (a leading zero), with the schema beside each error (verbose) for the messages.
      expect(v.lock.errors?.map((e) => [e.instancePath, e.keyword, e.params])).toEqual([["/addresses/0/ip", "format", { format: "ipv4" }]]);
      expect(v.lock.errors?.[0].parentSchema).toHaveProperty("format", "ipv4");
    }
  });

  test("the stored code is what runs: a cache entry is evaluated as it is", () => {
    compiledValidators(dir);
    const [file] = readdirSync(dir);
    writeFileSync(join(dir, file), compileCode().replace(/exports\.lock = \w+;/, "exports.lock = () => true;"));
    expect(compiledValidators(dir).lock(badLock())).toBe(true);
  });

  test("a cache that cannot be written is no error", () => {
    const blocked = join(dir, "file");
    writeFileSync(blocked, "");
    const v = compiledValidators(join(blocked, "cache"));
    expect(v.lock(badLock())).toBe(false);
  });
});
