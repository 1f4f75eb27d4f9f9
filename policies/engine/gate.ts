import type { Finding } from "./rule";

/** Whether a finding holds back a deploy: a mandatory rule that failed (or could not be evaluated for an error), with no valid waiver. */
export const isBlocking = (f: Finding): boolean =>
  f.enforcement === "mandatory" && (f.outcome === "fail" || f.outcome === "error") && !f.waiver;

/**
 * The policy gate is per stack (DESIGN): a run fails only for blocking findings that name one of the
 * stacks it synthesized, so a UPS module recorded as in repair does not block an urgent firewall fix
 * synthesized on its own. `stacks` undefined: every stack counts.
 */
export function blockingFindings(findings: readonly Finding[], stacks?: ReadonlySet<string>): Finding[] {
  return findings.filter((f) => isBlocking(f) && (stacks === undefined || f.stacks.some((s) => stacks.has(s))));
}
