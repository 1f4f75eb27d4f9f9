import { createHash } from "node:crypto";
import { cpSync, existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { AS_OF, copySites, runSynth as runSynthAt, sharedSynth, tempDir, TINY_SYNTH_EXIT, treeOf } from "../helpers";

/**
 * The checks of `synth --site <s> --tenant <t>` (cli/tenant-checks.ts): the site's room, the rules of
 * reach "tenant" over the tenant's view of it and the others over all of it, gated on the stacks the
 * run built; no reports (they describe the whole output). Which findings the view keeps is tested in
 * test/policies/tenant-reach.test.ts.
 */
const runSynth = (args: string[]) => runSynthAt([...args, "--as-of", AS_OF]);
/** Each file's sha256 (jest compares buffers of megabytes byte by byte, slowly). */
const hashesOf = (dir: string) =>
  new Map([...treeOf(dir)].map(([file, bytes]) => [file, createHash("sha256").update(bytes).digest("hex")]));
const blockingCount = (stdout: string) => /^(\d+) mandatory finding\(s\) without a valid waiver/m.exec(stdout)?.[1];

test("a tenant's failures fail its run (exit 1), as a full synth's do, and the output holds no reports", () => {
  const sites = copySites();
  const full = runSynth(["--sites", sites, "--out", join(tempDir("full-"), "out")]);
  expect(full.code).toBe(TINY_SYNTH_EXIT);
  const out = join(tempDir("tenant-"), "out");
  const tenant = runSynth(["--sites", sites, "--out", out, "--site", "tiny", "--tenant", "alpha"]);
  expect(tenant.stderr).toBe("");
  expect(tenant.code).toBe(1);
  // The tenant's own failures (a rule of reach tenant) and the shared stacks' (rules over the whole room).
  expect(tenant.stdout).toMatch(/^FAIL +SEC-ENDPOINT +tiny-alpha: /m);
  expect(tenant.stdout).toMatch(/^FAIL +RED-HOST-N1 +tiny-vsphere: /m);
  // The site has one tenant, so its view is the whole room: the same blocking findings.
  expect(blockingCount(tenant.stdout)).toBe(blockingCount(full.stdout));
  expect(tenant.stdout).toContain("checked for tenant alpha: ");
  expect(tenant.stdout).toContain("the output holds no compliance reports");
  expect(tenant.stdout).not.toContain("report.md");
  expect(existsSync(join(out, "compliance"))).toBe(false);
});

test("a stack of the previous output someone broke: exit 2 naming the file in the output, nothing written", () => {
  const shared = sharedSynth("examples");
  // A tenant run reads its site's other tenants' stacks back; a site run, the other sites'.
  for (const [stack, args] of [
    ["fjordvik-lauvstad", ["--site", "fjordvik", "--tenant", "haugnes"]],
    ["kvistrup-facility", ["--site", "fjordvik"]],
  ] as const) {
    const out = join(tempDir("broken-"), "out");
    cpSync(shared.out, out, { recursive: true });
    writeFileSync(join(out, "stacks", stack, "cdk.tf.json"), '{"resource": {');
    const before = hashesOf(out);
    const run = runSynth(["--sites", copySites(shared.sites), "--out", out, ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${join(out, "stacks", stack, "cdk.tf.json")}: not valid JSON (line 1, column 15`);
    expect(run.stderr).toContain("a stack kept from the previous output cannot be read");
    expect(run.stderr).not.toMatch(/internal error|\n +at /);
    expect(hashesOf(out)).toEqual(before);
  }
});
