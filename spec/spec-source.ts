import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { describeKind, failed, kindOf, pathKind, type PathKind } from "./path-kind";

/**
 * Spec files larger than this are refused unread: the largest example file is about 60 KiB, and a
 * runaway (generated, concatenated, a log pasted in) would stall parsing and every check after it.
 */
export const MAX_SPEC_FILE_BYTES = 4 * 1024 * 1024;

const CHUNK = 64 * 1024;

/**
 * The bytes of a spec file, or what kept them from being read. Never blocks on a FIFO and never
 * reads a device: the path is looked at first, and opened without blocking to check it again.
 */
export function readSpecBytes(path: string): { bytes: Buffer } | { problem: string } {
  const problem = notASpecFile(pathKind(path));
  if (problem) return { problem };
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    return { problem: `expected a readable file, found ${describeKind(failed(e))}` };
  }
  try {
    // The path may have been replaced since it was looked at.
    const again = notASpecFile(kindOf(fstatSync(fd)));
    return again ? { problem: again } : readAtMost(fd, MAX_SPEC_FILE_BYTES);
  } catch (e) {
    return { problem: `expected a readable file, found ${describeKind(failed(e))}` };
  } finally {
    closeSync(fd);
  }
}

function notASpecFile(found: PathKind): string | undefined {
  if (found.kind !== "file") return `expected a file, found ${describeKind(found)}`;
  if (found.size > MAX_SPEC_FILE_BYTES) return tooLarge(found.size);
  return undefined;
}

/** Reads to the end, stopping past the limit (a file growing while it is read). */
function readAtMost(fd: number, limit: number): { bytes: Buffer } | { problem: string } {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.alloc(CHUNK);
    const n = readSync(fd, chunk, 0, CHUNK, null);
    if (n === 0) return { bytes: Buffer.concat(chunks, total) };
    chunks.push(chunk.subarray(0, n));
    total += n;
    if (total > limit) return { problem: tooLarge(total) };
  }
}

function tooLarge(size: number): string {
  return `expected a spec file of at most ${mebibytes(MAX_SPEC_FILE_BYTES)}, found ${mebibytes(size)} (${size} bytes)`;
}

function mebibytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB`;
}
