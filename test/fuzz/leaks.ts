import type { FuzzCase } from "./fuzz-case";
import { LONG_VALUE, SECRET_CANARY } from "./hostile-scalars";

/** `text` holds a credential the case wrote (its canary): never to be printed, written, or accepted. */
export function credentialLeaks(text: string, where: string): string[] {
  return text.includes(SECRET_CANARY) ? [`${where} holds a credential the case wrote (the canary ${SECRET_CANARY})`] : [];
}

/** A message gives away a value the case wrote: a credential, or a long value printed whole instead of cut. */
export function messageLeaks(c: FuzzCase, text: string, where: string): string[] {
  const uncut = c.mutations.flatMap((m) =>
    m.op === "replace" && typeof m.value === "string" && m.value.length >= LONG_VALUE && text.includes(m.value)
      ? [`${where} prints a ${m.value.length}-character value whole instead of cutting it`]
      : [],
  );
  return [...credentialLeaks(text, where), ...uncut];
}
