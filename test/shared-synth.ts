import { readFileSync } from "node:fs";
import { join, sep } from "node:path";
import type * as SynthCli from "../cli/synth";

/** The evaluation date every test pins (ROOM_AS_OF in test/setup.ts). */
export const AS_OF = "2026-11-22";

/**
 * What synth exits with on the tiny fixture: 1, a mandatory policy failure. The fixture is the smallest
 * site that synthesizes (one host per cluster, no service records, unwired supplies), not a compliant
 * room, so its output is written and its checks fail; tests of synthesis itself expect this code.
 */
export const TINY_SYNTH_EXIT = 1;

/** Where test/global-setup.ts leaves the shared outputs. */
export const SHARED_SYNTH_ENV = "ROOM_TEST_SHARED_SYNTH";

/** The sites synthesized once per run: the tiny fixture and the example sites, unedited. */
export const SHARED_SYNTHS = {
  tiny: join(__dirname, "fixtures", "tiny"),
  examples: join(__dirname, "..", "sites"),
} as const;

/**
 * The county example site (sites/norrmarkslan: fourteen municipalities, about 4,000 VMs). Synthesizing
 * it takes tens of seconds, so the shared examples, and every copy of them a test makes, leave it out;
 * test/sites/norrmarkslan.test.ts synthesizes it once on its own.
 */
export const COUNTY_SITE = "norrmarkslan";

/** A `cpSync` filter that leaves the county site out of a copy of the sites directory `from`. */
export function withoutCounty(from: string): (src: string) => boolean {
  const county = join(from, COUNTY_SITE);
  return (src) => src !== county && !src.startsWith(county + sep);
}

/**
 * The example sites as the tests read them: the copy of sites/ without the county site that
 * test/global-setup.ts makes (`examples/source`), so `copySites(EXAMPLES)` and `load(EXAMPLES)` stay as
 * fast as before the county site. Outside a jest run (no global setup) the repository's sites/.
 */
export function exampleSites(): string {
  const root = process.env[SHARED_SYNTH_ENV];
  return root ? join(root, "examples", "source") : SHARED_SYNTHS.examples;
}

/**
 * The shared synthesis of `which`: a copy of its sites (with the lock files synth wrote) and the output
 * directory. Read only: a test that edits sites or output makes its own copy.
 */
export function sharedSynth(which: keyof typeof SHARED_SYNTHS): {
  sites: string;
  out: string;
  result: { code: number; stdout: string; stderr: string };
} {
  const root = process.env[SHARED_SYNTH_ENV];
  if (!root)
    throw new Error(
      `${SHARED_SYNTH_ENV} is not set: run the tests through jest.config.js (its globalSetup synthesizes the shared outputs)`,
    );
  const result = JSON.parse(readFileSync(join(root, which, "synth.json"), "utf8")) as { code: number; stdout: string; stderr: string };
  return { sites: join(root, which, "sites"), out: join(root, which, "out"), result };
}

/** Runs the synth command in-process; returns its exit code and what it printed. */
export function runSynth(args: string[]): { code: number; stdout: string; stderr: string } {
  // Imported lazily so tests of the loader alone do not load cdktf.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { main } = require("../cli/synth") as typeof SynthCli;
  const out = outputCollector();
  const err = outputCollector();
  const code = main(args, out.stream, err.stream);
  return { code, stdout: out.text(), stderr: err.text() };
}

/** A stream that keeps what a command writes, for the in-process command tests. */
export function outputCollector(): { stream: NodeJS.WritableStream; text: () => string } {
  const chunks: string[] = [];
  const stream = { write: (chunk: string) => (chunks.push(String(chunk)), true) } as unknown as NodeJS.WritableStream;
  return { stream, text: () => chunks.join("") };
}
