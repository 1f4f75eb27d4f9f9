import { relative } from "node:path";
import { formatSpecError, SpecErrors, type SpecError } from "../../spec/spec-error";
import { load } from "../helpers";
import { failIfBroken } from "./case-report";
import { prepareCase, type Fixture, type FuzzCase } from "./fuzz-case";
import { messageLeaks } from "./leaks";
import { pathsUnder } from "./refusal-lines";
import { changedFiles, snapshot } from "./tree-changes";

/**
 * Loading a mutated copy (planSites, as synth does before it writes anything) either plans the sites
 * or throws SpecErrors, never anything else (which synth would turn into exit 3); every error is
 * located in a file of the copy with a JSON pointer and a one-line message that gives nothing away;
 * loading changes no file; and loading twice plans the same locks and work lists.
 */
export function loadBehaves(fixture: Fixture, c: FuzzCase): void {
  const prepared = prepareCase(fixture, c);
  const before = snapshot(prepared.root);
  const problems: string[] = [];
  let outcome = "loaded";
  try {
    const first = load(prepared.sites);
    const again = load(prepared.sites);
    const plans = (p: typeof first) => JSON.stringify([...p.ipam].map(([site, plan]) => [site, plan.text, plan.work]));
    if (plans(first) !== plans(again)) problems.push("loading the same files twice planned different locks or work lists");
  } catch (e) {
    if (e instanceof SpecErrors) {
      const printed = e.errors.map(formatSpecError).join("\n");
      outcome = `errors:\n${printed}`;
      // load() names files relative to the sites directory, the directory itself "".
      problems.push(
        ...errorProblems(
          e.errors,
          pathsUnder(prepared.sites).map((p) => relative(prepared.sites, p)),
        ),
      );
      problems.push(...messageLeaks(c, printed, "an error message"));
    } else {
      outcome = `threw ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`;
      problems.push("loading threw something other than SpecErrors (synth would exit 3)");
    }
  }
  const changed = changedFiles(before, snapshot(prepared.root));
  if (changed.length) problems.push(`loading changed files: ${changed.join(", ")}`);
  failIfBroken(problems, prepared, outcome);
}

/** What is wrong with the reported errors: none, or one not located in a file of the copy, or not one line. */
function errorProblems(errors: readonly SpecError[], places: string[]): string[] {
  if (!errors.length) return ["SpecErrors without any error"];
  return errors.flatMap((e) => {
    const line = formatSpecError(e);
    const wrong: string[] = [];
    if (!places.includes(e.file)) wrong.push(`names no file of the sites: ${JSON.stringify(e.file)}`);
    if (!Number.isInteger(e.line) || !Number.isInteger(e.col) || e.line < 0 || e.col < 0 || (e.line === 0 && e.col !== 0))
      wrong.push(`no valid line and column (${e.line}:${e.col})`);
    if (e.pointer !== "" && !e.pointer.startsWith("/")) wrong.push(`no JSON pointer: ${JSON.stringify(e.pointer)}`);
    if (e.pointer !== "" && e.line === 0) wrong.push(`a pointer into the file, but no line`);
    if (!e.message.trim()) wrong.push("an empty message");
    if (line.includes("\n")) wrong.push("a message of more than one line");
    return wrong.map((w) => `error ${line.slice(0, 200)}: ${w}`);
  });
}
