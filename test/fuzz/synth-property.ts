import { existsSync } from "node:fs";
import { join } from "node:path";
import { OUTPUT_MARKER } from "../../cli/output-directory";
import { AS_OF, runSynth } from "../helpers";
import { failIfBroken } from "./case-report";
import { prepareCase, type Fixture, type FuzzCase, type PreparedCase } from "./fuzz-case";
import { credentialLeaks, messageLeaks } from "./leaks";
import { placesUnder, refusalProblems } from "./refusal-lines";
import { changedFiles, snapshot } from "./tree-changes";

type Outcome = { code?: number; stdout: string; stderr: string };

/** Runs synth on a prepared case; an exception out of main is recorded, not thrown. */
function synth(prepared: PreparedCase): Outcome {
  try {
    return runSynth(["--sites", prepared.sites, "--out", prepared.out, "--as-of", AS_OF]);
  } catch (e) {
    return { stdout: "", stderr: `main threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}` };
  }
}

/**
 * A full synth of a mutated copy exits 0, 1 or 2, never 3 and never with an exception. Exit 0 and 1
 * both write the output (1: the policy checks found a mandatory failure, which a mutation may well
 * cause), so both are held to the same guarantees. On exit 2 it
 * prints only located errors (or one line naming a file), no stack trace, and changes no file: not
 * the spec files, not the locks, not the output (nor leaves anything beside it). On exit 0 or 1 it changes
 * only the output and the locks, marks the output as its own, gives a second copy the same bytes, and
 * holds no credential the case wrote anywhere (one that got through was not refused).
 */
export function synthBehaves(fixture: Fixture, c: FuzzCase): void {
  const prepared = prepareCase(fixture, c);
  const before = snapshot(prepared.root);
  const r = synth(prepared);
  const after = snapshot(prepared.root);
  const problems: string[] = [];
  if (r.code === 2) {
    if (r.stdout) problems.push(`a refusal printed on stdout: ${r.stdout.slice(0, 200)}`);
    problems.push(...refusalProblems(r.stderr, placesUnder(prepared.root)));
    problems.push(...messageLeaks(c, r.stderr, "stderr"));
    const changed = changedFiles(before, after);
    if (changed.length) problems.push(`a refused run changed files: ${changed.join(", ")}`);
  } else if (r.code === 0 || r.code === 1) {
    problems.push(...successProblems(fixture, c, prepared, before, after, r));
  } else problems.push(`exit code ${r.code ?? "(none: main threw)"}, expected 0, 1 or 2`);
  failIfBroken(problems, prepared, `exit code ${r.code ?? "(none: main threw)"}\nstderr:\n${r.stderr}`);
}

function successProblems(
  fixture: Fixture,
  c: FuzzCase,
  prepared: PreparedCase,
  before: Map<string, Buffer>,
  after: Map<string, Buffer>,
  r: Outcome,
): string[] {
  const problems: string[] = [];
  if (r.stderr) problems.push(`a successful run printed on stderr`);
  const stray = changedFiles(before, after).filter((f) => !f.startsWith("out/") && !/^sites\/[^/]+\/ipam\.lock\.yaml$/.test(f));
  if (stray.length) problems.push(`a successful run changed files other than the output and the locks: ${stray.join(", ")}`);
  if (!existsSync(join(prepared.out, OUTPUT_MARKER))) problems.push(`the output has no ${OUTPUT_MARKER}`);
  // A credential the case wrote must have been refused: a success may hold it nowhere, input included.
  for (const [file, bytes] of after) problems.push(...credentialLeaks(bytes.toString("utf8"), file));
  problems.push(...credentialLeaks(r.stdout, "stdout"));

  // Same input, same bytes: a second copy of the same case, synthesized elsewhere.
  const second = prepareCase(fixture, c);
  const again = synth(second);
  if (again.code !== r.code)
    return [...problems, `a second copy of the same input exited ${again.code}, the first ${r.code}: ${again.stderr.slice(0, 300)}`];
  const written = (p: PreparedCase) => new Map([...snapshot(p.root)].filter(([f]) => f.startsWith("out/") || f.endsWith("ipam.lock.yaml")));
  const differ = changedFiles(written(prepared), written(second));
  if (differ.length) problems.push(`a second copy of the same input wrote other bytes: ${differ.join(", ")}`);
  if (r.stdout.split(prepared.root).join("<root>") !== again.stdout.split(second.root).join("<root>"))
    problems.push("a second copy of the same input printed another summary");
  return problems;
}
