import { check } from "../../engine/checks";
import { defineRule, type Check } from "../../engine/rule";
import type { TfObject } from "../../engine/room";
import { ISO27001, VSPHERE_SCG, VSPHERE_SCG_UNVERIFIED } from "../../controls/references";
import { boolValue, ignoresChanges, isAdopted, isExpression, show } from "./values";

/**
 * The SCG 8 `vm-8.*` isolation and console settings, with the value each must have in `extra_config`
 * (CONTROLS.md §8, docs/vm-hardening.md). The SCG accepts TRUE or undefined for the isolation keys;
 * the rule wants them written, so the configuration is the audit evidence.
 */
export const SCG_EXTRA_CONFIG: Readonly<Record<string, { value: string; control: string; unverified?: true }>> = {
  "isolation.tools.copy.disable": { value: "TRUE", control: "vm-8.deactivate-console-copy" },
  "isolation.tools.paste.disable": { value: "TRUE", control: "vm-8.deactivate-console-paste" },
  "isolation.tools.dnd.disable": { value: "TRUE", control: "vm-8.isolation-tools-dnd-deactivate" },
  "isolation.device.connectable.disable": { value: "TRUE", control: "vm-8.isolation-device-connectable-deactivate" },
  "isolation.tools.diskShrink.disable": { value: "TRUE", control: "vm-8.deactivate-disk-shrinking-shrink" },
  "isolation.tools.diskWiper.disable": { value: "TRUE", control: "vm-8.deactivate-disk-shrinking-wiper" },
  "RemoteDisplay.maxConnections": { value: "1", control: "vm-8.limit-console-connections" },
  "tools.guestlib.enableHostInfo": { value: "FALSE", control: "vm-8.restrict-host-info" },
  "mks.enable3d": { value: "FALSE", control: "vm-8.deactivate-non-essential-3d-features" },
  // Log retention and size, the VMX's setinfo limit and the console lock: read by the VMX at power-on,
  // so set without a reboot (extra_config_reboot_required false) and effective at the next power cycle.
  "log.keepOld": { value: "10", control: "vm-8.log-retention", unverified: true },
  "log.rotateSize": { value: "2048000", control: "vm-8.log-rotation-size", unverified: true },
  "tools.setInfo.sizeLimit": { value: "1048576", control: "vm-8.limit-setinfo-size", unverified: true },
  "tools.guest.desktop.autolock": { value: "TRUE", control: "vm-8.vmrc-lock", unverified: true },
};

/**
 * VSP-VM-ISOLATION: every managed `vsphere_virtual_machine` carries the SCG hardening baseline, as
 * three findings per VM:
 * - `extra-config`: every SCG key in `extra_config` with its value (TRUE/FALSE compared without case).
 *   Adopted VMs too: the construct writes the keys without a reboot (`extra_config_reboot_required`
 *   false), so there is no reason to accept less.
 * - `logging`: `enable_logging` true (the provider's default is false). An adopted VM (a stack's
 *   `import` block) keeps its running value, because changing it reboots the VM: its finding is
 *   `adopted-logging` and advisory; the fix is to declare logging on in the VM's `existing:` block
 *   for a maintenance window.
 * - `pci-passthrough`: no `pci_device_id`. Where `lifecycle.ignore_changes` names `pci_device_id`
 *   (adopted VMs) the configuration does not govern it and the finding is not-evaluable.
 */
export const VmCarriesTheHardeningBaseline = defineRule({
  meta: {
    id: "VSP-VM-ISOLATION",
    name: "VmCarriesTheHardeningBaseline",
    version: "1.0.0",
    area: "vsphere",
    title: "Every VM carries the SCG isolation settings, logs, and has no PCI passthrough",
    rationale:
      "Console copy/paste, drag and drop, device connection, disk shrinking and host information let a guest or a console user reach past the VM boundary; a VM without logging leaves no trace for an investigation; PCI passthrough ties a VM to a host and gives it direct hardware access.",
    remediation:
      "Write the SCG keys into extra_config (with extra_config_reboot_required = false), set enable_logging = true (an adopted VM: in a maintenance window, as its change reboots it), and remove pci_device_id.",
    severity: "medium",
    enforcement: "mandatory",
    evidence: "config",
    reach: "tenant",
    params: {},
    controls: [
      ...Object.values(SCG_EXTRA_CONFIG).map((k) => (k.unverified ? VSPHERE_SCG_UNVERIFIED(k.control) : VSPHERE_SCG(k.control))),
      VSPHERE_SCG("vm-8.log-enable"),
      VSPHERE_SCG("vm-8.pci-passthrough"),
      ISO27001("8.9"),
    ],
  },
  check(room) {
    return room.resources("vsphere_virtual_machine").flatMap((vm) => [extraConfigCheck(vm), loggingCheck(vm), pciCheck(vm)]);
  },
});

const nameOf = (vm: TfObject) => (typeof vm.values.name === "string" ? vm.values.name : vm.address);

/** What every VM's extra_config must hold (one text for every finding). */
const EXTRA_CONFIG_EXPECTED = `${Object.keys(SCG_EXTRA_CONFIG).length} SCG keys: ${Object.entries(SCG_EXTRA_CONFIG)
  .map(([k, v]) => `${k}=${v.value}`)
  .join(", ")}`;

function extraConfigCheck(vm: TfObject): Check {
  const expected = EXTRA_CONFIG_EXPECTED;
  const raw = vm.values.extra_config;
  if (isExpression(raw))
    return check("config", "not-evaluable", vm, {
      findingId: "extra-config",
      observed: `extra_config = ${show(raw)} (known only at plan time)`,
      expected,
      message: `${nameOf(vm)}: extra_config is computed at plan time`,
    });
  const config = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>) : {};
  const missing: string[] = [];
  const wrong: string[] = [];
  const computed: string[] = [];
  for (const [key, want] of Object.entries(SCG_EXTRA_CONFIG)) {
    const v = config[key];
    if (v === undefined || v === null) missing.push(key);
    else if (isExpression(v)) computed.push(`${key}=${show(v)}`);
    else if (!(typeof v === "string" || typeof v === "number" || typeof v === "boolean") || String(v).toUpperCase() !== want.value)
      wrong.push(`${key}=${show(v)}`);
  }
  const total = Object.keys(SCG_EXTRA_CONFIG).length;
  const good = total - missing.length - wrong.length - computed.length;
  const parts = [`${good} of ${total} SCG keys as required`];
  if (missing.length > 0) parts.push(`missing ${missing.join(", ")}`);
  if (wrong.length > 0) parts.push(`wrong ${wrong.join(", ")}`);
  if (computed.length > 0) parts.push(`computed ${computed.join(", ")}`);
  const outcome = missing.length + wrong.length > 0 ? "fail" : computed.length > 0 ? "not-evaluable" : "pass";
  const observed = parts.join("; ");
  return check("config", outcome, vm, { findingId: "extra-config", observed, expected, message: `${nameOf(vm)}: ${observed}` });
}

function loggingCheck(vm: TfObject): Check {
  const adopted = isAdopted(vm);
  const findingId = adopted ? "adopted-logging" : "logging";
  const expected = "enable_logging true";
  const v = boolValue(vm.values.enable_logging);
  if (v.kind === "expression")
    return check("config", "not-evaluable", vm, {
      findingId,
      observed: `enable_logging = ${show(v.expr)} (known only at plan time)`,
      expected,
      message: `${nameOf(vm)}: logging is computed at plan time`,
    });
  const on = v.kind === "value" && v.value;
  const observed =
    v.kind === "absent"
      ? "enable_logging not set (provider default false)"
      : v.kind === "invalid"
        ? `enable_logging = ${show(v.raw)}`
        : `enable_logging ${String(v.value)}`;
  return check("config", on ? "pass" : "fail", vm, {
    findingId,
    observed: adopted ? `${observed} (adopted VM: its running value, kept because changing it reboots the VM)` : observed,
    expected,
    message:
      adopted && !on
        ? `${nameOf(vm)} (adopted): logging is off; turn it on in a maintenance window (declare enableLogging: true in its existing: block)`
        : `${nameOf(vm)}: ${observed}`,
    ...(adopted ? { enforcement: "advisory" as const } : {}),
  });
}

function pciCheck(vm: TfObject): Check {
  const expected = "no pci_device_id (no PCI passthrough)";
  const raw = vm.values.pci_device_id;
  const list = Array.isArray(raw) ? (raw as unknown[]) : raw === undefined || raw === null ? [] : [raw];
  if (list.length === 0 && ignoresChanges(vm, "pci_device_id"))
    return check("config", "not-evaluable", vm, {
      findingId: "pci-passthrough",
      observed: "pci_device_id is in lifecycle.ignore_changes: the configuration keeps whatever the running VM has",
      expected,
      message: `${nameOf(vm)}: PCI passthrough is not governed by the configuration; audit it (SCG vm-8.pci-passthrough)`,
    });
  if (isExpression(raw) || list.some(isExpression))
    return check("config", "not-evaluable", vm, {
      findingId: "pci-passthrough",
      observed: `pci_device_id = ${show(raw)} (known only at plan time)`,
      expected,
      message: `${nameOf(vm)}: PCI devices are computed at plan time`,
    });
  const observed = list.length === 0 ? "no pci_device_id" : `pci_device_id ${list.map((d) => show(d)).join(", ")}`;
  return check("config", list.length === 0 ? "pass" : "fail", vm, {
    findingId: "pci-passthrough",
    observed,
    expected,
    message: `${nameOf(vm)}: ${observed}`,
  });
}
