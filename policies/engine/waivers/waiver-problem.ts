/** One condition a waiver does not meet: which, what was observed and what was expected. */
export interface WaiverProblem {
  condition: string;
  observed: string;
  expected: string;
  /** The condition is expiry itself (the waiver's state is then `expired`, not `invalid`). */
  expired?: boolean;
}

/** "condition: observed (expected ...)", one per problem, joined. */
export function describeProblems(problems: readonly WaiverProblem[]): string {
  return problems.map((p) => `${p.condition}: ${p.observed} (expected ${p.expected})`).join("; ");
}
