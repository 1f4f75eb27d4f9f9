/**
 * Characters a spec file may not hold: C0 controls other than tab and line feed, a carriage return
 * that does not end a line (CRLF is fine), DEL, C1 controls, and a byte order mark after the start.
 * YAML would keep most of them inside values, where they are invisible or rewrite the terminal that
 * prints them.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFEFF]|\r(?!\n)/g;

/** Characters shown escaped whenever text from the user is printed, so a message stays on one line and inert. */
// eslint-disable-next-line no-control-regex -- escaping control characters is the point
const UNPRINTABLE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069\uFEFF]/g;

const NAMES: Record<number, string> = {
  0x00: "NUL",
  0x07: "BEL",
  0x08: "BS",
  0x0b: "VT",
  0x0c: "FF",
  0x0d: "CR",
  0x1b: "ESC",
  0x7f: "DEL",
  0x85: "NEL",
  0xfeff: "byte order mark",
};

export interface ControlCharacter {
  /** Offset in the text (UTF-16 code units, as the YAML parser counts). */
  offset: number;
  /** How the character reads in a message: "U+001B (ESC)". */
  name: string;
}

/** Every forbidden character of `text`, in order. */
export function findControlCharacters(text: string): ControlCharacter[] {
  return [...text.matchAll(FORBIDDEN)].map((m) => ({ offset: m.index, name: characterName(m[0].charCodeAt(0)) }));
}

export function characterName(code: number): string {
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  const name = NAMES[code] ?? (code < 0x20 ? "a C0 control" : code >= 0x80 && code <= 0x9f ? "a C1 control" : undefined);
  return name ? `${hex} (${name})` : hex;
}

/** `text` with every unprintable character written as \uXXXX. */
export function escapeUnprintable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
