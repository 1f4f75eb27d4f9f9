import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { evaluationDate } from "../../cli/as-of";
import { UsageError } from "../../cli/exit-codes";
import { addDays, LATEST_DATE } from "../../spec/dates";
import { EVALUATION_DATES, MAX_HOLD_DAYS, readLock, serializeLock } from "../../spec/ipam-lock";
import { AS_OF, copySites, runSynth, tempDir, TINY_SYNTH_EXIT } from "../helpers";
import { ALPHA, at, escape, printed, SITE, type Edit } from "../spec-error-matchers";
import { LOCK, pinnedTiny, pinnedWith, refusesChangingNothing, refusesInput } from "./refusal";

/**
 * Where an error is expected in the lock (after the mutation): on the `nth` line holding `needle`,
 * where `target` starts (as spec-error-matchers' `at`), or at a fixed line and column.
 */
type Where = [needle: string, target?: string, nth?: number] | { line: number; col: number };
/** One expected error: where, its JSON pointer as printed ("/" for the whole file) and its message. */
type Expected = [where: Where, pointer: string, message: RegExp];

function expectedLine(dir: string, [where, pointer, message]: Expected, file = LOCK): RegExp {
  const pos = Array.isArray(where) ? at(dir, file, ...where) : where;
  // Line 0: the error concerns the file as a whole, printed without line and column.
  if (pos.line === 0) return new RegExp(`(^|/)${escape(file)}: ${escape(pointer)}: (?:${message.source.replace(/^\^/, "")})`);
  return printed({ file, ...pos, pointer, message });
}

/** The address line of the tiny lock's first pin (alpha/alpha-dc01 on alpha/servers). */
const firstPin = "ip: 10.1.10.11";
const RESTORE = "restore the file from version control \\(without its pins, running VMs would get new addresses\\)";

/** The whole-file and per-entry mutations of the lock that must be refused, never read as "no pins". */
const LOCK_MISTAKES: [mistake: string, mutate: (lock: string) => string, errors: Expected[]][] = [
  [
    "an empty lock file",
    () => "",
    [[{ line: 1, col: 1 }, "/", new RegExp(`^expected the address lock \\(version: 1 and addresses\\), found an empty file; ${RESTORE}$`)]],
  ],
  [
    "a lock file of only comments",
    (lock) => lock.slice(0, lock.indexOf("version:")),
    [[{ line: 1, col: 1 }, "/", /^expected the address lock \(version: 1 and addresses\), found an empty file; restore/]],
  ],
  [
    "a list instead of the lock",
    () => "- 10.1.10.11\n- 10.1.10.12\n",
    [[{ line: 1, col: 1 }, "/", /^expected the address lock \(version: 1 and addresses\), found a list of 2; restore/]],
  ],
  [
    "a scalar instead of the lock (named by its type, never echoed)",
    () => "pinned-everything-fine\n",
    [[{ line: 1, col: 1 }, "/", /^expected the address lock \(version: 1 and addresses\), found a string; restore[^"]*$/]],
  ],
  [
    "a lock cut short inside an entry",
    (lock) => lock.slice(0, lock.indexOf("    vm: alpha/journal")),
    [
      [["ip: 10.1.20.5"], "/addresses/2/vm", /^missing required field "vm"$/],
      [["ip: 10.1.20.5"], "/addresses/2/state", /^missing required field "state"$/],
    ],
  ],
  [
    "a lock cut short after its version line",
    (lock) => lock.slice(0, lock.indexOf("addresses:")),
    [[["version: 1"], "/addresses", /^missing required field "addresses"$/]],
  ],
  [
    "a lock without version",
    (lock) => lock.replace("version: 1\n", ""),
    [[["addresses:"], "/version", /^missing required field "version"$/]],
  ],
  [
    "a lock of version 2 (written by a newer synth)",
    (lock) => lock.replace("version: 1", "version: 2"),
    [[["version: 2", "2"], "/version", /^expected 1 \(the only lock format this synth reads\), found 2$/]],
  ],
  [
    'a lock whose version is the text "1"',
    (lock) => lock.replace("version: 1", 'version: "1"'),
    [[["version:", '"1"'], "/version", /^expected 1 \(the only lock format this synth reads\), found "1"$/]],
  ],
  [
    "addresses: with nothing after it",
    (lock) => lock.slice(0, lock.indexOf("addresses:")) + "addresses:\n",
    // The empty value is placed right after the colon.
    [
      [
        { line: 4, col: 11 },
        "/addresses",
        new RegExp(`^expected the list of pinned addresses \\(\\[\\] when no VM has one\\), found nothing; ${RESTORE}$`),
      ],
    ],
  ],
  [
    "addresses: null",
    (lock) => lock.slice(0, lock.indexOf("addresses:")) + "addresses: null\n",
    [[["addresses:", "null"], "/addresses", /^expected the list of pinned addresses \(\[\] when no VM has one\), found nothing; restore/]],
  ],
  [
    "addresses as a mapping instead of a list",
    (lock) => lock.slice(0, lock.indexOf("addresses:")) + "addresses:\n  ip: 10.1.10.11\n",
    [[["ip: 10.1.10.11", "ip"], "/addresses", /^expected an array, found an object with fields ip$/]],
  ],
  [
    "two entries with the same address",
    (lock) => lock.replace("ip: 10.1.10.12", "ip: 10.1.10.11"),
    [
      [
        [firstPin, "10.1.10.11", 1],
        "/addresses/1/ip",
        /^duplicate pinned address "10\.1\.10\.11"; first defined at \S*tiny\/ipam\.lock\.yaml:5:9$/,
      ],
    ],
  ],
  [
    "two pins for the same VM",
    (lock) => lock.replace("vm: alpha/alpha-dc02", "vm: alpha/alpha-dc01"),
    [
      [
        ["vm: alpha/alpha-dc01", "alpha/alpha-dc01", 1],
        "/addresses/1/vm",
        /^duplicate pin for VM "alpha\/alpha-dc01"; first defined at \S*tiny\/ipam\.lock\.yaml:7:9$/,
      ],
    ],
  ],
  [
    "an entry with an unknown field",
    (lock) => lock.replace("    state: active\n", "    state: active\n    mac: 00-50-56-aa-bb-cc\n"),
    [[["mac:", "mac"], "/addresses/0/mac", /^unknown field "mac"; expected one of: ip, network, vm, state, heldUntil$/]],
  ],
  [
    "an unknown top-level field",
    (lock) => lock + "generatedAt: 2026-11-22\n",
    [[["generatedAt:"], "/generatedAt", /^unknown field "generatedAt"; expected one of: version, addresses$/]],
  ],
  [
    "an entry without its VM",
    (lock) => lock.replace("    vm: alpha/alpha-dc01\n", ""),
    [[[firstPin, "ip"], "/addresses/0/vm", /^missing required field "vm"$/]],
  ],
  [
    "a state that does not exist",
    (lock) => lock.replace("state: active", "state: running"),
    [[["state: running", "running"], "/addresses/0/state", /^expected one of "active", "retiring", "unmanaged", "held", found "running"$/]],
  ],
  [
    "a held address without heldUntil",
    (lock) => lock.replace("state: active", "state: held"),
    [[[firstPin, "ip"], "/addresses/0/heldUntil", /^missing required field "heldUntil"$/]],
  ],
  [
    "heldUntil on an address that is not held",
    (lock) => lock.replace("    state: active\n", "    state: active\n    heldUntil: 2027-02-20\n"),
    [[["state: active", "active"], "/addresses/0/state", /^expected "held" \(only a held address has heldUntil\), found "active"$/]],
  ],
  ...(
    [
      ["heldUntil on a day that does not exist (30 February)", "2027-02-30"],
      ["heldUntil in a five-digit year", "10000-01-01"],
      ["heldUntil before the year 2000", "1999-12-31"],
      ["heldUntil with a time of day", "2027-02-20T00:00:00Z"],
    ] as const
  ).map(([mistake, date]): [string, (lock: string) => string, Expected[]] => [
    mistake,
    (lock) => lock.replace("    state: active\n", `    state: held\n    heldUntil: ${date}\n`),
    [
      [
        ["heldUntil:", date],
        "/addresses/0/heldUntil",
        new RegExp(`^expected a calendar date YYYY-MM-DD from 2000-01-01 to 9999-12-31, found "${escape(date)}"$`),
      ],
    ],
  ]),
  [
    "a pinned address with leading zeros (some tools read 010 as octal 8)",
    (lock) => lock.replace(firstPin, "ip: 010.001.010.011"),
    [
      [
        ["ip: 010", "010"],
        "/addresses/0/ip",
        /^expected an IPv4 address without leading zeros such as 10\.20\.1\.5, found "010\.001\.010\.011" \(did you mean 10\.1\.10\.11\? some tools read a leading 0 as octal\)$/,
      ],
    ],
  ],
  [
    "a pinned address with a number above 255",
    (lock) => lock.replace(firstPin, "ip: 10.1.10.256"),
    [
      [
        ["ip: 10.1.10.256", "10"],
        "/addresses/0/ip",
        /^expected an IPv4 address with each number 0-255 such as 10\.20\.1\.5, found "10\.1\.10\.256"$/,
      ],
    ],
  ],
  [
    "a pinned IPv6 address",
    (lock) => lock.replace(firstPin, "ip: fd00::11"),
    [
      [
        ["ip: fd00::11", "fd00"],
        "/addresses/0/ip",
        /^expected an IPv4 address such as 10\.20\.1\.5, found "fd00::11" \(IPv6 is not supported here\)$/,
      ],
    ],
  ],
  [
    "a pinned address with a space before it",
    (lock) => lock.replace(firstPin, 'ip: " 10.1.10.11"'),
    [
      [
        ['ip: " 10', '"'],
        "/addresses/0/ip",
        /^expected an IPv4 address without spaces around it such as 10\.20\.1\.5, found " 10\.1\.10\.11"$/,
      ],
    ],
  ],
  [
    "a pinned address with its prefix",
    (lock) => lock.replace(firstPin, "ip: 10.1.10.11/24"),
    [
      [
        ["ip: 10.1.10.11/24", "10"],
        "/addresses/0/ip",
        /^expected an IPv4 address without a prefix such as 10\.20\.1\.5, found "10\.1\.10\.11\/24"$/,
      ],
    ],
  ],
  [
    "a VM not written as <tenant>/<vm>",
    (lock) => lock.replace("vm: alpha/alpha-dc01", "vm: alpha-dc01"),
    [[["vm: alpha-dc01", "alpha"], "/addresses/0/vm", /^expected <tenant>\/<vm>, found "alpha-dc01"$/]],
  ],
  [
    "a network not written as <tenant>/<network>",
    (lock) => lock.replace("network: alpha/servers", "network: servers"),
    [
      [
        ["network: servers", "servers"],
        "/addresses/0/network",
        /^expected <tenant>\/<network>, or site\/<network> for a shared-services network, found "servers"$/,
      ],
    ],
  ],
];

/**
 * Lock files that are not YAML at all, which the YAML layer (spec/spec-file.ts) refuses as it does a
 * spec file: here only that the lock is refused in its own file, on the line where known.
 */
const YAML_MISTAKES: [mistake: string, mutate: (lock: string) => string, line: number | undefined, message: RegExp][] = [
  ["garbage that is not YAML", () => "@@ not a lock @@\n", 1, /reserved character @/],
  ["a lock cut short inside a key", (lock) => lock.slice(0, lock.indexOf("ddresses:")), 4, /map keys need to be followed by map values/i],
  ["an entry with a key written twice", (lock) => lock.replace(`${firstPin}\n`, `${firstPin}\n    ip: 10.1.10.99\n`), 6, /unique/i],
  [
    "an alias without its anchor",
    (lock) => lock.slice(0, lock.indexOf("addresses:")) + "addresses: *pins\n",
    undefined,
    /alias[\s\S]*pins/i,
  ],
  [
    "an alias bomb (a billion laughs)",
    () =>
      "version: 1\nl0: &l0 [x, x, x, x, x, x, x, x, x, x]\n" +
      [1, 2, 3, 4, 5, 6]
        .map(
          (n) =>
            `l${n}: &l${n} [${Array<string>(10)
              .fill(`*l${n - 1}`)
              .join(", ")}]\n`,
        )
        .join("") +
      "addresses: *l6\n",
    undefined,
    /alias/i,
  ],
];

/** Pins that the lock holds but allocation would never have handed out: each refused at its entry. */
const fixHint = "; delete this entry to give the VM a new address";
const BAD_PINS: [mistake: string, mutate: (lock: string) => string, edits: Edit[], errors: Expected[]][] = [
  [
    "pins of a network that was re-addressed",
    (lock) => lock,
    [[ALPHA, "cidr: 10.1.10.0/24\n    gateway: 10.1.10.1", "cidr: 10.1.11.0/24\n    gateway: 10.1.11.1"]],
    [
      [
        [firstPin, "10"],
        "/addresses/0/ip",
        new RegExp(
          `^pinned address 10\\.1\\.10\\.11 of VM alpha/alpha-dc01 lies outside its network servers 10\\.1\\.11\\.0/24 \\(re-addressed\\?\\)${fixHint}$`,
        ),
      ],
      [
        ["ip: 10.1.10.12", "10"],
        "/addresses/1/ip",
        /^pinned address 10\.1\.10\.12 of VM alpha\/alpha-dc02 lies outside its network servers/,
      ],
    ],
  ],
  [
    "a pin written outside its network by hand",
    (lock) => lock.replace(firstPin, "ip: 10.1.99.11"),
    [],
    [
      [
        ["ip: 10.1.99.11", "10"],
        "/addresses/0/ip",
        /^pinned address 10\.1\.99\.11 of VM alpha\/alpha-dc01 lies outside its network servers 10\.1\.10\.0\/24/,
      ],
    ],
  ],
  [
    "a pin on the network address",
    (lock) => lock.replace(firstPin, "ip: 10.1.10.0"),
    [],
    [
      [
        ["ip: 10.1.10.0", "10"],
        "/addresses/0/ip",
        new RegExp(
          `^pinned address 10\\.1\\.10\\.0 of VM alpha/alpha-dc01 is the network address of servers 10\\.1\\.10\\.0/24${fixHint}$`,
        ),
      ],
    ],
  ],
  [
    "a pin on the broadcast address",
    (lock) => lock.replace(firstPin, "ip: 10.1.10.255"),
    [],
    [
      [
        ["ip: 10.1.10.255", "10"],
        "/addresses/0/ip",
        new RegExp(
          `^pinned address 10\\.1\\.10\\.255 of VM alpha/alpha-dc01 is the broadcast address of servers 10\\.1\\.10\\.0/24${fixHint}$`,
        ),
      ],
    ],
  ],
  [
    "a pin on the gateway",
    (lock) => lock.replace(firstPin, "ip: 10.1.10.1"),
    [],
    [
      [
        ["ip: 10.1.10.1", "10"],
        "/addresses/0/ip",
        new RegExp(
          `^pinned address 10\\.1\\.10\\.1 of VM alpha/alpha-dc01 is the gateway of network servers 10\\.1\\.10\\.0/24${fixHint}$`,
        ),
      ],
    ],
  ],
  [
    "a pin inside the reserved block",
    (lock) => lock.replace(firstPin, "ip: 10.1.10.5"),
    [],
    [
      [
        ["ip: 10.1.10.5", "10"],
        "/addresses/0/ip",
        new RegExp(
          `^pinned address 10\\.1\\.10\\.5 of VM alpha/alpha-dc01 lies in the reserved block of network servers 10\\.1\\.10\\.0/24 \\(its first 10 host addresses\\)${fixHint}, or keep it by writing ip: 10\\.1\\.10\\.5 in its workload or lowering reserved$`,
        ),
      ],
    ],
  ],
  [
    "pins that a grown reserved block now covers",
    (lock) => lock,
    [[ALPHA, "gateway: 10.1.10.1", "gateway: 10.1.10.1\n    reserved: 12"]],
    [
      [
        [firstPin, "10"],
        "/addresses/0/ip",
        /^pinned address 10\.1\.10\.11 of VM alpha\/alpha-dc01 lies in the reserved block of network servers 10\.1\.10\.0\/24 \(its first 12 host addresses\)/,
      ],
      [["ip: 10.1.10.12", "10"], "/addresses/1/ip", /^pinned address 10\.1\.10\.12 of VM alpha\/alpha-dc02 lies in the reserved block/],
    ],
  ],
];

describe("the address lock is read as strictly as a spec file: a damaged lock is refused, never read as no pins", () => {
  test.each(LOCK_MISTAKES)("%s", (_mistake, mutate, errors) => {
    const tiny = pinnedWith(mutate);
    refusesInput(
      tiny,
      errors.map((e) => expectedLine(tiny.sites, e)),
    );
  });

  test.each(YAML_MISTAKES)("%s", (_mistake, mutate, line, message) => {
    const where = line === undefined ? "(:\\d+:\\d+)?" : `:${line}:\\d+`;
    refusesInput(pinnedWith(mutate), [new RegExp(`(^|/)${escape(LOCK)}${where}: /\\S*: .*(?:${message.source})`, message.flags)]);
  });

  test("a lock file that is a directory", () => {
    const tiny = pinnedTiny();
    rmSync(join(tiny.sites, LOCK));
    mkdirSync(join(tiny.sites, LOCK));
    refusesInput(tiny, [expectedLine(tiny.sites, [{ line: 0, col: 0 }, "/", /^expected the address lock file, found a directory$/])]);
  });
});

describe("pins are checked against the spec: a pin allocation would never have handed out is refused in the lock", () => {
  test.each(BAD_PINS)("%s", (_mistake, mutate, edits, errors) => {
    const tiny = pinnedWith(mutate, edits);
    refusesInput(
      tiny,
      errors.map((e) => expectedLine(tiny.sites, e)),
    );
  });
});

describe("what the lock keeps", () => {
  /** Synthesizes `tiny` into its output directory; expects success and returns the lock that it left. */
  function synthesizes(tiny: { sites: string; out: string }, args: string[] = []): string {
    const r = runSynth(["--sites", tiny.sites, "--out", tiny.out, ...args]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(TINY_SYNTH_EXIT);
    return readFileSync(join(tiny.sites, LOCK), "utf8");
  }

  test("a normal run writes the same lock as before, byte for byte, and a second run leaves it", () => {
    const tiny = { sites: copySites(), out: join(tempDir(), "out") };
    const lock = synthesizes(tiny);
    expect(lock).toBe(
      `# Pinned VM addresses, written by \`npm run synth\`. Commit this file: it keeps every VM's address
# when others are added or removed. A freed address stays "held" until heldUntil.
version: 1
addresses:
  - ip: 10.1.10.11
    network: alpha/servers
    vm: alpha/alpha-dc01
    state: active
  - ip: 10.1.10.12
    network: alpha/servers
    vm: alpha/alpha-dc02
    state: active
  - ip: 10.1.20.5
    network: alpha/health
    vm: alpha/journal
    state: active
`,
    );
    expect(synthesizes(tiny)).toBe(lock);
  });

  test("a missing lock is the first run: no pins yet, and synth writes one", () => {
    const tiny = { sites: copySites(), out: join(tempDir(), "out") };
    expect(existsSync(join(tiny.sites, LOCK))).toBe(false);
    expect(readLock(join(tiny.sites, LOCK), LOCK)).toEqual({ entries: [] });
    synthesizes(tiny);
    expect(existsSync(join(tiny.sites, LOCK))).toBe(true);
  });

  test("an intentionally empty lock is version: 1 with addresses: [], as synth writes it for a site without addresses, and reads back", () => {
    const tiny = { sites: copySites(), out: join(tempDir(), "out") };
    rmSync(join(tiny.sites, ALPHA));
    const lock = synthesizes(tiny);
    expect(lock).toBe(serializeLock([]));
    expect(lock.endsWith("version: 1\naddresses: []\n")).toBe(true);
    expect(synthesizes(tiny)).toBe(lock);
    const read = readLock(join(tiny.sites, LOCK), LOCK);
    expect(read.entries).toEqual([]);
    expect(read.findings?.errors).toEqual([]);
  });

  test("a pin for a VM that no longer exists is held for holdDays from the evaluation date, and its DNS records go on the work list", () => {
    const tiny = pinnedWith((lock) =>
      lock.replace(
        "  - ip: 10.1.20.5",
        "  - ip: 10.1.10.13\n    network: alpha/servers\n    vm: alpha/gone\n    state: active\n  - ip: 10.1.20.5",
      ),
    );
    const lock = synthesizes(tiny);
    expect(parse(lock).addresses).toContainEqual({
      ip: "10.1.10.13",
      network: "alpha/servers",
      vm: "alpha/gone",
      state: "held",
      heldUntil: addDays(AS_OF, 90),
    });
    expect(readFileSync(join(tiny.out, "worklists", "tiny.txt"), "utf8")).toMatch(/remove.*gone\.tiny\.example.*10\.1\.10\.13/);
  });

  test("a pin on a shared service's address is kept: the service was declared at the address its VM already had", () => {
    const tiny = pinnedWith(
      (lock) =>
        lock.replace("addresses:\n", "addresses:\n  - ip: 10.0.20.10\n    network: site/shared\n    vm: alpha/dns1\n    state: active\n"),
      [
        [
          ALPHA,
          "workloads:\n",
          "workloads:\n  - { name: dns1, template: rhel9, size: small, network: shared, criticality: critical, classification: internal }\n",
        ],
      ],
    );
    const lock = synthesizes(tiny);
    expect(parse(lock).addresses).toContainEqual({ ip: "10.0.20.10", network: "site/shared", vm: "alpha/dns1", state: "active" });
  });
});

describe("evaluation dates and holds stay in the range the lock reads back", () => {
  const [first, last] = [EVALUATION_DATES.first, EVALUATION_DATES.last];
  const range = `expected a date from ${first} to ${last} \\(a freed address is held up to ${MAX_HOLD_DAYS} days and heldUntil must stay a four-digit year\\)`;

  test("the range: from 2000-01-01 to the last day whose longest hold still ends by 9999-12-31", () => {
    expect(first).toBe("2000-01-01");
    expect(addDays(last, MAX_HOLD_DAYS)).toBe(LATEST_DATE);
  });

  test.each([
    ["--as-of 9999-12-31 (its hold would end after the year 9999)", "9999-12-31"],
    ["--as-of the day after the last evaluation date", addDays(EVALUATION_DATES.last, 1)],
    ["--as-of 1999-12-31 (before the lock's first date)", "1999-12-31"],
  ])("%s is a usage error that writes nothing", (_mistake, date) => {
    const stderr = refusesChangingNothing(pinnedTiny(), ["--as-of", date]);
    expect(stderr.split("\n")[0]).toMatch(new RegExp(`^--as-of: ${range}, found "${date}"$`));
    expect(stderr).toMatch(/usage: npm run synth/);
  });

  test("--as-of on a day that does not exist is a usage error that writes nothing", () => {
    const stderr = refusesChangingNothing(pinnedTiny(), ["--as-of", "2027-02-29"]);
    expect(stderr.split("\n")[0]).toBe('--as-of: expected a date as YYYY-MM-DD, found "2027-02-29"');
  });

  test("ROOM_AS_OF outside the range is a usage error naming the variable", () => {
    expect(() => evaluationDate(undefined, { ROOM_AS_OF: "9999-12-31" })).toThrow(
      new UsageError(`ROOM_AS_OF: ${range.replace(/\\/g, "")}, found "9999-12-31"`),
    );
  });

  test("a clock outside the range is a usage error naming today's date", () => {
    expect(() => evaluationDate(undefined, {}, () => new Date("1970-01-01T00:00:00Z"))).toThrow(
      /^today's date: expected a date from 2000-01-01/,
    );
  });

  test("holdDays above its maximum is refused in site.yaml", () => {
    const tiny = pinnedWith(undefined, [[SITE, /$/, "ipam: { holdDays: 3651 }\n"]]);
    refusesInput(tiny, [
      printed({
        file: SITE,
        ...at(tiny.sites, SITE, "ipam:", "3651"),
        pointer: "/ipam/holdDays",
        message: /^must be <= 3650, found 3651$/,
      }),
    ]);
  });

  test("the last evaluation date with the longest hold writes a lock that the next run reads back", () => {
    const tiny = pinnedWith(undefined, [
      [SITE, /$/, `ipam: { holdDays: ${MAX_HOLD_DAYS} }\n`],
      [ALPHA, "count: 2", "count: 1"],
    ]);
    const args = ["--as-of", EVALUATION_DATES.last];
    const run = () => runSynth(["--sites", tiny.sites, "--out", tiny.out, ...args]);
    expect(run()).toMatchObject({ code: TINY_SYNTH_EXIT, stderr: "" });
    const lock = readFileSync(join(tiny.sites, LOCK), "utf8");
    const held = (parse(lock).addresses as { vm: string; heldUntil?: string }[]).find((e) => e.vm === "alpha/alpha-dc02");
    expect(held?.heldUntil).toBe(addDays(EVALUATION_DATES.last, MAX_HOLD_DAYS));
    expect(run()).toMatchObject({ code: TINY_SYNTH_EXIT, stderr: "" });
    expect(readFileSync(join(tiny.sites, LOCK), "utf8")).toBe(lock);
  });
});
