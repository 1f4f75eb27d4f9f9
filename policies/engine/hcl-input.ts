import type { TerraformJson } from "./terraform-input";

/** An HCL file that does not parse: where (1-based line and column, where hcl2json gave them) and why. */
export interface HclProblem {
  line?: number;
  column?: number;
  message: string;
}

export class HclParseError extends Error {
  constructor(readonly problem: HclProblem) {
    super(problem.message);
    this.name = "HclParseError";
  }
}

type Hcl2Json = { parse: (filename: string, contents: string) => Promise<Record<string, unknown>> };
let loaded: Hcl2Json | undefined;

/**
 * @cdktf/hcl2json, loaded on first use only: requiring it starts reading and instantiating its Go
 * wasm (lib/bridge.js reads `join(__dirname, "..", "main.wasm.gz")` at require time), which synth and
 * the JSON-only checks never need.
 */
// A require, not an import(): ts-jest and the CommonJS build would otherwise need ES module loading.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const hcl2json = (): Hcl2Json => (loaded ??= require("@cdktf/hcl2json") as Hcl2Json);

/**
 * Parses one `*.tf` file into the shape of Terraform JSON (`*.tf.json`), so the rules read the same
 * values from either. hcl2json (HashiCorp's HCL parser compiled to wasm) writes every block as a list
 * of bodies; the mapping to Terraform JSON:
 *
 * - `resource.<type>.<name>: [body]` and `data.<type>.<name>: [body]` -> `<name>: body` (one block per
 *   address; two in one file is Terraform's "Duplicate resource" error, reported with the line);
 * - `module.<name>: [body]`, `variable.<name>: [body]`, `output.<name>: [body]` -> `<name>: body`;
 * - `locals: [{...}, {...}]` (one per `locals` block) -> one object;
 * - inside a body, nested blocks stay lists of bodies (`disk: [{...}]`, `srcintf: [{ name }]`), which is
 *   what cdktf writes too; the `lifecycle` meta block becomes one object, and its `ignore_changes`
 *   entries lose hcl2json's `${...}` around bare names (`"${disk}"` -> `"disk"`, `"${all}"` -> `"all"`),
 *   as Terraform JSON writes them;
 * - expressions are `${...}` strings (`lockdown = var.lockdown` -> `"${var.lockdown}"`), as in Terraform
 *   JSON; `dynamic "<block>"` stays under `dynamic` (its blocks are known only at plan);
 * - `provider.<name>` and `terraform` stay lists (Terraform JSON allows a list there: provider aliases).
 */
export async function parseHcl(file: string, text: string): Promise<TerraformJson> {
  const { parse } = hcl2json();
  let raw: Record<string, unknown>;
  try {
    raw = await parse(file, text);
  } catch (e) {
    throw new HclParseError(hclProblem(file, e instanceof Error ? e.message : String(e)));
  }
  return normalizeHcl(raw);
}

/** hcl2json's shape (blocks as lists of bodies) to Terraform JSON's; see parseHcl. */
export function normalizeHcl(raw: Record<string, unknown>): TerraformJson {
  const out: TerraformJson = {};
  for (const [block, value] of Object.entries(raw)) {
    if (block === "resource" || block === "data") out[block] = byTypeAndName(block, value);
    else if (block === "module" || block === "variable" || block === "output") out[block] = byName(block, value);
    else if (block === "locals")
      out.locals = Object.assign({}, ...(Array.isArray(value) ? (value as unknown[]) : [value])) as Record<string, unknown>;
    else out[block] = value;
  }
  return out;
}

function byTypeAndName(block: string, value: unknown): Record<string, Record<string, Record<string, unknown>>> {
  const out: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const [type, names] of Object.entries(asRecord(value))) out[type] = byName(`${block} ${type}`, names);
  return out;
}

function byName(block: string, value: unknown): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [name, bodies] of Object.entries(asRecord(value))) {
    const list = Array.isArray(bodies) ? (bodies as unknown[]) : [bodies];
    if (list.length !== 1) throw new HclParseError({ message: `${block} "${name}" is declared ${list.length} times` });
    out[name] = body(asRecord(list[0]));
  }
  return out;
}

function body(b: Record<string, unknown>): Record<string, unknown> {
  const lifecycle = b.lifecycle;
  if (!Array.isArray(lifecycle)) return b;
  const merged = Object.assign({}, ...(lifecycle as Record<string, unknown>[])) as Record<string, unknown>;
  const bare = (v: unknown) => (typeof v === "string" ? v.replace(/^\$\{([A-Za-z_][\w.[\]"-]*)\}$/, "$1") : v);
  const ignore = merged.ignore_changes;
  if (ignore !== undefined) merged.ignore_changes = Array.isArray(ignore) ? ignore.map(bare) : bare(ignore);
  return { ...b, lifecycle: merged };
}

const asRecord = (v: unknown): Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/**
 * The first diagnostic of hcl2json's error: `parse config: [<file>:4,21-5,1: Summary; Detail. <file>:...]`
 * becomes line 4, column 21, "Summary; Detail".
 */
export function hclProblem(file: string, message: string): HclProblem {
  const inner = message.replace(/^parse config: \[/, "").replace(/\]$/, "");
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const at = new RegExp(`${escaped}:(\\d+),(\\d+)(?:-\\d+(?:,\\d+)?)?: `, "g");
  const starts = [...inner.matchAll(at)];
  const first = starts[0];
  if (!first || first.index === undefined) return { message: inner.trim() };
  const end = starts[1]?.index ?? inner.length;
  const text = inner
    .slice(first.index + first[0].length, end)
    .trim()
    .replace(/\.$/, "");
  return { line: Number(first[1]), column: Number(first[2]), message: text };
}
