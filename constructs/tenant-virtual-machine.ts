import { Construct } from "constructs";
import { VirtualMachine, type VirtualMachineConfig } from "@cdktf/provider-vsphere/lib/virtual-machine";
import { prefixOf } from "../spec/ipv4";
import type { AdoptedVm, NewVm } from "../plan/model";
import { pinAddress } from "./stable-address";
import { VM_HARDENING_EXTRA_CONFIG } from "./vm-hardening";

/**
 * Settings whose change reboots a running VM (provider docs, "Virtual Machine Reboot") that the spec's
 * `existing:` block does not carry. Terraform must never change them on an adopted VM, so they are
 * ignored there instead of falling back to provider defaults that may differ from the running VM.
 */
export const UNDECLARED_REBOOT_SETTINGS = [
  "alternate_guest_name",
  "cpu_performance_counters_enabled",
  "ept_rvi_mode",
  "hv_mode",
  "nested_hv_enabled",
  "pci_device_id",
  "run_tools_scripts_after_power_on",
  "run_tools_scripts_after_resume",
  "run_tools_scripts_before_guest_reboot",
  "run_tools_scripts_before_guest_shutdown",
  "run_tools_scripts_before_guest_standby",
  "swap_placement_policy",
  "vbs_enabled",
  "vvtd_enabled",
  "vtpm",
];

/** Where a VM goes and what it refers to, resolved by the tenant construct. */
export interface VmPlacement {
  readonly resourcePoolId: string;
  /** Folder path relative to the datacenter's VM folder. */
  readonly folder: string;
  /** Exactly one of datastoreId and datastoreClusterId. */
  readonly datastoreId?: string;
  readonly datastoreClusterId?: string;
  readonly networkId: string;
  /**
   * Storage policy of the VM, and of every disk of an adopted VM. A clone's disks get none: the provider
   * puts a disk's policy into the clone's disk locator, and an encryption policy there fails the clone
   * (terraform-provider-vsphere issue #2241, `spec.disk.backing.crypto`; virtual_machine_disk_subresource.go
   * Relocate sets `relocate.Profile` from the disk's storage_policy_id), while the VM-level policy is
   * accepted (the same issue). The clone's disks keep the template's policy and keys: a sensitive
   * clone's disks are encrypted by cloning from an encrypted template (site.yaml templates[].encrypted;
   * vSphere clones an encrypted template with its keys), which VSP-ENCRYPT checks through the
   * `vm-template` facility object; from an unencrypted template it reports them (clone-disks).
   * A policy that does not encrypt goes on a clone's disks too.
   * @default none: vCenter's default, or for an adopted VM the policy it already has
   */
  readonly storagePolicyId?: string;
  /**
   * The storage policy encrypts (then a clone's disks get none, see storagePolicyId).
   * @default false
   */
  readonly storagePolicyEncrypts?: boolean;
  readonly tagIds: readonly string[];
}

/** What a new VM is cloned from and how its guest is customized. */
export interface VmClone {
  /** Template VM UUID or content library item id. */
  readonly templateUuid: string;
  /**
   * The directory the guest joins, with the join account's password (a plan-time variable).
   * @default a Windows guest stays in WORKGROUP; a Linux guest is not joined
   */
  readonly directory?: { readonly domain: string; readonly joinAccount: string; readonly ou?: string; readonly joinPassword: string };
  /**
   * Generated local administrator password of a Windows guest (lives only in Terraform state).
   * @default none (Linux guests)
   */
  readonly adminPassword?: string;
}

export type TenantVirtualMachineProps =
  | { readonly vm: NewVm; readonly placement: VmPlacement; readonly clone: VmClone }
  | { readonly vm: AdoptedVm; readonly placement: VmPlacement };

/**
 * One tenant VM as `vsphere_virtual_machine.<name>`.
 *
 * A new VM is cloned from its template with guest customization (hostname, pinned address, gateway,
 * DNS, domain), the template's firmware and controller, secure boot on EFI, logging and the SCG
 * isolation settings. An adopted (running) VM is
 * imported and keeps its own values for every setting whose change would reboot it; hardening goes
 * into `extra_config` without a reboot. Always: `force_power_off` false (an apply errors rather than
 * pulling the plug), `prevent_destroy`, `clone` and the notes field ignored after creation.
 */
export class TenantVirtualMachine extends Construct {
  readonly resource: VirtualMachine;

  constructor(scope: Construct, id: string, props: TenantVirtualMachineProps) {
    super(scope, id);
    const { vm, placement } = props;
    const common: VirtualMachineConfig = {
      name: vm.name,
      annotation: vm.workload.description,
      resourcePoolId: placement.resourcePoolId,
      folder: placement.folder,
      datastoreId: placement.datastoreId,
      datastoreClusterId: placement.datastoreClusterId,
      numCpus: vm.size.cpus,
      memory: vm.size.memoryGb * 1024,
      storagePolicyId: placement.storagePolicyId,
      tags: [...placement.tagIds],
      extraConfig: { ...VM_HARDENING_EXTRA_CONFIG },
      extraConfigRebootRequired: false,
      forcePowerOff: false,
      lifecycle: { preventDestroy: true, ignoreChanges: ["clone", "annotation"] },
    };
    const config =
      "clone" in props ? newVmConfig(common, props.vm, props.placement, props.clone) : adoptedVmConfig(common, props.vm, props.placement);
    this.resource = pinAddress(new VirtualMachine(this, "vm", config), vm.name);
    if (vm.kind === "adopted") this.resource.importFrom(vm.importId);
  }
}

/** An adopted VM: every reboot-sensitive setting as it runs, the undeclared ones ignored. */
function adoptedVmConfig(common: VirtualMachineConfig, vm: AdoptedVm, placement: VmPlacement): VirtualMachineConfig {
  const existing = vm.existing;
  return {
    ...common,
    lifecycle: { ...common.lifecycle, ignoreChanges: ["clone", "annotation", ...UNDECLARED_REBOOT_SETTINGS] },
    guestId: existing.guestId,
    firmware: existing.firmware,
    // The provider defaults scsi_type to pvscsi and scsi_controller_count to 1
    // (resource_vsphere_virtual_machine.go schema): an LSI VM would get its controller swapped, and disks
    // past unit 14 sit on a further controller (unit_number / 15, virtual_machine_disk_subresource.go).
    scsiType: existing.scsiType,
    scsiControllerCount: scsiControllers(existing.disks),
    efiSecureBootEnabled: existing.efiSecureBoot,
    hardwareVersion: existing.hardwareVersion,
    numCoresPerSocket: existing.coresPerSocket,
    toolsUpgradePolicy: existing.toolsUpgradePolicy,
    enableLogging: existing.enableLogging,
    enableDiskUuid: existing.enableDiskUuid,
    cpuHotAddEnabled: existing.cpuHotAdd,
    cpuHotRemoveEnabled: existing.cpuHotRemove,
    memoryHotAddEnabled: existing.memoryHotAdd,
    networkInterface: [{ networkId: placement.networkId, adapterType: existing.nicType }],
    disk: existing.disks.map((d) => ({
      label: d.label,
      size: d.sizeGb,
      controllerType: d.controllerType,
      unitNumber: d.unitNumber,
      thinProvisioned: d.thinProvisioned,
      eagerlyScrub: d.eagerlyScrub,
      diskMode: d.diskMode,
      writeThrough: d.writeThrough,
      diskSharing: d.diskSharing,
      storagePolicyId: placement.storagePolicyId,
    })),
  };
}

/** SCSI controllers an adopted VM's disks need: the provider puts unit N on controller N / 15. */
function scsiControllers(disks: AdoptedVm["existing"]["disks"]): number | undefined {
  const units = disks.filter((d) => d.controllerType === "scsi").map((d) => d.unitNumber);
  const count = units.length ? Math.floor(Math.max(...units) / 15) + 1 : 1;
  return count > 1 ? count : undefined;
}

/**
 * A new VM: the template's firmware and SCSI controller (the provider's defaults, bios and pvscsi,
 * would stop an EFI image booting or swap an LSI controller), secure boot where the firmware is EFI
 * (`efi_secure_boot_enabled` needs it), logging, and at least the template's disks, each at least its
 * size (DiskCloneValidateOperation in virtual_machine_disk_subresource.go: "not enough disks in
 * configuration", "must be at least the same size of source"). The first is the system disk
 * (size.diskGb); the template's further disks are cloned at their size. Cloned and customized with
 * its pinned address.
 */
function newVmConfig(common: VirtualMachineConfig, vm: NewVm, placement: VmPlacement, clone: VmClone): VirtualMachineConfig {
  const { template } = vm;
  const further = (template.disks ?? []).slice(1);
  const diskPolicy = placement.storagePolicyEncrypts ? {} : { storagePolicyId: placement.storagePolicyId };
  return {
    ...common,
    guestId: template.guestId,
    firmware: template.firmware,
    efiSecureBootEnabled: template.firmware === "efi",
    hardwareVersion: template.hardwareVersion,
    scsiType: template.scsiType,
    enableLogging: true,
    networkInterface: [{ networkId: placement.networkId, adapterType: "vmxnet3" }],
    disk: [
      { label: "disk0", size: vm.size.diskGb, thinProvisioned: true, ...diskPolicy },
      ...further.map((d, i) => ({ label: `disk${i + 1}`, size: d.sizeGb, thinProvisioned: true, unitNumber: i + 1, ...diskPolicy })),
    ],
    clone: { templateUuid: clone.templateUuid, customize: customization(vm, clone) },
  };
}

function customization(vm: NewVm, clone: VmClone): NonNullable<VirtualMachineConfig["clone"]>["customize"] {
  const shared = {
    networkInterface: [{ ipv4Address: vm.ip, ipv4Netmask: prefixOf(vm.network.cidr) }],
    ipv4Gateway: vm.network.gateway,
    dnsServerList: vm.dns.servers,
    dnsSuffixList: [vm.dns.domain, ...(vm.dns.searchDomains ?? [])],
  };
  if (vm.template.os === "linux") return { ...shared, linuxOptions: { hostName: vm.name, domain: vm.dns.domain } };
  const { directory, adminPassword } = clone;
  return {
    ...shared,
    windowsOptions: directory
      ? {
          computerName: vm.name,
          adminPassword,
          joinDomain: directory.domain,
          domainAdminUser: directory.joinAccount,
          domainAdminPassword: directory.joinPassword,
          domainOu: directory.ou,
        }
      : { computerName: vm.name, adminPassword, workgroup: "WORKGROUP" },
  };
}
