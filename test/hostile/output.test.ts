import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { formatMarker, OUTPUT_MARKER } from "../../cli/output-directory";
import { edit, ROOT, runSynth, spawnSynth, tempDir, TINY, TINY_SYNTH_EXIT, treeOf } from "../helpers";

/**
 * What synth writes and deletes: only its own output directory (marked) and the address locks, and
 * those two together. Every refusal is exit 2 with nothing touched.
 */

/** A project directory: sites/ (the tiny fixture), a README, a docs/ folder of the user's, an empty folder. */
function project(): string {
  const root = tempDir("project-");
  cpSync(TINY, join(root, "sites"), { recursive: true });
  writeFileSync(join(root, "README.md"), "the user's notes\n");
  mkdirSync(join(root, "docs"));
  writeFileSync(join(root, "docs", "plan.md"), "the user's plan\n");
  mkdirSync(join(root, "empty"));
  symlinkSync(join(root, "sites"), join(root, "link-to-sites"));
  symlinkSync(join(root, "docs"), join(root, "link-to-docs"));
  mkdirSync(join(root, "forged"));
  writeFileSync(join(root, "forged", OUTPUT_MARKER), JSON.stringify({ note: "not synth's", sites: {} }));
  mkdirSync(join(root, "odd-marker", OUTPUT_MARKER), { recursive: true });
  return root;
}

/** Runs synth in-process with `cwd` as the working directory. */
function synthIn(cwd: string, args: string[]): ReturnType<typeof runSynth> {
  const before = process.cwd();
  process.chdir(cwd);
  try {
    return runSynth(args);
  } finally {
    process.chdir(before);
  }
}

const NO_TRACE = /internal error|\n\s+at \S+ \(/;

describe("--out that synth must not replace: exit 2, nothing touched", () => {
  test.each<[string, (root: string) => string, RegExp]>([
    ["the sites directory", () => "sites", /^--out "sites": is the sites directory; nothing was written/],
    ["the sites directory with a trailing slash", () => "sites/", /is the sites directory/],
    ["the sites directory by its absolute path", (root) => join(root, "sites"), /is the sites directory/],
    ["a site's directory", () => "sites/tiny", /lies inside the sites directory/],
    ["a site's tenants directory", () => "sites/tiny/tenants", /lies inside the sites directory/],
    ["a new directory inside the sites directory", () => "sites/out", /lies inside the sites directory/],
    ["a path that leaves the sites directory and comes back", () => "sites/../sites/tiny/../tiny", /lies inside the sites directory/],
    ["a symlink to the sites directory", () => "link-to-sites", /is the sites directory/],
    ["a new directory below a symlink to the sites directory", () => "link-to-sites/out", /lies inside the sites directory/],
    ["the working directory", () => ".", /contains the sites directory|is the working directory/],
    ["an empty name", () => "", /expected a directory, found an empty name/],
    ["a name of spaces", () => "   ", /expected a directory, found an empty name/],
    ["the root of the file system", () => "/", /is the root of the file system/],
    ["the directory that holds the working directory", () => "..", /contains the (sites|working) directory/],
    ["an existing file", () => "README.md", /is an existing file, not a directory synth wrote/],
    ["a path below an existing file", () => "README.md/out", /lies below .*README\.md, which is a file/],
    ["a character device", () => "/dev/null", /is an existing file, not a directory synth wrote/],
    ["a directory of the user's files", () => "docs", /is a directory synth did not write \(it has no \.synth-output\.json\)/],
    ["an empty directory synth did not write", () => "empty", /is a directory synth did not write/],
    ["a symlink to a directory of the user's", () => "link-to-docs", /is a directory synth did not write/],
    ["a directory with a marker synth did not write", () => "forged", /is a directory synth did not write/],
    ["a directory whose marker is a directory", () => "odd-marker", /is a directory synth did not write/],
  ])("%s", (_name, outOf, message) => {
    const root = project();
    const before = treeOf(root);
    const r = synthIn(root, ["--sites", "sites", "--out", outOf(root)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(NO_TRACE);
    expect(r.stdout).toBe("");
    expect(treeOf(root)).toEqual(before);
  });

  test("the working directory, when the sites live elsewhere", () => {
    const root = project();
    const elsewhere = tempDir("cwd-");
    writeFileSync(join(elsewhere, "keep.txt"), "mine\n");
    const r = synthIn(elsewhere, ["--sites", join(root, "sites"), "--out", "."]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^--out "\.": is the working directory; nothing was written/);
    expect(readdirSync(elsewhere)).toEqual(["keep.txt"]);
  });

  test("a place the file system refuses to create: exit 2 naming it, no stack trace", () => {
    const root = project();
    const r = synthIn(root, ["--sites", "sites", "--out", "/proc/room-as-code-test/out"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^could not write the output \/proc\/room-as-code-test\/out and the address locks: .*; nothing was changed/);
    expect(r.stderr).not.toMatch(NO_TRACE);
    expect(existsSync(join(root, "sites", "tiny", "ipam.lock.yaml"))).toBe(false);
  });

  test("a name too long for the file system", () => {
    const root = project();
    const r = synthIn(root, ["--sites", "sites", "--out", "x".repeat(300)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ENAMETOOLONG/);
    expect(r.stderr).not.toMatch(NO_TRACE);
  });
});

describe("the output directory is synth's own", () => {
  test("every output carries the marker, which lists each site's stacks", () => {
    const root = project();
    expect(synthIn(root, ["--sites", "sites", "--out", "out"]).code).toBe(TINY_SYNTH_EXIT);
    const marker = JSON.parse(readFileSync(join(root, "out", OUTPUT_MARKER), "utf8")) as { sites: Record<string, { stacks: string[] }> };
    expect(marker.sites).toEqual({ tiny: { stacks: ["tiny-alpha", "tiny-alpha-fw", "tiny-facility", "tiny-firewall", "tiny-vsphere"] } });
    expect(readdirSync(join(root, "out", "stacks")).sort()).toEqual(marker.sites.tiny.stacks);
  });

  test("a second run replaces its own output and touches nothing beside it", () => {
    const root = project();
    expect(synthIn(root, ["--sites", "sites", "--out", "out"]).code).toBe(TINY_SYNTH_EXIT);
    const beside = readdirSync(root).sort();
    writeFileSync(join(root, "out", "stray.txt"), "left in the output\n");
    expect(synthIn(root, ["--sites", "sites", "--out", "out"]).code).toBe(TINY_SYNTH_EXIT);
    expect(existsSync(join(root, "out", "stray.txt"))).toBe(false);
    expect(readdirSync(root).sort()).toEqual(beside);
  });
});

/** Two sites: the tiny fixture and a twin of it. */
function twoSites(): string {
  const root = project();
  cpSync(join(root, "sites", "tiny"), join(root, "sites", "twin"), { recursive: true });
  edit(join(root, "sites"), "twin/site.yaml", /^site: tiny$/m, "site: twin");
  return root;
}

describe("--site", () => {
  test("writes only that site's stacks and keeps the other sites' stacks, work lists and manifest entries", () => {
    const root = twoSites();
    expect(synthIn(root, ["--sites", "sites", "--out", "out"]).code).toBe(TINY_SYNTH_EXIT);
    const full = treeOf(join(root, "out"));
    edit(join(root, "sites"), "tiny/tenants/alpha.yaml", "name: Alpha kommune", "name: Alpha kommune (renamed)");
    expect(synthIn(root, ["--sites", "sites", "--out", "out", "--site", "tiny"]).code).toBe(TINY_SYNTH_EXIT);
    const after = treeOf(join(root, "out"));
    const twin = [...full.keys()].filter((k) => k.startsWith("stacks/twin-") || k === "worklists/twin.txt");
    expect(twin.length).toBeGreaterThan(5);
    for (const k of twin) expect({ k, same: after.get(k)?.equals(full.get(k) ?? Buffer.alloc(0)) }).toEqual({ k, same: true });
    const manifest = JSON.parse(readFileSync(join(root, "out", "manifest.json"), "utf8")) as { stacks: Record<string, unknown> };
    expect(Object.keys(manifest.stacks).sort()).toEqual(readdirSync(join(root, "out", "stacks")).sort());
    expect(readFileSync(join(root, "out", "stacks", "tiny-facility", "cdk.tf.json"), "utf8")).toContain("Alpha kommune (renamed)");
  });

  test("after a full run, a --site run of unchanged specs gives the same bytes", () => {
    const root = twoSites();
    // Twice: the first run pins the addresses (its work lists say what to add), the second has no work.
    expect(synthIn(root, ["--sites", "sites", "--out", "out"]).code).toBe(TINY_SYNTH_EXIT);
    expect(synthIn(root, ["--sites", "sites", "--out", "out"]).code).toBe(TINY_SYNTH_EXIT);
    const full = treeOf(join(root, "out"));
    expect(synthIn(root, ["--sites", "sites", "--out", "out", "--site", "twin"]).code).toBe(TINY_SYNTH_EXIT);
    expect(treeOf(join(root, "out"))).toEqual(full);
  });

  test("into a new directory, writes only that site", () => {
    const root = twoSites();
    expect(synthIn(root, ["--sites", "sites", "--out", "out", "--site", "twin"]).code).toBe(TINY_SYNTH_EXIT);
    expect(readdirSync(join(root, "out", "stacks")).every((s) => s.startsWith("twin-"))).toBe(true);
    expect(readdirSync(join(root, "out", "worklists"))).toEqual(["twin.txt"]);
  });
});

describe("leftovers of stopped runs", () => {
  const DEAD = 2 ** 22 + 12345; // above Linux's default pid_max: no such process
  test.each<[string, (root: string) => string, boolean]>([
    ["an output build of a run that is gone is removed", (root) => withMarker(join(root, `.out.${DEAD}.tmp`)), false],
    ["an old output of a run that is gone is removed", (root) => withMarker(join(root, `.out.${DEAD}.old`)), false],
    ["a journal's temporary of a run that is gone is removed", (root) => file(join(root, `.out.commit.json.${DEAD}.tmp`)), false],
    [
      "a lock temporary of a run that is gone is removed",
      (root) => file(join(root, "sites", "tiny", `.ipam.lock.yaml.${DEAD}.tmp`)),
      false,
    ],
    ["an output build of a run still going is kept", (root) => withMarker(join(root, `.out.${process.ppid}.tmp`)), true],
    [
      "a directory of that name without the marker is not synth's and is kept",
      (root) => file(join(root, `.out.${DEAD}.tmp`, "mine.txt")),
      true,
    ],
    ["a lock temporary of another name is kept", (root) => file(join(root, "sites", "tiny", `.notes.${DEAD}.tmp`)), true],
  ])("%s", (_name, leave, kept) => {
    const root = project();
    const left = leave(root);
    expect(synthIn(root, ["--sites", "sites", "--out", "out"]).code).toBe(TINY_SYNTH_EXIT);
    expect(existsSync(left)).toBe(kept);
  });

  function withMarker(dir: string): string {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, OUTPUT_MARKER), formatMarker({}));
    return dir;
  }
  function file(path: string): string {
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(path, "left behind\n");
    return path;
  }
});

/**
 * The old world: a synthesized output and its lock. The new world: one more VM, so both the output
 * and the lock change. A run stopped at any step leaves the old world or the new one (after the locks
 * are in, a new lock beside the old output is allowed: the next run uses the new pins); never a new
 * output beside the old lock. The next run finishes it.
 */
describe("output and address locks commit together", () => {
  const NEW_VM =
    "  - name: extra\n    template: rhel9\n    size: small\n    network: servers\n    criticality: standard\n    classification: internal\n";
  function worlds(): { root: string; oldOut: Map<string, Buffer>; oldLock: string } {
    const root = project();
    expect(synthIn(root, ["--sites", "sites", "--out", "out"]).code).toBe(TINY_SYNTH_EXIT);
    const oldOut = treeOf(join(root, "out"));
    const oldLock = readFileSync(join(root, "sites", "tiny", "ipam.lock.yaml"), "utf8");
    edit(join(root, "sites"), "tiny/tenants/alpha.yaml", /\nfirewall:/, `\n${NEW_VM}firewall:`);
    return { root, oldOut, oldLock };
  }
  const lockOf = (root: string) => readFileSync(join(root, "sites", "tiny", "ipam.lock.yaml"), "utf8");
  const outHasNewVm = (root: string) => readFileSync(join(root, "out", "stacks", "tiny-alpha", "cdk.tf.json"), "utf8").includes('"extra"');

  test.each<[string, string, "SIGKILL" | "SIGINT"]>([
    ["killed after building the output", "built", "SIGKILL"],
    ["killed after writing the new locks beside the old", "files-written", "SIGKILL"],
    ["killed after the journal", "journal-written", "SIGKILL"],
    ["killed after the locks are in", "files-renamed", "SIGKILL"],
    ["killed after the output is in", "output-swapped", "SIGKILL"],
    ["interrupted (Ctrl-C) after the journal", "journal-written", "SIGINT"],
  ])("%s: never a new output beside an old lock; the next run finishes", (_name, step, signal) => {
    const { root, oldOut, oldLock } = worlds();
    const stopped = spawnSynth(["--sites", "sites", "--out", "out"], {
      cwd: root,
      env: { ROOM_TEST_CRASH_AT: step, ROOM_TEST_CRASH_SIGNAL: signal },
    });
    // tsx runs synth in a child of its own and exits with 128 + the signal's number when it dies. A
    // Ctrl-C reaches the synchronous run only when it is done (tsx listens for SIGINT): it then ends
    // with the run's own code (the tiny fixture's checks fail: TINY_SYNTH_EXIT).
    expect(signal === "SIGINT" ? [TINY_SYNTH_EXIT, 130] : [137]).toContain(stopped.status);
    const lockIsNew = lockOf(root) !== oldLock;
    const outIsNew = outHasNewVm(root);
    if (outIsNew) expect({ step, lockIsNew }).toEqual({ step, lockIsNew: true });
    else expect(treeOf(join(root, "out"))).toEqual(oldOut);
    // Until the journal's renames begin, everything is old.
    if (signal === "SIGKILL" && ["built", "files-written", "journal-written"].includes(step))
      expect({ step, outIsNew, lockIsNew }).toEqual({ step, outIsNew: false, lockIsNew: false });

    const next = synthIn(root, ["--sites", "sites", "--out", "out"]);
    expect(next.stderr).not.toMatch(NO_TRACE);
    expect(next.code).toBe(TINY_SYNTH_EXIT);
    expect(outHasNewVm(root)).toBe(true);
    expect(lockOf(root)).toMatch(/vm: alpha\/extra/);
    expect(readdirSync(root).filter((n) => n.startsWith(".out."))).toEqual([]);
    expect(readdirSync(join(root, "sites", "tiny")).filter((n) => n.startsWith("."))).toEqual([]);
  });

  test.each([
    ["the output cannot be finished (disk full)", "built"],
    ["the new locks cannot be written (disk full)", "files-written"],
  ])("%s: exit 2, output and lock both old, no temporaries left", (_name, step) => {
    const { root, oldOut, oldLock } = worlds();
    process.env.ROOM_TEST_FAIL_AT = step;
    let r: ReturnType<typeof runSynth>;
    try {
      r = synthIn(root, ["--sites", "sites", "--out", "out"]);
    } finally {
      delete process.env.ROOM_TEST_FAIL_AT;
    }
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^could not write the output .* ENOSPC.*; nothing was changed/);
    expect(treeOf(join(root, "out"))).toEqual(oldOut);
    expect(lockOf(root)).toBe(oldLock);
    expect(readdirSync(root).filter((n) => n.startsWith(".out."))).toEqual([]);
    expect(readdirSync(join(root, "sites", "tiny")).filter((n) => n.startsWith("."))).toEqual([]);
  });
});

describe("the terminal and the cdktf app", () => {
  test("a reader that goes away (npm run synth | true) ends the run quietly with exit 0", async () => {
    const root = project();
    const child = spawn(
      process.execPath,
      [join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), join(ROOT, "cli", "synth.ts"), "--sites", "sites", "--out", "out"],
      {
        cwd: root,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.on("close", done));
    expect(stderr).toBe("");
    expect(code).toBe(TINY_SYNTH_EXIT);
    expect(existsSync(join(root, "out", OUTPUT_MARKER))).toBe(true);
  });

  test("a file synth skips is said on stderr, on success and with the errors of a failed run", () => {
    const root = project();
    writeFileSync(join(root, "sites", "tiny", "tenants", "notes.txt"), "not a tenant\n");
    const ok = synthIn(root, ["--sites", "sites", "--out", "out"]);
    expect(ok.code).toBe(TINY_SYNTH_EXIT);
    expect(ok.stderr).toBe("warning: sites/tiny/tenants/notes.txt: /: skipped: not a .yaml or .yml file\n");
    edit(join(root, "sites"), "tiny/site.yaml", "country: NO", "country: FI");
    const failed = synthIn(root, ["--sites", "sites", "--out", "out"]);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toMatch(/^warning: sites\/tiny\/tenants\/notes\.txt: \/: skipped: not a \.yaml or \.yml file\n.*country/s);
  });

  test("the cdktf app refuses sites whose addresses are not pinned yet, and writes no lock", () => {
    const root = project();
    const r = spawnCdktfApp(root);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/addresses are not pinned yet in .*ipam\.lock\.yaml: run `npm run synth`/);
    expect(existsSync(join(root, "sites", "tiny", "ipam.lock.yaml"))).toBe(false);
  });

  test("the cdktf app synthesizes with the committed pins and changes nothing in the sites", () => {
    const root = project();
    expect(synthIn(root, ["--sites", "sites", "--out", "out"]).code).toBe(TINY_SYNTH_EXIT);
    const sites = treeOf(join(root, "sites"));
    const r = spawnCdktfApp(root);
    // The same gate as npm run synth: `cdktf deploy` cannot go around a mandatory failure.
    expect(r.status).toBe(TINY_SYNTH_EXIT);
    if (TINY_SYNTH_EXIT === 1) expect(r.stderr).toContain(join(root, "cdktf-app-out", "compliance", "report.md"));
    else expect(r.stderr).toBe("");
    expect(existsSync(join(root, "cdktf-app-out", "compliance", "report.json"))).toBe(true);
    expect(treeOf(join(root, "sites"))).toEqual(sites);
    expect(readdirSync(join(root, "cdktf-app-out", "stacks")).sort()).toEqual(readdirSync(join(root, "out", "stacks")).sort());
  });

  function spawnCdktfApp(root: string) {
    return spawnSynthLike(join(ROOT, "main.ts"), root, { ROOM_SITES: join(root, "sites"), CDKTF_OUTDIR: join(root, "cdktf-app-out") });
  }
});

function spawnSynthLike(entry: string, cwd: string, env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, [join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), entry], {
    cwd,
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
}
