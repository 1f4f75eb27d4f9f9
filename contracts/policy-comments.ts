/**
 * The `comments` of every firewall policy the firewall compiler writes, and the rules read back:
 * `ticket=<ticket or ->; why=<justification or ->; flow=<owner>/<flow id>`. The justification is
 * one line and may itself contain "; ", so the parser takes ticket from the front and flow from the end.
 */
export interface PolicyComments {
  /** The change ticket, or null when none was given (`-`). */
  ticket: string | null;
  /** The justification, or null when none was given (`-`). */
  why: string | null;
  /** The flow's owner (a tenant id, or `site`) and its id. */
  owner: string;
  flowId: string;
}

const NONE = "-";

export function formatPolicyComments(c: PolicyComments): string {
  // One line: a folded YAML block keeps line breaks, which would split the parseable comment.
  const why = c.why === null ? NONE : c.why.trim().replace(/\s+/g, " ");
  return `ticket=${c.ticket ?? NONE}; why=${why}; flow=${c.owner}/${c.flowId}`;
}

const FORMAT = /^ticket=([^;]*); why=(.*); flow=([^/;]+)\/([^/;]+)$/s;

/** The parts of a comment in the format above, or undefined for any other text (a hand-written policy). */
export function parsePolicyComments(text: unknown): PolicyComments | undefined {
  if (typeof text !== "string") return undefined;
  const m = FORMAT.exec(text);
  if (!m) return undefined;
  const [, ticket, why, owner, flowId] = m as unknown as [string, string, string, string, string];
  return { ticket: ticket === NONE ? null : ticket, why: why === NONE ? null : why, owner, flowId };
}
