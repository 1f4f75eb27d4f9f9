import fc from "fast-check";

/** An edit of a spec file's bytes, whatever they parse to. */
export type TextMutation =
  | { file: string; op: "truncate"; at: number }
  | { file: string; op: "insertBytes"; at: number; bytes: number[] }
  | { file: string; op: "duplicateLine"; line: number }
  | { file: string; op: "deleteLine"; line: number };

/** The text mutations of one file (relative to the sites directory) of `bytes` bytes and `lines` lines. */
export function textMutations(file: string, bytes: number, lines: number): fc.Arbitrary<TextMutation>[] {
  const offset = fc.nat(bytes);
  const line = fc.nat(Math.max(lines - 1, 0));
  return [
    offset.map((at) => ({ file, op: "truncate" as const, at })),
    fc
      .tuple(
        offset,
        fc.array(fc.oneof(fc.nat(255), fc.constantFrom(0x0a, 0x3a, 0x20, 0x2d, 0x23, 0x7b, 0x5b, 0x22)), { minLength: 1, maxLength: 16 }),
      )
      .map(([at, inserted]) => ({ file, op: "insertBytes" as const, at, bytes: inserted })),
    line.map((l) => ({ file, op: "duplicateLine" as const, line: l })),
    line.map((l) => ({ file, op: "deleteLine" as const, line: l })),
  ];
}

/** Applies the mutation to the file's bytes (positions past the end are clamped to it). */
export function applyTextMutation(bytes: Buffer, m: TextMutation): Buffer {
  switch (m.op) {
    case "truncate":
      return bytes.subarray(0, Math.min(m.at, bytes.length));
    case "insertBytes": {
      const at = Math.min(m.at, bytes.length);
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(m.bytes), bytes.subarray(at)]);
    }
    case "duplicateLine":
    case "deleteLine": {
      // Lines split on the newline byte, so bytes that are not UTF-8 survive untouched.
      const lines = bytes.toString("latin1").split("\n");
      const i = Math.min(m.line, lines.length - 1);
      if (m.op === "duplicateLine") lines.splice(i, 0, lines[i]);
      else lines.splice(i, 1);
      return Buffer.from(lines.join("\n"), "latin1");
    }
  }
}
