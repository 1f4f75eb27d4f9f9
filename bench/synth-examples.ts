/**
 * `npm run bench`: synth's time and memory on the example sites, the county room and a generated room
 * twice its size, phase by phase, beside the bare cdktf synth of the same output, in one run. Prints
 * tables (bench/report-table.ts says how each figure is measured); asserts nothing.
 *
 *   npm run bench [-- --runs <n>] [--json <file>] [--tenant <t>] [--only <steps>] [--keep]
 *     --runs    runs per room and per partial run, median reported (default 3)
 *     --json    also write the figures as JSON
 *     --tenant  the county tenant of the one-tenant run (default alvstad, the largest)
 *     --only    a comma-separated subset of the steps, in their order: fjordvik, kvistrup, norrmarkslan, 2x,
 *               partial (full synth, then one tenant, one site with and without the checks, one tenant without them), npm (what `npm run` adds)
 *     --keep    leave the temporary directory (printed) for a look
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import {
  type BenchResult,
  type CommandFigures,
  type DoubledRoomFigures,
  median,
  medianOf,
  medianPhases,
  type PartialRun,
  type RoomFigures,
  withDerived,
} from "./bench-result";
import { type ChildRun, lastJsonLine, ROOT, runCommand, runTypeScript, typeScriptRunner } from "./child-process";
import type { DoubledRoom } from "./double-room";
import type { CheckPhase, SynthPhases } from "./measure-phases";
import { formatReport } from "./report-table";
import { parsePhaseTimes, PHASE_TIMES_VARIABLE, type PhaseTime } from "../cli/phase-times";

const EXAMPLES = join(ROOT, "sites");
const COUNTY = "norrmarkslan";
/** Runs per room and per partial run, the median reported: one run of a big room moved the linearity by 20 points. */
const RUNS = 3;
const STEPS = ["fjordvik", "kvistrup", COUNTY, "2x", "partial", "npm"] as const;

interface BareFigures {
  resources: number;
  readMs: number;
  synthMs: number;
  readPeakRssBytes: number;
  peakRssBytes: number;
}

interface Room {
  step: (typeof STEPS)[number];
  label: string;
  sitesDir: string;
  site: string;
  runs: number;
}

const progress = (text: string) => process.stderr.write(`bench: ${text}\n`);

/** A directory of its own for each measured thing; cleared after each run. */
class Scratch {
  private n = 0;
  constructor(readonly root: string) {
    mkdirSync(root, { recursive: true });
  }
  clear(): void {
    for (const entry of readdirSync(this.root)) rmSync(join(this.root, entry), { recursive: true, force: true });
  }
  dir(name: string): string {
    const dir = join(this.root, `${String(++this.n).padStart(3, "0")}-${name}`);
    mkdirSync(dir);
    return dir;
  }
  /** A fresh copy of `sites` (only `site` where given), so no run sees another's address locks or output. */
  sites(sitesDir: string, site?: string): string {
    const dir = join(this.dir("sites"), "sites");
    if (site === undefined) cpSync(sitesDir, dir, { recursive: true });
    else cpSync(join(sitesDir, site), join(dir, site), { recursive: true });
    return dir;
  }
}

/** synth's exit codes that still wrote the output: 0, or 1 for policy findings. */
function synthOk(run: ChildRun, what: string): CommandFigures {
  if (run.exitCode !== 0 && run.exitCode !== 1)
    throw new Error(`${what}: ${run.command.join(" ")} exited ${run.exitCode ?? run.signal}:\n${run.stderr.slice(-4000)}`);
  return { ms: run.wallMs, peakBytes: run.peakBytes, exitCode: run.exitCode };
}

const synthArgs = (sites: string, out: string, asOf: string, ...more: string[]) => [
  "--sites",
  sites,
  "--out",
  out,
  "--as-of",
  asOf,
  ...more,
];

function measureRoom(room: Room, scratch: Scratch, asOf: string): RoomFigures {
  const runs: { phases: SynthPhases; checks: CheckPhase; bare: BareFigures; bareRun: ChildRun; endToEnd: CommandFigures }[] = [];
  // Unmeasured: the parsed-spec cache holds the room's files, as after any earlier run on them (a run
  // after an edit parses the edited files again; spec/parsed-spec-cache.ts).
  runTypeScript("bench/measure-phases.ts", ["load", scratch.sites(room.sitesDir, room.site), room.site, asOf]);
  for (let i = 1; i <= room.runs; i++) {
    progress(`${room.label}: run ${i} of ${room.runs}`);
    const out = join(scratch.dir("phases"), "out");
    const phases = lastJsonLine<SynthPhases>(
      runTypeScript("bench/measure-phases.ts", ["synth", scratch.sites(room.sitesDir, room.site), room.site, out, asOf]),
    );
    const checks = lastJsonLine<CheckPhase>(
      runTypeScript("bench/measure-phases.ts", ["checks", scratch.sites(room.sitesDir, room.site), out, asOf]),
    );
    const bareRun = runTypeScript("bench/bare-cdktf.ts", [out, join(scratch.dir("bare"), "out")]);
    const bare = lastJsonLine<BareFigures>(bareRun);
    if (bare.resources !== phases.resources)
      throw new Error(`${room.label}: bare cdktf made ${bare.resources} resources, ours ${phases.resources}`);
    const endToEnd = synthOk(
      runTypeScript(
        "cli/synth.ts",
        synthArgs(scratch.sites(room.sitesDir, room.site), join(scratch.dir("synth"), "out"), asOf, "--site", room.site),
      ),
      room.label,
    );
    runs.push({ phases, checks, bare, bareRun, endToEnd });
    scratch.clear();
  }
  const [first] = runs;
  return {
    room: room.label,
    site: room.site,
    runs: room.runs,
    stacks: first.phases.stacks,
    resources: first.phases.resources,
    vms: first.phases.vms,
    findings: first.checks.findings,
    blocking: first.checks.blocking,
    blockingRules: first.checks.blockingRules,
    ours: {
      load: medianOf(runs.map((r) => r.phases.load)),
      synth: medianOf(runs.map((r) => r.phases.synth)),
      checks: medianOf(runs.map((r) => r.checks.checks)),
      endToEnd: { ...medianOf(runs.map((r) => r.endToEnd)), exitCode: first.endToEnd.exitCode },
    },
    bare: {
      read: medianOf(runs.map((r) => ({ ms: r.bare.readMs, peakBytes: r.bare.readPeakRssBytes }))),
      synth: medianOf(runs.map((r) => ({ ms: r.bare.synthMs, peakBytes: r.bare.peakRssBytes }))),
      endToEnd: medianOf(runs.map((r) => ({ ms: r.bareRun.wallMs, peakBytes: r.bareRun.peakBytes }))),
    },
  };
}

/** mtime and bytes of every stack file of an output, to see what a run wrote anew. */
function stackFiles(out: string): Map<string, { mtimeMs: number; bytes: string }> {
  const stacks = join(out, "stacks");
  const files = new Map<string, { mtimeMs: number; bytes: string }>();
  if (!existsSync(stacks)) return files;
  for (const stack of readdirSync(stacks).sort()) {
    const file = join(stacks, stack, "cdk.tf.json");
    if (existsSync(file)) files.set(stack, { mtimeMs: statSync(file).mtimeMs, bytes: readFileSync(file, "utf8") });
  }
  return files;
}

function compareStackFiles(before: ReturnType<typeof stackFiles>, after: ReturnType<typeof stackFiles>): PartialRun["stackFiles"] {
  let rewritten = 0;
  let changedBytes = 0;
  for (const [stack, a] of after) {
    const b = before.get(stack);
    if (!b || b.mtimeMs !== a.mtimeMs) rewritten++;
    if (!b || b.bytes !== a.bytes) changedBytes++;
  }
  return { rewritten, total: after.size, changedBytes };
}

/**
 * A full synth of the three example sites, then one county tenant and one whole site again into that
 * output, the same site without the checks, and last the quick loop (one tenant after an edit, without the checks). An option synth does not know yet (exit 2 with its usage) shows as n/a.
 */
function measurePartial(scratch: Scratch, asOf: string, tenant: string, runs: number): { full: PartialRun; partial: PartialRun[] } {
  const fulls: CommandFigures[] = [];
  const parts: { label: string; command: string; args: string[]; edit?: (sites: string) => void }[] = [
    { label: "one tenant", command: `synth --site ${COUNTY} --tenant ${tenant}`, args: ["--site", COUNTY, "--tenant", tenant] },
    {
      label: "one tenant, edited",
      command: `the same after memoryGb +4 on the tenant's first workload`,
      args: ["--site", COUNTY, "--tenant", tenant],
      edit: (sites) => growFirstWorkload(join(sites, COUNTY, "tenants", `${tenant}.yaml`)),
    },
    { label: "one site", command: "synth --site fjordvik", args: ["--site", "fjordvik"] },
    { label: "one site, no checks", command: "synth --site fjordvik --skip-checks", args: ["--site", "fjordvik", "--skip-checks"] },
    {
      label: "one tenant, edited, no checks",
      command: `another memoryGb +4, synth --site ${COUNTY} --tenant ${tenant} --skip-checks`,
      args: ["--site", COUNTY, "--tenant", tenant, "--skip-checks"],
      edit: (sites) => growFirstWorkload(join(sites, COUNTY, "tenants", `${tenant}.yaml`)),
    },
  ];
  const measured = parts.map(() => ({
    figures: [] as CommandFigures[],
    notAvailable: undefined as string | undefined,
    files: [] as NonNullable<PartialRun["stackFiles"]>[],
    phases: [] as (PhaseTime[] | undefined)[],
  }));
  const fullPhases: (PhaseTime[] | undefined)[] = [];
  // Each synth also says where its wall time went (cli/phase-times.ts), on standard error.
  const withPhases = { env: { [PHASE_TIMES_VARIABLE]: "1" } };
  for (let i = 1; i <= runs; i++) {
    progress(`one tenant and one site: run ${i} of ${runs}`);
    const sites = scratch.sites(EXAMPLES);
    const out = join(scratch.dir("full"), "out");
    const fullRun = runTypeScript("cli/synth.ts", synthArgs(sites, out, asOf), withPhases);
    fulls.push(synthOk(fullRun, "full synth"));
    fullPhases.push(parsePhaseTimes(fullRun.stderr));
    parts.forEach((part, k) => {
      part.edit?.(sites);
      const before = stackFiles(out);
      const run = runTypeScript("cli/synth.ts", synthArgs(sites, out, asOf, ...part.args), withPhases);
      if (run.exitCode === 2 && /usage:/.test(run.stderr)) {
        measured[k].notAvailable = `synth refuses it: ${run.stderr.split("\n")[0]}`;
        return;
      }
      measured[k].figures.push(synthOk(run, part.label));
      measured[k].files.push(compareStackFiles(before, stackFiles(out)) as NonNullable<PartialRun["stackFiles"]>);
      measured[k].phases.push(parsePhaseTimes(run.stderr));
    });
    scratch.clear();
  }
  const fig = (xs: CommandFigures[]): CommandFigures => ({ ...medianOf(xs), exitCode: xs[0].exitCode });
  return {
    full: {
      label: "full synth",
      command: "synth (all three sites, fresh output)",
      runs,
      figures: fig(fulls),
      phases: medianPhases(fullPhases),
    },
    partial: parts.map((part, k) => {
      const m = measured[k];
      if (m.notAvailable !== undefined || m.figures.length === 0)
        return { label: part.label, command: part.command, runs, notAvailable: m.notAvailable ?? "not measured" };
      return {
        label: part.label,
        command: part.command,
        runs,
        figures: fig(m.figures),
        stackFiles: m.files[m.files.length - 1],
        phases: medianPhases(m.phases),
      };
    }),
  };
}

/** The edit an engineer makes many times a day: one workload's memory, which its tenant stack and the facility records hold. */
function growFirstWorkload(file: string): void {
  const text = readFileSync(file, "utf8");
  const edited = text.replace(/memoryGb: (\d+)/, (_all, gb: string) => `memoryGb: ${Number(gb) + 4}`);
  if (edited === text) throw new Error(`${file}: no memoryGb to change`);
  writeFileSync(file, edited);
}

/**
 * What `npm run` adds: `npm run synth -- --help` against the same command run directly, three pairs
 * back to back, the median of each (the help text costs the same either way; a real synth would bury
 * npm's share in its own noise).
 */
function measureNpm(): NonNullable<BenchResult["npm"]> {
  progress("npm run synth -- --help");
  const direct: number[] = [];
  const viaNpm: number[] = [];
  for (let i = 0; i < 3; i++) {
    direct.push(synthOk(runTypeScript("cli/synth.ts", ["--help"]), "synth --help").ms);
    viaNpm.push(synthOk(runCommand(["npm", "run", "--silent", "synth", "--", "--help"], { peaks: false }), "npm run synth -- --help").ms);
  }
  return { command: "synth --help", directMs: median(direct), npmMs: median(viaNpm) };
}

/**
 * Runs each measured entry once, unmeasured, so that the runner's bundle cache is built before the
 * first figure (what a user has after the first run since an edit; bin/run-ts.cjs rebuilds on a change).
 */
function warmUp(): void {
  progress("building the runner's bundles (unmeasured)");
  runTypeScript("cli/synth.ts", ["--help"]);
  runTypeScript("bench/measure-phases.ts", []);
  runTypeScript("bench/bare-cdktf.ts", []);
}

function main(argv: string[]): void {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: "string" },
      json: { type: "string" },
      tenant: { type: "string", default: "alvstad" },
      only: { type: "string" },
      keep: { type: "boolean", default: false },
    },
    strict: true,
  });
  const runs = values.runs === undefined ? undefined : Number(values.runs);
  if (runs !== undefined && !(Number.isInteger(runs) && runs > 0))
    throw new Error(`--runs: expected a whole number above 0, found ${values.runs}`);
  const only = values.only?.split(",") ?? [...STEPS];
  const unknown = only.filter((s) => !(STEPS as readonly string[]).includes(s));
  if (unknown.length) throw new Error(`--only: unknown step ${unknown.join(", ")}; the steps are ${STEPS.join(", ")}`);
  const step = (name: (typeof STEPS)[number]) => only.includes(name);
  const asOf = process.env.ROOM_AS_OF ?? "2026-11-22";
  const started = performance.now();
  const loadAverageStart = loadavg();
  const root = mkdtempSync(join(tmpdir(), "room-bench-"));
  const scratch = new Scratch(join(root, "runs"));
  progress(`working in ${root}; TypeScript through ${typeScriptRunner().name}`);
  try {
    const doubledDir = join(root, "doubled");
    warmUp();
    let doubled: DoubledRoomFigures | undefined;
    if (step("2x")) {
      progress("generating the 2x room");
      const generation = runTypeScript("bench/double-room.ts", [EXAMPLES, COUNTY, doubledDir]);
      const room = lastJsonLine<DoubledRoom>(generation);
      doubled = {
        sourceTenants: room.sourceTenants,
        sourceVms: room.sourceVms,
        tenants: room.tenants,
        vms: room.vms,
        notCopiedVms: room.clones.reduce((n, c) => n + c.sourceVms - c.vms, 0),
        enlarged: room.enlarged,
        generationMs: generation.wallMs,
      };
    }
    const allRooms: Room[] = [
      { step: "fjordvik", label: "fjordvik", sitesDir: EXAMPLES, site: "fjordvik", runs: runs ?? RUNS },
      { step: "kvistrup", label: "kvistrup", sitesDir: EXAMPLES, site: "kvistrup", runs: runs ?? RUNS },
      { step: COUNTY, label: COUNTY, sitesDir: EXAMPLES, site: COUNTY, runs: runs ?? RUNS },
      { step: "2x", label: `2x ${COUNTY}`, sitesDir: doubledDir, site: COUNTY, runs: runs ?? RUNS },
    ];
    const rooms = allRooms.filter((r) => step(r.step));
    const figures = rooms.map((r) => measureRoom(r, scratch, asOf));
    const { full, partial } = step("partial")
      ? measurePartial(scratch, asOf, values.tenant, runs ?? RUNS)
      : { full: undefined, partial: [] };
    const npm = step("npm") ? measureNpm() : undefined;
    const result: BenchResult = {
      date: new Date().toISOString(),
      asOf,
      runner: typeScriptRunner().name,
      machine: { cpus: cpus().length, node: process.version, loadAverageStart, loadAverageEnd: loadavg() },
      totalMs: performance.now() - started,
      doubled,
      rooms: figures,
      full,
      partial,
      npm,
    };
    process.stdout.write(formatReport(result));
    if (values.json !== undefined) writeFileSync(resolve(values.json), JSON.stringify(withDerived(result), null, 2) + "\n");
  } finally {
    if (values.keep) progress(`kept ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }
}

if (require.main === module) main(process.argv.slice(2));
