import { isScalar, visit, type Document, type YAMLMap } from "yaml";
import type { Renaming } from "./tenant-names";

/** Every comment of the file renamed like its values. */
export function renameComments(doc: Document, renaming: Renaming): void {
  visit(doc, {
    Node(_, node) {
      if (node.commentBefore) node.commentBefore = renaming.apply(node.commentBefore);
      if (node.comment) node.comment = renaming.apply(node.comment);
    },
  });
  if (doc.comment) doc.comment = renaming.apply(doc.comment);
}

/**
 * Replaces the file's opening comment (the source's story, on the document or on its first key) with
 * `lines`, after the editor's schema line, which stays.
 */
export function replaceOpeningComment(doc: Document, schemaLine: string, lines: readonly string[]): void {
  const first = (doc.contents as YAMLMap).items[0]?.key;
  const opening = `${doc.commentBefore ?? ""}\n${isScalar(first) ? (first.commentBefore ?? "") : ""}`;
  if (isScalar(first)) first.commentBefore = undefined;
  const schema = opening.split("\n").find((l) => l.includes("yaml-language-server")) ?? ` yaml-language-server: $schema=${schemaLine}`;
  doc.commentBefore = [schema, "", ...lines.map((l) => ` ${l}`)].join("\n");
}
