import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PolicyInputError, readTerraformInput } from "../../../policies/engine/terraform-input";
import { sharedSynth, tempDir } from "../../helpers";

const stack = (resource: object) => JSON.stringify({ resource });

describe("reading synthesized Terraform", () => {
  test("an output directory, its stacks directory and one stack directory read the same stacks", () => {
    const out = sharedSynth("examples").out;
    const all = readTerraformInput([out]).map((d) => d.stack);
    expect(all).toContain("fjordvik-facility");
    expect(readTerraformInput([join(out, "stacks")]).map((d) => d.stack)).toEqual(all);
    expect(readTerraformInput([join(out, "stacks", "kvistrup-vsphere")]).map((d) => d.stack)).toEqual(["kvistrup-vsphere"]);
  });

  test("loose *.tf.json files are stacks named after the file, sorted whatever the order given", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "b.tf.json"), stack({ terraform_data: { x: {} } }));
    writeFileSync(join(dir, "a.tf.json"), stack({}));
    expect(readTerraformInput([join(dir, "b.tf.json"), join(dir, "a.tf.json")]).map((d) => d.stack)).toEqual(["a", "b"]);
    expect(readTerraformInput([dir]).map((d) => d.stack)).toEqual(["a", "b"]);
  });

  test("a file that is not JSON names the file, line and column", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "bad.tf.json"), '{\n  "resource": {\n    "x": oops\n  }\n}\n');
    expect(() => readTerraformInput([join(dir, "bad.tf.json")])).toThrow(/bad\.tf\.json: not valid JSON \(line 3, column 10/);
  });

  test.each([
    ["a missing path", (d: string) => join(d, "nope"), /no such file or directory/],
    ["a directory with no stacks", (d: string) => (mkdirSync(join(d, "empty")), join(d, "empty")), /found no synthesized Terraform/],
    [
      "a file that is not *.tf.json",
      (d: string) => (writeFileSync(join(d, "main.tf"), ""), join(d, "main.tf")),
      /expected a \*\.tf\.json file/,
    ],
    [
      "a resource block that is a list",
      (d: string) => (writeFileSync(join(d, "l.tf.json"), '{"resource": []}'), join(d, "l.tf.json")),
      /"resource" must be an object/,
    ],
  ])("%s is bad input with its path", (_what, make, message) => {
    const path = make(tempDir());
    expect(() => readTerraformInput([path])).toThrow(PolicyInputError);
    expect(() => readTerraformInput([path])).toThrow(message);
  });

  test("the same stack from two places is refused", () => {
    const a = tempDir();
    const b = tempDir();
    for (const d of [a, b]) writeFileSync(join(d, "x.tf.json"), stack({}));
    expect(() => readTerraformInput([a, b])).toThrow(/stack x is also read from/);
  });
});
