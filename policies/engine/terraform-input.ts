import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { jsonErrorPosition } from "./json-error-position";

/** One stack's synthesized Terraform JSON (a `cdk.tf.json`, or a `*.tf.json` file), as read. */
export interface StackDocument {
  /** The stack: the directory of a `cdk.tf.json`, else the file name without `.tf.json`. */
  stack: string;
  file: string;
  json: TerraformJson;
}

export interface TerraformJson {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  [block: string]: unknown;
}

/** Input the engine cannot read: which file, and what is wrong with it. */
export class PolicyInputError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = "PolicyInputError";
  }
}

/**
 * Reads synthesized Terraform from the paths given: an output directory (its `stacks/`), a stacks
 * directory (`<stack>/cdk.tf.json`), one stack directory, or `*.tf.json` files. Stacks come out sorted
 * by name, so a report does not depend on the order of the paths.
 */
export function readTerraformInput(paths: readonly string[]): StackDocument[] {
  if (paths.length === 0) throw new PolicyInputError("(no path)", "expected an output directory, a stacks directory or *.tf.json files");
  const docs = paths.flatMap((p) => documentsAt(p));
  const seen = new Map<string, string>();
  for (const d of docs) {
    const other = seen.get(d.stack);
    if (other !== undefined && other !== d.file)
      throw new PolicyInputError(d.file, `stack ${d.stack} is also read from ${other}; give each stack once`);
    seen.set(d.stack, d.file);
  }
  const unique = docs.filter((d, i) => docs.findIndex((e) => e.file === d.file) === i);
  return unique.sort((a, b) => (a.stack < b.stack ? -1 : a.stack > b.stack ? 1 : 0));
}

function documentsAt(path: string): StackDocument[] {
  if (!existsSync(path)) throw new PolicyInputError(path, "no such file or directory");
  const st = statSync(path);
  if (st.isFile()) {
    if (!path.endsWith(".tf.json")) throw new PolicyInputError(path, "expected a *.tf.json file (or a directory of stacks)");
    return [readDocument(path)];
  }
  if (!st.isDirectory()) throw new PolicyInputError(path, "expected a file or a directory");
  if (existsSync(join(path, "cdk.tf.json"))) return [readDocument(join(path, "cdk.tf.json"))];
  const stacksDir = existsSync(join(path, "stacks")) && statSync(join(path, "stacks")).isDirectory() ? join(path, "stacks") : path;
  const found: StackDocument[] = [];
  for (const name of readdirSync(stacksDir).sort()) {
    const entry = join(stacksDir, name);
    if (statSync(entry).isDirectory() && existsSync(join(entry, "cdk.tf.json"))) found.push(readDocument(join(entry, "cdk.tf.json")));
    else if (name.endsWith(".tf.json") && statSync(entry).isFile()) found.push(readDocument(entry));
  }
  if (found.length === 0)
    throw new PolicyInputError(
      path,
      "found no synthesized Terraform: expected stacks/<stack>/cdk.tf.json, <stack>/cdk.tf.json or *.tf.json",
    );
  return found;
}

function readDocument(file: string): StackDocument {
  const stack = basename(file) === "cdk.tf.json" ? basename(dirname(file)) : basename(file).replace(/\.tf\.json$/, "");
  const text = readFileSync(file, "utf8");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new PolicyInputError(displayPath(file), `not valid JSON (${jsonErrorAt(text, e)})`);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json))
    throw new PolicyInputError(displayPath(file), "expected a Terraform JSON object at the top level");
  for (const block of ["resource", "data"] as const) {
    const b = (json as Record<string, unknown>)[block];
    if (b !== undefined && (typeof b !== "object" || b === null || Array.isArray(b)))
      throw new PolicyInputError(displayPath(file), `"${block}" must be an object of resource types`);
  }
  return { stack, file, json: json as TerraformJson };
}

const displayPath = (file: string) => {
  const rel = relative(process.cwd(), file);
  return rel.startsWith("..") ? file : rel;
};

/** "line 3, column 10: Unexpected token 'o'" (the position found by our scanner, the words V8's). */
function jsonErrorAt(text: string, e: unknown): string {
  const words = (e instanceof Error ? e.message : String(e)).split(",")[0].replace(/ in JSON at position \d+.*$/, "");
  const at = jsonErrorPosition(text);
  return at ? `line ${at.line}, column ${at.column}: ${words}` : words;
}
