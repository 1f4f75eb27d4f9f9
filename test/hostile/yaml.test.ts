import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { MAX_ALIAS_VALUES, MAX_KEY_LENGTH, MAX_NESTING, MAX_TEXT_LENGTH } from "../../spec/yaml-data";
import { MAX_VMS_PER_TENANT } from "../../spec/tenant-checks";
import { copySites, runSynth } from "../helpers";
import { ALPHA, at, SITE } from "../spec-error-matchers";
import { pinnedTiny, refuses, snapshot, synthesizesAsPlain, type Printed } from "./input-refusal";

/**
 * What a YAML file can hold beyond plain data, and text that is not clean UTF-8: each case rewrites a
 * copy of the pinned tiny site (sites, address lock and output of a good run) and expects synth to
 * refuse with exit 2 at the line and column of the mistake, its JSON pointer and a short message that
 * prints no control character raw, changing nothing. What YAML offers and a spec can use (a byte order
 * mark, CRLF, merge keys, aliases, core tags) synthesizes exactly as the plain file does.
 */

/** Rewrites a file of the sites directory as text. */
function rewrite(sites: string, file: string, change: (text: string) => string): void {
  const path = join(sites, file);
  const before = readFileSync(path, "utf8");
  const after = change(before);
  if (after === before) throw new Error(`rewrite: nothing changed in ${file}`);
  writeFileSync(path, after);
}

/** Rewrites a file of the sites directory as bytes. */
function rewriteBytes(sites: string, file: string, change: (text: string) => Buffer): void {
  const path = join(sites, file);
  writeFileSync(path, change(readFileSync(path, "utf8")));
}

/** Replaces the first `find` by `replace`, which must be there. */
const swap = (find: string, replace: string) => (text: string) => {
  if (!text.includes(find)) throw new Error(`swap: ${find} not found`);
  return text.replace(find, replace);
};

/** The error of one mistake, located where `target` starts on the line holding `needle`, as the file reads before the change. */
function spot(sites: string, file: string, needle: string, target: string, pointer: string, message: RegExp): Printed {
  return { file, ...at(sites, file, needle, target), pointer, message };
}

const ENCODING = /; save the file as UTF-8$/;
const notUtf8 = (byte: string) =>
  new RegExp(
    `^expected UTF-8 text, found the byte 0x${byte}, which is not UTF-8 here \\(a Latin-1 or Windows-1252 file\\?\\)${ENCODING.source}`,
  );
const control = (name: string) =>
  new RegExp(`^expected printable text, found the control character ${name.replace(/[()+]/g, "\\$&")}; remove it$`);

/** [the mistake, a function that makes it in the sites directory and returns the errors expected] */
type YamlMistake = [mistake: string, make: (sites: string) => Printed[]];

const ENCODINGS: YamlMistake[] = [
  [
    "a Latin-1 å in a name",
    (s) => {
      const e = spot(s, ALPHA, "name: Alpha kommune", "ommune", "/", notUtf8("E5"));
      rewriteBytes(s, ALPHA, (t) => Buffer.from(t.replace("Alpha kommune", "Alpha kåmmune"), "latin1"));
      return [e];
    },
  ],
  [
    "Windows-1252 curly quotes",
    (s) => {
      const e = spot(s, ALPHA, "name: Alpha kommune", "Alpha", "/", notUtf8("93"));
      rewriteBytes(s, ALPHA, (t) => Buffer.from(t.replace("Alpha kommune", "\u0093Alpha kommune\u0094"), "latin1"));
      return [e];
    },
  ],
  [
    "an overlong encoding of a slash (C0 AF)",
    (s) => {
      const e = spot(s, ALPHA, "importId: /tiny-dc/vm", "/tiny-dc", "/", notUtf8("C0"));
      rewriteBytes(s, ALPHA, (t) =>
        Buffer.concat(
          t
            .split("importId: /")
            .flatMap((part, i) => (i ? [Buffer.from([0xc0, 0xaf]), Buffer.from(part)] : [Buffer.from(part + "importId: ")])),
        ),
      );
      return [e];
    },
  ],
  [
    "a surrogate half encoded in UTF-8 (ED A0 80)",
    (s) => {
      const e = spot(s, ALPHA, "name: Alpha kommune", "kommune", "/", notUtf8("ED"));
      rewriteBytes(s, ALPHA, (t) =>
        Buffer.concat([
          Buffer.from(t.slice(0, t.indexOf("kommune"))),
          Buffer.from([0xed, 0xa0, 0x80]),
          Buffer.from(t.slice(t.indexOf("kommune"))),
        ]),
      );
      return [e];
    },
  ],
  [
    "a character cut off at the end of the file",
    (s) => {
      const lines = readFileSync(join(s, ALPHA), "utf8").split("\n").length;
      rewriteBytes(s, ALPHA, (t) => Buffer.concat([Buffer.from(t + "# ends in "), Buffer.from([0xe2, 0x82])]));
      return [{ file: ALPHA, line: lines, col: 11, pointer: "/", message: notUtf8("E2") }];
    },
  ],
  ...(
    [
      [
        "UTF-16 (little-endian) with a byte order mark",
        (t: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, "utf16le")]),
        "UTF-16 \\(little-endian\\)",
      ],
      [
        "UTF-16 (big-endian) with a byte order mark",
        (t: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(t, "utf16le").swap16()]),
        "UTF-16 \\(big-endian\\)",
      ],
      [
        "UTF-32 (little-endian) with a byte order mark",
        (t: string) => Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), utf32le(t)]),
        "UTF-32 \\(little-endian\\)",
      ],
      [
        "UTF-16 without a byte order mark",
        (t: string) => Buffer.from(t, "utf16le"),
        "what looks like UTF-16 \\(little-endian\\) without a byte order mark",
      ],
    ] as const
  ).map(([mistake, encode, found]): YamlMistake => [
    `a tenant file in ${mistake}`,
    (s) => {
      rewriteBytes(s, ALPHA, encode);
      return [
        { file: ALPHA, line: 1, col: 1, pointer: "/", message: new RegExp(`^expected UTF-8 text, found ${found}${ENCODING.source}`) },
      ];
    },
  ]),
];

function utf32le(text: string): Buffer {
  const out = Buffer.alloc(text.length * 4);
  [...text].forEach((c, i) => out.writeUInt32LE(c.codePointAt(0) ?? 0, i * 4));
  return out.subarray(0, [...text].length * 4);
}

/** A control character put into the tenant's name, with its name in messages. */
const inName = (char: string, name: string): YamlMistake => [
  `${name} in a value`,
  (s) => {
    const e = spot(s, ALPHA, "name: Alpha kommune", " kommune", "/name", control(name));
    rewrite(s, ALPHA, swap("name: Alpha kommune", `name: Alpha${char}kommune`));
    return [e];
  },
];

const CONTROL_CHARACTERS: YamlMistake[] = [
  inName("\u001b[31m", "U+001B (ESC)"),
  inName("\u0000", "U+0000 (NUL)"),
  inName("\u009b", "U+009B (a C1 control)"),
  inName("\u007f", "U+007F (DEL)"),
  inName("\u000b", "U+000B (VT)"),
  inName("\r", "U+000D (CR)"),
  inName("\ufeff", "U+FEFF (byte order mark)"),
  [
    "a bell in a comment",
    (s) => {
      const e = spot(s, ALPHA, "# yaml-language-server", "$schema", "/", control("U+0007 (BEL)"));
      rewrite(s, ALPHA, swap("$schema", "\u0007$schema"));
      return [e];
    },
  ],
  [
    "an escape in a key, printed escaped",
    (s) => {
      const e = spot(s, ALPHA, "country: NO", "untry", "/co\\u001buntry", control("U+001B (ESC)"));
      rewrite(s, ALPHA, swap("country: NO", "co\u001buntry: NO"));
      return [e];
    },
  ],
];

/** Text appended to the tenant file (as a field the schema does not know, which is never reached). */
const appended = (sites: string, text: string): void => rewrite(sites, ALPHA, (t) => t + text);

const aliasBomb = ["x-laughs:", '  a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
  .concat(
    [1, 2, 3, 4, 5, 6, 7, 8, 9].map(
      (i) =>
        `  a${i}: &a${i} [${Array<string>(9)
          .fill(`*a${i - 1}`)
          .join(", ")}]`,
    ),
  )
  .join("\n");
const aliasChain = ["x-chain:", "  b0: &b0 [x]", ...Array.from({ length: 5000 }, (_, i) => `  b${i + 1}: &b${i + 1} [*b${i}]`)].join("\n");

const YAML_FEATURES: YamlMistake[] = [
  [
    "a billion laughs (aliases nested nine deep)",
    (s) => {
      appended(s, aliasBomb + "\n");
      // 9^5 values would come from the alias a5 makes of a4: past the limit there.
      return [
        spot(
          s,
          ALPHA,
          "  a5: &a5",
          "*a4",
          "/x-laughs/a5/0",
          new RegExp(`^aliases expand this file by more than ${MAX_ALIAS_VALUES} values; expected fewer`),
        ),
      ];
    },
  ],
  [
    "an alias chain 5000 deep",
    (s) => {
      appended(s, aliasChain + "\n");
      return [
        spot(
          s,
          ALPHA,
          "  b62: &b62",
          "*b61",
          "/x-chain/b62/0",
          new RegExp(`^values nested more than ${MAX_NESTING} levels deep; expected at most ${MAX_NESTING}$`),
        ),
      ];
    },
  ],
  [
    "an alias inside the value it names",
    (s) => {
      appended(s, "x-loop: &loop [a, *loop]\n");
      return [spot(s, ALPHA, "x-loop:", "*loop", "/x-loop/1", /^alias "\*loop" lies inside the value it names, which would never end$/)];
    },
  ],
  [
    "an alias with no anchor before it",
    (s) => {
      rewrite(
        s,
        ALPHA,
        swap(
          "    size: small\n    network: servers\n    criticality: critical",
          "    size: *small\n    network: servers\n    criticality: critical",
        ),
      );
      return [
        spot(
          s,
          ALPHA,
          "size: *small",
          "*small",
          "/workloads/0/size",
          /^alias "\*small" names no anchor before it; expected &small earlier in the file$/,
        ),
      ];
    },
  ],
  [
    "an alias used as a key",
    (s) => {
      rewrite(s, ALPHA, swap("name: Alpha kommune", "&n name: Alpha kommune\n*n : Beta kommune"));
      return [spot(s, ALPHA, "*n : Beta", "*n", "/", /^an alias as a key \(\*n\) is not supported; write the key out$/)];
    },
  ],
  [
    "a merge key given a number",
    (s) => {
      rewrite(s, ALPHA, swap("  - name: journal\n", "  - name: journal\n    <<: 5\n"));
      return [
        spot(s, ALPHA, "<<: 5", "5", "/workloads/1", /^a merge key \(<<\) takes a map, an alias of a map or a list of those; found "5"$/),
      ];
    },
  ],
  [
    "a merge key given an alias of a list",
    (s) => {
      rewrite(s, ALPHA, swap("hostMunicipality: true\n", "hostMunicipality: true\nx-list: &redundant [a, b]\n"));
      rewrite(s, ALPHA, swap("  - name: journal\n", "  - name: journal\n    <<: *redundant\n"));
      return [
        spot(
          s,
          ALPHA,
          "<<: *redundant",
          "*redundant",
          "/workloads/1",
          /^a merge key \(<<\) takes a map, an alias of a map or a list of those; found a list$/,
        ),
      ];
    },
  ],
  ...(
    [
      // Tags YAML knows are reported at their value, tags it does not at the tag (where the parser stops).
      ["!!binary", "!!binary QWxwaGE=", "QWxw"],
      ["!!timestamp", "!!timestamp 2026-03-01", "2026"],
      ["!!set", "!!set { Alpha, kommune }", "{"],
      ["!!js/function", '!!js/function "function () { return 1 }"', "!!"],
      ["!foo (a custom tag)", "!foo Alpha", "!"],
    ] as const
  ).map(([tag, value, target]): YamlMistake => [
    `a value tagged ${tag}`,
    (s) => {
      rewrite(s, ALPHA, swap("name: Alpha kommune", `name: ${value}`));
      const written = tag.split(" ")[0];
      return [
        spot(
          s,
          ALPHA,
          `name: ${value}`,
          target,
          "/name",
          new RegExp(`^unsupported YAML tag "${written}"; expected plain text, numbers, booleans, lists and maps$`),
        ),
      ];
    },
  ]),
  [
    "two documents in one file",
    (s) => {
      appended(s, "---\ntenant: beta\n");
      return [
        spot(
          s,
          ALPHA,
          "---",
          "---",
          "/",
          /^expected one YAML document, found a second one starting here; give each site and tenant a file of its own$/,
        ),
      ];
    },
  ],
  [
    "a %YAML 1.1 directive (yes, no and 010 would change meaning)",
    (s) => {
      rewrite(s, ALPHA, (t) => "%YAML 1.1\n---\n" + t);
      return [
        {
          file: ALPHA,
          line: 1,
          col: 1,
          pointer: "/",
          message: /^expected YAML 1\.2, found %YAML 1\.1, whose rules differ .*; remove the directive$/,
        },
      ];
    },
  ],
  ...(
    [
      ["a list as a key", "? [a, b]\n: x", "?", /^expected a text key, found a list as the key$/, "[a"],
      ["a map as a key", "? { a: 1 }\n: x", "?", /^expected a text key, found a map as the key$/, "{ a"],
      [
        "a number as a key (YAML would make 0x1F the key 31)",
        "0x1F: x",
        "0x1F",
        /^expected a text key, found "0x1F" \(a number\); quote it if it is text$/,
        "0x1F",
      ],
      ["null as a key", "null: x", "null: x", /^expected a text key, found "null" \(null\); quote it if it is text$/, "null"],
      ["true as a key", "true: x", "true: x", /^expected a text key, found "true" \(a boolean\); quote it if it is text$/, "true"],
      ["a value without a key", ": x", ": x", /^a value without a key; expected "name: value"$/, ":"],
      [
        `a key of ${MAX_KEY_LENGTH + 1} characters`,
        `${"k".repeat(MAX_KEY_LENGTH + 1)}: x`,
        "kkkk",
        new RegExp(`^expected a key of at most ${MAX_KEY_LENGTH} characters, found "k{56}\\.\\.\\. \\(${MAX_KEY_LENGTH + 1}\\)$`),
        "kkkk",
      ],
    ] as const
  ).map(([mistake, line, needle, message, target]): YamlMistake => [
    mistake,
    (s) => {
      rewrite(s, ALPHA, swap("country: NO\n", `country: NO\n${line}\n`));
      return [spot(s, ALPHA, needle, target, "/", message)];
    },
  ]),
  [
    "a key written twice",
    (s) => {
      rewrite(s, ALPHA, swap("country: NO\n", "country: NO\ncountry: SE\n"));
      return [spot(s, ALPHA, "country: SE", "country", "/", /^YAML syntax: Map keys must be unique$/)];
    },
  ],
  [
    "tabs for indentation (each such line)",
    (s) => {
      rewrite(s, ALPHA, swap("vlanRange: { from: 100, to: 199 }", "vlanRange:\n\tfrom: 100\n\tto: 199"));
      return [
        spot(s, ALPHA, "\tfrom: 100", "\tfrom", "/", /^YAML syntax: Tabs are not allowed as indentation$/),
        spot(s, ALPHA, "\tto: 199", "\tto", "/", /^YAML syntax: Tabs are not allowed as indentation$/),
      ];
    },
  ],
  [
    `lists nested ${MAX_NESTING + 1} deep`,
    (s) => {
      appended(s, `x-deep: ${"[".repeat(MAX_NESTING + 1)}${"]".repeat(MAX_NESTING + 1)}\n`);
      const pointer = "/x-deep" + "/0".repeat(MAX_NESTING);
      return [spot(s, ALPHA, "x-deep:", "[]", pointer, /^values nested more than 64 levels deep; expected at most 64$/)];
    },
  ],
  [
    `text of ${MAX_TEXT_LENGTH + 1} characters`,
    (s) => {
      rewrite(s, ALPHA, swap("name: Alpha kommune", `name: ${"A".repeat(MAX_TEXT_LENGTH + 1)}`));
      return [
        spot(
          s,
          ALPHA,
          "name: AAAA",
          "AAAA",
          "/name",
          new RegExp(`^expected text of at most ${MAX_TEXT_LENGTH} characters, found ${MAX_TEXT_LENGTH + 1} \\("A{56}\\.\\.\\.\\)$`),
        ),
      ];
    },
  ],
  [
    "a 3 MB value on one line (under the size limit)",
    (s) => {
      rewrite(s, ALPHA, swap("name: Alpha kommune", `name: ${"x".repeat(3_000_000)}`));
      return [spot(s, ALPHA, "name: xxxx", "xxxx", "/name", /^expected text of at most 10000 characters, found 3000000 /)];
    },
  ],
];

/** A number written into the journal VM's size, with the message it gets. */
const inSize = (mistake: string, written: string, message: RegExp): YamlMistake => [
  mistake,
  (s) => {
    rewrite(s, ALPHA, swap("memoryGb: 32,", `memoryGb: ${written},`));
    return [spot(s, ALPHA, `memoryGb: ${written}`, written, "/workloads/1/size/memoryGb", message)];
  },
];

const NUMBERS: YamlMistake[] = [
  inSize("infinity (.inf)", ".inf", /^expected a finite number, found "\.inf"$/),
  inSize("minus infinity (-.inf)", "-.inf", /^expected a finite number, found "-\.inf"$/),
  inSize("not a number (.nan)", ".nan", /^expected a finite number, found "\.nan"$/),
  inSize(
    "a number beyond 2^53 (read back as another number)",
    "9007199254740993",
    /^expected a number of at most 9007199254740991 \(2\^53 - 1\) in size, which is kept exactly, found "9007199254740993"$/,
  ),
  inSize("1e308", "1e308", /^expected a number of at most 9007199254740991 .*, found "1e308"$/),
  [
    "a negative reserved block",
    (s) => {
      rewrite(s, ALPHA, swap("    reserved: 2", "    reserved: -1"));
      return [spot(s, ALPHA, "reserved: -1", "-1", "/networks/1/reserved", /^must be >= 0, found -1$/)];
    },
  ],
  [
    `more than ${MAX_VMS_PER_TENANT} VMs in a tenant (three workloads of 999)`,
    (s) => {
      const many = [1, 2, 3]
        .map(
          (n) =>
            `  - { name: bulk${n}, count: 999, template: rhel9, size: small, network: servers, criticality: low, classification: internal }\n`,
        )
        .join("");
      rewrite(s, ALPHA, swap("workloads:\n", `workloads:\n${many}`));
      return [
        spot(
          s,
          ALPHA,
          "name: bulk3",
          "999",
          "/workloads/2/count",
          new RegExp(`^expected at most ${MAX_VMS_PER_TENANT} VMs in a tenant, found 2997 up to here$`),
        ),
      ];
    },
  ],
];

describe.each([
  ["text that is not UTF-8", ENCODINGS],
  ["control characters", CONTROL_CHARACTERS],
  ["YAML beyond plain data", YAML_FEATURES],
  ["numbers and sizes", NUMBERS],
])("%s: refused where it is, and nothing is written", (_, cases) => {
  test.each(cases)("%s", (_mistake, make) => {
    const tiny = pinnedTiny();
    refuses(tiny, make(tiny.sites));
  });
});

test("nesting so deep the YAML parser itself gives up (100,000 brackets) is refused, never a crash", () => {
  const tiny = pinnedTiny();
  appended(tiny.sites, `x-deep: ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`);
  const before = { sites: snapshot(tiny.sites), out: snapshot(tiny.out) };
  const r = runSynth(["--sites", tiny.sites, "--out", tiny.out]);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe("");
  expect({ sites: snapshot(tiny.sites), out: snapshot(tiny.out) }).toEqual(before);
  // Where the parser runs out of stack depends on the stack: every line is this error, on that line.
  const lines = r.stderr.trimEnd().split("\n");
  const line = at(tiny.sites, ALPHA, "x-deep:").line;
  expect(lines.slice(0, -1).length).toBeGreaterThan(0);
  const each = new RegExp(
    `(^|/)tiny/tenants/alpha\\.yaml:${line}:\\d+: /: YAML syntax: values nested too deeply to read; expected at most 64 levels$`,
  );
  for (const l of lines.slice(0, -1)) expect(l).toMatch(each);
  expect(lines[lines.length - 1]).toBe(`${lines.length - 1} error(s); nothing was written.`);
  expect(r.stderr).not.toMatch(/internal error|^\s+at /m);
});

/** [what is written differently, how, in which files] */
type Equivalent = [what: string, change: (text: string) => string, files: string[]];

const EQUIVALENT: Equivalent[] = [
  ["a UTF-8 byte order mark", (t) => "\ufeff" + t, [SITE, ALPHA]],
  ["CRLF line endings", (t) => t.replace(/\n/g, "\r\n"), [SITE, ALPHA]],
  ["a tab between a key and its value", swap("country: NO", "country:\tNO"), [ALPHA]],
  ["document start and end markers", (t) => `---\n${t}...\n`, [ALPHA]],
  [
    "merge keys: an inline map, and an alias of another network overridden field by field",
    (t) =>
      swap(
        "    size: small\n    network: servers\n    criticality: standard",
        "    <<: { size: small, network: servers }\n    criticality: standard",
      )(
        swap(
          "  - name: health\n",
          "  - <<: *servers\n    name: health\n",
        )(swap("  - name: servers\n", "  - &servers\n    name: servers\n")(t)),
      ),
    [ALPHA],
  ],
  [
    "an alias of a scalar (the first VM's network, given to the third)",
    (t) => swap("network: servers", "network: *net")(swap("network: servers", "network: &net servers")(t)),
    [ALPHA],
  ],
  [
    "core tags (!!str, !!int)",
    (t) => swap("vlan: 110", "vlan: !!int 110")(swap("name: Alpha kommune", "name: !!str Alpha kommune")(t)),
    [ALPHA],
  ],
  ["a hexadecimal number (0x6E is VLAN 110)", swap("vlan: 110", "vlan: 0x6E"), [ALPHA]],
];

describe("YAML a spec can use synthesizes exactly as the plain file", () => {
  test.each(EQUIVALENT)("%s", (_, change, files) => {
    const sites = copySites();
    for (const file of files) rewrite(sites, file, change);
    synthesizesAsPlain(sites);
  });
});
