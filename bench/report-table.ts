/**
 * The benchmark's printed report: Markdown tables padded to line up in a terminal, so the same text
 * reads on the screen and pastes into the README.
 */
import {
  type BenchResult,
  linearity,
  linearityPair,
  type Measured,
  oursOverBare,
  perSecond,
  type PartialRun,
  type RoomFigures,
} from "./bench-result";

const count = (n: number) => Math.round(n).toLocaleString("en-US");
export const seconds = (ms: number): string => (ms < 10_000 ? `${(ms / 1000).toFixed(2)} s` : `${(ms / 1000).toFixed(1)} s`);
export const megabytes = (bytes: number): string => `${count(bytes / 1e6)} MB`;
const times = (x: number) => `${x.toFixed(2)}x`;
const percent = (x: number) => `${x.toFixed(0)}%`;

/** A Markdown table with every column padded to its widest cell; `right` marks right-aligned columns. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[], right: readonly boolean[] = []): string {
  const widths = header.map((h, i) => Math.max(3, h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => (right[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(" | ")} |`;
  const rule = `|${widths.map((w, i) => (right[i] ? "-".repeat(w + 1) + ":" : "-".repeat(w + 2))).join("|")}|`;
  return [line(header), rule, ...rows.map(line)].join("\n") + "\n";
}

function phaseRows(room: RoomFigures): string[][] {
  const row = (what: string, m: Measured, extra = "") => [
    what,
    seconds(m.ms),
    megabytes(m.peakBytes),
    count(perSecond(room.resources, m.ms)) + extra,
  ];
  const exit = room.ours.endToEnd.exitCode;
  return [
    row("ours: load", room.ours.load),
    row("ours: synth", room.ours.synth),
    row("ours: checks", room.ours.checks),
    row(`ours: end to end (exit ${exit ?? "signal"})`, room.ours.endToEnd),
    row("bare cdktf: read JSON", room.bare.read),
    row("bare cdktf: synth", room.bare.synth),
    row("bare cdktf: end to end", room.bare.endToEnd),
  ].map((r, i) => [i === 0 ? room.room : "", ...r]);
}

function partialRow(p: PartialRun): string[] {
  if (!p.figures) return [p.label, p.command, "n/a", "n/a", "", p.notAvailable ?? ""];
  const files = p.stackFiles;
  return [
    p.label,
    p.command,
    seconds(p.figures.ms),
    megabytes(p.figures.peakBytes),
    String(p.figures.exitCode ?? "signal"),
    files ? `${files.rewritten} of ${files.total} stack files written (${files.changedBytes} with other bytes)` : "",
  ];
}

/** One row per run that reported its phases: each phase's median, and what is left of the wall. */
function phaseTable(runs: readonly PartialRun[]): string | undefined {
  const timed = runs.filter((p) => p.figures && p.phases);
  if (timed.length === 0) return undefined;
  const names = [...new Set(timed.flatMap((p) => (p.phases ?? []).map((t) => t.phase)))];
  const rows = timed.map((p) => {
    const byName = new Map((p.phases ?? []).map((t) => [t.phase, t.ms]));
    const rest = (p.figures?.ms ?? 0) - [...byName.values()].reduce((a, b) => a + b, 0);
    return [p.label, ...names.map((n) => (byName.has(n) ? seconds(byName.get(n) ?? 0) : "")), seconds(Math.max(0, rest))];
  });
  return formatTable(["run", ...names, "rest"], rows, [false, ...names.map(() => true), true]);
}

export function formatReport(result: BenchResult): string {
  const out: string[] = [];
  out.push(
    `Benchmark ${result.date}: evaluation date ${result.asOf}, ${result.machine.cpus} CPUs, Node ${result.machine.node}, ` +
      `TypeScript entries run with ${result.runner}; load average ${result.machine.loadAverageStart.map((x) => x.toFixed(1)).join(" ")} ` +
      `at the start, ${result.machine.loadAverageEnd.map((x) => x.toFixed(1)).join(" ")} at the end; the whole run took ${seconds(result.totalMs)}.\n`,
  );

  out.push("Rooms:\n");
  out.push(
    formatTable(
      ["room", "stacks", "resources", "VMs", "runs", "findings", "blocking"],
      result.rooms.map((r) => [
        r.room,
        count(r.stacks),
        count(r.resources),
        count(r.vms),
        String(r.runs),
        count(r.findings),
        count(r.blocking),
      ]),
      [false, true, true, true, true, true, true],
    ),
  );
  const d = result.doubled;
  if (d)
    out.push(
      `The 2x room: a copy of the county room with a clone of each of its ${d.sourceTenants} tenants made by cli/clone's cloneTenantOnSite, ` +
        `${d.tenants} tenants and ${count(d.vms)} VMs (the county has ${count(d.sourceVms)}; the clones leave out ${count(d.notCopiedVms)} VMs ` +
        `that are their source's alone: unmanaged, removed or retiring workloads, the host's shared services), generated once in ` +
        `${seconds(d.generationMs)}; made bigger to fit: ${d.enlarged.length ? d.enlarged.join("; ") : "nothing"}.\n`,
    );

  out.push("Phases (median of the runs; each phase's resources per second is the room's resources over its wall time):\n");
  out.push(
    formatTable(["room", "what", "wall", "peak memory", "resources/s"], result.rooms.flatMap(phaseRows), [false, false, true, true, true]),
  );

  out.push("Ours over bare cdktf (same output, each in its own process, measured in the same run):\n");
  out.push(
    formatTable(
      ["room", "end to end: ours", "bare", "ours/bare", "synth: ours", "bare", "ours/bare", "peak: ours", "bare", "ours/bare"],
      result.rooms.map((r) => {
        const x = oursOverBare(r);
        return [
          r.room,
          seconds(r.ours.endToEnd.ms),
          seconds(r.bare.endToEnd.ms),
          times(x.endToEnd),
          seconds(r.ours.synth.ms),
          seconds(r.bare.synth.ms),
          times(x.synth),
          megabytes(r.ours.endToEnd.peakBytes),
          megabytes(r.bare.endToEnd.peakBytes),
          times(x.endToEndPeak),
        ];
      }),
      [false, true, true, true, true, true, true, true, true, true],
    ),
  );

  const [base, bigger] = linearityPair(result);
  if (base && bigger) {
    out.push(
      `Linearity: per resource in the 2x room (${count(bigger.resources)} resources) as a percentage of per resource in ${base.room} (${count(base.resources)}); 100% is linear:\n`,
    );
    out.push(
      formatTable(
        ["figure", `2x / ${base.room}`],
        linearity(base, bigger).map((l) => [l.figure, percent(l.percent)]),
        [false, true],
      ),
    );
  }

  if (result.full || result.partial.length) {
    out.push("Part of the output again, into an output that holds a full synth of the three example sites:\n");
    out.push(
      formatTable(
        ["run", "command", "wall", "peak memory", "exit", "output"],
        [...(result.full ? [result.full] : []), ...result.partial].map(partialRow),
        [false, false, true, true, true, false],
      ),
    );
    const phases = phaseTable([...(result.full ? [result.full] : []), ...result.partial]);
    if (phases) {
      out.push(
        "Where the wall time of those runs went, as synth times its phases (ROOM_PHASE_TIMES=1; the median of each phase; start-up counts from the process's start, rest is the wall left: the process's exit and the runner):\n",
      );
      out.push(phases);
    }
  }
  if (result.npm)
    out.push(
      `npm run adds ${seconds(result.npm.npmMs - result.npm.directMs)} to a command's wall: npm run ${result.npm.command.replace(/^(\S+) /, "$1 -- ")} ` +
        `${seconds(result.npm.npmMs)}, the same run directly ${seconds(result.npm.directMs)} (median of three pairs, back to back).\n`,
    );
  out.push(NOTES);
  return out.join("\n");
}

const NOTES = `How it was measured:
- Every measured thing runs in a fresh child process, started as the npm scripts start TypeScript, on a fresh copy of the room's site and into a fresh output directory; nothing is kept between runs but the generated 2x room.
- ours: load is planSites (YAML, schema, cross-references, addresses); synth is the constructs and cdktf writing the JSON (synthesizeSites), in the same process after load; checks is reading the JSON, every rule and the four reports (checkSynthesized, writeReports), in a process of its own over that output. Times are performance.now around the phase.
- Peak memory is getrusage's maxrss, which counts from the start of a process: load's is the process's peak at the end of load (module loading included); synth's is the peak through load and synth (the loaded model stays in memory while synth builds from it); checks' is that of the checks' own process.
- end to end is the command a user runs, node <runner> cli/synth.ts --sites <copy> --site <site> --out <new dir> --as-of <date> (load, synth, checks, work lists, address locks, reports, summary), timed from spawn to exit; its peak is the sum of the peaks of its Node processes (one with the bundle runner).
- bare cdktf is bench/bare-cdktf.ts over our output: every resource, data source and provider block re-created generically (TerraformResource and friends with the same configuration) and synthesized by cdktf as it comes; read is parsing our JSON, synth is building and synthesizing, end to end is its process from spawn to exit.
- MB is 10^6 bytes. The machine may be shared: compare figures of the same run.
`;
