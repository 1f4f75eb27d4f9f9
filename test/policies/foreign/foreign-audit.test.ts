import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { runCompliance, type ComplianceResult } from "../../../policies/compliance";
import { ALL_RULES } from "../../../policies/rules";
import { PolicyInputError, readTerraformInputAsync } from "../../../policies/engine/terraform-input";
import type { Finding } from "../../../policies/engine/rule";
import { AS_OF, ROOT } from "../../helpers";

/**
 * Terraform this project did not write: a vSphere estate in HCL and FortiOS policies in Terraform
 * JSON, both after the providers' documentation examples (test/fixtures/foreign). Findings carry the
 * file and line of their block; plan-time values, module calls and facility checks are not-evaluable.
 */
const FIXTURES = join(ROOT, "test/fixtures/foreign");
const shown = (p: string) => relative(process.cwd(), join(FIXTURES, p));

let result: ComplianceResult;
beforeAll(async () => {
  result = runCompliance(await readTerraformInputAsync([join(FIXTURES, "hcl"), join(FIXTURES, "json")]), { asOf: AS_OF });
});

const find = (rule: string, address: string, findingId?: string): Finding => {
  const found = result.findings.filter((f) => f.rule === rule && f.address === address && f.findingId === findingId);
  expect(found).toHaveLength(1);
  return found[0];
};

/** The line in a fixture where `text` stands, to check the finding's line against the file itself. */
const lineOf = (file: string, text: string) => readFileSync(join(FIXTURES, file), "utf8").split("\n").indexOf(text) + 1;

describe("an audit of foreign Terraform", () => {
  test("the host without lockdown fails at its resource block's line in the .tf file", () => {
    const f = find("VSP-LOCKDOWN", "vsphere_host.esx-01");
    expect(f).toMatchObject({ outcome: "fail", stack: "hcl", file: shown("hcl/hosts.tf"), line: 10 });
    expect(lineOf("hcl/hosts.tf", 'resource "vsphere_host" "esx-01" {')).toBe(10);
    expect(f.observed).toBe("lockdown not set (provider default disabled)");
  });

  test("a host whose lockdown is ${var.lockdown} is not-evaluable, at its own line", () => {
    const f = find("VSP-LOCKDOWN", "vsphere_host.esx-02");
    expect(f).toMatchObject({ outcome: "not-evaluable", file: shown("hcl/hosts.tf"), line: 19 });
    expect(f.observed).toContain("${var.lockdown}");
  });

  test("the VM and the cluster are checked at their lines", () => {
    expect(find("VSP-SECUREBOOT", "vsphere_virtual_machine.vm")).toMatchObject({ outcome: "fail", file: shown("hcl/vm.tf"), line: 16 });
    expect(find("RED-HA-VMCP", "vsphere_compute_cluster.compute_cluster")).toMatchObject({
      outcome: "fail",
      file: shown("hcl/cluster.tf"),
      line: 7,
    });
  });

  test("FortiOS accept policies without traffic logging fail at their key's line in the .tf.json file", () => {
    const file = shown("json/fortigate.tf.json");
    const disabled = find("FW-LOG", "fortios_firewall_policy.trname");
    expect(disabled).toMatchObject({ outcome: "fail", file, line: 16, observed: "logtraffic disable" });
    expect(lineOf("json/fortigate.tf.json", '      "trname": {')).toBe(16);
    // No logtraffic at all: FortiOS's default utm logs security events only.
    expect(find("FW-LOG", "fortios_firewall_policy.myrule")).toMatchObject({ outcome: "fail", file, line: 35 });
    expect(find("FW-LOG", "fortios_firewall_policy.myrule").observed).toContain("utm");
  });

  test("a policy whose logtraffic is ${var.log_mode} is not-evaluable with the reason", () => {
    const f = find("FW-LOG", "fortios_firewall_policy.per_environment");
    expect(f).toMatchObject({ outcome: "not-evaluable", line: 55 });
    expect(f.observed).toBe("logtraffic is ${var.log_mode}: known only at plan");
  });

  test("the admin without trusted hosts fails FW-ADMIN at its line", () => {
    const f = find("FW-ADMIN", "fortios_system_admin.trname", "trusthost");
    expect(f).toMatchObject({ outcome: "fail", file: shown("json/fortigate.tf.json"), line: 69 });
    expect(f.observed).toContain("no IPv4 trusted hosts");
  });

  test("the module call is listed with its source and is one not-evaluable finding", () => {
    const hcl = result.input.stacks.find((s) => s.stack === "hcl")!;
    expect(hcl.modules).toEqual([
      {
        stack: "hcl",
        address: "module.network",
        source: "git::https://example.com/terraform-vsphere-network.git?ref=v1.2.0",
        file: shown("hcl/cluster.tf"),
        line: 24,
      },
    ]);
    const f = find("ENGINE-INPUT", "module.network");
    expect(f).toMatchObject({ outcome: "not-evaluable", enforcement: "advisory", file: shown("hcl/cluster.tf"), line: 24 });
    expect(f.message).toContain("were not checked");
  });

  test("a type no rule reads is counted and skipped; plan-time values are counted", () => {
    const hcl = result.input.stacks.find((s) => s.stack === "hcl")!;
    expect(hcl).toMatchObject({ resources: 5, dataSources: 6, unknownTypes: [{ type: "vsphere_folder", count: 1 }] });
    // var.datacenter, the data source's count and name, and esx-02's lockdown.
    expect(hcl.unresolvedValues).toBe(4);
    expect(result.input.stacks.find((s) => s.stack === "fortigate")).toMatchObject({ resources: 4, unknownTypes: [], unresolvedValues: 1 });
    expect(result.findings.some((f) => f.address.startsWith("vsphere_folder."))).toBe(false);
  });

  test("every input file is listed with its format and the sha256 of its bytes", () => {
    expect(result.input.files.map((f) => [f.path, f.format])).toEqual([
      [shown("hcl/cluster.tf"), "tf"],
      [shown("hcl/hosts.tf"), "tf"],
      [shown("hcl/variables.tf"), "tf"],
      [shown("hcl/vm.tf"), "tf"],
      [shown("json/fortigate.tf.json"), "tf.json"],
    ]);
    const vm = result.input.files.find((f) => f.path.endsWith("vm.tf"))!;
    expect(vm.sha256).toBe(
      createHash("sha256")
        .update(readFileSync(join(FIXTURES, "hcl/vm.tf")))
        .digest("hex"),
    );
  });

  test("no check that rests on facility facts passes: without facility objects they are not-evaluable", () => {
    // A rule may mix evidence (RED-HOST-N1 checks HA in the configuration and capacity in the facts): judge each finding.
    const facts = result.findings.filter((f) => f.evidence !== "config");
    expect(facts.length).toBeGreaterThan(5);
    expect(facts.filter((f) => f.outcome === "pass" || f.outcome === "attested")).toEqual([]);
    for (const area of ["power", "cooling", "physical"]) {
      const ids = new Set(ALL_RULES.filter((r) => r.meta.area === area).map((r) => r.meta.id));
      const of = result.findings.filter((f) => ids.has(f.rule));
      expect(of.length).toBeGreaterThan(0);
      expect(of.every((f) => f.outcome === "not-evaluable")).toBe(true);
    }
  });
});

describe("HCL that does not parse", () => {
  test("is a PolicyInputError naming the file, line and column with hcl2json's words", async () => {
    const file = join(FIXTURES, "broken/main.tf");
    const error = await readTerraformInputAsync([file]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PolicyInputError);
    expect((error as PolicyInputError).message).toBe(
      `${shown("broken/main.tf")}:4:21: not valid HCL: Invalid multi-line string; Quoted strings may not be split over multiple lines. To produce a multi-line string, either use the \\n escape to represent a newline character or use the "heredoc" multi-line template syntax`,
    );
  });
});

describe("settings given as variables", () => {
  test("every check that reads one is not-evaluable with the variable named, at the block's line", async () => {
    const r = runCompliance(await readTerraformInputAsync([join(FIXTURES, "plan-time")]), { asOf: AS_OF });
    const at = (rule: string, address: string, findingId?: string) =>
      r.findings
        .filter((f) => f.rule === rule && f.address === address && f.findingId === findingId)
        .map((f) => [f.outcome, f.observed, f.line]);
    expect(at("RED-FW-HA", "fortios_system_ha.ha", "mode")).toEqual([["not-evaluable", "mode is ${var.ha_mode}: known only at plan", 11]]);
    expect(at("RED-FW-HA", "fortios_system_ha.ha", "hbdev")).toEqual([
      ["not-evaluable", "hbdev is ${var.heartbeat}: known only at plan", 11],
    ]);
    expect(at("FW-HA-HB-SEC", "fortios_system_ha.ha", "hb-ports")[0]?.[0]).toBe("not-evaluable");
    expect(at("FW-ADMIN", "fortios_system_interface.wan1", "wan-access")).toEqual([
      ["not-evaluable", "allowaccess is ${var.wan_access}: known only at plan", 22],
    ]);
    expect(at("FW-SYS-HARDENING", "fortios_system_autoinstall.usb", "usb-autoinstall")[0]?.slice(0, 2)).toEqual([
      "not-evaluable",
      "auto_install_config is ${var.usb_config}: known only at plan",
    ]);
    expect(at("FW-SYS-HARDENING", "fortios_system_global.global", "ssh-crypto")[0]?.[0]).toBe("not-evaluable");
    expect(at("RED-HA-HB-DS", "vsphere_compute_cluster.cluster")).toEqual([
      ["not-evaluable", "ha_enabled is ${var.ha_enabled}: known only at plan", 34],
    ]);
    expect(r.input.stacks[0]?.unresolvedValues).toBe(6);
  });
});
