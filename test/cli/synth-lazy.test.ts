import { cpSync, statSync } from "node:fs";
import { join } from "node:path";
import { AS_OF, copySites, edit, EXAMPLES, runSynth as runSynthAt, sharedSynth, tempDir, treeOf } from "../helpers";

/** As the shared synth ran: with --as-of (the reports record where the date came from). */
const runSynth = (args: string[]) => runSynthAt([...args, "--as-of", AS_OF]);

/**
 * Lazy synth: `--site <s> --tenant <t>` builds only the tenant's stacks and keeps the others, and any
 * file whose bytes did not change keeps the previous output's file (same inode, same time). Whatever
 * it writes is byte for byte what a full serial synth of the same sites writes. Its checks are the
 * tenant's (cli/tenant-checks.ts), so it writes no reports: the output then holds none.
 */

const withoutReports = (tree: Map<string, Buffer>) => new Map([...tree].filter(([file]) => !file.startsWith("compliance/")));

/** A copy of the shared examples output (the previous run) and of the sites it was made from. */
function previousRun(): { sites: string; out: string } {
  const shared = sharedSynth("examples");
  const out = join(tempDir("lazy-"), "out");
  cpSync(shared.out, out, { recursive: true });
  const sites = copySites(shared.sites);
  return { sites, out };
}

/** Inode and modification time of every file below `dir`. */
function identities(dir: string): Map<string, string> {
  return new Map([...treeOf(dir).keys()].map((file) => [file, `${statSync(join(dir, file)).ino}@${statSync(join(dir, file)).mtimeMs}`]));
}

function differing(a: Map<string, Buffer>, b: Map<string, Buffer>): string[] {
  const files = new Set([...a.keys(), ...b.keys()]);
  return [...files].filter((f) => !a.get(f)?.equals(b.get(f) ?? Buffer.alloc(0)) || !b.has(f)).sort();
}

const DESCRIPTION = "Domain controller, ad.haugnes.kommune.no (moved 2023)";

test("one tenant: its stacks and the site's shared ones are rebuilt, every byte as a full synth writes it, and nothing else is rewritten", () => {
  const { sites, out } = previousRun();
  edit(sites, "fjordvik/tenants/haugnes.yaml", DESCRIPTION, "Domain controller, ad.haugnes.kommune.no (moved in 2023)");
  const before = identities(out);
  const old = treeOf(out);

  const lazy = runSynth(["--sites", sites, "--out", out, "--site", "fjordvik", "--tenant", "haugnes"]);
  expect(lazy.stderr).toBe("");
  expect(lazy.code).toBe(0);

  expect(lazy.stdout).toContain("checked for tenant haugnes");
  expect(lazy.stdout).not.toContain("report.md");

  const full = join(tempDir("full-"), "out");
  expect(runSynth(["--sites", copySites(sites), "--out", full]).code).toBe(0);
  const expected = withoutReports(treeOf(full));
  // The edit shows in the tenant's own stack and the facility records (which name its VMs), nowhere else.
  const changed = ["stacks/fjordvik-facility/cdk.tf.json", "stacks/fjordvik-haugnes/cdk.tf.json"];
  expect(differing(withoutReports(old), expected)).toEqual(changed);
  expect(differing(treeOf(out), expected)).toEqual([]);
  expect([...old.keys()].filter((f) => f.startsWith("compliance/"))).toHaveLength(4);

  const after = identities(out);
  const rewritten = [...after].filter(([file, id]) => before.get(file) !== id).map(([file]) => file);
  expect(rewritten.sort()).toEqual(changed);
});

test("the same run again rewrites no file: every file keeps its inode and its time", () => {
  const { sites, out } = previousRun();
  const before = identities(out);
  const stacksAndLists = (ids: Map<string, string>) => new Map([...ids].filter(([file]) => !file.startsWith("compliance/")));
  expect(runSynth(["--sites", sites, "--out", out, "--site", "fjordvik", "--tenant", "haugnes"]).code).toBe(0);
  expect(identities(out)).toEqual(stacksAndLists(before));
  expect(runSynth(["--sites", sites, "--out", out, "--site", "fjordvik", "--tenant", "haugnes"]).code).toBe(0);
  expect(identities(out)).toEqual(stacksAndLists(before));
  // A full synth writes the reports again, and keeps every other file.
  const reports = treeOf(sharedSynth("examples").out);
  expect(runSynth(["--sites", sites, "--out", out]).code).toBe(0);
  expect(stacksAndLists(identities(out))).toEqual(stacksAndLists(before));
  expect(differing(treeOf(out), reports)).toEqual([]);
});

test("into an output that lacks the site, one tenant builds the whole site, as --site does", () => {
  const sites = copySites(EXAMPLES);
  const lazy = join(tempDir("lazy-"), "out");
  expect(runSynth(["--sites", sites, "--out", lazy, "--site", "kvistrup", "--tenant", "kvistrup-forsyning"]).code).toBe(0);
  const site = join(tempDir("site-"), "out");
  expect(runSynth(["--sites", sites, "--out", site, "--site", "kvistrup"]).code).toBe(0);
  expect(differing(treeOf(lazy), withoutReports(treeOf(site)))).toEqual([]);
  expect([...treeOf(lazy).keys()].filter((f) => f.endsWith("cdk.tf.json")).length).toBeGreaterThan(3);
});

test("--tenant without --site, or a tenant the site does not have, is a usage error that writes nothing", () => {
  const { sites, out } = previousRun();
  const before = treeOf(out);
  const noSite = runSynth(["--sites", sites, "--out", out, "--tenant", "haugnes"]);
  expect(noSite.code).toBe(2);
  expect(noSite.stderr).toContain("--tenant needs --site");
  const unknown = runSynth(["--sites", sites, "--out", out, "--site", "fjordvik", "--tenant", "atlantis"]);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toContain("site fjordvik has no tenant atlantis; its tenants: fjordvik, haugnes, lauvstad");
  expect(differing(treeOf(out), before)).toEqual([]);
});
