import { randomBytes } from "node:crypto";
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { UsageError } from "../exit-codes";

/**
 * A hidden name beside `path` that nothing else uses: a random part, so a file a killed run left (even
 * one with this run's pid, as containers reuse pids) is never opened, replaced or removed.
 */
const stagingName = (path: string) => join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);

/** Removes `staged` on Ctrl-C or a TERM while `work` runs, then lets the signal end the process. */
function cleaningUpOnSignal<T>(staged: () => void, work: () => T): T {
  const onSignal = (signal: NodeJS.Signals) => {
    staged();
    process.kill(process.pid, signal);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    return work();
  } finally {
    process.removeListener("SIGINT", onSignal);
    process.removeListener("SIGTERM", onSignal);
  }
}

/** File-system trouble at the place the user chose (read-only, full, gone, taken): exit 2, nothing written. */
function refusal(e: unknown, display: string): unknown {
  if (e instanceof UsageError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "EEXIST" || code === "ENOTEMPTY")
    return new UsageError(`${display} already exists; it was left unchanged and nothing was written`, false);
  if (code !== undefined) return new UsageError(`cannot write ${display}: ${(e as Error).message}; nothing was written`, false);
  return e;
}

/**
 * Writes a file that must not exist yet, whole or not at all: the text goes to a hidden temporary file
 * beside it, which is then hard-linked to the name. link(2) fails when the name exists, so a file
 * someone wrote meanwhile is never replaced; the temporary file is removed on the way out, Ctrl-C
 * included.
 */
export function writeNewFile(path: string, text: string, display: string): void {
  const temp = stagingName(path);
  const remove = () => rmSync(temp, { force: true });
  cleaningUpOnSignal(remove, () => {
    try {
      const fd = openSync(temp, "wx", 0o644);
      try {
        writeSync(fd, text);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      linkSync(temp, path);
    } catch (e) {
      throw refusal(e, display);
    } finally {
      remove();
    }
  });
}

/**
 * Writes a directory that must not exist yet, whole or not at all: the files go to a hidden temporary
 * directory beside it; the name is then claimed with mkdir(2), which fails when anything is there, and
 * the temporary directory renamed onto the empty directory just made (rename(2) replaces an empty one).
 */
export function writeNewDirectory(path: string, files: ReadonlyMap<string, string>, display: string): void {
  const temp = stagingName(path);
  let claimed = false;
  const remove = () => {
    rmSync(temp, { recursive: true, force: true });
    if (claimed) rmSync(path, { recursive: true, force: true });
  };
  cleaningUpOnSignal(remove, () => {
    try {
      mkdirSync(temp);
      for (const [rel, text] of files) {
        mkdirSync(dirname(join(temp, rel)), { recursive: true });
        writeFileSync(join(temp, rel), text, { flag: "wx" });
      }
      mkdirSync(path);
      claimed = true;
      renameSync(temp, path);
      claimed = false;
    } catch (e) {
      throw refusal(e, display);
    } finally {
      remove();
    }
  });
}
