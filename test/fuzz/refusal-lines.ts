import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/** What a refusal may never print raw: C0 controls but the line feed, DEL, C1, bidi overrides, separators, BOM. */
// eslint-disable-next-line no-control-regex -- finding raw control characters is the point
const RAW_UNPRINTABLE = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069\uFEFF]/;
const STACK_TRACE = /^\s+at \S/m;
const LAST_LINE = /^(\d+) error\(s\); nothing was written\.$/;

/** Every file and directory under `root`, `root` included. */
export function pathsUnder(root: string): string[] {
  const paths: string[] = [];
  const walk = (path: string): void => {
    paths.push(path);
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) readdirSync(path).forEach((name) => walk(join(path, name)));
  };
  walk(root);
  return paths;
}

/**
 * Every name synth may give a place under `root` by: absolute, or relative to the working directory;
 * longest first, so a file wins over its folder.
 */
export function placesUnder(root: string): string[] {
  return pathsUnder(root)
    .flatMap((p) => [p, relative(process.cwd(), p)])
    .sort((a, b) => b.length - a.length);
}

/**
 * What is wrong with the stderr of a run that exited 2: each line before "N error(s); nothing was
 * written." names a place, then line:col where it has them, then a JSON pointer and a message; or the
 * whole of stderr is one line naming a place (a usage or file-system refusal). Never a stack trace,
 * never a raw control character.
 */
export function refusalProblems(stderr: string, places: string[]): string[] {
  const problems: string[] = [];
  if (STACK_TRACE.test(stderr) || /internal error/i.test(stderr)) problems.push("stderr holds a stack trace or an internal error");
  if (RAW_UNPRINTABLE.test(stderr)) problems.push("stderr holds a raw control character");
  const lines = stderr.replace(/\n$/, "").split("\n");
  const count = LAST_LINE.exec(lines[lines.length - 1]);
  if (!count) {
    if (lines.length !== 1 || !places.some((p) => lines[0].includes(p)))
      problems.push(`stderr is neither located errors with a count nor one line naming a file`);
    return problems;
  }
  const errors = lines.slice(0, -1);
  if (Number(count[1]) !== errors.length) problems.push(`the count says ${count[1]} error(s), ${errors.length} line(s) precede it`);
  if (!errors.length) problems.push("a count of errors without any error");
  for (const line of errors) if (!isLocated(line, places)) problems.push(`not "file[:line:col]: /pointer: message": ${cut(line)}`);
  return problems;
}

function isLocated(line: string, places: string[]): boolean {
  return places.some((place) => line.startsWith(place) && /^(:[1-9]\d*:\d+)?: \/.*: \S/.test(line.slice(place.length)));
}

export function cut(text: string, length = 300): string {
  return text.length > length ? `${text.slice(0, length)}... (${text.length} characters)` : text;
}
