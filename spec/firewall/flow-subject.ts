/**
 * Names the flow a message is about. A flow's list position (/firewall/flows/3) is what the pointer
 * gives, but the user knows the flow by its id, which also becomes its policy id: every message at or
 * below a flow, in a site or tenant file, ends with "(in flow <id>)". A flow without a valid id is named
 * by its place in the list. A message that already quotes the id is left as it is.
 */
export function aboutFlow(data: unknown, pointer: string, message: string): string {
  const match = /^\/firewall\/flows\/(\d+)(?:\/|$)/.exec(pointer);
  if (!match) return message;
  const index = Number(match[1]);
  const flow = flowAt(data, index);
  if (flow === undefined) return message;
  const id = (flow as { id?: unknown }).id;
  if (typeof id === "number" && Number.isInteger(id)) {
    if (message.includes(`flow ${id}`) || message.includes(`flow id ${id}`)) return message;
    return `${message} (in flow ${id})`;
  }
  return `${message} (in the ${ordinal(index + 1)} flow of firewall.flows, which has no valid id)`;
}

function flowAt(data: unknown, index: number): unknown {
  if (!isRecord(data) || !isRecord(data.firewall)) return undefined;
  const flows = data.firewall.flows;
  return Array.isArray(flows) ? (flows[index] as unknown) : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** 1st, 2nd, 3rd, 4th, ..., 11th, 12th, 13th, 21st. */
export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");
  return `${n}${suffix}`;
}
