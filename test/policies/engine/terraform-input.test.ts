import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { hclBlockLines, jsonBlockLines } from "../../../policies/engine/block-lines";
import { normalizeHcl } from "../../../policies/engine/hcl-input";
import { buildRooms } from "../../../policies/engine/room";
import { PolicyInputError, readTerraformInput, readTerraformInputAsync } from "../../../policies/engine/terraform-input";
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
    ["a directory with no stacks", (d: string) => (mkdirSync(join(d, "empty")), join(d, "empty")), /found no Terraform: expected/],
    [
      "a file that is neither *.tf.json nor *.tf",
      (d: string) => (writeFileSync(join(d, "main.tfvars"), ""), join(d, "main.tfvars")),
      /expected a \*\.tf\.json or \*\.tf file/,
    ],
    [
      "HCL given to the synchronous reader",
      (d: string) => (writeFileSync(join(d, "main.tf"), ""), join(d, "main.tf")),
      /main\.tf: HCL \(\*\.tf\) is read by the audit command/,
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

describe("reading HCL and the lines of blocks", () => {
  const hcl = `variable "x" {}

resource "vsphere_host" "h" {
  hostname = "h1"
  lockdown = var.x
  lifecycle {
    ignore_changes = [services]
  }
}
`;

  test("a directory of *.tf and *.tf.json files is one module, a stack named after the directory", async () => {
    const dir = join(tempDir(), "estate");
    mkdirSync(dir);
    writeFileSync(join(dir, "hosts.tf"), hcl);
    writeFileSync(join(dir, "extra.tf.json"), JSON.stringify({ resource: { vsphere_folder: { f: { path: "p", type: "vm" } } } }, null, 2));
    const docs = await readTerraformInputAsync([dir]);
    expect(docs.map((d) => d.stack)).toEqual(["estate"]);
    const [doc] = docs;
    expect(doc.files!.map((f) => [f.path.split("/").pop(), f.format])).toEqual([
      ["extra.tf.json", "tf.json"],
      ["hosts.tf", "tf"],
    ]);
    const objects = buildRooms(docs)[0].objects;
    expect(objects.map((o) => [o.address, o.file!.split("/").pop(), o.line])).toEqual([
      ["vsphere_folder.f", "extra.tf.json", 4],
      ["vsphere_host.h", "hosts.tf", 3],
    ]);
  });

  test("a single *.tf file is a stack named after the file", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "edge.tf"), hcl);
    expect((await readTerraformInputAsync([join(dir, "edge.tf")])).map((d) => d.stack)).toEqual(["edge"]);
  });

  test("HCL reads as the equivalent Terraform JSON", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "a.tf"), hcl);
    writeFileSync(
      join(dir, "b.tf.json"),
      JSON.stringify({
        variable: { x: {} },
        resource: { vsphere_host: { h: { hostname: "h1", lockdown: "${var.x}", lifecycle: { ignore_changes: ["services"] } } } },
      }),
    );
    const [fromHcl] = await readTerraformInputAsync([join(dir, "a.tf")]);
    const [fromJson] = readTerraformInput([join(dir, "b.tf.json")]);
    expect(fromHcl.json.resource).toEqual(fromJson.json.resource);
    expect(fromHcl.json.variable).toEqual(fromJson.json.variable);
  });

  test("hcl2json's lists of bodies become Terraform JSON's objects; nested blocks stay lists", () => {
    expect(
      normalizeHcl({
        resource: { fortios_firewall_policy: { p: [{ srcintf: [{ name: "port1" }], lifecycle: [{ ignore_changes: "${all}" }] }] } },
        module: { m: [{ source: "./m" }] },
        locals: [{ a: 1 }, { b: 2 }],
      }),
    ).toEqual({
      resource: { fortios_firewall_policy: { p: { srcintf: [{ name: "port1" }], lifecycle: { ignore_changes: "all" } } } },
      module: { m: { source: "./m" } },
      locals: { a: 1, b: 2 },
    });
  });

  test("one address in two files of a module is refused with both places", async () => {
    const dir = join(tempDir(), "twice");
    mkdirSync(dir);
    writeFileSync(join(dir, "a.tf"), hcl);
    writeFileSync(join(dir, "b.tf"), `\n${hcl}`);
    await expect(readTerraformInputAsync([dir])).rejects.toThrow(/b\.tf:4: vsphere_host\.h is also declared in .*a\.tf:3/);
  });

  test("the line of a .tf block is its header's; heredocs and comments that look like headers are skipped", () => {
    const text = [
      '# resource "x" "commented" {',
      'resource "a" "one" {',
      "  text = <<-EOT",
      '    resource "fake" "inside" {',
      "  EOT",
      "}",
      "/*",
      'resource "x" "in_block_comment" {',
      "*/",
      'data "b" "two" {}',
      'module "m" {',
      "resource aws_instance bare {",
    ].join("\n");
    expect([...hclBlockLines(text)]).toEqual([
      ["a.one", 2],
      ["data.b.two", 10],
      ["module.m", 11],
      ["aws_instance.bare", 12],
    ]);
  });

  test("the line of a .tf.json or cdk.tf.json block is its name key's inside resource.<type>", () => {
    const text = JSON.stringify(
      {
        "//": { metadata: {} },
        data: { vsphere_network: { n: { name: "x" } } },
        resource: { a: { one: { x: { one: 1 } }, two: {} } },
        module: { m: {} },
      },
      null,
      2,
    );
    const lines = text.split("\n");
    const at = (key: string, from = 0) => lines.findIndex((l, i) => i >= from && l.trim().startsWith(`"${key}": {`)) + 1;
    expect(Object.fromEntries(jsonBlockLines(text))).toEqual({
      "data.vsphere_network.n": at("n"),
      "a.one": at("one"),
      "a.two": at("two"),
      "module.m": at("m"),
    });
    expect(at("one")).toBeGreaterThan(at("a"));
  });

  test("a cdk.tf.json stack gives every object its file and line", () => {
    const dir = join(tempDir(), "site-vsphere");
    mkdirSync(dir);
    const text = JSON.stringify({ resource: { vsphere_host: { esx01: { "//": { metadata: { path: "p" } }, hostname: "e" } } } }, null, 2);
    writeFileSync(join(dir, "cdk.tf.json"), text);
    const [host] = buildRooms(readTerraformInput([dir]))[0].objects;
    expect(host.file!.endsWith("site-vsphere/cdk.tf.json")).toBe(true);
    expect(host.line).toBe(text.split("\n").indexOf('      "esx01": {') + 1);
  });
});
