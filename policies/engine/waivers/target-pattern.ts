import type { Finding } from "../rule";

/** Whether a waiver's target is a glob (`*` matches any run of characters) rather than one address. */
export function isGlob(target: string): boolean {
  return target.includes("*");
}

/** `*` matches any run of characters; everything else is literal. */
function globToRegExp(glob: string): RegExp {
  return new RegExp(
    `^${glob
      .split("*")
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
  );
}

/**
 * Whether a finding is one a target names: its address with its finding id (`address#findingId`), or
 * its address alone (which names every finding of that object).
 */
export function targetMatcher(target: string): (f: Finding) => boolean {
  const pattern = globToRegExp(target);
  return (f) => pattern.test(f.address) || (f.findingId !== undefined && pattern.test(`${f.address}#${f.findingId}`));
}
