/**
 * Runs one measured thing in a fresh child process: its wall time from spawn to exit (performance.now
 * in this process) and the peak resident memory of every Node process it ran (bench/peak-hook.js).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const ROOT = join(__dirname, "..");
const PEAK_HOOK = join(__dirname, "peak-hook.js");
const RUN_TS = join(ROOT, "bin", "run-ts.cjs");
const TSX = join(ROOT, "node_modules", ".bin", "tsx");

export interface ProcessPeak {
  pid: number;
  ppid: number;
  maxRssKb: number;
  argv: string[];
}

export interface ChildRun {
  command: string[];
  wallMs: number;
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  /** One record per Node process of the command (a tsx wrapper and its child count as two). */
  processes: ProcessPeak[];
  /** The sum of the processes' peaks: the command's memory when they peak together (an upper bound otherwise). */
  peakBytes: number;
}

/** How a TypeScript entry is run, as the npm scripts run it: the cached bundle runner where it exists, else tsx. */
export function typeScriptRunner(): { name: string; prefix: string[] } {
  return existsSync(RUN_TS) ? { name: "node bin/run-ts.cjs", prefix: [process.execPath, RUN_TS] } : { name: "tsx", prefix: [TSX] };
}

/** `<runner> <entry.ts> [args]` in a fresh process. */
export function runTypeScript(entry: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): ChildRun {
  return runCommand([...typeScriptRunner().prefix, join(ROOT, entry), ...args], options);
}

/** Any command; `peaks: false` leaves the peak hook out (npm's own processes are not what is measured). */
export function runCommand(command: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; peaks?: boolean } = {}): ChildRun {
  const peakDir = mkdtempSync(join(tmpdir(), "bench-peaks-"));
  const env = { ...process.env, ...options.env };
  if (options.peaks !== false) {
    env.BENCH_PEAK_DIR = peakDir;
    env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ""} --require ${PEAK_HOOK}`.trim();
  }
  try {
    const t0 = performance.now();
    const r = spawnSync(command[0], command.slice(1), {
      cwd: options.cwd ?? ROOT,
      env,
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const wallMs = performance.now() - t0;
    if (r.error) throw r.error;
    const processes = readdirSync(peakDir)
      .sort()
      .map((f) => JSON.parse(readFileSync(join(peakDir, f), "utf8")) as ProcessPeak);
    return {
      command: [...command],
      wallMs,
      exitCode: r.status,
      signal: r.signal,
      stdout: r.stdout,
      stderr: r.stderr,
      processes,
      peakBytes: processes.reduce((n, p) => n + p.maxRssKb * 1024, 0),
    };
  } finally {
    rmSync(peakDir, { recursive: true, force: true });
  }
}

/** The last line of a child's stdout as JSON (the measuring entries print one line of figures). */
export function lastJsonLine<T>(run: ChildRun): T {
  const lines = run.stdout.trim().split("\n");
  const last = lines[lines.length - 1] ?? "";
  if (run.exitCode !== 0 || !last.startsWith("{"))
    throw new Error(`${run.command.join(" ")} exited ${run.exitCode ?? run.signal}:\n${run.stderr.slice(-4000)}${run.stdout.slice(-2000)}`);
  return JSON.parse(last) as T;
}
