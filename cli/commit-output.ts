import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import { formatMarker, OUTPUT_MARKER, readMarker } from "./output-directory";

/**
 * Output and address locks change together: after a crash, a kill or a failed write, either the new
 * output and the new locks are in place, or the old ones are.
 *
 * 1. The new output is built in `.<out>.<pid>.tmp` beside the output (its marker written first).
 * 2. Each changed lock is written to `.<lock>.<pid>.tmp` beside it and flushed to disk.
 * 3. A journal `.<out>.commit.json` beside the output names every rename still to do (written
 *    through a temporary file and a rename, so it is whole or absent).
 * 4. The renames: each lock in, then the old output aside (`.<out>.<pid>.old`) and the new one in.
 * 5. Journal and old output are removed.
 *
 * A failure before 3 removes the temporary files: everything stays old. From 3 on the change is
 * decided: a run that finds a journal (the next `npm run synth` with the same `--out`) finishes the
 * renames before anything else, so everything becomes new. Temporaries of a killed run that never got
 * to 3 are removed by the next run (only those of processes that are gone, and only synth's own).
 */

/** A file to replace with new contents as part of the commit (an ipam.lock.yaml). */
export interface FileWrite {
  path: string;
  text: string;
}

interface Journal {
  output: string;
  built: string;
  previous: string;
  files: { from: string; to: string }[];
}

/**
 * Steps at which the test suite may stop the process (ROOM_TEST_CRASH_AT, with SIGKILL or
 * ROOM_TEST_CRASH_SIGNAL=SIGINT) or fail a write (ROOM_TEST_FAIL_AT).
 */
export type CommitStep = "built" | "files-written" | "journal-written" | "files-renamed" | "output-swapped";

/** Test hooks: unset in normal use. A kill that cannot be caught, or a write error, at a named step. */
function checkpoint(step: CommitStep): void {
  if (process.env.ROOM_TEST_CRASH_AT === step)
    process.kill(process.pid, process.env.ROOM_TEST_CRASH_SIGNAL === "SIGINT" ? "SIGINT" : "SIGKILL");
  if (process.env.ROOM_TEST_FAIL_AT === step) {
    throw Object.assign(new Error(`ENOSPC: no space left on device (test hook at ${step})`), { code: "ENOSPC" });
  }
}

export const journalPath = (output: string) => join(dirname(output), `.${basename(output)}.commit.json`);
const builtPath = (output: string) => join(dirname(output), `.${basename(output)}.${process.pid}.tmp`);
const previousPath = (output: string) => join(dirname(output), `.${basename(output)}.${process.pid}.old`);
const fileTmpPath = (path: string) => join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);

/**
 * Creates a directory and its missing parents one by one. Not mkdirSync's `recursive`: on Node 20 it
 * loops forever where a parent cannot be created (seen under /proc); this fails with the error.
 */
function makeParents(dir: string): void {
  if (existsSync(dir)) return;
  const parent = dirname(dir);
  if (parent !== dir) makeParents(parent);
  mkdirSync(dir);
}

/** Writes a file and flushes it to disk. */
function writeDurably(path: string, text: string): void {
  writeFileSync(path, text);
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Builds the new output with `build(tmpDir)` and commits it together with `files`. A marker is written
 * into the build before anything else, so a leftover is recognizably synth's; `build` writes the
 * final one.
 */
export function commitOutput(output: string, build: (tmpDir: string) => void, files: readonly FileWrite[]): void {
  const built = builtPath(output);
  const previous = previousPath(output);
  const written: string[] = [];
  makeParents(dirname(output));
  try {
    rmSync(built, { recursive: true, force: true });
    mkdirSync(built);
    writeFileSync(join(built, OUTPUT_MARKER), formatMarker({}));
    build(built);
    checkpoint("built");
    for (const f of files) {
      const tmp = fileTmpPath(f.path);
      written.push(tmp);
      writeDurably(tmp, f.text);
    }
    checkpoint("files-written");
    const journal: Journal = { output, built, previous, files: files.map((f) => ({ from: fileTmpPath(f.path), to: f.path })) };
    const journalTmp = `${journalPath(output)}.${process.pid}.tmp`;
    written.push(journalTmp);
    writeDurably(journalTmp, JSON.stringify(journal, null, 2) + "\n");
    renameSync(journalTmp, journalPath(output));
  } catch (err) {
    // Nothing is decided yet: remove what this run wrote, keep everything old.
    for (const tmp of written) rmSync(tmp, { force: true });
    rmSync(built, { recursive: true, force: true });
    throw err;
  }
  checkpoint("journal-written");
  finishCommit(journalPath(output));
}

/** Carries out (or finishes) the renames a journal names; every step can be repeated safely. */
function finishCommit(journalFile: string): void {
  const journal = JSON.parse(readFileSync(journalFile, "utf8")) as Journal;
  // Locks first: new pins beside the old output are harmless (the next run uses them), while a new
  // output beside old pins could be deployed with addresses the lock does not hold.
  for (const { from, to } of journal.files) if (existsSync(from)) renameSync(from, to);
  checkpoint("files-renamed");
  if (existsSync(journal.built)) {
    if (existsSync(journal.output) && !existsSync(journal.previous)) renameSync(journal.output, journal.previous);
    renameSync(journal.built, journal.output);
  }
  checkpoint("output-swapped");
  rmSync(journalFile, { force: true });
  rmSync(journal.previous, { recursive: true, force: true });
}

/**
 * Before a run: finishes a commit an earlier run was stopped in (returns true if there was one), then
 * removes the temporaries of earlier runs that are gone: synth's own output builds and old outputs
 * beside `output`, and lock temporaries in `lockDirs`.
 */
export function recoverEarlierRuns(output: string, lockDirs: readonly string[]): boolean {
  const journal = journalPath(output);
  const finished = existsSync(journal);
  if (finished) finishCommit(journal);
  const parent = dirname(output);
  const name = basename(output);
  const leftovers = (dir: string, pattern: RegExp) =>
    existsSync(dir) && statSync(dir).isDirectory()
      ? readdirSync(dir).flatMap((entry) => {
          const m = pattern.exec(entry);
          return m && !isRunning(Number(m[1])) ? [join(dir, entry)] : [];
        })
      : [];
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  // Output builds and old outputs carry the marker; anything else of that name is not synth's.
  for (const dir of leftovers(parent, new RegExp(`^\\.${escaped}\\.(\\d+)\\.(tmp|old)$`)))
    if (readMarker(dir)) rmSync(dir, { recursive: true, force: true });
  for (const dir of leftovers(parent, new RegExp(`^\\.${escaped}\\.commit\\.json\\.(\\d+)\\.tmp$`))) rmSync(dir, { force: true });
  for (const lockDir of lockDirs) for (const file of leftovers(lockDir, /^\.ipam\.lock\.yaml\.(\d+)\.tmp$/)) rmSync(file, { force: true });
  return finished;
}

/** Whether a process with this id still runs (then its temporaries are its own business). */
function isRunning(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as { code?: string }).code === "EPERM";
  }
}
