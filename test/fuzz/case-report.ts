import type { PreparedCase } from "./fuzz-case";
import { cut } from "./refusal-lines";

/**
 * Fails the property when a case broke a rule, with what the case did and what came of it: fast-check
 * adds the seed, the path to replay it and the shrunk counterexample.
 */
export function failIfBroken(problems: string[], prepared: PreparedCase, outcome: string): void {
  if (!problems.length) return;
  throw new Error([...problems, "mutations:", ...prepared.applied.map((a) => `  ${cut(a, 400)}`), cut(outcome, 3000)].join("\n"));
}
