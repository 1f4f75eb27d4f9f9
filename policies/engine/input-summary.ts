import { INPUT_RULE } from "./evaluate";
import { unresolvedIn } from "./literal-values";
import type { Finding } from "./rule";
import type { Room } from "./room";
import type { InputFile, StackDocument } from "./terraform-input";

/** A `module` block: its resources are not in the input, so no rule saw them. */
export interface ModuleCall {
  stack: string;
  /** `module.<name>` */
  address: string;
  /** The module's `source` as written (a registry address, a git URL, a path), or "(no source)". */
  source: string;
  file?: string;
  line?: number;
}

/** What one stack of the input held, and how much of it the rules could read. */
export interface StackInput {
  stack: string;
  site: string;
  resources: number;
  dataSources: number;
  /** Managed resource types no rule that ran reads, with how many resources of each (skipped, not checked). */
  unknownTypes: { type: string; count: number }[];
  modules: ModuleCall[];
  /** Argument values Terraform knows only at plan (`${var...}`, `${local...}`, `${module...}`, function calls, ...). */
  unresolvedValues: number;
}

/** The input side of a report: the files read (provenance) and, per stack, what was and was not checked. */
export interface InputSummary {
  files: InputFile[];
  /**
   * What counts as a known type: one a rule that ran asks the room for (Room.typesRead: the vsphere_*
   * and fortios_* types the rules read), and terraform_data (the facility objects). Any other type,
   * random_* and aws_* included, is counted here and skipped: no rule reads it.
   */
  known: string;
  stacks: StackInput[];
}

const KNOWN = "read by a rule that ran (vsphere_* and fortios_* types the rules read), and terraform_data (facility objects)";

/** The summary of the input, after the rules ran over the rooms (their typesRead). */
export function summarizeInput(docs: readonly StackDocument[], rooms: readonly Room[]): InputSummary {
  const files = new Map<string, InputFile>();
  for (const d of docs) for (const f of d.files ?? []) files.set(f.path, f);
  const stacks = docs.map((d): StackInput => {
    const room = rooms.find((r) => r.stacks.includes(d.stack));
    const unknown = new Map<string, number>();
    let resources = 0;
    let dataSources = 0;
    let unresolvedValues = 0;
    for (const [mode, block] of [
      ["managed", d.json.resource],
      ["data", d.json.data],
    ] as const) {
      for (const [type, byName] of Object.entries(block ?? {})) {
        for (const body of Object.values(byName)) {
          for (const k of Object.keys(body)) if (k !== "//") unresolvedValues += unresolvedIn(body[k]).length;
          if (mode === "data") {
            dataSources++;
            continue;
          }
          resources++;
          if (!room?.typesRead.has(type)) unknown.set(type, (unknown.get(type) ?? 0) + 1);
        }
      }
    }
    return {
      stack: d.stack,
      site: room?.site ?? "(no site)",
      resources,
      dataSources,
      unknownTypes: [...unknown.entries()].map(([type, count]) => ({ type, count })).sort((a, b) => (a.type < b.type ? -1 : 1)),
      modules: moduleCalls(d),
      unresolvedValues,
    };
  });
  return {
    files: [...files.values()].sort((a, b) => (a.path < b.path ? -1 : 1)),
    known: KNOWN,
    stacks: stacks.sort((a, b) => (a.stack < b.stack ? -1 : 1)),
  };
}

/** The `module` blocks of a stack, sorted by address. */
export function moduleCalls(d: StackDocument): ModuleCall[] {
  return Object.entries(d.json.module ?? {})
    .map(([name, body]) => {
      const address = `module.${name}`;
      const at = d.locations?.[address];
      const source = typeof body.source === "string" ? body.source : "(no source)";
      return { stack: d.stack, address, source, ...(at ? { file: at.file, line: at.line } : {}) };
    })
    .sort((a, b) => (a.address < b.address ? -1 : 1));
}

/** One not-evaluable ENGINE-INPUT finding per module call of the room's stacks: its resources were not checked. */
export function moduleFindings(room: Room, docs: readonly StackDocument[]): Finding[] {
  return docs
    .filter((d) => room.stacks.includes(d.stack))
    .flatMap(moduleCalls)
    .map((m) => ({
      rule: INPUT_RULE,
      title: "Every resource of the input is visible to the checks",
      severity: "medium" as const,
      enforcement: "advisory" as const,
      outcome: "not-evaluable" as const,
      evidence: "config" as const,
      site: room.site,
      address: m.address,
      stack: m.stack,
      stacks: [m.stack],
      addresses: [m.address],
      observed: `module call ${m.address} (source ${m.source}): its resources are not in the input`,
      expected: "every resource in the input, so the rules can check it",
      message: `${m.stack}: ${m.address} (${m.source}): the module's resources were not checked`,
      remediation:
        "Audit the module's own Terraform too (give its directory to the audit), or audit the plan's resources; a module call alone shows none of them.",
      ...(m.file !== undefined ? { file: m.file } : {}),
      ...(m.line !== undefined ? { line: m.line } : {}),
    }));
}
