import { cpSync, existsSync } from "node:fs";
import { join } from "node:path";
import { AS_OF, copySites, edit, runSynth as runSynthAt, sharedSynth, tempDir, TINY_SYNTH_EXIT, treeOf } from "../helpers";

/**
 * `--skip-checks`, the quick loop: the stacks are written as a checked run writes them, but no policy
 * check runs, so the output holds no reports (the previous ones described other stacks) and the exit
 * code says nothing about policy.
 */
const runSynth = (args: string[]) => runSynthAt([...args, "--as-of", AS_OF]);

const stacksOf = (tree: Map<string, Buffer>) => new Map([...tree].filter(([file]) => file.startsWith("stacks/")));

test("one tenant without the checks: the stacks of a checked full synth, no reports, and a summary of the stacks built", () => {
  const shared = sharedSynth("examples");
  const out = join(tempDir("skip-"), "out");
  cpSync(shared.out, out, { recursive: true });
  expect(existsSync(join(out, "compliance", "report.json"))).toBe(true);
  const sites = copySites(shared.sites);
  edit(
    sites,
    "fjordvik/tenants/haugnes.yaml",
    "Domain controller, ad.haugnes.kommune.no (moved 2023)",
    "Domain controller (moved in 2023)",
  );

  const quick = runSynth(["--sites", sites, "--out", out, "--site", "fjordvik", "--tenant", "haugnes", "--skip-checks"]);
  expect(quick.stderr).toBe("");
  expect(quick.code).toBe(0);
  expect(existsSync(join(out, "compliance"))).toBe(false);
  expect(quick.stdout).toContain("policy checks skipped (--skip-checks)");
  expect(quick.stdout).toMatch(/^fjordvik-haugnes +\d+/m);
  expect(quick.stdout).not.toMatch(/^kvistrup-/m);
  expect(quick.stdout).toMatch(/^\(and \d+ stacks kept from the previous output\)$/m);

  const full = join(tempDir("full-"), "out");
  expect(runSynth(["--sites", copySites(sites), "--out", full]).code).toBe(0);
  const quickStacks = stacksOf(treeOf(out));
  const fullStacks = stacksOf(treeOf(full));
  expect([...quickStacks.keys()].sort()).toEqual([...fullStacks.keys()].sort());
  for (const [file, bytes] of fullStacks) expect({ file, same: quickStacks.get(file)?.equals(bytes) }).toEqual({ file, same: true });

  // The next checked run of the site writes the reports again.
  expect(runSynth(["--sites", sites, "--out", out, "--site", "fjordvik"]).code).toBe(0);
  expect(
    treeOf(out)
      .get("compliance/report.json")
      ?.equals(treeOf(full).get("compliance/report.json") ?? Buffer.alloc(0)),
  ).toBe(true);
});

test("a room that fails its checks: exit 1 checked, exit 0 with --skip-checks, which says the checks did not run", () => {
  const sites = copySites();
  const checked = runSynth(["--sites", sites, "--out", join(tempDir("checked-"), "out")]);
  expect(checked.code).toBe(TINY_SYNTH_EXIT);
  expect(TINY_SYNTH_EXIT).toBe(1);
  const quick = runSynth(["--sites", sites, "--out", join(tempDir("quick-"), "out"), "--skip-checks"]);
  expect(quick.code).toBe(0);
  expect(quick.stdout).toContain("policy checks skipped");
  expect(quick.stdout).not.toContain("mandatory finding");
});
