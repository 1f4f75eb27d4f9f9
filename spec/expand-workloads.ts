import type { Workload } from "./types";

/** VM names a workload stands for: its name, or with count the numbered names of its pattern. */
export function vmNames(w: Workload): string[] {
  if (w.count === undefined) return [w.name];
  const pattern = w.namePattern ?? `${w.name}-{n:02}`;
  return Array.from({ length: w.count }, (_, i) =>
    pattern.replace(/\{n(?::0(\d))?\}/, (_m, width: string | undefined) => String(i + 1).padStart(Number(width ?? 0), "0")),
  );
}
