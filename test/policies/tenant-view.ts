import { stackNames } from "../../contracts/stack-names";
import { evaluate } from "../../policies/engine/evaluate";
import type { Finding, Rule } from "../../policies/engine/rule";
import type { Room } from "../../policies/engine/room";
import { findingRef } from "../../policies/report/summary";
import { AS_OF } from "../shared-synth";

/**
 * Where a rule run over each tenant's view of a room (Room.focus, as `synth --tenant` runs rules of
 * reach "tenant") differs from the whole room's findings about that tenant's objects or the site's
 * shared ones (a finding is about its first target; it may name other tenants' objects beside it): one line per tenant and finding missing from the view or found only there. Empty: the
 * rule can be of reach "tenant" for this room. The rule runs as if it had that reach, whatever it declares.
 */
export function tenantViewDifferences(room: Room, rule: Rule, asOf = AS_OF): string[] {
  const asTenantRule: Rule = { ...rule, meta: { ...rule.meta, reach: "tenant" } };
  const whole = evaluate([room], [rule], { asOf });
  const tenants = room.facility("tenant").map((t) => t.id);
  const stacksOf = (t: string) => [stackNames.tenant(room.site, t), stackNames.tenantFirewall(room.site, t)];
  const tenantStacks = new Set(tenants.flatMap(stacksOf));
  const out: string[] = [];
  for (const t of tenants) {
    const own = new Set(stacksOf(t));
    // A finding is about its first target (the object checked); the others it names may be anyone's.
    const concerns = (f: Finding) => (own.has(f.stack) || !tenantStacks.has(f.stack)) && (f.tenant === undefined || f.tenant === t);
    const expected = whole.filter(concerns).map((f) => JSON.stringify(f));
    const seen = evaluate([room], [asTenantRule], { asOf, focus: t }).map((f) => JSON.stringify(f));
    const inView = new Set(seen);
    const inWhole = new Set(expected);
    const label = (json: string, where: string) => {
      const f = JSON.parse(json) as Finding;
      return `${room.site}/${t}: ${where}: ${findingRef(f)} ${f.outcome}: ${f.observed}`;
    };
    out.push(...expected.filter((f) => !inView.has(f)).map((f) => label(f, "missing from the view")));
    out.push(...seen.filter((f) => !inWhole.has(f)).map((f) => label(f, "only in the view")));
    // The same findings in the same order: the engine sorts, so a difference here is a duplicate.
    if (out.length === 0 && expected.join("\n") !== seen.join("\n")) out.push(`${room.site}/${t}: the same findings, not the same list`);
  }
  return out;
}
