import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, renameSync, rmSync, unlinkSync, writeFileSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { UsageError } from "../exit-codes";

/**
 * Writes a file that must not exist yet, whole or not at all: the text goes to a hidden temporary file
 * beside it, which is then hard-linked to the name. link(2) fails when the name exists, so a file
 * someone wrote meanwhile is never replaced; an interrupted run leaves at most the temporary file,
 * which is removed on the way out (Ctrl-C included).
 */
export function writeNewFile(path: string, text: string, display: string): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const cleanUp = () => {
    try {
      unlinkSync(temp);
    } catch {
      // already gone
    }
  };
  const onSignal = (signal: NodeJS.Signals) => {
    cleanUp();
    process.kill(process.pid, signal);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    const fd = openSync(temp, "wx", 0o644);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      linkSync(temp, path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "EEXIST")
        throw new UsageError(`${display} already exists; it was left unchanged and nothing was written`, false);
      throw new UsageError(`cannot write ${display}: ${(e as Error).message}; nothing was written`, false);
    }
  } finally {
    cleanUp();
    process.removeListener("SIGINT", onSignal);
    process.removeListener("SIGTERM", onSignal);
  }
}

/**
 * Writes a directory that must not exist yet, whole or not at all: the files go to a hidden temporary
 * directory beside it; the name is then claimed with mkdir(2), which fails when anything is there, and
 * the temporary directory renamed onto the empty directory just made (rename(2) replaces an empty one).
 */
export function writeNewDirectory(path: string, files: ReadonlyMap<string, string>, display: string): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  let claimed = false;
  const cleanUp = () => {
    rmSync(temp, { recursive: true, force: true });
    if (claimed) rmSync(path, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    cleanUp();
    process.kill(process.pid, signal);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    mkdirSync(temp);
    for (const [rel, text] of files) {
      mkdirSync(dirname(join(temp, rel)), { recursive: true });
      writeFileSync(join(temp, rel), text, { flag: "wx" });
    }
    try {
      mkdirSync(path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "EEXIST")
        throw new UsageError(`${display} already exists; it was left unchanged and nothing was written`, false);
      throw new UsageError(`cannot write ${display}: ${(e as Error).message}; nothing was written`, false);
    }
    claimed = true;
    renameSync(temp, path);
    claimed = false;
  } catch (e) {
    cleanUp();
    throw e;
  } finally {
    rmSync(temp, { recursive: true, force: true });
    process.removeListener("SIGINT", onSignal);
    process.removeListener("SIGTERM", onSignal);
  }
}
