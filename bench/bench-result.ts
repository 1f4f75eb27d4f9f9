import type { PhaseTime } from "../cli/phase-times";

/**
 * The benchmark's figures and what follows from them (medians, resources per second, ours/bare,
 * linearity): pure functions, so that the table and the JSON say the same and a test can check them.
 */

export interface Measured {
  ms: number;
  /** Peak resident memory (getrusage maxrss); see where each is taken in bench/synth-examples.ts. */
  peakBytes: number;
}

export interface CommandFigures extends Measured {
  exitCode: number | null;
}

export interface RoomFigures {
  /** What the table calls the room. */
  room: string;
  site: string;
  runs: number;
  stacks: number;
  resources: number;
  vms: number;
  findings: number;
  /** Blocking findings (synth exits 1 with any), and their rules. */
  blocking: number;
  blockingRules: string[];
  ours: { load: Measured; synth: Measured; checks: Measured; endToEnd: CommandFigures };
  bare: { read: Measured; synth: Measured; endToEnd: Measured };
}

export interface PartialRun {
  label: string;
  command: string;
  runs: number;
  /** Undefined where the command does not exist yet (notAvailable says why). */
  figures?: CommandFigures;
  notAvailable?: string;
  /** Of the output's stack files, how many the run wrote anew (mtime or bytes changed). */
  stackFiles?: { rewritten: number; total: number; changedBytes: number };
  /** Where its wall time went, as synth reports it (ROOM_PHASE_TIMES=1), the median of each phase. */
  phases?: PhaseTime[];
}

export interface DoubledRoomFigures {
  sourceTenants: number;
  sourceVms: number;
  tenants: number;
  vms: number;
  /** VMs of the source the clones leave out as the source's alone (see DoubledRoom.clones). */
  notCopiedVms: number;
  enlarged: string[];
  generationMs: number;
}

export interface BenchResult {
  date: string;
  asOf: string;
  runner: string;
  machine: { cpus: number; node: string; loadAverageStart: number[]; loadAverageEnd: number[] };
  totalMs: number;
  doubled?: DoubledRoomFigures;
  rooms: RoomFigures[];
  full?: PartialRun;
  partial: PartialRun[];
  /** The same command through `npm run` and directly (medians). */
  npm?: { command: string; directMs: number; npmMs: number };
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new Error("median of no runs");
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The median of each figure separately (the wall of one run and the peak of another may be the medians). */
export function medianOf<T extends Measured>(runs: readonly T[]): Measured {
  return { ms: median(runs.map((r) => r.ms)), peakBytes: median(runs.map((r) => r.peakBytes)) };
}

/**
 * The median of each phase over runs that report the same phases in the same order, or undefined
 * where a run reported none (a synth from before the phase line) or other phases than the first.
 */
export function medianPhases(runs: readonly (readonly PhaseTime[] | undefined)[]): PhaseTime[] | undefined {
  const first = runs[0];
  if (first === undefined) return undefined;
  const names = first.map((p) => p.phase).join("\n");
  if (runs.some((r) => r === undefined || r.map((p) => p.phase).join("\n") !== names)) return undefined;
  return first.map((p, i) => ({ phase: p.phase, ms: median(runs.map((r) => (r as readonly PhaseTime[])[i].ms)) }));
}

export const perSecond = (count: number, ms: number): number => (ms > 0 ? count / (ms / 1000) : Number.POSITIVE_INFINITY);

export interface Ratios {
  endToEnd: number;
  synth: number;
  endToEndPeak: number;
}

/** Ours over bare cdktf: end to end (each its own process, start-up included), synth phase alone, peak memory. */
export function oursOverBare(room: RoomFigures): Ratios {
  return {
    endToEnd: room.ours.endToEnd.ms / room.bare.endToEnd.ms,
    synth: room.ours.synth.ms / room.bare.synth.ms,
    endToEndPeak: room.ours.endToEnd.peakBytes / room.bare.endToEnd.peakBytes,
  };
}

export interface Linearity {
  figure: string;
  /** Per resource in the bigger room as a percentage of per resource in the base room (100: linear). */
  percent: number;
}

/** Time and memory per resource of `bigger` relative to `base`. */
export function linearity(base: RoomFigures, bigger: RoomFigures): Linearity[] {
  const rel = (a: number, b: number) => (b / bigger.resources / (a / base.resources)) * 100;
  return [
    { figure: "load time", percent: rel(base.ours.load.ms, bigger.ours.load.ms) },
    { figure: "synth time", percent: rel(base.ours.synth.ms, bigger.ours.synth.ms) },
    { figure: "checks time", percent: rel(base.ours.checks.ms, bigger.ours.checks.ms) },
    { figure: "end-to-end time", percent: rel(base.ours.endToEnd.ms, bigger.ours.endToEnd.ms) },
    { figure: "end-to-end peak memory", percent: rel(base.ours.endToEnd.peakBytes, bigger.ours.endToEnd.peakBytes) },
    { figure: "synth peak memory", percent: rel(base.ours.synth.peakBytes, bigger.ours.synth.peakBytes) },
    { figure: "checks peak memory", percent: rel(base.ours.checks.peakBytes, bigger.ours.checks.peakBytes) },
    { figure: "bare cdktf synth time", percent: rel(base.bare.synth.ms, bigger.bare.synth.ms) },
    { figure: "bare cdktf end-to-end peak memory", percent: rel(base.bare.endToEnd.peakBytes, bigger.bare.endToEnd.peakBytes) },
  ];
}

/** The figures with what follows from them, for --json. */
export function withDerived(result: BenchResult): BenchResult & {
  derived: { rooms: { room: string; ratios: Ratios; resourcesPerSecond: Record<string, number> }[]; linearity?: Linearity[] };
} {
  const [base, bigger] = linearityPair(result);
  return {
    ...result,
    derived: {
      rooms: result.rooms.map((r) => ({
        room: r.room,
        ratios: oursOverBare(r),
        resourcesPerSecond: {
          load: perSecond(r.resources, r.ours.load.ms),
          synth: perSecond(r.resources, r.ours.synth.ms),
          checks: perSecond(r.resources, r.ours.checks.ms),
          endToEnd: perSecond(r.resources, r.ours.endToEnd.ms),
          bareRead: perSecond(r.resources, r.bare.read.ms),
          bareSynth: perSecond(r.resources, r.bare.synth.ms),
          bareEndToEnd: perSecond(r.resources, r.bare.endToEnd.ms),
        },
      })),
      ...(base && bigger ? { linearity: linearity(base, bigger) } : {}),
    },
  };
}

/** The county room and the doubled one (the last two rooms), when both were measured. */
export function linearityPair(result: BenchResult): [RoomFigures?, RoomFigures?] {
  const bigger = result.rooms.find((r) => r.room.startsWith("2x "));
  const base = bigger && result.rooms.find((r) => r.room === bigger.site);
  return [base, bigger];
}
