import type fc from "fast-check";
import type { FuzzCase, Mutation } from "./fuzz-case";

/**
 * Reproducers of bugs the fuzzer found that are not fixed yet, each excluded from the generator by
 * the narrowest test that matches it, so the suite stays green while the bug stays written down.
 * Remove an entry when its bug is fixed: the property then covers the case again.
 *
 * Empty since 3d90f7e fixed the two the first runs found: a reference to something undeclared printed
 * its whole value (tiny/site.yaml racks[0].room: "y" x 150 gave `unknown room "yyy...(all 150)"`),
 * and the address lock's errors printed a credential written into it (tiny/ipam.lock.yaml
 * `version: "password=..."` gave `expected 1 (...), found "password=..."`).
 */
const KNOWN_BUGS: { bug: string; reproducer: string; matches: (m: Mutation) => boolean }[] = [];

export function withoutKnownBugs(cases: fc.Arbitrary<FuzzCase>): fc.Arbitrary<FuzzCase> {
  return KNOWN_BUGS.length ? cases.filter((c) => !c.mutations.some((m) => KNOWN_BUGS.some((k) => k.matches(m)))) : cases;
}
