import { isMap, isScalar, isSeq, parseDocument, type Node } from "yaml";
import { lineFinder } from "./line-finder";

/** One thing an engineer should look at after a clone: where (a path into the file, or a line) and why. */
export interface ReviewNote {
  /** Keys and indexes into the YAML; a string under a sequence names the item whose `name` it is. */
  path: (string | number)[];
  /** The line, when known already (a dropped item's line in the source file). */
  line?: number;
  text: string;
}

/** The notes with the line each path has in `text`, in line order (a path not found points at line 1). */
export function locateNotes(text: string, notes: readonly ReviewNote[]): (ReviewNote & { line: number })[] {
  const doc = parseDocument(text);
  const lineOf = lineFinder(text);
  const located = notes.map((n) => {
    if (n.line !== undefined) return { ...n, line: n.line };
    let node: Node | null | undefined = doc.contents;
    let keyNode: Node | undefined;
    for (const step of n.path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && p.key.value === step);
        keyNode = pair?.key as Node | undefined;
        node = pair?.value as Node | undefined;
      } else if (isSeq(node)) {
        const item: unknown = typeof step === "number" ? node.items[step] : node.items.find((i) => isMap(i) && i.get("name") === step);
        keyNode = undefined;
        node = item as Node | undefined;
      } else node = undefined;
      if (!node) break;
    }
    const at = keyNode?.range?.[0] ?? node?.range?.[0];
    return { ...n, line: at === undefined ? 1 : lineOf(at) };
  });
  return located.sort((a, b) => a.line - b.line);
}
