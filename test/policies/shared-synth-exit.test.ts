import { existsSync } from "node:fs";
import { join } from "node:path";
import { sharedSynth, TINY_SYNTH_EXIT } from "../shared-synth";

describe("synth runs the checks over the shared synthesis", () => {
  test("the example sites pass every mandatory rule: exit 0, with the report written", () => {
    const { out, result } = sharedSynth("examples");
    expect(result.stdout).toMatch(/no mandatory finding without a valid waiver/);
    expect(result.code).toBe(0);
    for (const file of ["report.md", "report.json"]) expect(existsSync(join(out, "compliance", file))).toBe(true);
  });

  test("the tiny fixture (the smallest site that synthesizes) fails mandatory rules: exit 1, output and report still written", () => {
    const { out, result } = sharedSynth("tiny");
    expect(result.code).toBe(TINY_SYNTH_EXIT);
    expect(result.stdout).toMatch(/mandatory finding\(s\) without a valid waiver in the stacks checked: exit 1/);
    expect(existsSync(join(out, "stacks", "tiny-vsphere", "cdk.tf.json"))).toBe(true);
    expect(existsSync(join(out, "compliance", "report.md"))).toBe(true);
  });
});
