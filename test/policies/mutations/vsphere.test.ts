import type { StackDocument } from "../../../policies/engine/terraform-input";
import { vsphereRules } from "../../../policies/rules/vsphere";
import { blockOf, evaluateDocs, exampleDocs, facilityInput } from "../example-output";

/** The example output, evaluated once unmutated. */
const docs = exampleDocs();
const findings = evaluateDocs(docs, vsphereRules);

describe("vsphere rules over the unmutated examples", () => {
  test("no mandatory finding fails or errors", () => {
    const blocking = findings.filter((f) => f.enforcement === "mandatory" && (f.outcome === "fail" || f.outcome === "error"));
    expect(blocking.map((f) => `${f.rule} ${f.address}#${f.findingId ?? ""}: ${f.observed}`)).toEqual([]);
  });

  test("every rule checks something in both sites", () => {
    for (const rule of vsphereRules)
      for (const site of ["fjordvik", "kvistrup"])
        expect([rule.meta.id, site, findings.some((f) => f.rule === rule.meta.id && f.site === site)]).toEqual([rule.meta.id, site, true]);
  });

  test("the only fails are the adopted VMs' advisory findings, each under its own finding id", () => {
    const fails = findings.filter((f) => f.outcome === "fail");
    expect(fails.length).toBeGreaterThan(0);
    for (const f of fails) {
      expect(f.enforcement).toBe("advisory");
      expect(["adopted", "adopted-logging"]).toContain(f.findingId);
    }
    // The adopted Gerica database: BIOS on vmx-14, logging off, health data without a declared policy.
    const gerica = fails.filter((f) => f.address === "vsphere_virtual_machine.fjv-gericadb01").map((f) => `${f.rule}#${f.findingId ?? ""}`);
    expect(gerica.sort()).toEqual(["VSP-ENCRYPT#adopted", "VSP-SECUREBOOT#adopted", "VSP-VM-ISOLATION#adopted-logging"]);
  });

  // The ESXi host rules over the declared hardening (VSP-SSH-OFF, VSP-SYSLOG, ...): test/policies/mutations/esxi-hardening.test.ts.

  test("sensitive new VMs: the home encrypts through the storage-policy and key-provider join, the disks through their encrypted template (provider #2241)", () => {
    const alarm = findings.find((f) => f.rule === "VSP-ENCRYPT" && f.address === "vsphere_virtual_machine.fjv-alarm01");
    expect(alarm).toMatchObject({ outcome: "pass", evidence: "declared" });
    expect(alarm?.observed).toContain(
      'VM: "VM Encryption Policy" (storage-policy encrypted) encrypts, key provider nkp (native, redundant) (config); disks: "tpl-win2022-std" (vm-template win2022) is encrypted',
    );
    expect(findings.filter((f) => f.rule === "VSP-ENCRYPT" && f.findingId === "clone-disks")).toEqual([]);
  });

  test("a template set to unencrypted: the sensitive clones from it get the advisory clone-disks finding, not a pass", () => {
    const mutated = exampleDocs();
    facilityInput(mutated, "kvistrup", "vm-template", "win2022-vda").encrypted = false;
    const vda = evaluateDocs(mutated, vsphereRules).filter(
      (f) => f.rule === "VSP-ENCRYPT" && f.address.startsWith("vsphere_virtual_machine.ctx-vda-"),
    );
    expect(vda.length).toBeGreaterThan(0);
    for (const f of vda) expect([f.outcome, f.enforcement, f.findingId]).toEqual(["fail", "advisory", "clone-disks"]);
    expect(vda[0].observed).toContain('template: "ctx-vda-2402-win2022" (vm-template win2022-vda) is not encrypted');
  });
});

type Mutation = [rule: string, stack: string, address: string, findingId: string | undefined, mutate: (d: StackDocument[]) => void];

const VM = (d: StackDocument[], name = "fjv-adfs01") => blockOf(d, "fjordvik-fjordvik", "vsphere_virtual_machine", name);

const MUTATIONS: Mutation[] = [
  [
    "VSP-LOCKDOWN",
    "fjordvik-vsphere",
    "vsphere_host.esx01",
    undefined,
    (d) => (blockOf(d, "fjordvik-vsphere", "vsphere_host", "esx01").lockdown = "disabled"),
  ],
  [
    "VSP-NTP",
    "kvistrup-vsphere",
    "vsphere_host.esx02",
    undefined,
    (d) =>
      ((
        blockOf(d, "kvistrup-vsphere", "vsphere_host", "esx02").services as { ntpd: { ntp_servers: string[] } }[]
      )[0].ntpd.ntp_servers.length = 1),
  ],
  [
    "VSP-VSWITCH-SEC",
    "fjordvik-vsphere",
    "vsphere_distributed_virtual_switch.dvs-fjordvik",
    undefined,
    (d) => (blockOf(d, "fjordvik-vsphere", "vsphere_distributed_virtual_switch", "dvs-fjordvik").allow_forged_transmits = true),
  ],
  [
    "VSP-VSWITCH-SEC",
    "fjordvik-fjordvik",
    "vsphere_distributed_port_group.helse",
    "security-policy",
    (d) => (blockOf(d, "fjordvik-fjordvik", "vsphere_distributed_port_group", "helse").allow_promiscuous = true),
  ],
  [
    "VSP-VSWITCH-SEC",
    "fjordvik-fjordvik",
    "vsphere_distributed_port_group.dmz",
    "vlan",
    (d) => (blockOf(d, "fjordvik-fjordvik", "vsphere_distributed_port_group", "dmz").vlan_id = 4095),
  ],
  [
    "VSP-VM-ISOLATION",
    "fjordvik-fjordvik",
    "vsphere_virtual_machine.fjv-adfs01",
    "extra-config",
    (d) => delete (VM(d).extra_config as Record<string, string>)["isolation.tools.copy.disable"],
  ],
  ["VSP-VM-ISOLATION", "fjordvik-fjordvik", "vsphere_virtual_machine.fjv-adfs01", "logging", (d) => (VM(d).enable_logging = false)],
  [
    "VSP-VM-ISOLATION",
    "fjordvik-fjordvik",
    "vsphere_virtual_machine.fjv-adfs01",
    "pci-passthrough",
    (d) => (VM(d).pci_device_id = ["0000:3b:00.0"]),
  ],
  [
    "VSP-VM-ISOLATION",
    "fjordvik-fjordvik",
    "vsphere_virtual_machine.fjv-gericadb01",
    "extra-config",
    (d) => ((VM(d, "fjv-gericadb01").extra_config as Record<string, string>)["mks.enable3d"] = "TRUE"),
  ],
  [
    "VSP-VM-ISOLATION",
    "fjordvik-fjordvik",
    "vsphere_virtual_machine.fjv-adfs01",
    "extra-config",
    (d) => delete (VM(d).extra_config as Record<string, string>)["log.rotateSize"],
  ],
  [
    "VSP-VM-ISOLATION",
    "fjordvik-fjordvik",
    "vsphere_virtual_machine.fjv-gericadb01",
    "extra-config",
    (d) => ((VM(d, "fjv-gericadb01").extra_config as Record<string, string>)["tools.setInfo.sizeLimit"] = "104857600"),
  ],
  ["VSP-SECUREBOOT", "fjordvik-fjordvik", "vsphere_virtual_machine.fjv-adfs01", undefined, (d) => (VM(d).efi_secure_boot_enabled = false)],
  ["VSP-SECUREBOOT", "fjordvik-fjordvik", "vsphere_virtual_machine.fjv-adfs01", undefined, (d) => (VM(d).hardware_version = 15)],
];

/**
 * VSP-ENCRYPT mutations start from the example output with the sensitive clones' disks declared on the
 * encryption policy (what the operator does after the clone, provider #2241), where the rule passes.
 */
const ENCRYPT_MUTATIONS: Mutation[] = [
  [
    "VSP-ENCRYPT",
    "fjordvik-fjordvik",
    "vsphere_virtual_machine.fjv-alarm01",
    undefined,
    (d) => (facilityInput(d, "fjordvik", "storage-policy", "encrypted").encryption = false),
  ],
  [
    "VSP-ENCRYPT",
    "kvistrup-kvistrup",
    "vsphere_virtual_machine.ctx-vda-01",
    undefined,
    (d) => (facilityInput(d, "kvistrup", "key-provider", "kms-kvistrup").redundant = false),
  ],
  [
    "VSP-ENCRYPT",
    "fjordvik-fjordvik",
    "vsphere_virtual_machine.fjv-alarm01",
    undefined,
    // Its home on the datastore's default policy (no clone of the examples names a policy that does not encrypt).
    (d) => delete VM(d, "fjv-alarm01").storage_policy_id,
  ],
];

function disksDeclaredEncrypted(d: StackDocument[]): void {
  for (const [stack, name] of [
    ["fjordvik-fjordvik", "fjv-alarm01"],
    ["kvistrup-kvistrup", "ctx-vda-01"],
  ]) {
    const vm = blockOf(d, stack, "vsphere_virtual_machine", name);
    for (const disk of vm.disk as { storage_policy_id?: string }[]) disk.storage_policy_id = vm.storage_policy_id as string;
  }
}

describe("one-line mutations of the example output turn a vsphere pass into a mandatory fail", () => {
  test.each(ENCRYPT_MUTATIONS)(
    "%s at %s %s #%s (disks declared encrypted)",
    (rule, stack, address, findingId, mutate = () => undefined) => {
      const at = (f: (typeof findings)[number]) =>
        f.rule === rule && f.stack === stack && f.address === address && f.findingId === findingId;
      const base = exampleDocs();
      disksDeclaredEncrypted(base);
      expect(
        evaluateDocs(base, vsphereRules)
          .filter(at)
          .map((f) => f.outcome),
      ).toEqual(["pass"]);
      mutate(base);
      const after = evaluateDocs(base, vsphereRules).filter(at);
      expect(after.map((f) => [f.outcome, f.enforcement])).toEqual([["fail", "mandatory"]]);
    },
  );

  test.each(MUTATIONS)("%s at %s %s #%s", (rule, stack, address, findingId, mutate = () => undefined) => {
    const at = (f: (typeof findings)[number]) => f.rule === rule && f.stack === stack && f.address === address && f.findingId === findingId;
    expect(findings.filter(at).map((f) => f.outcome)).toEqual(["pass"]);
    const mutated = exampleDocs();
    mutate(mutated);
    const after = evaluateDocs(mutated, vsphereRules).filter(at);
    expect(after.map((f) => [f.outcome, f.enforcement])).toEqual([["fail", "mandatory"]]);
  });

  test("a storage policy renamed in vCenter's look-up no longer joins: an error, never a pass", () => {
    const mutated = exampleDocs();
    blockOf(mutated, "fjordvik-fjordvik", "vsphere_storage_policy", "encrypted", "data").name = "VM Encryption Policy (old)";
    const alarm = evaluateDocs(mutated, vsphereRules).find(
      (f) => f.rule === "VSP-ENCRYPT" && f.address === "vsphere_virtual_machine.fjv-alarm01",
    );
    expect(alarm?.outcome).toBe("error");
  });
});
