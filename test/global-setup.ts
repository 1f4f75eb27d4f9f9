import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AS_OF, runSynth, SHARED_SYNTH_ENV, SHARED_SYNTHS, withoutCounty } from "./shared-synth";

/**
 * Synthesizes the unedited tiny fixture and example sites once per test run (each from its own copy),
 * so the test files that only read their output share it instead of synthesizing them again.
 */
export default function globalSetup(): void {
  const root = mkdtempSync(join(tmpdir(), "room-shared-"));
  for (const [name, from] of Object.entries(SHARED_SYNTHS)) {
    const sites = join(root, name, "sites");
    // The examples without the county site (see COUNTY_SITE), once more untouched as the tests' EXAMPLES.
    const filter = name === "examples" ? withoutCounty(from) : undefined;
    cpSync(from, sites, { recursive: true, filter });
    if (name === "examples") cpSync(from, join(root, name, "source"), { recursive: true, filter });
    const result = runSynth(["--sites", sites, "--out", join(root, name, "out"), "--as-of", AS_OF]);
    // Exit 1 (a policy failure) still wrote the output; test/policies/shared-synth-exit.test.ts asserts each code.
    if (result.code !== 0 && result.code !== 1)
      throw new Error(`synthesizing ${name} for the tests failed (exit ${result.code}):\n${result.stderr}`);
    writeFileSync(join(root, name, "synth.json"), JSON.stringify({ code: result.code, stdout: result.stdout, stderr: result.stderr }));
  }
  process.env[SHARED_SYNTH_ENV] = root;
}
