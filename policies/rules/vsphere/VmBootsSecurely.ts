import { check, num } from "../../engine/checks";
import { defineRule } from "../../engine/rule";
import type { TfObject } from "../../engine/room";
import { VSPHERE_SCG } from "../../controls/references";
import { boolValue, isAdopted, numberValue, show, stringValue } from "./values";

/**
 * VSP-SECUREBOOT: every `vsphere_virtual_machine` boots with UEFI secure boot (`firmware = "efi"`,
 * `efi_secure_boot_enabled = true`) on virtual hardware `>= minHardwareVersion` (vmx-17 by default).
 * Absent values are the provider's defaults: firmware `bios`, secure boot off; an absent
 * `hardware_version` leaves it to vSphere (or the template), which the configuration does not show,
 * so it fails too.
 *
 * New VMs: mandatory. Adopted VMs (a stack's `import` block) keep their running firmware, secure boot
 * and hardware version, because changing any of them reboots the VM and switching a BIOS VM to EFI
 * stops it booting: their finding has the id `adopted` and is advisory by this rule's logic. A BIOS VM
 * gets secure boot only by a rebuild (a new VM from an EFI template); an EFI VM without secure boot,
 * or old hardware, is changed in a maintenance window by declaring the new values in its `existing:`
 * block. The finding stays in every report until then.
 */
export const VmBootsSecurely = defineRule({
  meta: {
    id: "VSP-SECUREBOOT",
    name: "VmBootsSecurely",
    version: "1.0.0",
    area: "vsphere",
    title: "Every VM boots with UEFI secure boot on virtual hardware 17 or later",
    rationale:
      "Secure boot refuses unsigned boot loaders and kernels (boot kits, tampered images); virtual hardware 17+ carries the current security features (vTPM, VBS support) and fixes.",
    remediation:
      'New VMs: firmware = "efi", efi_secure_boot_enabled = true, a template with hardware_version >= 17. Adopted BIOS VMs: rebuild from an EFI template (never switch the firmware of a running VM); adopted EFI VMs: enable secure boot and upgrade the hardware in a maintenance window.',
    severity: "high",
    enforcement: "mandatory",
    evidence: "config",
    reach: "tenant",
    params: {
      minHardwareVersion: { default: 17, description: "Lowest virtual hardware version (vmx-N) accepted", unit: "vmx" },
    },
    controls: [VSPHERE_SCG("guest-8.secure-boot"), VSPHERE_SCG("guest-8.virtual-hardware")],
  },
  check(room, { params }) {
    const expected = `firmware efi, secure boot on, hardware vmx-${num(params.minHardwareVersion)} or later`;
    return room.resources("vsphere_virtual_machine").map((vm) => {
      const adopted = isAdopted(vm);
      const name = nameOf(vm);
      const firmware = stringValue(vm.values.firmware);
      const secureBoot = boolValue(vm.values.efi_secure_boot_enabled);
      const hw = numberValue(vm.values.hardware_version);
      const base = { expected, ...(adopted ? { findingId: "adopted", enforcement: "advisory" as const } : {}) };
      const computed = [
        firmware.kind === "expression" ? `firmware = ${show(firmware.expr)}` : undefined,
        secureBoot.kind === "expression" ? `efi_secure_boot_enabled = ${show(secureBoot.expr)}` : undefined,
        hw.kind === "expression" ? `hardware_version = ${show(hw.expr)}` : undefined,
      ].filter((s): s is string => s !== undefined);
      const fw = firmware.kind === "value" ? firmware.value : firmware.kind === "absent" ? "bios" : "?";
      const sb = secureBoot.kind === "value" && secureBoot.value;
      const hwOk = hw.kind === "value" && hw.value >= params.minHardwareVersion;
      const observedParts = [
        firmware.kind === "absent"
          ? "firmware not set (provider default bios)"
          : `firmware ${firmware.kind === "value" ? firmware.value : show(firmware.kind === "expression" ? firmware.expr : firmware.raw)}`,
        secureBoot.kind === "absent"
          ? "secure boot not set (provider default off)"
          : `secure boot ${sb ? "on" : secureBoot.kind === "value" ? "off" : show(secureBoot.kind === "expression" ? secureBoot.expr : secureBoot.raw)}`,
        hw.kind === "absent"
          ? "hardware_version not set (vSphere or the template chooses)"
          : hw.kind === "value"
            ? `hardware vmx-${num(hw.value)}`
            : `hardware_version = ${show(hw.kind === "expression" ? hw.expr : hw.raw)}`,
      ];
      const observed = observedParts.join(", ") + (adopted ? " (adopted VM: its running values)" : "");
      const failed =
        (firmware.kind !== "expression" && fw !== "efi") ||
        (secureBoot.kind !== "expression" && !sb) ||
        (hw.kind !== "expression" && !hwOk);
      if (!failed && computed.length > 0)
        return check("config", "not-evaluable", vm, {
          ...base,
          observed,
          message: `${name}: ${computed.join(", ")} known only at plan time`,
        });
      const how = !failed
        ? ""
        : adopted
          ? fw === "bios"
            ? ": BIOS, secure boot needs a rebuild from an EFI template"
            : ": change it in a maintenance window"
          : "";
      return check("config", failed ? "fail" : "pass", vm, {
        ...base,
        observed,
        message: `${name}${adopted ? " (adopted)" : ""}: ${observed}${how}`,
      });
    });
  },
});

const nameOf = (vm: TfObject) => (typeof vm.values.name === "string" ? vm.values.name : vm.address);
