import fc from "fast-check";

/** A value a YAML scalar can hold once parsed. */
export type Scalar = string | number | boolean | null;

/**
 * Part of every credential-shaped value the fuzzer writes: synth must refuse the value without ever
 * printing or writing this part back.
 */
export const SECRET_CANARY = "Zq9cAnArY7";

/** A string at least this long is a value synth must cut when it reports it, never print whole. */
export const LONG_VALUE = 100;

/** Control and invisible characters, the lone surrogate and the byte order mark among them. */
const CONTROL_CHARACTERS = [
  "\u0000",
  "\u0001",
  "\u0007",
  "\b",
  "\t",
  "\n",
  "\v",
  "\f",
  "\r",
  "\u001b",
  "\u007f",
  "\u0085",
  "\u00a0",
  "\u200b",
  "\u2028",
  "\u2029",
  "\u202e",
  "\ufeff",
  "\ud800",
];

/** Numbers at the edges: zero, negative zero, the largest doubles, beyond 2^53, NaN and the infinities. */
const EDGE_NUMBERS = [0, -0, -1, 1, 0.1, 1e308, -1e308, 5e-324, 2 ** 31, 2 ** 32, 2 ** 53 + 2, Number.NaN, Infinity, -Infinity];

/** Text that a lenient reader could take for a number, a boolean or nothing. */
const NUMBER_LOOKING_TEXT = [
  "NaN",
  "nan",
  ".nan",
  ".NaN",
  "Infinity",
  "-Infinity",
  ".inf",
  "-.inf",
  "1e999",
  "-1e999",
  "0x1F",
  "0o17",
  "017",
  "+1",
  "1_000",
  "1,5",
  "٣",
  "",
  " ",
  "null",
  "~",
  "true",
  "yes",
  "no",
  "on",
  "off",
  "Y",
  "N",
];

/** IPv4 addresses a lenient parser would guess at: leading zeros, out of range, prefixes, spaces, IPv6. */
const ODD_ADDRESSES = [
  "010.001.020.000",
  "10.1.10.011",
  "10.01.10.11",
  "010.1.10.11",
  "10.1.10.256",
  "10.1.10.-1",
  "10.1.10",
  "10.1.10.11.1",
  "10.1.10.11/24",
  "10.1.10.0/33",
  "10.1.10.0/-1",
  "10.1.10.0/024",
  " 10.1.10.11",
  "10.1.10.11 ",
  "::1",
  "fe80::1",
  "::ffff:10.1.10.11",
  "0.0.0.0",
  "255.255.255.255",
  "0x0a.1.10.11",
  "10.1.10.11%eth0",
  "1e1.1.1.1",
  "１０.1.10.11",
];

/** Dates that do not exist, lie outside what a lock reads back, or are written another way. */
const ODD_DATES = [
  "2026-02-30",
  "2025-02-29",
  "2024-02-29",
  "2026-13-01",
  "2026-00-10",
  "2026-11-31",
  "0000-01-01",
  "1999-12-31",
  "9999-12-31",
  "10000-01-01",
  "2026-11-22T00:00:00Z",
  "2026-2-3",
  "2026/11/22",
  "20261122",
];

/** Credentials in the shapes the secret scan refuses (README "Credentials are never written in a spec file"). */
const CREDENTIALS = [
  `password=${SECRET_CANARY}`,
  `root password: ${SECRET_CANARY}`,
  `https://admin:${SECRET_CANARY}@host.example/path`,
  `https://${SECRET_CANARY}@host.example`,
  `admin:${SECRET_CANARY}@host.example`,
  `https://host.example/x?access_token=${SECRET_CANARY}`,
  `Bearer ${SECRET_CANARY}abcdefghijklmnop`,
  `-----BEGIN RSA PRIVATE KEY-----\n${SECRET_CANARY}\n-----END RSA PRIVATE KEY-----`,
  `ghp_${SECRET_CANARY}abcdefghijklmnopqrstuvwxyz`,
];

const paddedOctet = fc.tuple(fc.nat(300), fc.constantFrom("", "0", "00")).map(([n, pad]) => pad + String(n));
const pad = (n: number, width: number) => String(n).padStart(width, "0");

/**
 * Random and hostile scalars: unicode, control characters, very long strings, numbers at the edges,
 * number-looking text, addresses with leading zeros, impossible dates and credentials.
 */
export const hostileScalar: fc.Arbitrary<Scalar> = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.string({ unit: fc.oneof(fc.constantFrom(...CONTROL_CHARACTERS), fc.string({ minLength: 1, maxLength: 3 })), maxLength: 6 }),
  fc.integer({ min: LONG_VALUE, max: 20000 }).map((n) => "x".repeat(n)),
  fc.string({ unit: "grapheme", minLength: LONG_VALUE, maxLength: 300 }),
  fc.constantFrom(...EDGE_NUMBERS),
  fc.integer(),
  fc.double(),
  fc.constantFrom(...NUMBER_LOOKING_TEXT),
  fc.constantFrom(...ODD_ADDRESSES),
  fc.tuple(paddedOctet, paddedOctet, paddedOctet, paddedOctet).map((octets) => octets.join(".")),
  fc.constantFrom(...ODD_DATES),
  fc
    .tuple(fc.integer({ min: 0, max: 10000 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
    .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`),
  fc.constantFrom(...CREDENTIALS),
  fc.boolean(),
  fc.constant(null),
);

/** Field names: random text, names of credentials (with the canary) and names of other fields. */
export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 20 }),
  fc.string({ unit: fc.constantFrom(...CONTROL_CHARACTERS, "a", ":", "#", " "), minLength: 1, maxLength: 4 }),
  fc.constantFrom("rootPassword", "client_secret", "ACCESS-TOKEN", "apiKeys", "pwd", "<<", "__proto__", "constructor"),
);
