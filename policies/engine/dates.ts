/** Dates of the checks: YYYY-MM-DD texts, compared with the evaluation date, never the clock. */

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Days from `from` to `to` (both YYYY-MM-DD), or undefined when either is not a date. */
export function daysBetween(from: string, to: string): number | undefined {
  if (!DATE.test(from) || !DATE.test(to)) return undefined;
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return Number.isNaN(a) || Number.isNaN(b) ? undefined : Math.round((b - a) / 86_400_000);
}

/** YYYY-MM-DD plus (or, negative, minus) whole months; the day is clamped to the month's last day. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(d, last))}`;
}
