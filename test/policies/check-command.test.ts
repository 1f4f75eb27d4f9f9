import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { main } from "../../cli/check";
import { checkSynthesized } from "../../cli/compliance-output";
import { AS_OF, escapeRegExp as escape, outputCollector, sharedSynth, tempDir } from "../helpers";

/** `npm run check`, in-process: its exit code and what it printed. */
function check(...args: string[]): { code: number; stdout: string; stderr: string } {
  const out = outputCollector();
  const err = outputCollector();
  const code = main(args, out.stream, err.stream);
  return { code, stdout: out.text(), stderr: err.text() };
}

describe("npm run check over synthesized output", () => {
  test("the shared example output passes: exit 0, the same verdict synth gave", () => {
    const { out, result } = sharedSynth("examples");
    const r = check(out, "--as-of", AS_OF);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.code).toBe(result.code);
    expect(r.stdout).not.toMatch(/^FAIL /m);
    expect(r.stdout).toMatch(/no mandatory finding without a valid waiver/);
    expect(r.stdout).toMatch(/^checks: \d+ rules over 2 site\(s\); /m);
  });

  test("one mutation of a cdk.tf.json (the backup room moved into the primary room's fire cell) fails it: exit 1; --site gates per site", () => {
    const copy = join(tempDir(), "out");
    cpSync(sharedSynth("examples").out, copy, { recursive: true });
    const file = join(copy, "stacks", "kvistrup-facility", "cdk.tf.json");
    const json = JSON.parse(readFileSync(file, "utf8")) as {
      resource: { terraform_data: Record<string, { input: Record<string, unknown> }> };
    };
    const room = json.resource.terraform_data["room_serverrum-b"].input;
    expect(room).toMatchObject({ kind: "room", roomType: "backup", fireCell: "BC-C4" });
    room.fireCell = "BC-A2"; // serverrum-a's fire cell
    writeFileSync(file, JSON.stringify(json, null, 2));

    const r = check(copy, "--as-of", AS_OF);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^FAIL +PHY-FIRE-SEP +kvistrup-facility: terraform_data\.room_serverrum-b#fire-cell$/m);
    expect(r.stdout).toMatch(/^ +serverrum-b: fire cell BC-A2, .*; serverrum-a: fire cell BC-A2, /m);
    expect(r.stdout).toMatch(/^1 mandatory finding\(s\) without a valid waiver in the stacks checked: exit 1$/m);

    expect(check(copy, "--as-of", AS_OF, "--site", "fjordvik").code).toBe(0);
    expect(check(copy, "--as-of", AS_OF, "--site", "kvistrup").code).toBe(1);
  });

  test("a file that is not JSON is bad input: exit 2 naming the file, line and column", () => {
    const dir = tempDir("check-");
    cpSync(join(sharedSynth("examples").out, "stacks", "kvistrup-vsphere", "cdk.tf.json"), join(dir, "kvistrup-vsphere.tf.json"));
    const bad = join(dir, "broken.tf.json");
    writeFileSync(bad, '{\n  "resource": {\n    "vsphere_host": {\n      oops\n    }\n  }\n}\n');
    const r = check(dir, "--as-of", AS_OF);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(new RegExp(`^${escape(bad)}: not valid JSON \\(line 4, column 7: .+\\)$`, "m"));
  });

  test("no path is a usage error: exit 2 with the usage", () => {
    const r = check();
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/expected the synthesized output to check/);
    expect(r.stderr).toMatch(/^usage: npm run check -- <output\.\.\.>/m);
  });

  describe("foreign Terraform: one vsphere_host, no facility objects", () => {
    const dir = tempDir("foreign-");
    const file = join(dir, "legacy.tf.json");
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      file,
      JSON.stringify({
        resource: {
          vsphere_host: {
            "esx-old01": {
              hostname: "esx-old01.example.org",
              username: "root",
              password: "${var.esx_password}",
              datacenter: "${data.vsphere_datacenter.dc.id}",
              lockdown: "disabled",
              services: [{ ntpd: { enabled: true, policy: "on", ntp_servers: ["ntp1.example.org", "ntp2.example.org"] } }],
            },
          },
        },
      }),
    );

    test("does not crash: the configuration rules judge the host (lockdown disabled: exit 1), the rest is not evaluable", () => {
      const r = check(file, "--as-of", AS_OF);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/^FAIL +VSP-LOCKDOWN +legacy: vsphere_host\.esx-old01 at \S*legacy\.tf\.json:1$/m);
      const counts = /^checks: \d+ rules over 1 site\(s\); (\d+) fail, (\d+) error, (\d+) not-evaluable, /m.exec(r.stdout);
      expect(counts).not.toBeNull();
      expect(Number(counts?.[2])).toBe(0);
      expect(Number(counts?.[3])).toBeGreaterThan(0);
    });

    test("never passes a facility rule: every rule that reads declared facts is not-evaluable, none passes", () => {
      const { result } = checkSynthesized([file], AS_OF);
      const declared = result.findings.filter((f) => f.evidence === "declared");
      expect(declared.length).toBeGreaterThan(0);
      expect(declared.filter((f) => f.outcome === "pass").map((f) => `${f.rule} ${f.address}`)).toEqual([]);
      const byRule = new Map(declared.map((f) => [f.rule, f.outcome]));
      for (const rule of ["RED-UPS-N1", "RED-PWR-2N-RACK", "RED-COOL-N1", "PHY-FIRE-SEP"]) expect(byRule.get(rule)).toBe("not-evaluable");
      // The configuration is still judged: the NTP block given passes, the lockdown fails.
      expect(result.findings.find((f) => f.rule === "VSP-NTP")?.outcome).toBe("pass");
      expect(result.findings.find((f) => f.rule === "VSP-LOCKDOWN")?.outcome).toBe("fail");
    });
  });
});
