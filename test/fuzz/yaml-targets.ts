import { isMap, isScalar, isSeq, parseDocument } from "yaml";
import type { Scalar } from "./hostile-scalars";

/** Where a node sits in a YAML document: map keys and list indexes from the root. */
export type YamlPath = (string | number)[];

/** The types a node can be retyped between. */
export const YAML_TYPES = ["string", "number", "bool", "null", "list", "map"] as const;
export type YamlType = (typeof YAML_TYPES)[number];

/** A node of the document and what it is. */
export interface YamlNode {
  path: YamlPath;
  type: YamlType;
  /** Items of a list or pairs of a map; 0 for a scalar. */
  size: number;
  /** A value of a map pair (its key can be renamed) rather than a list item. */
  inMap: boolean;
}

/** Every node of a spec file a mutation can aim at, and the scalars it holds (to swap in elsewhere). */
export interface YamlTargets {
  nodes: YamlNode[];
  scalars: Scalar[];
}

export function typeOf(value: unknown): YamlType {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return "list";
  if (typeof value === "string") return "string";
  if (typeof value === "number") return "number";
  if (typeof value === "boolean") return "bool";
  return "map";
}

/** The nodes of a YAML text (the root included, at path []); none when it does not parse. */
export function targetsOf(text: string): YamlTargets {
  const doc = parseDocument(text);
  const nodes: YamlNode[] = [];
  const scalars = new Set<Scalar>();
  if (doc.errors.length) return { nodes, scalars: [] };
  const visit = (node: unknown, path: YamlPath, inMap: boolean): void => {
    if (isMap(node)) {
      nodes.push({ path, type: "map", size: node.items.length, inMap });
      for (const pair of node.items) {
        if (isScalar(pair.key) && (typeof pair.key.value === "string" || typeof pair.key.value === "number"))
          visit(pair.value, [...path, pair.key.value], true);
      }
    } else if (isSeq(node)) {
      nodes.push({ path, type: "list", size: node.items.length, inMap });
      node.items.forEach((item, i) => visit(item, [...path, i], false));
    } else if (isScalar(node)) {
      const value = node.value as Scalar;
      scalars.add(value);
      nodes.push({ path, type: typeOf(value), size: 0, inMap });
    }
  };
  visit(doc.contents, [], false);
  return { nodes, scalars: [...scalars] };
}
