/**
 * Where a command's wall time went, for the benchmark: with ROOM_PHASE_TIMES=1, synth ends with one
 * line on standard error naming each phase and its milliseconds. Off, nothing is measured or printed.
 */
export const PHASE_TIMES_VARIABLE = "ROOM_PHASE_TIMES";

const LINE_START = "phases: ";

export interface PhaseTime {
  phase: string;
  ms: number;
}

export class PhaseClock {
  private readonly times: PhaseTime[] = [];
  /** performance.now() counts from the process's start, so the first phase includes Node's and the runner's start-up. */
  private last = 0;

  constructor(readonly enabled = process.env[PHASE_TIMES_VARIABLE] === "1") {}

  /** Ends phase `phase` now: its time runs from the previous end (the first: from the process's start). */
  end(phase: string): void {
    if (!this.enabled) return;
    const now = performance.now();
    this.times.push({ phase, ms: now - this.last });
    this.last = now;
  }

  /** `phases: start-up 212 ms, load 150 ms, ...\n`, or nothing when off. */
  line(): string {
    return this.enabled ? LINE_START + this.times.map((t) => `${t.phase} ${Math.round(t.ms)} ms`).join(", ") + "\n" : "";
  }
}

/** The phases of the last `phases:` line in a command's standard error, or undefined if it printed none. */
export function parsePhaseTimes(stderr: string): PhaseTime[] | undefined {
  const line = stderr
    .split("\n")
    .filter((l) => l.startsWith(LINE_START))
    .pop();
  if (line === undefined) return undefined;
  return line
    .slice(LINE_START.length)
    .split(", ")
    .map((part) => {
      const m = /^(.+) (\d+) ms$/.exec(part);
      if (!m) throw new Error(`not a phase time: ${JSON.stringify(part)} in ${JSON.stringify(line)}`);
      return { phase: m[1], ms: Number(m[2]) };
    });
}
