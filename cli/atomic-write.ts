import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** Writes a file through a temporary sibling and a rename, so readers never see half a file. */
export function writeFileAtomic(path: string, text: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/**
 * Lets `fill` build a directory beside `target`, then swaps it into place. A failed run leaves the
 * previous directory as it was, and a stack that is gone from the spec leaves nothing stale behind.
 */
export function replaceDirectory(target: string, fill: (tmpDir: string) => void): void {
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const tmp = join(parent, `.${basename(target)}.${process.pid}.tmp`);
  const old = join(parent, `.${basename(target)}.${process.pid}.old`);
  rmSync(tmp, { recursive: true, force: true });
  try {
    fill(tmp);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
  if (existsSync(target)) renameSync(target, old);
  renameSync(tmp, target);
  rmSync(old, { recursive: true, force: true });
}
