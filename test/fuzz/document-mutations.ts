import fc from "fast-check";
import { isMap, isNode, isScalar, isSeq, parseDocument, type Document } from "yaml";
import { hostileKey, hostileScalar, type Scalar } from "./hostile-scalars";
import { typeOf, YAML_TYPES, type YamlNode, type YamlPath, type YamlTargets, type YamlType } from "./yaml-targets";

/** An edit of a spec file's parsed YAML document, written back with the yaml package's Document API. */
export type DocumentMutation =
  | { file: string; op: "drop"; path: YamlPath }
  | { file: string; op: "duplicateItem"; path: YamlPath }
  | { file: string; op: "retype"; path: YamlPath; to: YamlType }
  | { file: string; op: "reorder"; path: YamlPath; order: number[] }
  | { file: string; op: "replace"; path: YamlPath; value: Scalar }
  | { file: string; op: "renameKey"; path: YamlPath; key: string };

/** The document mutations of one file (relative to the sites directory), aimed at the nodes it has. */
export function documentMutations(file: string, { nodes, scalars }: YamlTargets): fc.Arbitrary<DocumentMutation>[] {
  const below = nodes.filter((n) => n.path.length > 0);
  const listItems = below.filter((n) => !n.inMap);
  const collections = nodes.filter((n) => n.size >= 2);
  const leaves = below.filter((n) => n.size === 0 && n.type !== "list" && n.type !== "map");
  const mapValues = below.filter((n) => n.inMap);
  const pick = (from: YamlNode[]) => fc.constantFrom(...from);
  const arbitraries: fc.Arbitrary<DocumentMutation>[] = [];
  if (below.length) arbitraries.push(pick(below).map(({ path }) => ({ file, op: "drop" as const, path })));
  if (listItems.length) arbitraries.push(pick(listItems).map(({ path }) => ({ file, op: "duplicateItem" as const, path })));
  if (nodes.length)
    arbitraries.push(
      pick(nodes).chain(({ path, type }) =>
        fc.constantFrom(...YAML_TYPES.filter((t) => t !== type)).map((to) => ({ file, op: "retype" as const, path, to })),
      ),
    );
  if (collections.length)
    arbitraries.push(
      pick(collections).chain(({ path, size }) => permutation(size).map((order) => ({ file, op: "reorder" as const, path, order }))),
    );
  if (leaves.length) {
    // Half hostile values, half values the same file holds elsewhere (duplicates, wrong references).
    const value = scalars.length ? fc.oneof(hostileScalar, fc.constantFrom(...scalars)) : hostileScalar;
    arbitraries.push(fc.tuple(pick(leaves), value).map(([{ path }, v]) => ({ file, op: "replace" as const, path, value: v })));
  }
  if (mapValues.length)
    arbitraries.push(fc.tuple(pick(mapValues), hostileKey).map(([{ path }, key]) => ({ file, op: "renameKey" as const, path, key })));
  return arbitraries;
}

/** A reordering of `size` items that is not the identity. */
function permutation(size: number): fc.Arbitrary<number[]> {
  const indexes = [...Array(size).keys()];
  return fc
    .shuffledSubarray(indexes, { minLength: size, maxLength: size })
    .filter((order) => order.some((index, position) => index !== position));
}

/**
 * Applies the mutation to the file's text; returns the new text, or undefined when it no longer
 * applies (an earlier mutation broke the YAML or removed the node).
 */
export function applyDocumentMutation(text: string, m: DocumentMutation): string | undefined {
  const doc = parseDocument(text);
  if (doc.errors.length) return undefined;
  const applied = edit(doc, m);
  return applied ? doc.toString() : undefined;
}

function edit(doc: Document, m: DocumentMutation): boolean {
  const node: unknown = m.path.length ? doc.getIn(m.path, true) : doc.contents;
  if (node === undefined) return false;
  const parentPath = m.path.slice(0, -1);
  const parent: unknown = parentPath.length ? doc.getIn(parentPath, true) : doc.contents;
  const last = m.path[m.path.length - 1];
  switch (m.op) {
    case "drop":
      return doc.deleteIn(m.path);
    case "duplicateItem": {
      if (!isSeq(parent) || typeof last !== "number" || !isNode(node)) return false;
      parent.items.splice(last + 1, 0, node.clone());
      return true;
    }
    case "retype": {
      const value = retyped(isNode(node) ? node.toJS(doc) : node, m.to);
      if (m.path.length) doc.setIn(m.path, doc.createNode(value));
      else doc.contents = doc.createNode(value);
      return true;
    }
    case "reorder": {
      if (!(isSeq(node) || isMap(node)) || node.items.length !== m.order.length) return false;
      const items: unknown[] = [...node.items];
      node.items = m.order.map((i) => items[i]);
      return true;
    }
    case "replace":
      doc.setIn(m.path, m.value);
      return true;
    case "renameKey": {
      if (!isMap(parent)) return false;
      const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === last);
      if (!pair) return false;
      pair.key = doc.createNode(m.key);
      return true;
    }
  }
}

/** The value turned into another type, keeping what it held where it can. */
function retyped(value: unknown, to: YamlType): unknown {
  switch (to) {
    case "string":
      return typeOf(value) === "list" || typeOf(value) === "map" ? JSON.stringify(value) : String(value);
    case "number": {
      if (typeof value === "string") return Number.isFinite(Number(value)) ? Number(value) : value.length;
      if (Array.isArray(value)) return value.length;
      if (value !== null && typeof value === "object") return Object.keys(value).length;
      return Number(value);
    }
    case "bool":
      return Boolean(value);
    case "null":
      return null;
    case "list":
      return [value];
    case "map":
      return { value };
  }
}
