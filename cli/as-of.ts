import { isIsoDate } from "../spec/dates";
import { EVALUATION_DATES, MAX_HOLD_DAYS } from "../spec/ipam-lock";
import type { AsOfSource, EvaluationDate } from "../policies/report/provenance";
import { UsageError } from "./exit-codes";

/**
 * The evaluation date: `--as-of`, else ROOM_AS_OF, else today's date (UTC). Everything that compares
 * with "today" (held addresses now, waivers and evidence later) reads this, so tests pin it. It must lie
 * in EVALUATION_DATES, so that a held address's heldUntil stays a date the next run reads back.
 */
export function evaluationDate(flag: string | undefined, env: NodeJS.ProcessEnv = process.env, now: () => Date = () => new Date()): string {
  return evaluationDateWithSource(flag, env, now).date;
}

/** The evaluation date and where it came from, for the reports' provenance. */
export function evaluationDateWithSource(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  now: () => Date = () => new Date(),
): EvaluationDate {
  const [value, source]: [string, AsOfSource] =
    flag !== undefined
      ? [flag, "--as-of"]
      : env.ROOM_AS_OF
        ? [env.ROOM_AS_OF, "ROOM_AS_OF"]
        : [now().toISOString().slice(0, 10), "today's date"];
  if (!isIsoDate(value)) throw new UsageError(`${source}: expected a date as YYYY-MM-DD, found ${JSON.stringify(value)}`);
  const { first, last } = EVALUATION_DATES;
  if (value < first || value > last) {
    throw new UsageError(
      `${source}: expected a date from ${first} to ${last} (a freed address is held up to ${MAX_HOLD_DAYS} days and heldUntil must stay a four-digit year), found ${JSON.stringify(value)}`,
    );
  }
  return { date: value, source };
}
