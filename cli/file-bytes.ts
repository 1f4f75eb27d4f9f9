import { closeSync, fstatSync, lstatSync, openSync, readSync } from "node:fs";

/** Read and compared a chunk at a time: a changed report differs near its top (the input hashes), so most compares end early. */
const CHUNK = 1 << 20;

/**
 * Whether `file` is a regular file holding exactly `bytes`. Reads a chunk at a time and stops at the
 * first difference, so a changed 68 MB report costs one chunk, not a read of the whole file.
 */
export function fileHoldsBytes(file: string, bytes: Buffer): boolean {
  return withOpenFile(file, (fd, size) => {
    if (size !== bytes.length) return false;
    const chunk = Buffer.allocUnsafe(Math.min(CHUNK, size));
    for (let at = 0; at < size;) {
      const n = readSync(fd, chunk, 0, Math.min(chunk.length, size - at), at);
      if (n === 0 || !chunk.subarray(0, n).equals(bytes.subarray(at, at + n))) return false;
      at += n;
    }
    return true;
  });
}

/** Whether two regular files have the same bytes, compared a chunk at a time (stops at the first difference). */
export function filesHoldSameBytes(a: string, b: string): boolean {
  return withOpenFile(a, (fdA, sizeA) =>
    withOpenFile(b, (fdB, sizeB) => {
      if (sizeA !== sizeB) return false;
      const chunkA = Buffer.allocUnsafe(Math.min(CHUNK, sizeA));
      const chunkB = Buffer.allocUnsafe(chunkA.length);
      for (let at = 0; at < sizeA;) {
        const want = Math.min(chunkA.length, sizeA - at);
        const n = readSync(fdA, chunkA, 0, want, at);
        if (n === 0 || readSync(fdB, chunkB, 0, n, at) !== n || !chunkA.subarray(0, n).equals(chunkB.subarray(0, n))) return false;
        at += n;
      }
      return true;
    }),
  );
}

/** Runs `use` on the open file and its size; false where it is missing or not a regular file (a symbolic link is not followed). */
function withOpenFile(file: string, use: (fd: number, size: number) => boolean): boolean {
  let fd: number;
  try {
    if (!lstatSync(file).isFile()) return false;
    fd = openSync(file, "r");
  } catch {
    return false;
  }
  try {
    const stat = fstatSync(fd);
    return stat.isFile() && use(fd, stat.size);
  } finally {
    closeSync(fd);
  }
}
