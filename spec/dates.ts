/** Calendar dates as YYYY-MM-DD strings (UTC), so comparisons are plain string comparisons. */
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The dates the address lock holds (heldUntil) and the evaluation date may take: four-digit years, so
 * string comparison stays date comparison and `addDays` never leaves the YYYY-MM-DD form.
 */
export const EARLIEST_DATE = "2000-01-01";
export const LATEST_DATE = "9999-12-31";

export function isIsoDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** A real calendar date from EARLIEST_DATE to LATEST_DATE. */
export function isDateInRange(text: string): boolean {
  return isIsoDate(text) && text >= EARLIEST_DATE && text <= LATEST_DATE;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
