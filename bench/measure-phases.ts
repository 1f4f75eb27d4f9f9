/**
 * One measured run of our pipeline's phases, in its own process (the benchmark starts a fresh one for
 * each), printing one JSON line of figures:
 *
 *   tsx bench/measure-phases.ts synth  <sites dir> <site> <out> <as-of>   load (planSites), then synth
 *                                      (constructs + cdktf writing the JSON) into <out>
 *   tsx bench/measure-phases.ts load   <sites dir> <site> <as-of>         load only (the benchmark's
 *                                      unmeasured warm-up of the parsed-spec cache)
 *   tsx bench/measure-phases.ts checks <sites dir> <out> <as-of>           the checks over <out>: read the
 *                                      JSON, every rule, the four reports, as synth runs them
 *
 * Each phase is timed with performance.now; its peak is getrusage's maxrss when it ends, which counts
 * from the start of the process: synth's peak includes the loaded model it builds from (held in the same
 * process), and the checks run in a process of their own so that their peak is theirs alone.
 */
import { evaluationDateWithSource } from "../cli/as-of";
import { checkSynthesized, writeReports } from "../cli/compliance-output";
import { sourceRevision } from "../cli/source-revision";
import { newApp, summarize, synthesizeSites } from "../cli/synthesize";
import { planSites } from "../plan/plan-sites";

export interface PhaseFigures {
  ms: number;
  /** maxrss at the end of the phase: the process's peak so far. */
  peakBytes: number;
}

export interface SynthPhases {
  load: PhaseFigures;
  synth: PhaseFigures;
  stacks: number;
  resources: number;
  vms: number;
}

export interface CheckPhase {
  checks: PhaseFigures;
  findings: number;
  blocking: number;
  /** The rules of the blocking findings (synth exits 1 with any). */
  blockingRules: string[];
}

const peakBytes = () => process.resourceUsage().maxRSS * 1024;

function timed<T>(run: () => T): [T, PhaseFigures] {
  const t0 = performance.now();
  const value = run();
  return [value, { ms: performance.now() - t0, peakBytes: peakBytes() }];
}

export function measureSynth(sitesDir: string, site: string, out: string, asOf: string): SynthPhases {
  const [loaded, load] = timed(() => planSites(sitesDir, { asOf, site }));
  const [, synth] = timed(() => synthesizeSites(newApp(out), loaded));
  const stacks = summarize(out);
  return {
    load,
    synth,
    stacks: stacks.length,
    resources: stacks.reduce((n, s) => n + s.resources, 0),
    vms: loaded.sites.reduce((n, s) => n + s.tenants.reduce((m, t) => m + t.vms.length, 0), 0),
  };
}

export function measureChecks(sitesDir: string, out: string, asOf: string): CheckPhase {
  const [run, checks] = timed(() => {
    const result = checkSynthesized([out], evaluationDateWithSource(asOf), undefined, undefined, { revision: sourceRevision(sitesDir) });
    writeReports(out, result.result);
    return result;
  });
  return {
    checks,
    findings: run.result.findings.length,
    blocking: run.blocking.length,
    blockingRules: [...new Set(run.blocking.map((f) => f.rule))].sort(),
  };
}

if (require.main === module) {
  const [mode, ...args] = process.argv.slice(2);
  const figures =
    mode === "synth"
      ? measureSynth(args[0], args[1], args[2], args[3])
      : mode === "load"
        ? { load: timed(() => planSites(args[0], { asOf: args[2], site: args[1] }))[1] }
        : mode === "checks"
          ? measureChecks(args[0], args[1], args[2])
          : undefined;
  if (figures === undefined) {
    process.stderr.write(
      "usage: measure-phases.ts synth <sites> <site> <out> <as-of> | load <sites> <site> <as-of> | checks <sites> <out> <as-of>\n",
    );
    process.exitCode = 2;
  } else process.stdout.write(JSON.stringify(figures) + "\n");
}
