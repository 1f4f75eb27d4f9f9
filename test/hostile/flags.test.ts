import { existsSync } from "node:fs";
import { join } from "node:path";
import { copySites, runSynth, tempDir, TINY_SYNTH_EXIT, treeOf } from "../helpers";

/**
 * Flags as a careless user types them: each is exit 2 with a message that names the flag and the
 * usage, no stack trace, and nothing written (no output directory, no lock, the sites unchanged).
 */
describe("synth flags a careless user types", () => {
  test.each<[string, (sites: string, out: string) => string[], RegExp, NodeJS.ProcessEnv?]>([
    ["an unknown flag", (s, o) => ["--sites", s, "--out", o, "--colour", "red"], /Unknown option '--colour'/],
    ["a flag with one dash", (s, o) => ["--sites", s, "--out", o, "-site", "tiny"], /Unknown option '-s'|Unknown option/],
    ["a stray positional argument", (s, o) => ["--sites", s, "--out", o, "tiny"], /Unexpected argument 'tiny'/],
    ["--sites without its value", (_s, o) => ["--out", o, "--sites"], /Option '--sites <value>' argument missing/],
    ["--out without its value", (s) => ["--sites", s, "--out"], /Option '--out <value>' argument missing/],
    ["--site without its value", (s, o) => ["--sites", s, "--out", o, "--site"], /Option '--site <value>' argument missing/],
    ["--as-of without its value", (s, o) => ["--sites", s, "--out", o, "--as-of"], /Option '--as-of <value>' argument missing/],
    [
      "--as-of that is not a date",
      (s, o) => ["--sites", s, "--out", o, "--as-of", "tomorrow"],
      /--as-of: expected a date as YYYY-MM-DD, found "tomorrow"/,
    ],
    [
      "--as-of on a day that does not exist",
      (s, o) => ["--sites", s, "--out", o, "--as-of", "2026-02-30"],
      /--as-of: expected a date as YYYY-MM-DD, found "2026-02-30"/,
    ],
    ["--as-of with a time", (s, o) => ["--sites", s, "--out", o, "--as-of", "2026-11-22T10:00"], /--as-of: expected a date as YYYY-MM-DD/],
    ["--as-of empty", (s, o) => ["--sites", s, "--out", o, "--as-of="], /--as-of: expected a date as YYYY-MM-DD, found ""/],
    [
      "--as-of far in the future",
      (s, o) => ["--sites", s, "--out", o, "--as-of", "9999-12-31"],
      /--as-of: expected a date from .* to .*found "9999-12-31"/,
    ],
    [
      "ROOM_AS_OF that is not a date",
      (s, o) => ["--sites", s, "--out", o],
      /ROOM_AS_OF: expected a date as YYYY-MM-DD, found "22\.11\.2026"/,
      { ROOM_AS_OF: "22.11.2026" },
    ],
    ["--site that names no site", (s, o) => ["--sites", s, "--out", o, "--site", "atlantis"], /no site "atlantis"; expected one of tiny/],
    ["--site given as a path", (s, o) => ["--sites", s, "--out", o, "--site", "sites/tiny"], /no site "sites\/tiny"; expected one of tiny/],
    ["--sites that does not exist", (_s, o) => ["--sites", join(tempDir(), "nope"), "--out", o], /expected a directory of sites/],
    ["--sites that is a file", (s, o) => ["--sites", join(s, "tiny", "site.yaml"), "--out", o], /expected a directory of sites/],
    [
      "--sites pointing at one site instead of the sites directory",
      (s, o) => ["--sites", join(s, "tiny"), "--out", o],
      /expected at least one site/,
    ],
    // A default for env keeps the callback's arity at three: jest reads a fourth parameter as `done`.
  ])("%s", (_name, args, message, env: NodeJS.ProcessEnv = {}) => {
    const sites = copySites();
    const out = join(tempDir(), "out");
    const before = treeOf(sites);
    const saved = { ...process.env };
    Object.assign(process.env, env);
    let r: ReturnType<typeof runSynth>;
    try {
      r = runSynth(args(sites, out));
    } finally {
      for (const key of Object.keys(env)) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
    }
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at \S+ \(/);
    expect(r.stdout).toBe("");
    expect(existsSync(out)).toBe(false);
    expect(treeOf(sites)).toEqual(before);
  });

  test("a flag given twice: the last one counts, as with other command-line tools", () => {
    const sites = copySites();
    const first = join(tempDir(), "first");
    const second = join(tempDir(), "second");
    const r = runSynth(["--sites", sites, "--out", first, "--out", second]);
    expect(r.code).toBe(TINY_SYNTH_EXIT);
    expect(existsSync(second)).toBe(true);
    expect(existsSync(first)).toBe(false);
  });
});
