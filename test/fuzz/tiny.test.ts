import fc from "fast-check";
import { tinyFixture } from "./fixtures";
import { fuzzCases } from "./fuzz-case";
import { withoutKnownBugs } from "./known-bugs";
import { loadBehaves } from "./load-property";
import { synthBehaves } from "./synth-property";

/**
 * Property tests of bad input on the tiny fixture (site, tenant and address lock): up to three random
 * mutations per case. Fixed seeds make every run the same; a failure prints the seed, the path to
 * replay it (pass both back to fc.assert) and the shrunk case.
 */
const TINY = tinyFixture();
const cases = withoutKnownBugs(fuzzCases(TINY));

describe("fuzz: the tiny fixture and its lock, mutated", () => {
  test("loading only (planSites), 150 cases: a plan or located SpecErrors, never another exception, no file changed", () => {
    fc.assert(
      fc.property(cases, (c) => loadBehaves(TINY, c)),
      { seed: 20261122, numRuns: 150 },
    );
  });

  test("full synth, 30 cases: exit 0 or 1 (written: marked, deterministic output) or 2 (located errors, nothing touched), never 3", () => {
    fc.assert(
      fc.property(cases, (c) => synthBehaves(TINY, c)),
      { seed: 1402514, numRuns: 30 },
    );
  });
});
