import {
  type BenchResult,
  linearity,
  median,
  medianOf,
  medianPhases,
  oursOverBare,
  perSecond,
  type RoomFigures,
  withDerived,
} from "../../bench/bench-result";
import { formatReport, formatTable, megabytes, seconds } from "../../bench/report-table";

const MB = 1e6;

function room(name: string, site: string, resources: number, scale: number): RoomFigures {
  const m = (ms: number, mb: number) => ({ ms: ms * scale, peakBytes: mb * MB * scale });
  return {
    room: name,
    site,
    runs: 1,
    stacks: 33,
    resources,
    vms: 4000,
    findings: 100,
    blocking: 0,
    blockingRules: [],
    ours: { load: m(1000, 200), synth: m(4000, 500), checks: m(1000, 300), endToEnd: { ...m(8000, 600), exitCode: 0 } },
    bare: { read: m(100, 100), synth: m(2000, 400), endToEnd: m(4000, 400) },
  };
}

const county = room("norrmarkslan", "norrmarkslan", 10_000, 1);
// Twice the resources; 1.1x the time and memory per resource.
const doubled = room("2x norrmarkslan", "norrmarkslan", 20_000, 2.2);

const result: BenchResult = {
  date: "2026-12-02T17:00:00.000Z",
  asOf: "2026-11-22",
  runner: "node bin/run-ts.cjs",
  machine: { cpus: 2, node: "v20.20.2", loadAverageStart: [1, 1, 1], loadAverageEnd: [2, 1.5, 1] },
  totalMs: 200_000,
  doubled: {
    sourceTenants: 15,
    sourceVms: 3975,
    tenants: 30,
    vms: 7935,
    notCopiedVms: 15,
    enlarged: ["firewall.vdomLicences 25 -> 32"],
    generationMs: 30_000,
  },
  rooms: [county, doubled],
  full: { label: "full synth", command: "synth", runs: 1, figures: { ms: 20_000, peakBytes: 700 * MB, exitCode: 0 } },
  partial: [
    {
      label: "one tenant",
      command: "synth --site norrmarkslan --tenant alvstad",
      runs: 1,
      notAvailable: "synth refuses it: unknown option",
    },
    {
      label: "one site",
      command: "synth --site fjordvik",
      runs: 1,
      figures: { ms: 3000, peakBytes: 300 * MB, exitCode: 0 },
      stackFiles: { rewritten: 9, total: 49, changedBytes: 0 },
      phases: [
        { phase: "start-up", ms: 200 },
        { phase: "load", ms: 300 },
        { phase: "synth", ms: 500 },
        { phase: "checks", ms: 1000 },
        { phase: "reports", ms: 700 },
      ],
    },
    {
      label: "one site, no checks",
      command: "synth --site fjordvik --skip-checks",
      runs: 1,
      figures: { ms: 1100, peakBytes: 150 * MB, exitCode: 0 },
      phases: [
        { phase: "start-up", ms: 200 },
        { phase: "load", ms: 300 },
        { phase: "synth", ms: 500 },
      ],
    },
  ],
  npm: { command: "synth --help", directMs: 1000, npmMs: 1600 },
};

describe("bench figures", () => {
  it("takes the median of odd and even counts, each figure on its own", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(
      medianOf([
        { ms: 1, peakBytes: 30 },
        { ms: 3, peakBytes: 10 },
        { ms: 2, peakBytes: 20 },
      ]),
    ).toEqual({ ms: 2, peakBytes: 20 });
    expect(() => median([])).toThrow();
  });

  it("takes the median of each phase, only over runs that timed the same phases", () => {
    const run = (...ms: number[]) => ms.map((m, i) => ({ phase: ["start-up", "load", "synth"][i], ms: m }));
    expect(medianPhases([run(1, 30, 5), run(3, 10, 6), run(2, 20, 4)])).toEqual(run(2, 20, 5));
    expect(medianPhases([run(1, 2, 3), undefined])).toBeUndefined();
    expect(medianPhases([run(1, 2, 3), run(1, 2)])).toBeUndefined();
    expect(medianPhases([])).toBeUndefined();
  });

  it("gives resources per second and ours over bare", () => {
    expect(perSecond(10_000, 4000)).toBe(2500);
    expect(oursOverBare(county)).toEqual({ endToEnd: 2, synth: 2, endToEndPeak: 1.5 });
  });

  it("gives time and memory per resource of the bigger room as a percentage of the base's", () => {
    for (const l of linearity(county, doubled)) expect(l.percent).toBeCloseTo(110, 6);
    expect(linearity(county, room("2x", "norrmarkslan", 20_000, 2)).map((l) => Math.round(l.percent))).toEqual(
      linearity(county, county).map(() => 100),
    );
  });

  it("puts what follows from the figures into the JSON", () => {
    const json = withDerived(result);
    expect(json.derived.rooms[0]).toMatchObject({
      room: "norrmarkslan",
      ratios: { endToEnd: 2, synth: 2 },
      resourcesPerSecond: { synth: 2500 },
    });
    expect(json.derived.linearity?.find((l) => l.figure === "synth time")?.percent).toBeCloseTo(110, 6);
  });
});

describe("bench table", () => {
  it("pads every column to its widest cell and right-aligns the ones asked", () => {
    expect(
      formatTable(
        ["room", "wall"],
        [
          ["fjordvik", "1.00 s"],
          ["2x", "10.0 s"],
        ],
        [false, true],
      ),
    ).toBe(["| room     |   wall |", "|----------|-------:|", "| fjordvik | 1.00 s |", "| 2x       | 10.0 s |", ""].join("\n"));
  });

  it("writes seconds and megabytes as the README does", () => {
    expect(seconds(1234)).toBe("1.23 s");
    expect(seconds(48_700)).toBe("48.7 s");
    expect(megabytes(987_654_321)).toBe("988 MB");
  });

  const report = formatReport(result);

  it("has a row for each phase of each room, ours and bare", () => {
    for (const what of [
      "ours: load",
      "ours: synth",
      "ours: checks",
      "ours: end to end (exit 0)",
      "bare cdktf: read JSON",
      "bare cdktf: synth",
      "bare cdktf: end to end",
    ])
      expect(report.split("\n").filter((l) => l.includes(`| ${what} `))).toHaveLength(2);
    expect(report).toMatch(/\| norrmarkslan +\| ours: load +\| +1\.00 s \| +200 MB \| +10,000 \|/);
  });

  it("gives the ratios, the linearity, n/a for a command synth does not have yet, and npm's share", () => {
    expect(report).toMatch(/\| 2x norrmarkslan +\| +17\.6 s \| +8\.80 s \| +2\.00x \| +8\.80 s \| +4\.40 s \| +2\.00x \|/);
    expect(report).toMatch(/\| synth time +\| +110% \|/);
    expect(report).toMatch(/\| one tenant +\| synth --site norrmarkslan --tenant alvstad +\| +n\/a \|/);
    expect(report).toContain("9 of 49 stack files written (0 with other bytes)");
    expect(report).toContain("npm run adds 0.60 s");
    expect(report).toContain("firewall.vdomLicences 25 -> 32");
  });

  it("says where the wall time of the partial runs went, phase by phase, and what is left", () => {
    expect(report).toMatch(/\| run +\| start-up \| +load \| +synth \| +checks \| +reports \| +rest \|/);
    expect(report).toMatch(/\| one site +\| +0\.20 s \| +0\.30 s \| +0\.50 s \| +1\.00 s \| +0\.70 s \| +0\.30 s \|/);
    // Without the checks, their columns stay empty.
    expect(report).toMatch(/\| one site, no checks +\| +0\.20 s \| +0\.30 s \| +0\.50 s \| +\| +\| +0\.10 s \|/);
  });
});
