import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { runCompliance, type ComplianceResult } from "../policies/compliance";
import type { ParamOverrides } from "../policies/engine/evaluate";
import { blockingFindings } from "../policies/engine/gate";
import type { Finding } from "../policies/engine/rule";
import { readTerraformInput, type StackDocument } from "../policies/engine/terraform-input";
import { formatReport } from "../policies/report/formats";
import type { ParamsSource } from "../policies/report/parameters-used";
import type { EvaluationDate, InputFileHash, ProvenanceInput, SchemaVersion, SourceRevision } from "../policies/report/provenance";
import { FACILITY_SCHEMAS } from "../contracts/facility-guard";
import packageJson from "../package.json";
import { FORTIOS_PROVIDER } from "../providers/fortios/provider-constraint";
import { sourceRevision } from "./source-revision";
import { isSynthOutput, writeOrLinkPrevious } from "./keep-previous-output";

/** Where synth writes the reports inside its output directory. */
export const COMPLIANCE_DIR = "compliance";

/** The files writeReports writes into `<out>/compliance/` (DESIGN.md), and the format of each. */
export const REPORT_FILES = [
  ["report.md", "md"],
  ["report.json", "json"],
  ["report.sarif", "sarif"],
  ["junit.xml", "junit"],
] as const;

const ROOT = join(__dirname, "..");

export interface ComplianceRun {
  result: ComplianceResult;
  /** Blocking findings that name a stack of this run (the per-stack gate). */
  blocking: Finding[];
  /** The stacks read, as parsed (synth counts their resources from them instead of reading them again). */
  documents: readonly StackDocument[];
}

export interface CheckOptions {
  /** Where the --params values came from, with each rule's reason (readParamsFile). */
  paramsSource?: ParamsSource;
  /** The input's commit, where the caller has read it already (tests pin it); else read from the input's directory. */
  revision?: SourceRevision;
}

/**
 * Checks synthesized Terraform at `paths`; `gateStacks` limits the gate to those stacks (undefined:
 * all). `asOf` is a date, or a date with where it came from (evaluationDateWithSource) for the provenance.
 */
export function checkSynthesized(
  paths: readonly string[],
  asOf: string | EvaluationDate,
  gateStacks?: ReadonlySet<string>,
  params?: ParamOverrides,
  options: CheckOptions = {},
): ComplianceRun {
  const docs = readTerraformInput(paths);
  const date = typeof asOf === "string" ? { date: asOf, source: "given by the caller" as const } : asOf;
  const result = runCompliance(docs, {
    asOf: date.date,
    params,
    ...(options.paramsSource ? { paramsSource: options.paramsSource } : {}),
    provenance: reportProvenance(paths, docs, date, options.revision),
  });
  return { result, blocking: blockingFindings(result.findings, gateStacks), documents: docs };
}

/** What the engine cannot read from the JSON: the tool, the date's source, the input's commit, schemas and file hashes. */
export function reportProvenance(
  paths: readonly string[],
  docs: readonly StackDocument[],
  asOf: EvaluationDate,
  revision?: SourceRevision,
): ProvenanceInput {
  const bases = paths.map((p) => resolve(existsSync(p) && statSync(p).isDirectory() ? p : dirname(p)));
  return {
    tool: toolVersion(),
    asOfSource: asOf.source,
    source: revision ?? sourceRevision(bases[0] ?? "."),
    inputFiles: inputFileHashes(docs, bases),
    schemas: schemaVersions(),
  };
}

/**
 * A sha256 of every input file, its path relative to the input path that holds it (so reports do not
 * name the auditor's disk): the reader's own hashes (StackDocument.files) where it recorded them, else
 * the bytes of the stack's file read here.
 */
export function inputFileHashes(docs: readonly StackDocument[], bases: readonly string[]): InputFileHash[] {
  const relativePath = (file: string) => {
    const abs = resolve(file);
    const base = bases.find((b) => abs.startsWith(b + sep));
    return (base !== undefined ? relative(base, abs) : relative(dirname(abs), abs)).split(sep).join("/");
  };
  const hashes = new Map<string, InputFileHash>();
  for (const d of docs) {
    const files = d.files ?? [{ path: d.file, format: "tf.json" as const, sha256: sha256(readFileSync(d.file)) }];
    for (const f of files) hashes.set(relativePath(f.path), { path: relativePath(f.path), format: f.format, sha256: f.sha256 });
  }
  return [...hashes.values()];
}

/** The tool's name and version from its package.json (imported, so a bundled build carries it too). */
export function toolVersion(): { name: string; version: string } {
  return { name: packageJson.name, version: packageJson.version };
}

/**
 * The schemas the input is read through. Neither records a version number of its own: the FortiOS
 * subset is the provider constraint it was cut for plus a sha256 of providers/fortios/schema.json
 * (where the file is beside the tool: a bundled audit ships without it); the facility vocabulary is a
 * sha256 over its per-kind JSON Schemas as the guard holds them (kind, then the schema as JSON).
 */
export function schemaVersions(): SchemaVersion[] {
  const out: SchemaVersion[] = [];
  const fortios = join(ROOT, "providers", "fortios", "schema.json");
  out.push({
    name: "FortiOS provider schema subset",
    version: `${FORTIOS_PROVIDER.source} ${FORTIOS_PROVIDER.version}`,
    ...(existsSync(fortios) ? { sha256: sha256(readFileSync(fortios)) } : {}),
    note: "providers/fortios/schema.json records no version of its own: the provider constraint it was cut for, and the file's sha256",
  });
  const kinds = Object.keys(FACILITY_SCHEMAS).sort() as (keyof typeof FACILITY_SCHEMAS)[];
  const hash = createHash("sha256");
  for (const kind of kinds) hash.update(kind).update("\0").update(JSON.stringify(FACILITY_SCHEMAS[kind])).update("\0");
  out.push({
    name: "facility vocabulary",
    version: `${kinds.length} kinds (docs/facility-vocabulary.md)`,
    sha256: hash.digest("hex"),
    note: "the vocabulary records no version number: a sha256 over contracts/facility-schemas (each kind's schema as JSON) stands for it",
  });
  return out;
}

const sha256 = (bytes: Buffer): string => createHash("sha256").update(bytes).digest("hex");

/**
 * Writes report.md, report.json, report.sarif and junit.xml into `<dir>/compliance/`. Each is written to
 * a temporary name and renamed, so a reader never sees half a report; all are formatted before any is written.
 * With `previous` (synth's previous output), a report whose bytes did not change is that output's file, linked.
 */
export function writeReports(dir: string, result: ComplianceResult, previous?: string): void {
  const at = join(dir, COMPLIANCE_DIR);
  const texts = REPORT_FILES.map(([name, format]) => [name, formatReport(result, format)] as const);
  const lendsFiles = previous !== undefined && isSynthOutput(previous);
  mkdirSync(at, { recursive: true });
  for (const [name, text] of texts) {
    const target = join(at, name);
    const temp = join(at, `.${name}.${process.pid}.tmp`);
    try {
      writeOrLinkPrevious(temp, Buffer.from(text), lendsFiles ? join(previous, COMPLIANCE_DIR, name) : undefined);
      renameSync(temp, target);
    } finally {
      rmSync(temp, { force: true });
    }
  }
}
