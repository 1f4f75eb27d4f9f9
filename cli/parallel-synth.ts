/**
 * Synthesis on more than one core. The stacks to build are split into parts of about equal weight;
 * worker threads build all parts but one, each loading the same spec files itself, while this thread
 * builds the remaining part; every part is synthesized by its own cdktf app into its own directory,
 * and the parts' stacks are moved into the output and cdktf's manifest.json merged. A stack's JSON
 * depends on nothing but its own constructs (room stacks share no tokens: stacks/room-stack.ts), so
 * the bytes are those of a serial run (test/cli/synth-parallel.test.ts).
 *
 * Synth itself is synchronous (its commit, cli/commit-output.ts, runs a synchronous build), so this
 * thread waits for the workers on shared memory (Atomics.wait), not on the event loop. A worker marks
 * itself started before anything else; one that has not started within START_TIMEOUT_MS is cancelled
 * and its part built here instead, so a worker that cannot load costs time, never the output.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import stringify from "json-stable-stringify";
import { App } from "cdktf";
import { planSites, type PlannedSites } from "../plan/plan-sites";
import { SpecErrors } from "../spec/spec-error";
import { addSiteStacks, stacksOf, type StackFilter } from "../stacks/site-stacks";
import { newApp, synthesizeSites, type SynthesizedSite } from "./synthesize";

/** What a worker needs to build its part: the same load as the caller's, and the stacks to build. */
export interface PartJob {
  sitesDir: string;
  asOf: string;
  site?: string;
  stacks: string[];
  outdir: string;
  /** The caller's PlannedSites.inputDigest: a worker whose own load differs builds nothing. */
  inputDigest: string;
}

interface WorkerData {
  kind: "synth-part";
  job: PartJob;
  state: SharedArrayBuffer;
  port: MessagePort;
  /** The code this thread runs, for bin/bundle-worker.cjs to run too. */
  bundle: RunningBundle;
}

/** The bundle bin/run-bundle.cjs runs (kept on globalThis under this symbol), or undefined when not run from one (tsx, jest). */
interface RunningBundle {
  file: string;
  source: string;
  codeSha256: string;
}
const RUNNING_BUNDLE = Symbol.for("room-as-code.running-bundle");
const runningBundle = () => (globalThis as { [RUNNING_BUNDLE]?: RunningBundle })[RUNNING_BUNDLE];
const BUNDLE_WORKER = join(__dirname, "..", "bin", "bundle-worker.cjs");

type PartResult =
  | { ok: true; sites: Record<string, SynthesizedSite> }
  | { ok: false; error: string }
  /** The worker read other spec files than the caller (one was saved in between): the caller builds the part. */
  | { ok: false; inputsChanged: true };

const WAITING = 0;
const STARTED = 1;
const DONE = 2;
const CANCELLED = 3;
const START_TIMEOUT_MS = 60_000;

/**
 * A worker's start and its own load of the specs, as a share of the whole synth's weight: at the county
 * room about 2.5 s (compiling the bundle, planSites) against 8.7 s of building in one thread (timed
 * 2026-12-02 on the quiet 2-core machine); the load grows with the room as the building does.
 */
const WORKER_HEAD_START = 0.3;

/** Below this many (estimated) resources a worker's start and second load cost more than it saves. */
export const PARALLEL_FROM_RESOURCES = 3000;

/** How synth spreads its work: worker threads besides this one, from how many resources on. */
export interface Parallelism {
  workers: number;
  fromResources: number;
}

export const SERIAL: Parallelism = { workers: 0, fromResources: Infinity };

/**
 * The command's parallelism: ROOM_SYNTH_WORKERS worker threads if set (0: none; then whatever the
 * size), else one per core beyond this one from PARALLEL_FROM_RESOURCES on. Only code run from a
 * bundle (bin/run-ts.cjs, which the npm scripts use) can be run by a worker; under tsx synth runs serially.
 */
export function commandParallelism(): Parallelism {
  if (runningBundle() === undefined) return SERIAL;
  const asked = process.env.ROOM_SYNTH_WORKERS;
  if (asked !== undefined && /^\d+$/.test(asked)) return { workers: Number(asked), fromResources: 0 };
  return { workers: Math.max(0, availableParallelism() - 1), fromResources: PARALLEL_FROM_RESOURCES };
}

/**
 * The stacks of the loaded sites, by name, with an estimate of how many resources each holds (from the
 * previous output where it has the stack). `scratch` is an existing directory the skeleton app may
 * name as its own (it writes nothing there but an empty stacks/).
 */
export function stackWeights(loaded: PlannedSites, previousOut: string, scratch: string): Map<string, number> {
  const skeleton = new App({ outdir: scratch, skipValidation: true });
  const weights = new Map<string, number>();
  for (const site of loaded.sites) {
    const stacks = addSiteStacks(skeleton, site, () => false);
    const vms = site.tenants.reduce((n, t) => n + t.vms.length, 0);
    const estimate = new Map<string, number>([
      [stacks.vsphere.node.id, 150],
      [stacks.facility.node.id, 50 + vms / 6],
      ...(stacks.firewall ? [[stacks.firewall.node.id, 50 * site.tenants.length] as const] : []),
      ...[...stacks.tenants].map(
        ([tenant, s]) => [s.node.id, 10 + (site.tenants.find((t) => t.spec.tenant === tenant)?.vms.length ?? 0)] as const,
      ),
      ...[...stacks.tenantFirewalls.values()].map((s) => [s.node.id, 80] as const),
    ]);
    for (const stack of stacksOf(stacks))
      weights.set(stack.node.id, previousWeight(previousOut, stack.node.id) ?? estimate.get(stack.node.id) ?? 100);
  }
  return weights;
}

/** From the previous output: about 1.5 kB of JSON per resource. */
function previousWeight(previousOut: string, stack: string): number | undefined {
  const file = join(previousOut, "stacks", stack, "cdk.tf.json");
  return existsSync(file) ? statSync(file).size / 1500 : undefined;
}

/**
 * Splits `weights` into `parts` groups of about equal total weight (heaviest first, into the lightest
 * group). Every group but the first starts at `headStart`: the work a worker has before its part (its
 * start and its own load), so the first group, this thread's, takes more.
 */
export function splitByWeight(weights: ReadonlyMap<string, number>, parts: number, headStart = 0): string[][] {
  const groups = Array.from({ length: parts }, (_, i) => ({ stacks: [] as string[], weight: i === 0 ? 0 : headStart }));
  const heaviestFirst = [...weights].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  for (const [stack, weight] of heaviestFirst) {
    const lightest = groups.reduce((min, g) => (g.weight < min.weight ? g : min));
    lightest.stacks.push(stack);
    lightest.weight += weight;
  }
  return groups.map((g) => g.stacks).filter((stacks) => stacks.length > 0);
}

/**
 * Builds the stacks `build` selects (default: all) into `built`, with worker threads as `parallelism`
 * says (each loading the sites as `job` says); returns what synthesizeSites returns, for all parts.
 */
export function synthesizeInParallel(
  built: string,
  loaded: PlannedSites,
  build: StackFilter | undefined,
  parallelism: Parallelism,
  job: Omit<PartJob, "stacks" | "outdir" | "inputDigest">,
  previousOut: string,
  note: (text: string) => void,
): Record<string, SynthesizedSite> {
  const weights = new Map([...stackWeights(loaded, previousOut, built)].filter(([stack]) => !build || build(stack)));
  const total = [...weights.values()].reduce((a, b) => a + b, 0);
  const parts =
    parallelism.workers > 0 && total >= parallelism.fromResources
      ? splitByWeight(weights, parallelism.workers + 1, WORKER_HEAD_START * total)
      : [];
  const bundle = runningBundle();
  if (parts.length < 2 || bundle === undefined) return synthesizeSites(newApp(built), loaded, build);

  const [own, ...others] = parts;
  const started = others.map((stacks, i) =>
    startPart(bundle, { ...job, inputDigest: loaded.inputDigest, stacks, outdir: join(built, `.part-${i + 1}`) }),
  );
  const ownSet = new Set(own);
  const results = [synthesizeSites(newApp(built), loaded, (stack) => ownSet.has(stack))];
  for (const part of started) {
    let result = finishPart(part);
    if (result === "not started") {
      note(`a synth worker thread did not start within ${START_TIMEOUT_MS / 1000} s; its stacks were built in the main thread`);
      result = runPart(part.job, loaded);
    } else if (result === "inputs changed") {
      note(
        `a spec file changed while synth ran: all stacks were built from the files as synth first read them; run synth again for the new ones`,
      );
      result = runPart(part.job, loaded);
    }
    mergePart(built, part.job.outdir, result);
    results.push(result);
  }
  return mergeSites(results);
}

interface StartedPart {
  job: PartJob;
  state: Int32Array;
  port: MessagePort;
  worker: Worker;
}

function startPart(bundle: RunningBundle, job: PartJob): StartedPart {
  const state = new SharedArrayBuffer(4);
  const { port1, port2 } = new MessageChannel();
  const data: WorkerData = { kind: "synth-part", job, state, port: port2, bundle };
  const worker = new Worker(BUNDLE_WORKER, { workerData: data, transferList: [port2], stdout: false, stderr: false });
  return { job, state: new Int32Array(state), port: port1, worker };
}

/** Waits for a started part: what it built, or why it built nothing (a worker that never started is cancelled). */
function finishPart(part: StartedPart): Record<string, SynthesizedSite> | "not started" | "inputs changed" {
  if (
    Atomics.wait(part.state, 0, WAITING, START_TIMEOUT_MS) === "timed-out" &&
    Atomics.compareExchange(part.state, 0, WAITING, CANCELLED) === WAITING
  ) {
    void part.worker.terminate();
    return "not started";
  }
  while (Atomics.load(part.state, 0) !== DONE) Atomics.wait(part.state, 0, STARTED);
  const message = receiveMessageOnPort(part.port)?.message as PartResult | undefined;
  void part.worker.terminate();
  if (!message) throw new Error(`synth worker for ${part.job.stacks.join(", ")} ended without a result`);
  if (!message.ok && "inputsChanged" in message) return "inputs changed";
  if (!message.ok) throw new Error(`synth worker for ${part.job.stacks.join(", ")} failed: ${message.error}`);
  return message.sites;
}

/** A part built in this thread (the worker did not start). */
function runPart(job: PartJob, loaded: PlannedSites): Record<string, SynthesizedSite> {
  const stacks = new Set(job.stacks);
  return synthesizeSites(newApp(job.outdir), loaded, (stack) => stacks.has(stack));
}

/** Moves a part's stacks into the output and adds them to its manifest.json. */
function mergePart(built: string, partDir: string, result: Record<string, SynthesizedSite>): void {
  const manifestPath = join(built, "manifest.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { stacks: Record<string, unknown> };
  const part = JSON.parse(readFileSync(join(partDir, "manifest.json"), "utf8")) as { stacks: Record<string, unknown> };
  mkdirSync(join(built, "stacks"), { recursive: true });
  for (const stack of Object.values(result).flatMap((s) => s.built)) {
    renameSync(join(partDir, "stacks", stack), join(built, "stacks", stack));
    manifest.stacks[stack] = part.stacks[stack];
  }
  writeFileSync(manifestPath, stringify(manifest, { space: 2 }) ?? "");
  rmSync(partDir, { recursive: true, force: true });
}

/** The parts' results as one: every stack of each site, and all the parts built. */
function mergeSites(results: readonly Record<string, SynthesizedSite>[]): Record<string, SynthesizedSite> {
  const merged: Record<string, SynthesizedSite> = {};
  for (const result of results)
    for (const [site, s] of Object.entries(result)) {
      merged[site] ??= { stacks: s.stacks, built: [] };
      merged[site].built.push(...s.built);
    }
  for (const s of Object.values(merged)) s.built = s.stacks.filter((stack) => s.built.includes(stack));
  return merged;
}

/** In a worker thread: whether it was started as a synth part (then it runs it). */
export function isSynthPart(data: unknown): data is WorkerData {
  return typeof data === "object" && data !== null && (data as { kind?: unknown }).kind === "synth-part";
}

/** The worker's side: load, build the part, say so. Never throws: a failure is the caller's error. */
export function runSynthPart(data: WorkerData): void {
  const state = new Int32Array(data.state);
  if (Atomics.compareExchange(state, 0, WAITING, STARTED) !== WAITING) return; // cancelled: the caller builds it
  let result: PartResult;
  try {
    const loaded = planSites(data.job.sitesDir, { asOf: data.job.asOf, site: data.job.site });
    result =
      loaded.inputDigest === data.job.inputDigest ? { ok: true, sites: runPart(data.job, loaded) } : { ok: false, inputsChanged: true };
  } catch (e) {
    // The caller loaded these sites without an error: one now means a file was saved in between.
    if (e instanceof SpecErrors) result = { ok: false, inputsChanged: true };
    else result = { ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  data.port.postMessage(result);
  Atomics.store(state, 0, DONE);
  Atomics.notify(state, 0);
}
