import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { rootPasswordVariable } from "../../constructs/vmware-server-park";
import { EXAMPLES, load, ROOT, spawnSynth, tempDir, treeOf } from "../helpers";

/** Copies a directory tree writing files in the given order (to vary directory order on disk). */
function copyInOrder(from: string, to: string, reverse: boolean): void {
  const files = [...treeOf(from)].sort(([a], [b]) => (reverse ? b.localeCompare(a) : a.localeCompare(b)));
  for (const [rel, bytes] of files) {
    mkdirSync(join(to, rel, ".."), { recursive: true });
    writeFileSync(join(to, rel), bytes);
  }
}

const CANARY = "canary-7f3a9c-do-not-leak";
/** Every credential a user might have in the environment at synth time. */
function canaryEnv(): NodeJS.ProcessEnv {
  // Synth needs no terraform binary: run it with none on the PATH.
  const path = (process.env.PATH ?? "").split(delimiter).filter((dir) => !existsSync(join(dir, "terraform")));
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: path.join(delimiter), ROOM_AS_OF: "2026-11-22" };
  for (const name of [
    "TF_VAR_vsphere_user",
    "TF_VAR_vsphere_password",
    "TF_VAR_ad_join_password",
    "VSPHERE_USER",
    "VSPHERE_PASSWORD",
    "PGUSER",
    "PGPASSWORD",
    "PG_CONN_STR",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "TF_HTTP_USERNAME",
    "TF_HTTP_PASSWORD",
    "TF_TOKEN_app_terraform_io",
    "FORTIOS_ACCESS_TOKEN",
  ]) {
    env[name] = `${CANARY}-${name}`;
  }
  const hosts = load(EXAMPLES).sites.flatMap((s) => s.spec.clusters.flatMap((c) => c.hosts.map((h) => h.name)));
  for (const host of hosts) env[`TF_VAR_${rootPasswordVariable(host)}`] = `${CANARY}-${host}`;
  return env;
}

function synthIn(cwd: string, sites: string, out: string): void {
  const result = spawnSynth(["--sites", sites, "--out", out], { cwd, env: canaryEnv() });
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
}

describe("same input, same bytes out", () => {
  test("copies written in another order, synthesized from another directory (with no terraform binary), give identical bytes and leak no credential", () => {
    const a = tempDir("det-a-");
    const b = tempDir("det-b-");
    copyInOrder(EXAMPLES, join(a, "sites"), false);
    copyInOrder(EXAMPLES, join(b, "nested", "sites"), true);
    synthIn(a, "sites", "cdktf.out");
    synthIn(ROOT, join(b, "nested", "sites"), join(b, "elsewhere", "out"));

    const outA = treeOf(join(a, "cdktf.out"));
    const outB = treeOf(join(b, "elsewhere", "out"));
    expect([...outB.keys()].sort()).toEqual([...outA.keys()].sort());
    for (const [rel, bytes] of outA) expect({ rel, same: bytes.equals(outB.get(rel)!) }).toEqual({ rel, same: true });
    // The address pins written to the sites are the same too.
    for (const site of readdirSync(join(a, "sites"))) {
      expect(readFileSync(join(b, "nested", "sites", site, "ipam.lock.yaml"), "utf8")).toBe(
        readFileSync(join(a, "sites", site, "ipam.lock.yaml"), "utf8"),
      );
    }
    expect(outA.size).toBeGreaterThan(5);
    for (const [rel, bytes] of outA) expect({ rel, leaks: bytes.toString("utf8").includes(CANARY) }).toEqual({ rel, leaks: false });
    for (const [rel, bytes] of treeOf(join(a, "sites")))
      expect({ rel, leaks: bytes.toString("utf8").includes(CANARY) }).toEqual({ rel, leaks: false });
  });
});
