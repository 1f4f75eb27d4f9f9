import { App, Fn, Lazy, Token } from "cdktf";
import { Pet } from "@cdktf/provider-random/lib/pet";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { resolveTokensOnly } from "../../stacks/resolve-tokens-only";
import { RoomStack } from "../../stacks/room-stack";
import { useCdktfShortcuts } from "../../stacks/cdktf-shortcuts";
import { tempDir } from "../helpers";

/**
 * stacks/resolve-tokens-only.ts walks plain values itself and hands cdktf 0.21.0 only what could hold
 * a token: every value here must come out exactly as cdktf's own resolve makes it, errors included.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { resolve: cdktfResolve } = require("cdktf/lib/_tokens") as { resolve: (scope: unknown, obj: unknown) => unknown };

function stackWithPet() {
  const app = new App({ outdir: tempDir("resolve-"), skipValidation: true });
  const stack = new RoomStack(app, "s");
  new RandomProvider(stack, "random");
  return { stack, pet: new Pet(stack, "p", { length: 3 }) };
}

class Holder {
  constructor(readonly name: string) {}
}

test("values with and without tokens resolve as cdktf resolves them", () => {
  const { stack, pet } = stackWithPet();
  const values: Record<string, unknown> = {
    plain: { name: "vm-01", cpus: 4, ratio: 0.5, on: true, off: null, gone: undefined, tags: ["a", undefined, "b"], nested: [{ x: 1 }] },
    reference: { pool: pet.id, text: `pool ${pet.id} in room`, list: [pet.id, "x"] },
    numberToken: { length: pet.length, inText: `${pet.length}`, big: 1e300, negative: -5 },
    listToken: { ids: Token.asList(pet.id), numbers: Token.asNumberList(pet.id) },
    mapToken: { map: Token.asStringMap(pet.keepers), key: { [pet.id]: "value" } },
    lazy: { s: Lazy.stringValue({ produce: () => "late" }), any: Lazy.anyValue({ produce: () => ({ a: [1, undefined, 2] }) }) },
    functions: { joined: Fn.join(",", ["a", pet.id]), lower: Fn.lower(pet.id) },
    escapes: { literal: "$${not.a.token}", braces: "a } b ${ c", numberLike: "disk-1e5 at 2e+3", version: "7.0.3e1" },
    objects: {
      date: new Date(0),
      holder: new Holder("h"),
      resolveKey: { resolve: "dns" },
      nullProto: Object.assign(Object.create(null), { a: 1 }),
    },
    deep: [[[[{ a: [[pet.id]] }]]]],
  };
  for (const [name, value] of Object.entries(values)) {
    const expected = cdktfResolve(stack, value);
    expect({ name, resolved: resolveTokensOnly(stack, value) }).toEqual({ name, resolved: expected });
  }
  // And the tokens really were resolved, not copied as markers.
  expect(resolveTokensOnly(stack, { pool: pet.id })).toEqual({ pool: "${random_pet.p.id}" });
  expect(JSON.stringify(resolveTokensOnly(stack, values))).not.toContain("TfToken");
});

test("what cdktf refuses is refused with cdktf's message and path", () => {
  const { stack, pet } = stackWithPet();
  const bad: unknown[] = [
    { config: { hook: () => 1 } },
    { config: { list: [Token.asList(pet.id)[0] + "x"] } },
    { config: { map: Token.STRING_MAP_TOKEN_VALUE } },
    { config: { n: Token.NUMBER_MAP_TOKEN_VALUE } },
  ];
  let circular: Record<string, unknown> = {};
  const root = circular;
  for (let i = 0; i < 250; i++) circular = circular.next = {};
  bad.push(root);
  for (const value of bad) {
    const message = (f: () => unknown) => {
      try {
        f();
        return "no error";
      } catch (e) {
        return (e as Error).message;
      }
    };
    const expected = message(() => cdktfResolve(stack, value));
    expect(expected).not.toBe("no error");
    expect(message(() => resolveTokensOnly(stack, value))).toBe(expected);
  }
});

test("a string of references resolves once per stack; other tokens resolve every time, as cdktf resolves them", () => {
  useCdktfShortcuts(true); // with them, a reference resolved in another stack than its own fails
  const { stack, pet } = stackWithPet();
  const text = `pool ${pet.id}`;
  expect(resolveTokensOnly(stack, { a: text })).toEqual({ a: "pool ${random_pet.p.id}" });
  expect(resolveTokensOnly(stack, { b: text })).toEqual({ b: "pool ${random_pet.p.id}" });
  let calls = 0;
  const counter = `n ${Lazy.stringValue({ produce: () => String(++calls) })}`;
  expect([resolveTokensOnly(stack, counter), resolveTokensOnly(stack, counter)]).toEqual(["n 1", "n 2"]);
  expect(cdktfResolve(stack, counter)).toBe("n 3");
  // The same reference in another stack is resolved there, not taken from the first stack's strings.
  const other = new RoomStack(stack.node.scope as App, "other");
  expect(() => resolveTokensOnly(other, text)).toThrow("a value of stack s is used in stack other");
});
