import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { FACILITY_KINDS, type FacilityKind } from "../../contracts/facility-objects";
import { compileFacilityCode, FACILITY_SCHEMAS } from "../../contracts/facility-guard";
import { cachedValidators } from "../../contracts/validator-code-cache";
import { MAXIMAL } from "./facility-samples";

/** Breaks an object in the ways a foreign writer would: a wrong type, a missing field, an unknown enum value. */
function broken(kind: FacilityKind): unknown[] {
  const sample = structuredClone(MAXIMAL[kind]) as unknown as Record<string, unknown>;
  const wrongType = { ...sample, id: 7 };
  const missing = Object.fromEntries(Object.entries(sample).filter(([key]) => key !== "site"));
  const wrongEnum: Record<string, unknown> = { ...sample, kind };
  for (const [key, value] of Object.entries(sample)) if (typeof value === "string" && key !== "kind" && key !== "id") wrongEnum[key] = 42;
  return [sample, wrongType, missing, wrongEnum];
}

describe("validators compiled once per installation (contracts/validator-code-cache.ts)", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "validator-code-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const facility = { identity: ["test", FACILITY_SCHEMAS], compile: compileFacilityCode, exports: FACILITY_KINDS };

  test("the facility vocabulary's cached code finds what ajv's in-memory compile finds, errors in the same order", () => {
    const cold = cachedValidators(facility, dir);
    expect(readdirSync(dir)).toHaveLength(1);
    const warm = cachedValidators(facility, dir);
    const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true });
    let failures = 0;
    for (const kind of FACILITY_KINDS) {
      const inMemory = ajv.compile(FACILITY_SCHEMAS[kind]);
      for (const input of broken(kind)) {
        const expected = inMemory(input);
        const errors = (inMemory.errors ?? []).map((e) => [e.instancePath, e.keyword, e.params, e.parentSchema, e.data]);
        if (!expected) failures++;
        for (const validate of [cold[kind], warm[kind]]) {
          expect(validate(input)).toBe(expected);
          expect((validate.errors ?? []).map((e) => [e.instancePath, e.keyword, e.params, e.parentSchema, e.data])).toEqual(errors);
        }
      }
    }
    expect(failures).toBeGreaterThan(FACILITY_KINDS.length * 2);
  });

  test("without a cache directory the code is compiled and nothing is stored", () => {
    const v = cachedValidators(facility, undefined);
    expect(v.ups({ kind: "ups" })).toBe(false);
  });
});
