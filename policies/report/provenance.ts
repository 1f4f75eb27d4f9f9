import { createHash } from "node:crypto";
import type { Rule } from "../engine/rule";
import type { StackDocument } from "../engine/terraform-input";

/** Where the evaluation date came from (cli/as-of.ts); "given by the caller" when a program passed a date. */
export type AsOfSource = "--as-of" | "ROOM_AS_OF" | "today's date" | "given by the caller";

export interface EvaluationDate {
  /** YYYY-MM-DD */
  date: string;
  source: AsOfSource;
}

/** The commit of the repository that holds the input, read by the CLI (cli/source-revision.ts): the engine runs no programs. */
export type SourceRevision =
  { repository: "git"; commit: string; dirty: boolean; changedPaths: number } | { repository: "none"; reason: string };

/** One input file: its path relative to the input given, and a sha256 of its bytes. */
export interface InputFileHash {
  path: string;
  format?: string;
  sha256: string;
}

/** A schema the tool reads its input through, and which version of it. */
export interface SchemaVersion {
  name: string;
  version: string;
  /** sha256 of the schema file(s) shipped with the tool, where the version alone does not pin them. */
  sha256?: string;
  note: string;
}

/** What the caller knows that the engine cannot find out from the Terraform JSON itself. */
export interface ProvenanceInput {
  tool: { name: string; version: string };
  asOfSource?: AsOfSource;
  source?: SourceRevision;
  inputFiles?: readonly InputFileHash[];
  schemas?: readonly SchemaVersion[];
}

/** One provider requirement (terraform.required_providers) and the stacks that state it. */
export interface ProviderVersion {
  name: string;
  source: string;
  version: string;
  stacks: string[];
}

/** Everything a reader needs to reproduce a report: which tool, which rules, which date, which input. */
export interface Provenance {
  tool: { name: string; version: string };
  /** A sha256 over every rule's id, version, severity, enforcement, parameters and control references. */
  catalogue: { version: string; rules: number };
  evaluationDate: EvaluationDate;
  source: SourceRevision;
  providers: ProviderVersion[];
  schemas: SchemaVersion[];
  inputFiles: InputFileHash[];
}

const UNKNOWN_TOOL = { name: "room-as-code", version: "unknown (the caller did not say)" };

/** The catalogue's version: changes when any rule's id, version, severity, enforcement, parameters or controls change. */
export function catalogueVersion(rules: readonly Rule[]): string {
  const entries = [...rules]
    .sort((a, b) => (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0))
    .map(({ meta: m }) => ({
      id: m.id,
      version: m.version,
      severity: m.severity,
      enforcement: m.enforcement,
      params: Object.keys(m.params)
        .sort()
        .map((k) => [k, m.params[k]?.default, m.params[k]?.unit ?? null]),
      controls: m.controls.map((c) => [c.framework, c.ref, c.edition, c.verified]),
    }));
  return `sha256:${createHash("sha256").update(JSON.stringify(entries)).digest("hex")}`;
}

/** Providers as the stacks require them (`terraform.required_providers`), one entry per name, source and version. */
export function providerVersions(docs: readonly StackDocument[]): ProviderVersion[] {
  const byKey = new Map<string, ProviderVersion>();
  for (const d of docs) {
    const terraform = d.json.terraform as { required_providers?: Record<string, unknown> } | undefined;
    for (const [name, req] of Object.entries(terraform?.required_providers ?? {})) {
      // Terraform also accepts a bare version string (the legacy form).
      const r = typeof req === "string" ? { version: req } : ((req ?? {}) as { source?: unknown; version?: unknown });
      const source = typeof r.source === "string" ? r.source : `hashicorp/${name} (implied)`;
      const version = typeof r.version === "string" ? r.version : "any (no constraint)";
      const key = JSON.stringify([name, source, version]);
      const entry = byKey.get(key) ?? { name, source, version, stacks: [] };
      entry.stacks.push(d.stack);
      byKey.set(key, entry);
    }
  }
  return [...byKey.values()]
    .map((p) => ({ ...p, stacks: [...new Set(p.stacks)].sort() }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.version < b.version ? -1 : 1));
}

/** The report's provenance: what the caller passed, and what the engine reads from the rules and the input. */
export function buildProvenance(
  docs: readonly StackDocument[],
  catalogue: readonly Rule[],
  asOf: string,
  input: ProvenanceInput | undefined,
): Provenance {
  return {
    tool: input?.tool ?? UNKNOWN_TOOL,
    catalogue: { version: catalogueVersion(catalogue), rules: catalogue.length },
    evaluationDate: { date: asOf, source: input?.asOfSource ?? "given by the caller" },
    source: input?.source ?? { repository: "none", reason: "not read (the caller did not say)" },
    providers: providerVersions(docs),
    schemas: [...(input?.schemas ?? [])].sort((a, b) => (a.name < b.name ? -1 : 1)),
    // The caller's list has paths relative to the input it was given; the reader's own, as it displayed them.
    inputFiles: [...(input?.inputFiles ?? docs.flatMap((d) => d.files ?? []))].sort((a, b) =>
      a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
    ),
  };
}
