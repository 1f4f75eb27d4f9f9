import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileHoldsBytes, filesHoldSameBytes } from "../../cli/file-bytes";
import { tempDir } from "../helpers";

/**
 * The chunked compares behind "an unchanged file keeps its bytes and time": over a chunk (1 MiB) long,
 * so a difference in the last chunk, and a length that is not a multiple of a chunk, are both seen.
 */
const MIB = 1 << 20;
const bytes = Buffer.alloc(2 * MIB + 123, 0x61);

function fileWith(dir: string, name: string, content: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function changedAt(at: number): Buffer {
  const changed = Buffer.from(bytes);
  changed[at] = 0x62;
  return changed;
}

test.each([
  ["the same bytes", bytes, true],
  ["a difference in the first byte", changedAt(0), false],
  ["a difference in the last chunk", changedAt(bytes.length - 1), false],
  ["a difference at a chunk boundary", changedAt(MIB), false],
  ["one byte shorter", bytes.subarray(0, bytes.length - 1), false],
  ["one byte longer", Buffer.concat([bytes, Buffer.from("a")]), false],
])("a file against bytes and against a file: %s", (_what, other, same) => {
  const dir = tempDir("file-bytes-");
  const file = fileWith(dir, "a", bytes);
  expect(fileHoldsBytes(file, other)).toBe(same);
  expect(filesHoldSameBytes(file, fileWith(dir, "b", other))).toBe(same);
  expect(filesHoldSameBytes(join(dir, "b"), file)).toBe(same);
});

test("empty files hold the same (no) bytes", () => {
  const dir = tempDir("file-bytes-");
  expect(fileHoldsBytes(fileWith(dir, "a", Buffer.alloc(0)), Buffer.alloc(0))).toBe(true);
  expect(filesHoldSameBytes(join(dir, "a"), fileWith(dir, "b", Buffer.alloc(0)))).toBe(true);
});

test("a missing file, a directory and a symbolic link never hold the bytes", () => {
  const dir = tempDir("file-bytes-");
  const file = fileWith(dir, "a", bytes);
  mkdirSync(join(dir, "d"));
  symlinkSync(file, join(dir, "link"));
  for (const notAFile of [join(dir, "missing"), join(dir, "d"), join(dir, "link")]) {
    expect(fileHoldsBytes(notAFile, bytes)).toBe(false);
    expect(filesHoldSameBytes(notAFile, file)).toBe(false);
    expect(filesHoldSameBytes(file, notAFile)).toBe(false);
  }
});
