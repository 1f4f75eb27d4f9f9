/** Where in the file a decoding problem is, 1-based, and what it is. */
export interface EncodingProblem {
  line: number;
  col: number;
  message: string;
}

const SAVE_AS_UTF8 = "save the file as UTF-8";

/** Byte order marks of the encodings editors save besides UTF-8; UTF-32 first, as its marks begin like UTF-16's. */
const FOREIGN_MARKS: [bytes: number[], encoding: string][] = [
  [[0xff, 0xfe, 0x00, 0x00], "UTF-32 (little-endian)"],
  [[0x00, 0x00, 0xfe, 0xff], "UTF-32 (big-endian)"],
  [[0xff, 0xfe], "UTF-16 (little-endian)"],
  [[0xfe, 0xff], "UTF-16 (big-endian)"],
];

const UTF8_MARK = [0xef, 0xbb, 0xbf];

/**
 * A spec file's text: UTF-8, with a leading byte order mark dropped (so columns are what editors
 * show). Anything else is a problem located at its first bad byte, never silently replaced by U+FFFD.
 */
export function decodeSpecText(bytes: Uint8Array): { text: string } | { problem: EncodingProblem } {
  for (const [mark, encoding] of FOREIGN_MARKS) {
    if (startsWith(bytes, mark))
      return { problem: { line: 1, col: 1, message: `expected UTF-8 text, found ${encoding}; ${SAVE_AS_UTF8}` } };
  }
  const unmarked = unmarkedUtf16(bytes);
  if (unmarked)
    return {
      problem: {
        line: 1,
        col: 1,
        message: `expected UTF-8 text, found what looks like ${unmarked} without a byte order mark; ${SAVE_AS_UTF8}`,
      },
    };
  const body = startsWith(bytes, UTF8_MARK) ? bytes.subarray(UTF8_MARK.length) : bytes;
  const bad = firstInvalidByte(body);
  if (bad === body.length) return { text: Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8") };
  const before = Buffer.from(body.buffer, body.byteOffset, bad).toString("utf8");
  const lineStart = before.lastIndexOf("\n") + 1;
  const byte = body[bad].toString(16).toUpperCase().padStart(2, "0");
  return {
    problem: {
      line: before.split("\n").length,
      col: before.length - lineStart + 1,
      message: `expected UTF-8 text, found the byte 0x${byte}, which is not UTF-8 here (a Latin-1 or Windows-1252 file?); ${SAVE_AS_UTF8}`,
    },
  };
}

/** UTF-16 without a mark shows as a zero byte beside each of the first (ASCII) characters. */
function unmarkedUtf16(bytes: Uint8Array): string | undefined {
  if (bytes.length < 4) return undefined;
  const zero = [0, 1, 2, 3].map((i) => bytes[i] === 0);
  if (zero[0] && !zero[1] && zero[2] && !zero[3]) return "UTF-16 (big-endian)";
  if (!zero[0] && zero[1] && !zero[2] && zero[3]) return "UTF-16 (little-endian)";
  return undefined;
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

/** Offset of the first byte that does not begin a well-formed UTF-8 sequence (Unicode table 3-7). */
export function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i];
    if (lead < 0x80) {
      i += 1;
      continue;
    }
    const form = sequenceForm(lead);
    if (!form) return i;
    for (let k = 1; k < form.length; k++) {
      const next = bytes[i + k] as number | undefined;
      const [lo, hi] = k === 1 ? [form.lo, form.hi] : [0x80, 0xbf];
      if (next === undefined || next < lo || next > hi) return i;
    }
    i += form.length;
  }
  return bytes.length;
}

/** Length of the sequence a lead byte starts and the range its second byte must lie in. */
function sequenceForm(lead: number): { length: number; lo: number; hi: number } | undefined {
  if (lead >= 0xc2 && lead <= 0xdf) return { length: 2, lo: 0x80, hi: 0xbf };
  if (lead === 0xe0) return { length: 3, lo: 0xa0, hi: 0xbf };
  if (lead === 0xed) return { length: 3, lo: 0x80, hi: 0x9f };
  if (lead >= 0xe1 && lead <= 0xef) return { length: 3, lo: 0x80, hi: 0xbf };
  if (lead === 0xf0) return { length: 4, lo: 0x90, hi: 0xbf };
  if (lead >= 0xf1 && lead <= 0xf3) return { length: 4, lo: 0x80, hi: 0xbf };
  if (lead === 0xf4) return { length: 4, lo: 0x80, hi: 0x8f };
  return undefined;
}
