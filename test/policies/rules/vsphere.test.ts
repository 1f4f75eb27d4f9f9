import { buildRooms, type Room } from "../../../policies/engine/room";
import { HostIsInLockdownMode } from "../../../policies/rules/vsphere/HostIsInLockdownMode";
import { HostSyncsTimeFromTrustedServers } from "../../../policies/rules/vsphere/HostSyncsTimeFromTrustedServers";
import { SensitiveDataIsEncryptedAtRest } from "../../../policies/rules/vsphere/SensitiveDataIsEncryptedAtRest";
import { SwitchesRejectLayer2Spoofing } from "../../../policies/rules/vsphere/SwitchesRejectLayer2Spoofing";
import { VmBootsSecurely } from "../../../policies/rules/vsphere/VmBootsSecurely";
import { SCG_EXTRA_CONFIG, VmCarriesTheHardeningBaseline } from "../../../policies/rules/vsphere/VmCarriesTheHardeningBaseline";
import { VM_HARDENING_EXTRA_CONFIG } from "../../../constructs/vm-hardening";
import { findingsOf, outcomes, RoomBuilder } from "../room-builder";

const NTP = ["ntp1.example.org", "ntp2.example.org"];

/** One host in `s-vsphere`, with the given values over a hardened baseline. */
function hostRoom(values: Record<string, unknown> = {}): RoomBuilder {
  return new RoomBuilder().resource("vsphere", "vsphere_host", "esx01", {
    hostname: "esx01.example.org",
    lockdown: "normal",
    services: [{ ntpd: { enabled: true, policy: "on", ntp_servers: NTP } }],
    ...values,
  });
}

/** A vSphere stack with a datacenter and no hosts. */
const noHosts = () => new RoomBuilder().resource("vsphere", "vsphere_datacenter", "dc", { name: "dc" });

/** The builder's room with `import` blocks added to a stack (adopted resources). */
function withImports(b: RoomBuilder, stack: string, to: string[]): Room {
  const docs = b.docs();
  const doc = docs.find((d) => d.stack === stack);
  if (!doc) throw new Error(`no stack ${stack}`);
  doc.json.import = to.map((t) => ({ id: `/dc/vm/${t}`, to: t }));
  const rooms = buildRooms(docs);
  return rooms.find((r) => r.site === "s") ?? rooms[0];
}

describe("VSP-LOCKDOWN HostIsInLockdownMode", () => {
  test("passes normal and strict lockdown", () => {
    const [a] = findingsOf(HostIsInLockdownMode, hostRoom());
    expect(a).toMatchObject({
      outcome: "pass",
      address: "vsphere_host.esx01",
      stack: "s-vsphere",
      evidence: "config",
      observed: "lockdown normal",
    });
    expect(a.expected).toBe("lockdown normal or strict");
    expect(findingsOf(HostIsInLockdownMode, hostRoom({ lockdown: "strict" }))[0]).toMatchObject({
      outcome: "pass",
      observed: "lockdown strict",
    });
  });
  test("fails disabled, and an absent lockdown (the provider's default is disabled)", () => {
    expect(findingsOf(HostIsInLockdownMode, hostRoom({ lockdown: "disabled" }))[0]).toMatchObject({
      outcome: "fail",
      observed: "lockdown disabled",
    });
    const room = hostRoom().edit("vsphere", "vsphere_host", "esx01", (v) => delete v.lockdown);
    expect(findingsOf(HostIsInLockdownMode, room)[0]).toMatchObject({
      outcome: "fail",
      observed: "lockdown not set (provider default disabled)",
    });
  });
  test("a lockdown computed at plan time is not evaluable", () => {
    expect(findingsOf(HostIsInLockdownMode, hostRoom({ lockdown: "${var.lockdown}" }))[0]).toMatchObject({
      outcome: "not-evaluable",
      observed: "lockdown = ${var.lockdown} (known only at plan time)",
    });
  });
  test("a room without hosts has nothing to check", () => {
    expect(findingsOf(HostIsInLockdownMode, noHosts())).toEqual([]);
  });
});

describe("VSP-NTP HostSyncsTimeFromTrustedServers", () => {
  test("passes ntpd enabled, policy on, two servers", () => {
    const [a] = findingsOf(HostSyncsTimeFromTrustedServers, hostRoom());
    expect(a.outcome).toBe("pass");
    expect(a.observed).toBe("ntpd enabled, policy on, 2 distinct NTP servers (ntp1.example.org, ntp2.example.org)");
    expect(a.expected).toBe("ntpd enabled, policy on, >= 2 distinct NTP servers");
  });
  test("fails one server, the same server twice, policy off, ntpd disabled", () => {
    const one = hostRoom({ services: [{ ntpd: { enabled: true, policy: "on", ntp_servers: ["ntp1.example.org"] } }] });
    expect(findingsOf(HostSyncsTimeFromTrustedServers, one)[0]).toMatchObject({
      outcome: "fail",
      observed: "ntpd enabled, policy on, 1 distinct NTP server (ntp1.example.org)",
    });
    const twice = hostRoom({
      services: [{ ntpd: { enabled: true, policy: "on", ntp_servers: ["ntp1.example.org", "NTP1.example.org"] } }],
    });
    expect(findingsOf(HostSyncsTimeFromTrustedServers, twice)[0].outcome).toBe("fail");
    const off = hostRoom({ services: [{ ntpd: { enabled: true, policy: "off", ntp_servers: NTP } }] });
    expect(findingsOf(HostSyncsTimeFromTrustedServers, off)[0]).toMatchObject({ outcome: "fail" });
    expect(findingsOf(HostSyncsTimeFromTrustedServers, off)[0].observed).toContain("policy off");
    const disabled = hostRoom({ services: { ntpd: { enabled: false, policy: "on", ntp_servers: NTP } } });
    expect(findingsOf(HostSyncsTimeFromTrustedServers, disabled)[0].observed).toMatch(/^ntpd disabled, policy on, 2 distinct/);
  });
  test("fails a host without an ntpd block", () => {
    const room = hostRoom().edit("vsphere", "vsphere_host", "esx01", (v) => delete v.services);
    expect(findingsOf(HostSyncsTimeFromTrustedServers, room)[0]).toMatchObject({
      outcome: "fail",
      observed: "no services.ntpd block (the host's time service is left as it is)",
    });
  });
  test("the minimum is a parameter", () => {
    const [a] = findingsOf(HostSyncsTimeFromTrustedServers, hostRoom(), { "VSP-NTP": { minServers: 3 } });
    expect(a).toMatchObject({ outcome: "fail", expected: "ntpd enabled, policy on, >= 3 distinct NTP servers" });
  });
  test("servers from a variable are not evaluable", () => {
    const room = hostRoom({ services: [{ ntpd: { enabled: true, policy: "on", ntp_servers: "${var.ntp_servers}" } }] });
    expect(findingsOf(HostSyncsTimeFromTrustedServers, room)[0]).toMatchObject({
      outcome: "not-evaluable",
      observed: "ntpd.ntp_servers = ${var.ntp_servers} (known only at plan time)",
    });
  });
  test("a room without hosts has nothing to check", () => {
    expect(findingsOf(HostSyncsTimeFromTrustedServers, noHosts())).toEqual([]);
  });
});

// VSP-SSH-OFF, VSP-SYSLOG and the other ESXi settings vsphere_host cannot carry: test/policies/rules/esxi-hardening.test.ts.

const REJECT = { allow_promiscuous: false, allow_mac_changes: false, allow_forged_transmits: false };

/** A site DVS rejecting everything and a tenant port group (in `s-t1`) reading it through a data source. */
function switchRoom(dvs: Record<string, unknown> = REJECT, pg: Record<string, unknown> = {}): RoomBuilder {
  return new RoomBuilder()
    .resource("vsphere", "vsphere_distributed_virtual_switch", "dvs", { name: "dvs-s", ...dvs })
    .data("t1", "vsphere_distributed_virtual_switch", "dvs", { name: "dvs-s" })
    .resource("t1", "vsphere_distributed_port_group", "app", {
      name: "t1-app",
      distributed_virtual_switch_uuid: "${data.vsphere_distributed_virtual_switch.dvs.id}",
      vlan_id: 240,
      security_policy_override_allowed: false,
      ...pg,
    });
}

describe("VSP-VSWITCH-SEC SwitchesRejectLayer2Spoofing", () => {
  test("passes a rejecting DVS and a port group that inherits from it through the tenant's data source", () => {
    const f = findingsOf(SwitchesRejectLayer2Spoofing, switchRoom());
    expect(outcomes(f)).toEqual({
      "vsphere_distributed_virtual_switch.dvs": "pass",
      "vsphere_distributed_port_group.app#security-policy": "pass",
      "vsphere_distributed_port_group.app#vlan": "pass",
    });
    const pg = f.find((x) => x.findingId === "security-policy");
    expect(pg?.observed).toBe(
      "allow_promiscuous inherited from s-vsphere: dvs-s (false), allow_mac_changes inherited from s-vsphere: dvs-s (false), allow_forged_transmits inherited from s-vsphere: dvs-s (false), security_policy_override_allowed false",
    );
    expect(pg?.stacks).toEqual(["s-t1", "s-vsphere"]);
    expect(f.find((x) => x.findingId === "vlan")?.observed).toBe("VLAN 240");
  });
  test("fails a DVS that accepts forged transmits, and the port group inheriting it", () => {
    const f = findingsOf(SwitchesRejectLayer2Spoofing, switchRoom({ ...REJECT, allow_forged_transmits: true }));
    expect(outcomes(f)).toMatchObject({
      "vsphere_distributed_virtual_switch.dvs": "fail",
      "vsphere_distributed_port_group.app#security-policy": "fail",
    });
    expect(f.find((x) => x.address === "vsphere_distributed_virtual_switch.dvs")?.observed).toBe(
      "allow_promiscuous false, allow_mac_changes false, allow_forged_transmits true",
    );
    expect(f.find((x) => x.findingId === "security-policy")?.observed).toContain(
      "allow_forged_transmits inherited from s-vsphere: dvs-s (true)",
    );
  });
  test("a switch must set each flag: an absent flag leaves a default the configuration does not show", () => {
    const f = findingsOf(SwitchesRejectLayer2Spoofing, switchRoom({ allow_promiscuous: false, allow_mac_changes: false }));
    const dvs = f.find((x) => x.address === "vsphere_distributed_virtual_switch.dvs");
    expect(dvs?.outcome).toBe("fail");
    expect(dvs?.observed).toContain("allow_forged_transmits not set (the default applies, unseen)");
    const pg = f.find((x) => x.findingId === "security-policy");
    expect(pg?.outcome).toBe("fail");
    expect(pg?.observed).toContain("allow_forged_transmits inherited from s-vsphere: dvs-s, which does not set it");
  });
  test("a port group's own false passes even without its switch; its own true fails; override allowed fails", () => {
    const own = findingsOf(SwitchesRejectLayer2Spoofing, switchRoom(REJECT, REJECT)).find((x) => x.findingId === "security-policy");
    expect(own).toMatchObject({ outcome: "pass", addresses: ["vsphere_distributed_port_group.app"] });
    const promiscuous = findingsOf(SwitchesRejectLayer2Spoofing, switchRoom(REJECT, { allow_promiscuous: true }));
    expect(promiscuous.find((x) => x.findingId === "security-policy")?.outcome).toBe("fail");
    const override = findingsOf(SwitchesRejectLayer2Spoofing, switchRoom(REJECT, { security_policy_override_allowed: true }));
    const o = override.find((x) => x.findingId === "security-policy");
    expect(o?.outcome).toBe("fail");
    expect(o?.observed).toContain("security_policy_override_allowed true");
  });
  test("a port group inheriting from a switch no stack creates is an error, never a pass", () => {
    // A facility object makes it our own output, whose stacks must join.
    const room = switchRoom()
      .facility("room", { id: "r1", roomType: "primary" })
      .edit("t1", "vsphere_distributed_virtual_switch", "dvs", (v) => (v.name = "dvs-gone"), "data");
    const pg = findingsOf(SwitchesRejectLayer2Spoofing, room).find((x) => x.findingId === "security-policy");
    expect(pg?.outcome).toBe("error");
    expect(pg?.observed).toContain('reads vsphere_distributed_virtual_switch "dvs-gone", which no stack of site');
  });
  test("in foreign input (no facility objects) a switch read from vCenter is not-evaluable, never a pass", () => {
    const room = switchRoom().edit("t1", "vsphere_distributed_virtual_switch", "dvs", (v) => (v.name = "dvs-gone"), "data");
    const pg = findingsOf(SwitchesRejectLayer2Spoofing, room).find((x) => x.findingId === "security-policy");
    expect(pg?.outcome).toBe("not-evaluable");
    expect(pg?.observed).toContain('reads vsphere_distributed_virtual_switch "dvs-gone" from vCenter, which the input does not create');
  });
  test.each([
    [{ vlan_id: 4095 }, "fail", "VLAN 4095 (guest tagging: the VM chooses its VLAN)"],
    [{ vlan_id: undefined, vlan_range: [{ min_vlan: 0, max_vlan: 4094 }] }, "fail", "trunk 0-4094 (every VLAN: guest tagging)"],
    [
      {
        vlan_id: undefined,
        vlan_range: [
          { min_vlan: 1, max_vlan: 2000 },
          { min_vlan: 2001, max_vlan: 4094 },
        ],
      },
      "fail",
      "trunk 1-2000, 2001-4094 (every VLAN: guest tagging)",
    ],
    [{ vlan_id: undefined, vlan_range: [{ min_vlan: 100, max_vlan: 110 }] }, "pass", "trunk 100-110"],
    [{ vlan_id: "${var.vlan}" }, "not-evaluable", "vlan_id = ${var.vlan} (known only at plan time)"],
  ])("VLAN %j is %s", (pg, outcome, observed = "") => {
    const f = findingsOf(SwitchesRejectLayer2Spoofing, switchRoom(REJECT, pg)).find((x) => x.findingId === "vlan");
    expect(f).toMatchObject({ outcome, observed, address: "vsphere_distributed_port_group.app" });
  });
  test("standard switches: explicit flags, host port groups inherit by host and switch name; 4095 fails", () => {
    const room = new RoomBuilder()
      .resource("vsphere", "vsphere_host_virtual_switch", "vs0", {
        name: "vSwitch0",
        host_system_id: "${vsphere_host.esx01.id}",
        ...REJECT,
      })
      .resource("vsphere", "vsphere_host_port_group", "mgmt", {
        name: "Management",
        host_system_id: "${vsphere_host.esx01.id}",
        virtual_switch_name: "vSwitch0",
        vlan_id: 4095,
      })
      .resource("vsphere", "vsphere_host_port_group", "orphan", {
        name: "Orphan",
        host_system_id: "${vsphere_host.esx02.id}",
        virtual_switch_name: "vSwitch0",
        vlan_id: 10,
      });
    const f = findingsOf(SwitchesRejectLayer2Spoofing, room);
    expect(outcomes(f)).toEqual({
      "vsphere_host_virtual_switch.vs0": "pass",
      "vsphere_host_port_group.mgmt#security-policy": "pass",
      "vsphere_host_port_group.mgmt#vlan": "fail",
      "vsphere_host_port_group.orphan#security-policy": "not-evaluable",
      "vsphere_host_port_group.orphan#vlan": "pass",
    });
    expect(f.find((x) => x.address === "vsphere_host_port_group.orphan" && x.findingId === "security-policy")?.observed).toContain(
      "allow_promiscuous not set (inherits from standard switch vSwitch0, which the configuration does not manage)",
    );
  });
  test("a room without switches has nothing to check", () => {
    expect(findingsOf(SwitchesRejectLayer2Spoofing, hostRoom())).toEqual([]);
  });
});

const HARDENING = Object.fromEntries(Object.entries(SCG_EXTRA_CONFIG).map(([k, v]) => [k, v.value]));

/** A new (cloned) VM in `s-t1` with the hardened baseline, and the given values over it. */
function vmRoom(values: Record<string, unknown> = {}): RoomBuilder {
  return new RoomBuilder().resource("t1", "vsphere_virtual_machine", "app01", {
    name: "app01",
    clone: { template_uuid: "${data.vsphere_virtual_machine.tpl.id}" },
    extra_config: { ...HARDENING },
    enable_logging: true,
    firmware: "efi",
    efi_secure_boot_enabled: true,
    hardware_version: 20,
    disk: [{ label: "disk0", size: 40 }],
    ...values,
  });
}

const byId = (findings: ReturnType<typeof findingsOf>, id: string) => findings.find((f) => f.findingId === id);

describe("VSP-VM-ISOLATION VmCarriesTheHardeningBaseline", () => {
  test("passes the SCG keys, logging and no passthrough, one finding each", () => {
    const f = findingsOf(VmCarriesTheHardeningBaseline, vmRoom());
    expect(outcomes(f)).toEqual({
      "vsphere_virtual_machine.app01#extra-config": "pass",
      "vsphere_virtual_machine.app01#logging": "pass",
      "vsphere_virtual_machine.app01#pci-passthrough": "pass",
    });
    expect(byId(f, "extra-config")?.observed).toBe("13 of 13 SCG keys as required");
    expect(byId(f, "logging")?.observed).toBe("enable_logging true");
  });
  test("the rule's SCG keys are exactly the ones the VM construct writes", () => {
    expect(HARDENING).toEqual(VM_HARDENING_EXTRA_CONFIG);
  });
  test("TRUE and FALSE compare without case", () => {
    const lower = Object.fromEntries(Object.entries(HARDENING).map(([k, v]) => [k, v.toLowerCase()]));
    expect(byId(findingsOf(VmCarriesTheHardeningBaseline, vmRoom({ extra_config: lower })), "extra-config")?.outcome).toBe("pass");
  });
  test("fails a missing and a wrong key", () => {
    const config: Record<string, string> = { ...HARDENING, "mks.enable3d": "TRUE" };
    delete config["isolation.tools.copy.disable"];
    const f = byId(findingsOf(VmCarriesTheHardeningBaseline, vmRoom({ extra_config: config })), "extra-config");
    expect(f).toMatchObject({
      outcome: "fail",
      observed: "11 of 13 SCG keys as required; missing isolation.tools.copy.disable; wrong mks.enable3d=TRUE",
    });
  });
  test("checks the SCG 8 log retention, log size, setinfo limit and console lock keys", () => {
    expect(HARDENING).toMatchObject({
      "log.keepOld": "10",
      "log.rotateSize": "2048000",
      "tools.setInfo.sizeLimit": "1048576",
      "tools.guest.desktop.autolock": "TRUE",
    });
    const config: Record<string, string> = { ...HARDENING, "log.keepOld": "100" };
    delete config["tools.setInfo.sizeLimit"];
    const f = byId(findingsOf(VmCarriesTheHardeningBaseline, vmRoom({ extra_config: config })), "extra-config");
    expect(f).toMatchObject({
      outcome: "fail",
      observed: "11 of 13 SCG keys as required; missing tools.setInfo.sizeLimit; wrong log.keepOld=100",
    });
  });
  test("fails logging left at the provider's default, and PCI passthrough", () => {
    const room = vmRoom({ pci_device_id: ["0000:3b:00.0"] }).edit("t1", "vsphere_virtual_machine", "app01", (v) => delete v.enable_logging);
    const f = findingsOf(VmCarriesTheHardeningBaseline, room);
    expect(byId(f, "logging")).toMatchObject({
      outcome: "fail",
      observed: "enable_logging not set (provider default false)",
      enforcement: "mandatory",
    });
    expect(byId(f, "pci-passthrough")).toMatchObject({ outcome: "fail", observed: "pci_device_id 0000:3b:00.0" });
  });
  test("an adopted VM: logging off is an advisory finding of its own; ignored passthrough is not evaluable; keys still mandatory", () => {
    const b = vmRoom({ enable_logging: false, lifecycle: { ignore_changes: ["clone", "pci_device_id"] } });
    const f = findingsOf(VmCarriesTheHardeningBaseline, withImports(b, "s-t1", ["vsphere_virtual_machine.app01"]));
    expect(byId(f, "logging")).toBeUndefined();
    expect(byId(f, "adopted-logging")).toMatchObject({ outcome: "fail", enforcement: "advisory" });
    expect(byId(f, "adopted-logging")?.observed).toBe(
      "enable_logging false (adopted VM: its running value, kept because changing it reboots the VM)",
    );
    expect(byId(f, "pci-passthrough")).toMatchObject({ outcome: "not-evaluable" });
    expect(byId(f, "pci-passthrough")?.observed).toContain("lifecycle.ignore_changes");
    expect(byId(f, "extra-config")).toMatchObject({ outcome: "pass", enforcement: "mandatory" });
  });
  test("extra_config computed at plan time is not evaluable", () => {
    const f = byId(findingsOf(VmCarriesTheHardeningBaseline, vmRoom({ extra_config: "${local.hardening}" })), "extra-config");
    expect(f).toMatchObject({ outcome: "not-evaluable", observed: "extra_config = ${local.hardening} (known only at plan time)" });
  });
  test("no VMs, nothing to check", () => {
    expect(findingsOf(VmCarriesTheHardeningBaseline, hostRoom())).toEqual([]);
  });
});

describe("VSP-SECUREBOOT VmBootsSecurely", () => {
  test("passes EFI with secure boot on vmx-20", () => {
    const [a] = findingsOf(VmBootsSecurely, vmRoom());
    expect(a).toMatchObject({ outcome: "pass", enforcement: "mandatory", observed: "firmware efi, secure boot on, hardware vmx-20" });
    expect(a.expected).toBe("firmware efi, secure boot on, hardware vmx-17 or later");
    expect(a.findingId).toBeUndefined();
  });
  test("a new VM fails BIOS (the provider's default), secure boot off, or old hardware: mandatory", () => {
    const bios = vmRoom().edit("t1", "vsphere_virtual_machine", "app01", (v) => {
      delete v.firmware;
      delete v.efi_secure_boot_enabled;
    });
    expect(findingsOf(VmBootsSecurely, bios)[0]).toMatchObject({
      outcome: "fail",
      enforcement: "mandatory",
      observed: "firmware not set (provider default bios), secure boot not set (provider default off), hardware vmx-20",
    });
    expect(findingsOf(VmBootsSecurely, vmRoom({ efi_secure_boot_enabled: false }))[0].outcome).toBe("fail");
    expect(findingsOf(VmBootsSecurely, vmRoom({ hardware_version: 15 }))[0]).toMatchObject({
      outcome: "fail",
      observed: "firmware efi, secure boot on, hardware vmx-15",
    });
  });
  test("the lowest hardware version is a parameter", () => {
    expect(findingsOf(VmBootsSecurely, vmRoom(), { "VSP-SECUREBOOT": { minHardwareVersion: 21 } })[0]).toMatchObject({
      outcome: "fail",
      expected: "firmware efi, secure boot on, hardware vmx-21 or later",
    });
  });
  test("an adopted BIOS VM is an advisory finding with its own id (a rebuild, never a firmware switch)", () => {
    const b = vmRoom({ firmware: "bios", efi_secure_boot_enabled: false, hardware_version: 13 });
    const [a] = findingsOf(VmBootsSecurely, withImports(b, "s-t1", ["vsphere_virtual_machine.app01"]));
    expect(a).toMatchObject({
      outcome: "fail",
      enforcement: "advisory",
      findingId: "adopted",
      observed: "firmware bios, secure boot off, hardware vmx-13 (adopted VM: its running values)",
    });
    expect(a.message).toContain("secure boot needs a rebuild from an EFI template");
  });
  test("firmware computed at plan time is not evaluable", () => {
    expect(findingsOf(VmBootsSecurely, vmRoom({ firmware: "${var.firmware}" }))[0]).toMatchObject({ outcome: "not-evaluable" });
  });
  test("no VMs, nothing to check", () => {
    expect(findingsOf(VmBootsSecurely, hostRoom())).toEqual([]);
  });
});

/**
 * A site with an encryption policy on a redundant native key provider and a standard policy, and one
 * VM in `s-t1` tagged with a classification, its home and disk on the policy the data source names.
 */
function encryptRoom(classification = "health", policy = "enc", diskPolicy = policy): RoomBuilder {
  return new RoomBuilder()
    .facility("key-provider", { id: "nkp", providerKind: "native", redundant: true })
    .facility("storage-policy", { id: "encrypted", name: "VM Encryption", encryption: true, keyProviderId: "nkp" })
    .facility("storage-policy", { id: "standard", name: "Standard", encryption: false, keyProviderId: null })
    .resource("t1", "vsphere_tag_category", "cls", { name: "data-classification" })
    .resource("t1", "vsphere_tag", "cls", { name: classification, category_id: "${vsphere_tag_category.cls.id}" })
    .data("t1", "vsphere_storage_policy", "enc", { name: "VM Encryption" })
    .data("t1", "vsphere_storage_policy", "std", { name: "Standard" })
    .resource("t1", "vsphere_virtual_machine", "db01", {
      name: "db01",
      tags: ["${vsphere_tag.cls.id}"],
      storage_policy_id: `\${data.vsphere_storage_policy.${policy}.id}`,
      disk: [{ label: "disk0", size: 100, storage_policy_id: `\${data.vsphere_storage_policy.${diskPolicy}.id}` }],
    });
}

describe("VSP-ENCRYPT SensitiveDataIsEncryptedAtRest", () => {
  test("passes a health VM whose home and disk are on the encryption policy with a redundant key provider", () => {
    const [a] = findingsOf(SensitiveDataIsEncryptedAtRest, encryptRoom());
    expect(a).toMatchObject({ outcome: "pass", address: "vsphere_virtual_machine.db01", stack: "s-t1" });
    expect(a.observed).toBe(
      'health data; VM: "VM Encryption" (storage-policy encrypted) encrypts, key provider nkp (native, redundant); disk0: "VM Encryption" (storage-policy encrypted) encrypts, key provider nkp (native, redundant)',
    );
    expect(a.addresses).toEqual([
      "vsphere_virtual_machine.db01",
      "terraform_data.storage-policy_encrypted",
      "terraform_data.key-provider_nkp",
    ]);
  });
  test("fails a disk on a policy that does not encrypt", () => {
    const [a] = findingsOf(SensitiveDataIsEncryptedAtRest, encryptRoom("personal", "enc", "std"));
    expect(a.outcome).toBe("fail");
    expect(a.observed).toContain('disk0: "Standard" (storage-policy standard) does not encrypt');
  });
  test("fails a key provider without a second node", () => {
    const room = encryptRoom().edit(
      "facility",
      "terraform_data",
      "key-provider_nkp",
      (v) => ((v.input as { redundant: boolean }).redundant = false),
    );
    const [a] = findingsOf(SensitiveDataIsEncryptedAtRest, room);
    expect(a.outcome).toBe("fail");
    expect(a.observed).toContain("encrypts with key provider nkp (native, not redundant)");
  });
  test("fails a new VM without a storage policy", () => {
    const room = encryptRoom().edit("t1", "vsphere_virtual_machine", "db01", (v) => {
      delete v.storage_policy_id;
      v.disk = [{ label: "disk0", size: 100 }];
    });
    const [a] = findingsOf(SensitiveDataIsEncryptedAtRest, room);
    expect(a).toMatchObject({ outcome: "fail", enforcement: "mandatory" });
    expect(a.observed).toBe(
      "health data; VM: no storage policy (the datastore's default); disk0: no storage policy (the datastore's default)",
    );
  });
  test("a clone with its home on the encryption policy and disks without one is an advisory clone-disks finding (provider #2241)", () => {
    const room = encryptRoom().edit("t1", "vsphere_virtual_machine", "db01", (v) => {
      v.clone = { template_uuid: "tpl" };
      v.disk = [{ label: "disk0", size: 100 }];
    });
    const [a] = findingsOf(SensitiveDataIsEncryptedAtRest, room);
    expect(a).toMatchObject({ outcome: "fail", enforcement: "advisory", findingId: "clone-disks" });
    expect(a.observed).toContain(
      // without vm-template objects (foreign or older output) nothing says the template is encrypted
      "disk0: no storage policy (the datastore's default); template: no vm-template facility objects say whether it is encrypted (a clone: the provider cannot encrypt disks during the clone",
    );
    // a clone whose home is not encrypted either stays a mandatory fail
    const bare = room.edit("t1", "vsphere_virtual_machine", "db01", (v) => delete v.storage_policy_id);
    expect(findingsOf(SensitiveDataIsEncryptedAtRest, bare)[0]).toMatchObject({ outcome: "fail", enforcement: "mandatory" });
  });
  /** The encryptRoom VM as a clone of template VM tpl-rhel9 (declared by a vm-template object), its disk without a policy. */
  const cloneRoom = (encrypted: boolean) =>
    encryptRoom()
      .facility("vm-template", { id: "rhel9", name: "tpl-rhel9", encrypted, firmware: "efi", scsiType: "pvscsi" })
      .data("t1", "vsphere_virtual_machine", "template_rhel9", { name: "tpl-rhel9" })
      .edit("t1", "vsphere_virtual_machine", "db01", (v) => {
        v.clone = { template_uuid: "${data.vsphere_virtual_machine.template_rhel9.id}" };
        v.disk = [{ label: "disk0", size: 100 }];
      });
  test("a clone of an encrypted template passes: disks through the template (declared), home through the VM policy (config)", () => {
    const [a] = findingsOf(SensitiveDataIsEncryptedAtRest, cloneRoom(true));
    expect(a).toMatchObject({ outcome: "pass", evidence: "declared", address: "vsphere_virtual_machine.db01" });
    expect(a.observed).toBe(
      'health data; VM: "VM Encryption" (storage-policy encrypted) encrypts, key provider nkp (native, redundant) (config); disks: "tpl-rhel9" (vm-template rhel9) is encrypted, so the clone\'s disks are encrypted with its keys (declared)',
    );
    expect(a.addresses).toContain("terraform_data.vm-template_rhel9");
  });
  test("a clone of an unencrypted template keeps the advisory clone-disks finding, with the remediation", () => {
    const [a] = findingsOf(SensitiveDataIsEncryptedAtRest, cloneRoom(false));
    expect(a).toMatchObject({ outcome: "fail", enforcement: "advisory", findingId: "clone-disks" });
    expect(a.observed).toContain('template: "tpl-rhel9" (vm-template rhel9) is not encrypted');
    expect(a.message).toContain("encrypt the template");
    expect(a.message).toContain("power the VM off before first use and apply the encryption policy to every disk");
  });
  test("a clone whose template no vm-template object names is an error (the join does not resolve)", () => {
    const room = cloneRoom(true).edit("t1", "vsphere_virtual_machine", "template_rhel9", (v) => (v.name = "tpl-rhel9-new"), "data");
    const [a] = findingsOf(SensitiveDataIsEncryptedAtRest, room);
    expect(a).toMatchObject({ outcome: "error", findingId: "clone-disks" });
    expect(a.observed).toContain(
      'data.vsphere_virtual_machine.template_rhel9 reads "tpl-rhel9-new", which no vm-template facility object names',
    );
    // a template_uuid that references no data source is an error too
    const literal = cloneRoom(true).edit("t1", "vsphere_virtual_machine", "db01", (v) => (v.clone = { template_uuid: "4223-abcd" }));
    expect(findingsOf(SensitiveDataIsEncryptedAtRest, literal)[0]).toMatchObject({ outcome: "error" });
  });
  test("an OVF library item declared encrypted is an error: an OVF template holds no encrypted disks", () => {
    const room = cloneRoom(true)
      .data("t1", "vsphere_content_library_item", "template_rhel9", { name: "tpl-rhel9", type: "ovf", library_id: "lib" })
      .edit(
        "t1",
        "vsphere_virtual_machine",
        "db01",
        (v) => (v.clone = { template_uuid: "${data.vsphere_content_library_item.template_rhel9.id}" }),
      );
    const [a] = findingsOf(SensitiveDataIsEncryptedAtRest, room);
    expect(a).toMatchObject({ outcome: "error" });
    expect(a.observed).toContain("is an OVF library item, which cannot hold encrypted disks");
  });
  test("an adopted VM without a declared policy is an advisory finding of its own", () => {
    const b = encryptRoom().edit("t1", "vsphere_virtual_machine", "db01", (v) => {
      delete v.storage_policy_id;
      v.disk = [{ label: "Hard disk 1", size: 100 }];
    });
    const [a] = findingsOf(SensitiveDataIsEncryptedAtRest, withImports(b, "s-t1", ["vsphere_virtual_machine.db01"]));
    expect(a).toMatchObject({ outcome: "fail", enforcement: "advisory", findingId: "adopted" });
    expect(a.observed).toContain("(adopted VM: keeps the policy it runs with)");
  });
  test("a storage policy no storage-policy object names is an error (the join does not resolve)", () => {
    const room = encryptRoom().edit("t1", "vsphere_storage_policy", "enc", (v) => (v.name = "Renamed Policy"), "data");
    const [a] = findingsOf(SensitiveDataIsEncryptedAtRest, room);
    expect(a.outcome).toBe("error");
    expect(a.observed).toContain('data.vsphere_storage_policy.enc reads "Renamed Policy", which no storage-policy facility object names');
  });
  test("internal data is not applicable; a VM without a classification tag is not evaluable", () => {
    expect(findingsOf(SensitiveDataIsEncryptedAtRest, encryptRoom("internal", "std"))[0]).toMatchObject({
      outcome: "not-applicable",
      observed: "data-classification internal",
    });
    const untagged = encryptRoom().edit("t1", "vsphere_virtual_machine", "db01", (v) => (v.tags = []));
    expect(findingsOf(SensitiveDataIsEncryptedAtRest, untagged)[0]).toMatchObject({
      outcome: "not-evaluable",
      observed: "no data-classification tag",
    });
  });
  test("foreign Terraform without facility objects: one not-evaluable finding", () => {
    const f = findingsOf(SensitiveDataIsEncryptedAtRest, vmRoom());
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ outcome: "not-evaluable", address: "site.(no site)" });
  });
  test("vSAN clusters need data-in-transit encryption", () => {
    const room = encryptRoom()
      .resource("vsphere", "vsphere_compute_cluster", "prod", { name: "prod", vsan_enabled: true })
      .resource("vsphere", "vsphere_compute_cluster", "san", { name: "san" });
    const f = findingsOf(SensitiveDataIsEncryptedAtRest, room);
    expect(outcomes(f)).toMatchObject({
      "vsphere_compute_cluster.prod#vsan-dit": "fail",
      "vsphere_compute_cluster.san#vsan-dit": "not-applicable",
    });
    expect(f.find((x) => x.address === "vsphere_compute_cluster.prod")?.observed).toBe("vSAN on, data-in-transit encryption not set (off)");
    const on = room.edit("vsphere", "vsphere_compute_cluster", "prod", (v) => (v.vsan_dit_encryption_enabled = true));
    expect(findingsOf(SensitiveDataIsEncryptedAtRest, on).find((x) => x.address === "vsphere_compute_cluster.prod")?.outcome).toBe("pass");
  });
});
