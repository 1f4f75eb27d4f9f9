import { isIsoDate } from "../spec/dates";
import { UsageError } from "./exit-codes";

/**
 * The evaluation date: `--as-of`, else ROOM_AS_OF, else today's date (UTC). Everything that compares
 * with "today" (held addresses now, waivers and evidence later) reads this, so tests pin it.
 */
export function evaluationDate(flag: string | undefined, env: NodeJS.ProcessEnv = process.env, now: () => Date = () => new Date()): string {
  const [value, source] = flag !== undefined ? [flag, "--as-of"] : env.ROOM_AS_OF ? [env.ROOM_AS_OF, "ROOM_AS_OF"] : [undefined, ""];
  if (value === undefined) return now().toISOString().slice(0, 10);
  if (!isIsoDate(value)) throw new UsageError(`${source}: expected a date as YYYY-MM-DD, found ${JSON.stringify(value)}`);
  return value;
}
