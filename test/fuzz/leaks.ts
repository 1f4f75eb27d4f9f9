import { LONG_VALUE, SECRET_CANARY } from "./hostile-scalars";
import type { FuzzCase } from "./fuzz-case";

/**
 * What `text` (printed or written by synth) gives away of the case's values: a credential's canary, or
 * a long value printed whole instead of cut.
 */
export function leakProblems(c: FuzzCase, text: string, where: string): string[] {
  const problems: string[] = [];
  if (text.includes(SECRET_CANARY)) problems.push(`${where} holds a credential the case wrote (the canary ${SECRET_CANARY})`);
  for (const m of c.mutations) {
    if (m.op === "replace" && typeof m.value === "string" && m.value.length >= LONG_VALUE && text.includes(m.value))
      problems.push(`${where} prints a ${m.value.length}-character value whole instead of cutting it`);
  }
  return problems;
}
