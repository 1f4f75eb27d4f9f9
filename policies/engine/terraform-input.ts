import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { type BlockLines, hclBlockLines, jsonBlockLines } from "./block-lines";
import { HclParseError, parseHcl } from "./hcl-input";
import { jsonErrorPosition } from "./json-error-position";

/** How an input file was written: HCL, Terraform JSON, or cdktf's synthesized stack file. */
export type InputFormat = "tf" | "tf.json" | "cdk.tf.json";

/** One file read, for provenance: its path as displayed (relative below the working directory), its format, the sha256 of its bytes. */
export interface InputFile {
  path: string;
  format: InputFormat;
  sha256: string;
}

/** Where a block starts: the file as displayed and the 1-based line of its header (HCL) or its name key (JSON). */
export interface BlockLocation {
  file: string;
  line: number;
}

/** One stack's Terraform, as read: a `cdk.tf.json`, a `*.tf.json` or `*.tf` file, or a directory of `*.tf` files (one module). */
export interface StackDocument {
  /** The stack: the directory of a `cdk.tf.json` or of a module's `*.tf` files, else the file name without `.tf.json`/`.tf`. */
  stack: string;
  /** The file the stack was read from, or the module's directory. */
  file: string;
  json: TerraformJson;
  /** Every file read for the stack, sorted by path. */
  files?: InputFile[];
  /** Where each block starts, by address: `vsphere_host.esx-01`, `data.vsphere_datacenter.dc`, `module.network`. */
  locations?: Record<string, BlockLocation>;
}

export interface TerraformJson {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  module?: Record<string, Record<string, unknown>>;
  [block: string]: unknown;
}

/** Input the engine cannot read: which file (with line and column where known), and what is wrong with it. */
export class PolicyInputError extends Error {
  constructor(
    readonly file: string,
    detail: string,
    readonly at?: { line: number; column?: number },
  ) {
    super(`${file}${at ? `:${at.line}${at.column === undefined ? "" : `:${at.column}`}` : ""}: ${detail}`);
    this.name = "PolicyInputError";
  }
}

/** A stack to read: its name, what it is read from, and its files. */
interface StackSource {
  stack: string;
  file: string;
  files: string[];
}

/** One file, read and parsed, with the lines of its blocks. */
interface ParsedFile {
  path: string;
  display: string;
  format: InputFormat;
  sha256: string;
  json: TerraformJson;
  lines: BlockLines;
}

/**
 * Reads Terraform JSON from the paths given: an output directory (its `stacks/`), a stacks directory
 * (`<stack>/cdk.tf.json`), one stack directory, `*.tf.json` files, or a directory of them (each file a
 * stack). Stacks come out sorted by name, so a report does not depend on the order of the paths. HCL
 * (`*.tf`) needs hcl2json, which is asynchronous: readTerraformInputAsync reads it.
 */
export function readTerraformInput(paths: readonly string[]): StackDocument[] {
  return finish(
    plan(paths).map((s) => {
      const parsed = s.files.map((f) => {
        if (formatOf(f) === "tf")
          throw new PolicyInputError(
            displayPath(f),
            "HCL (*.tf) is read by the audit command (npm run audit), which parses it; this reads Terraform JSON",
          );
        return readJsonFile(f);
      });
      return merge(s, parsed);
    }),
  );
}

/**
 * Reads Terraform from the paths given, HCL included: everything readTerraformInput reads, plus `*.tf`
 * files and directories of them. A directory holding `*.tf` files is one module, as Terraform reads it:
 * all its `*.tf` and `*.tf.json` files are one stack named after the directory. A single `*.tf` file is
 * a stack named after the file.
 */
export async function readTerraformInputAsync(paths: readonly string[]): Promise<StackDocument[]> {
  const docs: StackDocument[] = [];
  for (const s of plan(paths)) {
    const parsed: ParsedFile[] = [];
    for (const f of s.files) parsed.push(formatOf(f) === "tf" ? await readHclFile(f) : readJsonFile(f));
    docs.push(merge(s, parsed));
  }
  return finish(docs);
}

function plan(paths: readonly string[]): StackSource[] {
  if (paths.length === 0)
    throw new PolicyInputError("(no path)", "expected an output directory, a stacks directory, *.tf.json or *.tf files");
  return paths.flatMap((p) => sourcesAt(p));
}

function finish(docs: StackDocument[]): StackDocument[] {
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

const formatOf = (file: string): InputFormat | undefined =>
  basename(file) === "cdk.tf.json" ? "cdk.tf.json" : file.endsWith(".tf.json") ? "tf.json" : file.endsWith(".tf") ? "tf" : undefined;

const isFile = (p: string) => statSync(p).isFile();

function sourcesAt(path: string): StackSource[] {
  if (!existsSync(path)) throw new PolicyInputError(path, "no such file or directory");
  const st = statSync(path);
  if (st.isFile()) {
    const format = formatOf(path);
    if (format === undefined) throw new PolicyInputError(path, "expected a *.tf.json or *.tf file (or a directory of stacks)");
    const stack =
      format === "cdk.tf.json"
        ? basename(dirname(path))
        : format === "tf"
          ? basename(path, ".tf")
          : basename(path).replace(/\.tf\.json$/, "");
    return [{ stack, file: path, files: [path] }];
  }
  if (!st.isDirectory()) throw new PolicyInputError(path, "expected a file or a directory");
  if (existsSync(join(path, "cdk.tf.json")))
    return [{ stack: basename(path), file: join(path, "cdk.tf.json"), files: [join(path, "cdk.tf.json")] }];
  const names = readdirSync(path).sort();
  // Terraform's rule: the *.tf and *.tf.json files of one directory are one module.
  if (names.some((n) => n.endsWith(".tf") && isFile(join(path, n)))) {
    const files = names.filter((n) => (n.endsWith(".tf") || n.endsWith(".tf.json")) && isFile(join(path, n))).map((n) => join(path, n));
    return [{ stack: basename(path.replace(/[/\\]+$/, "")) || path, file: path, files }];
  }
  const stacksDir = existsSync(join(path, "stacks")) && statSync(join(path, "stacks")).isDirectory() ? join(path, "stacks") : path;
  const found: StackSource[] = [];
  for (const name of readdirSync(stacksDir).sort()) {
    const entry = join(stacksDir, name);
    if (statSync(entry).isDirectory() && existsSync(join(entry, "cdk.tf.json")))
      found.push({ stack: name, file: join(entry, "cdk.tf.json"), files: [join(entry, "cdk.tf.json")] });
    else if (name.endsWith(".tf.json") && isFile(entry))
      found.push({ stack: name.replace(/\.tf\.json$/, ""), file: entry, files: [entry] });
  }
  if (found.length === 0)
    throw new PolicyInputError(
      path,
      "found no Terraform: expected stacks/<stack>/cdk.tf.json, <stack>/cdk.tf.json, *.tf.json or *.tf files",
    );
  return found;
}

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

function readJsonFile(file: string): ParsedFile {
  const bytes = readFileSync(file);
  const text = bytes.toString("utf8");
  const display = displayPath(file);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new PolicyInputError(display, `not valid JSON (${jsonErrorAt(text, e)})`);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json))
    throw new PolicyInputError(display, "expected a Terraform JSON object at the top level");
  for (const block of ["resource", "data", "module"] as const) {
    const b = (json as Record<string, unknown>)[block];
    if (b !== undefined && (typeof b !== "object" || b === null || Array.isArray(b)))
      throw new PolicyInputError(display, `"${block}" must be an object of ${block === "module" ? "module calls" : "resource types"}`);
  }
  return {
    path: file,
    display,
    format: formatOf(file) ?? "tf.json",
    sha256: sha256(bytes),
    json: json as TerraformJson,
    lines: jsonBlockLines(text),
  };
}

async function readHclFile(file: string): Promise<ParsedFile> {
  const bytes = readFileSync(file);
  const text = bytes.toString("utf8");
  const display = displayPath(file);
  let json: TerraformJson;
  try {
    json = await parseHcl(display, text);
  } catch (e) {
    if (!(e instanceof HclParseError)) throw e;
    const { line, column, message } = e.problem;
    throw new PolicyInputError(display, `not valid HCL: ${message}`, line === undefined ? undefined : { line, column });
  }
  return { path: file, display, format: "tf", sha256: sha256(bytes), json, lines: hclBlockLines(text) };
}

/** One stack from its files: blocks merged by address (an address in two files is an error, as in Terraform). */
function merge(source: StackSource, parsed: ParsedFile[]): StackDocument {
  const files = parsed.map((p) => ({ path: p.display, format: p.format, sha256: p.sha256 })).sort((a, b) => (a.path < b.path ? -1 : 1));
  const locations: Record<string, BlockLocation> = {};
  const declaredIn = new Map<string, string>();
  const place = (p: ParsedFile, address: string) => {
    const line = p.lines.get(address);
    const before = declaredIn.get(address);
    if (before !== undefined) {
      const where = locations[address];
      throw new PolicyInputError(
        p.display,
        `${address} is also declared in ${where ? `${where.file}:${where.line}` : before}`,
        line === undefined ? undefined : { line },
      );
    }
    declaredIn.set(address, p.display);
    if (line !== undefined) locations[address] = { file: p.display, line };
  };
  const [only] = parsed;
  if (parsed.length === 1 && only) {
    for (const [address, line] of only.lines) locations[address] = { file: only.display, line };
    return { stack: source.stack, file: source.file, json: only.json, files, locations };
  }
  const json: TerraformJson = {};
  for (const p of parsed) {
    for (const [block, value] of Object.entries(p.json)) {
      if (block === "resource" || block === "data") {
        const into = (json[block] ??= {});
        for (const [type, byName] of Object.entries((value ?? {}) as Record<string, Record<string, Record<string, unknown>>>)) {
          const t = (into[type] ??= {});
          for (const [name, body] of Object.entries(byName)) {
            const address = block === "data" ? `data.${type}.${name}` : `${type}.${name}`;
            t[name] = body;
            place(p, address);
          }
        }
      } else if (block === "module") {
        const into = (json.module ??= {});
        for (const [name, body] of Object.entries((value ?? {}) as Record<string, Record<string, unknown>>)) {
          into[name] = body;
          place(p, `module.${name}`);
        }
      } else if (Array.isArray(value) || Array.isArray(json[block])) {
        json[block] = [...toList(json[block]), ...toList(value)];
      } else if (typeof value === "object" && value !== null) {
        const before: unknown = json[block];
        json[block] = { ...(typeof before === "object" && before !== null ? before : {}), ...value };
      } else json[block] = value;
    }
  }
  return { stack: source.stack, file: source.file, json, files, locations };
}

const toList = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** A path as findings and errors show it: relative to the working directory when below it, else as given. */
export const displayPath = (file: string): string => {
  const rel = relative(process.cwd(), file);
  return rel.startsWith("..") || rel === "" ? file : rel;
};

/** "line 3, column 10: Unexpected token 'o'" (the position found by our scanner, the words V8's). */
function jsonErrorAt(text: string, e: unknown): string {
  const words = (e instanceof Error ? e.message : String(e)).split(",")[0].replace(/ in JSON at position \d+.*$/, "");
  const at = jsonErrorPosition(text);
  return at ? `line ${at.line}, column ${at.column}: ${words}` : words;
}
