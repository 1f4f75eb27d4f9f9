import { cpSync } from "node:fs";
import { join } from "node:path";
import { parsePhaseTimes, PHASE_TIMES_VARIABLE, PhaseClock } from "../../cli/phase-times";
import { AS_OF, runSynth, sharedSynth, tempDir } from "../helpers";

/** synth in-process, with the phase times switched on for that run only. */
function runSynthTimed(args: string[]): ReturnType<typeof runSynth> {
  process.env[PHASE_TIMES_VARIABLE] = "1";
  try {
    return runSynth(args);
  } finally {
    delete process.env[PHASE_TIMES_VARIABLE];
  }
}

/** The phase line synth prints for the benchmark with ROOM_PHASE_TIMES=1, and nothing without it. */
describe("phase times", () => {
  it("are not taken or printed when off", () => {
    const clock = new PhaseClock(false);
    clock.end("start-up");
    expect(clock.line()).toBe("");
  });

  it("end each phase at the previous one's end and read back as printed", () => {
    const clock = new PhaseClock(true);
    clock.end("start-up");
    clock.end("load");
    const line = clock.line();
    expect(line).toMatch(/^phases: start-up \d+ ms, load \d+ ms\n$/);
    const parsed = parsePhaseTimes(`some note\n${line}`);
    expect(parsed?.map((p) => p.phase)).toEqual(["start-up", "load"]);
    expect(parsed?.every((p) => Number.isInteger(p.ms) && p.ms >= 0)).toBe(true);
  });

  it("read back only a phase line, and refuse a broken one", () => {
    expect(parsePhaseTimes("note: nothing timed\n")).toBeUndefined();
    expect(() => parsePhaseTimes("phases: start-up soon\n")).toThrow(/not a phase time/);
  });

  it("come from synth's phases in order, checked and with --skip-checks, and only when asked", () => {
    const shared = sharedSynth("examples");
    const out = join(tempDir("phases-"), "out");
    cpSync(shared.out, out, { recursive: true });
    const site = ["--sites", shared.sites, "--out", out, "--site", "fjordvik", "--as-of", AS_OF];
    const checked = runSynthTimed(site);
    expect(checked.code).toBe(0);
    expect(parsePhaseTimes(checked.stderr)?.map((p) => p.phase)).toEqual([
      "start-up",
      "load",
      "synth",
      "checks",
      "reports",
      "commit and summary",
    ]);
    // One tenant's checks write no reports.
    const args = [...site, "--tenant", "haugnes"];
    const tenant = runSynthTimed(args);
    expect(tenant.code).toBe(0);
    expect(parsePhaseTimes(tenant.stderr)?.map((p) => p.phase)).toEqual(["start-up", "load", "synth", "checks", "commit and summary"]);
    const quick = runSynthTimed([...args, "--skip-checks"]);
    expect(parsePhaseTimes(quick.stderr)?.map((p) => p.phase)).toEqual(["start-up", "load", "synth", "commit and summary"]);
    const plain = runSynth(args);
    expect(plain.stderr).toBe("");
  });
});
