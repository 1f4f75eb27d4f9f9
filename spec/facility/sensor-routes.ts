import type { Sensor } from "../types";

/** The four thresholds of a sensor, low side first. */
export const THRESHOLDS = ["lowCritical", "lowWarning", "highWarning", "highCritical"] as const;
export type Threshold = (typeof THRESHOLDS)[number];

/** The severity of a threshold: an alarm route pages by severity. */
export const severityOf = (t: Threshold): "critical" | "warning" => (t.endsWith("Critical") ? "critical" : "warning");

/**
 * The alarm route of each threshold: the threshold's own entry in `routes`, else its severity's
 * (`routes.warning` or `routes.critical`), else the sensor's `route`; undefined when none names one.
 */
export function thresholdRoutes(s: Pick<Sensor, "route" | "routes">): Record<Threshold, string | undefined> {
  const of = (t: Threshold) => s.routes?.[t] ?? s.routes?.[severityOf(t)] ?? s.route;
  return { lowCritical: of("lowCritical"), lowWarning: of("lowWarning"), highWarning: of("highWarning"), highCritical: of("highCritical") };
}

/** Where a threshold's route was written (for messages): the `routes` key or `route` that gave it. */
export function routePointer(s: Pick<Sensor, "route" | "routes">, t: Threshold, at: string): string {
  if (s.routes?.[t] !== undefined) return `${at}/routes/${t}`;
  if (s.routes?.[severityOf(t)] !== undefined) return `${at}/routes/${severityOf(t)}`;
  return `${at}/route`;
}
