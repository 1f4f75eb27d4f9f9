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

/** A ticket, owner or flow id the parser can read back: no `;`, `/` (owner, flow id) or white space, and not `-`. */
const TICKET = /^[^;\s]+$/;
const PART = /^[^/;\s]+$/;

/**
 * The comment of a policy. The justification is folded to one line (a folded YAML block keeps line
 * breaks, which would split the parseable comment); a justification of only `-` reads back as none.
 * Throws on a ticket, owner or flow id that would not read back as itself (the spec's patterns
 * already refuse them), so a comment the rules cannot parse is never written.
 */
export function formatPolicyComments(c: PolicyComments): string {
  const bad = [
    c.ticket !== null && (c.ticket === NONE || !TICKET.test(c.ticket)) ? `ticket ${JSON.stringify(c.ticket)}` : undefined,
    PART.test(c.owner) ? undefined : `owner ${JSON.stringify(c.owner)}`,
    PART.test(c.flowId) ? undefined : `flow id ${JSON.stringify(c.flowId)}`,
  ].filter((b) => b !== undefined);
  if (bad.length > 0) throw new Error(`policy comments: ${bad.join(", ")} cannot be written in the parseable format`);
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
