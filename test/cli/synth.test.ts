import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { evaluationDate } from "../../cli/as-of";
import { UsageError } from "../../cli/exit-codes";
import { copySites, runSynth, tempDir, TINY_SYNTH_EXIT } from "../helpers";

describe("npm run synth: usage and exit codes", () => {
  test("--help prints the usage and exits 0", () => {
    const r = runSynth(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /usage: npm run synth -- \[--sites <dir>\] \[--out <dir>\] \[--site <name> \[--tenant <id>\]\] \[--skip-checks\] \[--as-of <YYYY-MM-DD>\]/,
    );
  });

  test.each([
    [["--colour", "red"], /Unknown option '--colour'/],
    [["--as-of", "2026-13-01"], /--as-of: expected a date as YYYY-MM-DD, found "2026-13-01"/],
    [["stray"], /Unexpected argument 'stray'/],
  ])("bad usage %j exits 2 with a message and the usage, no stack trace", (args, message) => {
    const r = runSynth(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/usage: npm run synth/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test("a missing sites directory and an unknown --site are bad input", () => {
    const missing = runSynth(["--sites", join(tempDir(), "nope"), "--out", join(tempDir(), "out")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope: \/: expected a directory of sites/);
    const unknown = runSynth(["--sites", copySites(), "--site", "atlantis", "--out", join(tempDir(), "out")]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no site "atlantis"; expected one of tiny/);
  });

  test("a good run prints stacks with resource counts and writes the work list", () => {
    const out = join(tempDir(), "out");
    const r = runSynth(["--sites", copySites(), "--out", out, "--site", "tiny"]);
    expect(r.code).toBe(TINY_SYNTH_EXIT);
    expect(r.stdout).toMatch(/^stack\s+resources\s+data\s+imports\s+removed$/m);
    expect(r.stdout).toMatch(/^tiny-vsphere\s+\d+\s+\d+\s+\d+\s+0$/m);
    expect(r.stdout).toMatch(/^5 stacks, \d+ resources$/m);
    expect(r.stdout).toMatch(/add {5}A {3}alpha-dc01\.tiny\.example -> 10\.1\.10\.11/);
    expect(readdirSync(join(out, "stacks")).sort()).toEqual([
      "tiny-alpha",
      "tiny-alpha-fw",
      "tiny-facility",
      "tiny-firewall",
      "tiny-vsphere",
    ]);
    expect(existsSync(join(out, "worklists", "tiny.txt"))).toBe(true);
  });
});

describe("evaluation date", () => {
  const clock = () => new Date("2031-05-06T23:59:00Z");
  test("--as-of wins over ROOM_AS_OF, which wins over the clock", () => {
    expect(evaluationDate("2026-01-02", { ROOM_AS_OF: "2027-03-04" }, clock)).toBe("2026-01-02");
    expect(evaluationDate(undefined, { ROOM_AS_OF: "2027-03-04" }, clock)).toBe("2027-03-04");
    expect(evaluationDate(undefined, {}, clock)).toBe("2031-05-06");
  });
  test("a malformed ROOM_AS_OF is a usage error naming the variable", () => {
    expect(() => evaluationDate(undefined, { ROOM_AS_OF: "22.11.2026" }, clock)).toThrow(
      new UsageError('ROOM_AS_OF: expected a date as YYYY-MM-DD, found "22.11.2026"'),
    );
  });
});
