/**
 * cdktf's resolver, called only where a value holds a token. cdktf 0.21.0's `resolve`
 * (lib/tokens/private/resolve.js) walks every value of an element and makes two resolve contexts (each
 * with two closures and a copy of the path) per object key, to return plain values unchanged: in a room
 * stack almost everything is plain (names, sizes, tags), and the walk was half of synth's time. This
 * walk copies plain values itself and hands cdktf each value in which a token could hide, with the
 * path cdktf would have reached it by, so cdktf resolves it exactly as in its own walk (same contexts,
 * same error messages).
 *
 * What cdktf 0.21.0 treats as a token, and so what is handed over: a string with a token marker
 * (`${TfToken[`, `#{TfToken[`, `&{TfToken[`) or with what could be a number token written into it
 * (cdktf's NUMBER_TOKEN_REGEX), or one of the map-token sentinel strings; a number that is not an
 * ordinary one (token doubles are beyond 1e280) or the map-token sentinel number; an array holding a
 * list-token element (handed over whole, as cdktf resolves such a list as one); an object that is not
 * plain, or that has a `resolve` function, a key that could be a token, or a construct's fields; a
 * function; anything deeper than cdktf's limit. Undefined values and array elements are dropped, as
 * cdktf drops them. test/stacks/resolve-tokens-only.test.ts compares both walks value by value.
 */
import { DefaultTokenResolver, StringConcat, Token } from "cdktf";
import type { IConstruct } from "constructs";

interface ResolveOptions {
  scope: IConstruct;
  preparing: boolean;
  resolver: DefaultTokenResolver;
  prefix: string[];
}

/* eslint-disable @typescript-eslint/no-require-imports */
const { resolve: cdktfResolve } = require("cdktf/lib/tokens/private/resolve") as {
  resolve: (obj: unknown, options: ResolveOptions) => unknown;
};
const { TokenMap } = require("cdktf/lib/tokens/private/token-map") as { TokenMap: { instance(): { lookupToken(key: string): unknown } } };
// The class of a reference to another block (`${vsphere_folder.x.path}`) is not exported; `ref` makes one.
const { ref } = require("cdktf/lib/tfExpression") as { ref: (identifier: string) => object };
/* eslint-enable @typescript-eslint/no-require-imports */
const REFERENCE_PROTOTYPE: unknown = Object.getPrototypeOf(ref("probe"));

/** The resolver cdktf's own `resolve(scope, obj)` (lib/_tokens.js) uses: stateless, so one is as good as another. */
const RESOLVER = new DefaultTokenResolver(new StringConcat());

/** Any token marker, or what NUMBER_TOKEN_REGEX (`[-|\d|.\+]+(e[-|\d|.|e|E|\+]+)`) would find somewhere in the string. */
const MAYBE_TOKEN = /TfToken\[|[-|\d.+]e[-|\d.eE+]/;
/** Token doubles carry their marker in the exponent: their magnitude is at least 2^960. */
const LARGEST_PLAIN_NUMBER = 1e280;
/** cdktf refuses deeper values as circular; from here on it gets the value, to say so itself. */
const DEEPEST = 200;

/** cdktf's string token marker (STRING_TOKEN_REGEX in lib/tokens/private/encoding.js). */
const STRING_TOKEN = /\$\{TfToken\[([a-zA-Z0-9:._-]+)\]\}/g;

/**
 * Per stack, strings whose tokens are all references, as they resolved. A reference resolves to its
 * block's address, the same every time within one stack when not preparing (cdktf 0.21.0's
 * `Reference.resolve`), and a VM's pool, folder and datastore are the same few references in
 * hundreds of VMs. Other tokens (lazy values, functions) may produce something else on each call and
 * are resolved every time.
 */
const referenceStrings = new WeakMap<IConstruct, Map<string, string>>();

/** A path to a value, as a chain: only turned into cdktf's prefix array when a value is handed over. */
interface Path {
  parent: Path | undefined;
  key: string;
}

/** `value` resolved as cdktf 0.21.0's `resolve(scope, value)` resolves it (not preparing). */
export function resolveTokensOnly(scope: IConstruct, value: unknown): unknown {
  return walk(scope, value, undefined, 0);
}

function walk(scope: IConstruct, value: unknown, path: Path | undefined, depth: number): unknown {
  if (depth > DEEPEST) return handOver(scope, value, path);
  switch (typeof value) {
    case "undefined":
      return undefined;
    case "boolean":
    case "bigint":
    case "symbol":
      return value;
    case "string":
      return plainString(value) ? value : handOver(scope, value, path);
    case "number":
      return plainNumber(value) ? value : handOver(scope, value, path);
    case "function":
      return handOver(scope, value, path);
    case "object": {
      if (value === null) return null;
      if (Array.isArray(value)) {
        if (!value.every(plainListElement)) return handOver(scope, value, path);
        const out: unknown[] = [];
        for (let i = 0; i < value.length; i++) {
          const v = walk(scope, value[i], { parent: path, key: String(i) }, depth + 1);
          if (v !== undefined) out.push(v);
        }
        return out;
      }
      if (!plainObject(value)) return handOver(scope, value, path);
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        const v = walk(scope, value[key], { parent: path, key }, depth + 1);
        if (v !== undefined) out[key] = v;
      }
      return out;
    }
  }
}

function handOver(scope: IConstruct, value: unknown, path: Path | undefined): unknown {
  if (typeof value !== "string") return cdktfResolve(value, resolveOptions(scope, path));
  let known = referenceStrings.get(scope);
  const cached = known?.get(value);
  if (cached !== undefined) return cached;
  const resolved = cdktfResolve(value, resolveOptions(scope, path));
  if (typeof resolved === "string" && onlyReferences(value)) {
    if (!known) referenceStrings.set(scope, (known = new Map<string, string>()));
    known.set(value, resolved);
  }
  return resolved;
}

/** Whether every token in `s` is a reference: string token markers only, each naming a Reference. */
function onlyReferences(s: string): boolean {
  const rest = s.replace(STRING_TOKEN, "");
  if (MAYBE_TOKEN.test(rest) || rest.includes("${") || rest.includes("}")) return false; // other markers, number tokens, escapes
  const tokens = TokenMap.instance();
  for (const m of s.matchAll(STRING_TOKEN)) if (Object.getPrototypeOf(tokens.lookupToken(m[1] ?? "")) !== REFERENCE_PROTOTYPE) return false;
  return true;
}

function resolveOptions(scope: IConstruct, path: Path | undefined): ResolveOptions {
  const prefix: string[] = [];
  for (let p = path; p; p = p.parent) prefix.push(p.key);
  return { scope, preparing: false, resolver: RESOLVER, prefix: prefix.reverse() };
}

function plainString(s: string): boolean {
  return !MAYBE_TOKEN.test(s) && s !== Token.STRING_MAP_TOKEN_VALUE && s !== Token.ANY_MAP_TOKEN_VALUE;
}

function plainNumber(n: number): boolean {
  return Math.abs(n) < LARGEST_PLAIN_NUMBER && n !== Token.NUMBER_MAP_TOKEN_VALUE;
}

/** Not a list token (cdktf resolves a list holding one as a whole). */
function plainListElement(x: unknown): boolean {
  if (typeof x === "string") return !x.includes("TfToken[");
  if (typeof x === "number") return Math.abs(x) < LARGEST_PLAIN_NUMBER;
  return true;
}

/** A plain object cdktf would walk key by key: not a token, no key that could be one, not a construct. */
function plainObject(o: object): o is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(o);
  if (proto !== Object.prototype && proto !== null) return false;
  const record = o as Record<string, unknown>;
  if (typeof record.resolve === "function") return false;
  if (record._children !== undefined && record._metadata !== undefined) return false;
  for (const key of Object.keys(record)) if (!plainString(key)) return false;
  return true;
}
