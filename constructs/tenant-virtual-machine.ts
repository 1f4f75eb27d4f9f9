import { Construct } from "constructs";
import { VirtualMachine, type VirtualMachineConfig } from "@cdktf/provider-vsphere/lib/virtual-machine";
import { prefixOf } from "../spec/ipv4";
import type { Dns, TenantFile, Vm } from "../spec/types";
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
  readonly datacenterId: string;
  readonly resourcePoolId: string;
  /** Folder path relative to the datacenter's VM folder. */
  readonly folder: string;
  readonly datastoreId?: string;
  readonly datastoreClusterId?: string;
  readonly networkId: string;
  readonly storagePolicyId?: string;
  readonly tagIds: string[];
  /** Template VM UUID or content library item id; for new VMs only. */
  readonly templateUuid?: string;
  /** Directory join password variable, when the tenant declares a directory. */
  readonly joinPassword?: string;
  /** Generated local administrator password for a new Windows VM (lives only in Terraform state). */
  readonly adminPassword?: string;
}

export interface TenantVirtualMachineProps {
  readonly vm: Vm;
  readonly tenant: TenantFile;
  readonly dns: Dns;
  readonly placement: VmPlacement;
  /** Import id for an existing VM (its inventory path). */
  readonly importId?: string;
}

/**
 * One tenant VM as `vsphere_virtual_machine.<name>`.
 *
 * A new VM is cloned from its template with guest customization (hostname, pinned address, gateway,
 * DNS, domain), EFI secure boot, logging and the SCG isolation settings. An existing VM is imported and
 * keeps its own values for every setting whose change would reboot it; hardening goes into
 * `extra_config` without a reboot. Always: `force_power_off` false (an apply errors rather than pulling
 * the plug), `prevent_destroy`, `clone` and the notes field ignored after creation.
 */
export class TenantVirtualMachine extends Construct {
  readonly resource: VirtualMachine;

  constructor(scope: Construct, id: string, props: TenantVirtualMachineProps) {
    super(scope, id);
    const { vm, placement } = props;
    const existing = vm.workload.existing;
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
      tags: placement.tagIds,
      extraConfig: { ...VM_HARDENING_EXTRA_CONFIG },
      extraConfigRebootRequired: false,
      forcePowerOff: false,
      lifecycle: { preventDestroy: true, ignoreChanges: ["clone", "annotation"] },
    };
    const config: VirtualMachineConfig = existing
      ? {
          ...common,
          lifecycle: { ...common.lifecycle, ignoreChanges: ["clone", "annotation", ...UNDECLARED_REBOOT_SETTINGS] },
          guestId: existing.guestId,
          firmware: existing.firmware,
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
        }
      : {
          ...common,
          guestId: vm.template!.guestId,
          firmware: "efi",
          efiSecureBootEnabled: true,
          hardwareVersion: vm.template!.hardwareVersion,
          enableLogging: true,
          networkInterface: [{ networkId: placement.networkId, adapterType: "vmxnet3" }],
          disk: [{ label: "disk0", size: vm.size.diskGb, thinProvisioned: true, storagePolicyId: placement.storagePolicyId }],
          clone: { templateUuid: placement.templateUuid!, customize: this.customization(props) },
        };
    this.resource = pinAddress(new VirtualMachine(this, "vm", config), vm.name);
    if (existing) this.resource.importFrom(props.importId!);
  }

  private customization({
    vm,
    dns,
    placement,
    tenant,
  }: TenantVirtualMachineProps): NonNullable<VirtualMachineConfig["clone"]>["customize"] {
    const network = { ipv4Address: vm.ip!, ipv4Netmask: prefixOf(vm.network.cidr) };
    const shared = {
      networkInterface: [network],
      ipv4Gateway: vm.network.gateway,
      dnsServerList: dns.servers,
      dnsSuffixList: [dns.domain, ...(dns.searchDomains ?? [])],
    };
    if (vm.template!.os === "linux") return { ...shared, linuxOptions: { hostName: vm.name, domain: dns.domain } };
    const directory = tenant.directory;
    return {
      ...shared,
      windowsOptions: directory
        ? {
            computerName: vm.name,
            adminPassword: placement.adminPassword,
            joinDomain: directory.domain,
            domainAdminUser: directory.joinAccount,
            domainAdminPassword: placement.joinPassword,
            domainOu: directory.ou,
          }
        : { computerName: vm.name, adminPassword: placement.adminPassword, workgroup: "WORKGROUP" },
    };
  }
}
