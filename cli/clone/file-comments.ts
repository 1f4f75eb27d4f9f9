import { isScalar, visit, type Document, type YAMLMap } from "yaml";
import { ipv4Problem } from "../../spec/ipv4";
import type { AddressPlan } from "./address-plan";
import type { Renaming } from "./tenant-names";

const IPV4_IN_TEXT = /(?<![\d.])(\d{1,3}(?:\.\d{1,3}){3})(\/\d{1,2})?(?![\d.]*\d)/g;

/** Every comment of the file renamed like its values, the addresses in it moved like theirs. */
export function renameComments(doc: Document, renaming: Renaming, addresses: AddressPlan): void {
  const rewrite = (text: string) =>
    renaming.apply(
      text.replace(IPV4_IN_TEXT, (found: string, ip: string, prefix: string | undefined) => {
        if (ipv4Problem("address", ip) !== undefined) return found;
        if (prefix === undefined) return addresses.move(ip) ?? found;
        return addresses.moveRange(found) ?? found;
      }),
    );
  visit(doc, {
    Node(_, node) {
      if (node.commentBefore) node.commentBefore = rewrite(node.commentBefore);
      if (node.comment) node.comment = rewrite(node.comment);
    },
  });
  if (doc.comment) doc.comment = rewrite(doc.comment);
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
