import { Testing } from "cdktf";
import { VirtualMachine } from "@cdktf/provider-vsphere/lib/virtual-machine";
import {
  TenantVirtualMachine,
  type TenantVirtualMachineProps,
  UNDECLARED_REBOOT_SETTINGS,
  type VmClone,
  type VmPlacement,
} from "../../constructs/tenant-virtual-machine";
import { VM_HARDENING_EXTRA_CONFIG } from "../../constructs/vm-hardening";
import { adoptedVm, existingVm, importBlocks, linuxVm, resources, windowsVm } from "./fixtures";

const placement = (extra: Partial<VmPlacement> = {}): VmPlacement => ({
  resourcePoolId: "pool-1",
  folder: "tenants/alpha",
  datastoreClusterId: "dsc-1",
  networkId: "pg-app",
  storagePolicyId: "policy-1",
  tagIds: ["tag-tenant", "tag-criticality"],
  ...extra,
});

const clone = (extra: Partial<VmClone> = {}): VmClone => ({ templateUuid: "template-1", ...extra });

/** The one vsphere_virtual_machine the construct draws, and the stack's JSON. */
function synth(props: TenantVirtualMachineProps): { vm: Record<string, any>; json: string } {
  const json = Testing.synthScope((scope) => {
    new TenantVirtualMachine(scope, "vm", props);
  });
  const vms = resources(json, VirtualMachine.tfResourceType);
  if (Object.keys(vms).join() !== props.vm.name) throw new Error(`expected only vsphere_virtual_machine.${props.vm.name}`);
  return { vm: vms[props.vm.name], json };
}

describe("TenantVirtualMachine", () => {
  const linux = synth({ vm: linuxVm(), placement: placement(), clone: clone() });
  const windows = synth({ vm: windowsVm(), placement: placement(), clone: clone({ adminPassword: "generated" }) });
  const adopted = synth({ vm: adoptedVm(), placement: placement({ storagePolicyId: undefined }) });
  const all = { linux, windows, adopted };

  describe.each(Object.entries(all))("every VM (%s)", (_kind, { vm }) => {
    test("hardening never reboots a VM (extra_config_reboot_required false)", () => {
      expect(vm.extra_config_reboot_required).toBe(false);
    });

    test("VMs are never forced off (force_power_off false)", () => {
      expect(vm.force_power_off).toBe(false);
    });

    test("VMs carry prevent_destroy", () => {
      expect(vm.lifecycle.prevent_destroy).toBe(true);
    });

    test("clone and the notes field are ignored after creation", () => {
      expect(vm.lifecycle.ignore_changes).toEqual(expect.arrayContaining(["clone", "annotation"]));
    });

    test("the SCG isolation settings are written into extra_config, exactly", () => {
      expect(vm.extra_config).toEqual(VM_HARDENING_EXTRA_CONFIG);
      expect(vm.extra_config).toMatchObject({
        "isolation.tools.copy.disable": "TRUE",
        "isolation.tools.paste.disable": "TRUE",
        "isolation.tools.dnd.disable": "TRUE",
        "isolation.device.connectable.disable": "TRUE",
        "RemoteDisplay.maxConnections": "1",
        "tools.guestlib.enableHostInfo": "FALSE",
        "mks.enable3d": "FALSE",
      });
    });

    test("placement: resource pool, folder, datastore cluster, network and tags from the props", () => {
      expect(vm).toMatchObject({
        resource_pool_id: "pool-1",
        folder: "tenants/alpha",
        datastore_cluster_id: "dsc-1",
        tags: ["tag-tenant", "tag-criticality"],
      });
      expect(vm.network_interface).toHaveLength(1);
      expect(vm.network_interface[0].network_id).toBe("pg-app");
    });

    test("size from the resolved VM (memory in MiB)", () => {
      expect(vm).toMatchObject({ num_cpus: 2, memory: 4096 });
    });
  });

  describe("a new VM", () => {
    test("new VMs boot EFI with secure boot", () => {
      for (const { vm } of [linux, windows]) expect(vm).toMatchObject({ firmware: "efi", efi_secure_boot_enabled: true });
    });

    test("new VMs log to vmware.log (enable_logging true)", () => {
      for (const { vm } of [linux, windows]) expect(vm.enable_logging).toBe(true);
    });

    test("new VMs get a vmxnet3 NIC and one thin system disk; an encryption policy on the VM only (on a clone's disk it fails the clone, provider #2241)", () => {
      expect(linux.vm.network_interface).toEqual([{ network_id: "pg-app", adapter_type: "vmxnet3" }]);
      expect(linux.vm.disk).toEqual([{ label: "disk0", size: 60, thin_provisioned: true, storage_policy_id: "policy-1" }]);
      expect(linux.vm.storage_policy_id).toBe("policy-1");
      const encrypted = synth({ vm: linuxVm(), placement: placement({ storagePolicyEncrypts: true }), clone: clone() }).vm;
      expect(encrypted.storage_policy_id).toBe("policy-1");
      expect(encrypted.disk).toEqual([{ label: "disk0", size: 60, thin_provisioned: true }]);
    });

    test("a clone keeps its template's SCSI controller (the provider's default is pvscsi) and firmware", () => {
      expect(linux.vm.scsi_type).toBe("pvscsi");
      expect(windows.vm.scsi_type).toBe("lsilogic-sas");
      const bios = synth({
        vm: linuxVm({ template: { ...linuxVm().template, firmware: "bios", scsiType: "lsilogic" } }),
        placement: placement(),
        clone: clone(),
      });
      expect(bios.vm).toMatchObject({ firmware: "bios", efi_secure_boot_enabled: false, scsi_type: "lsilogic" });
    });

    test("a clone has at least its template's disks: the system disk from the size, the others at the template's size", () => {
      const template = { ...linuxVm().template, disks: [{ sizeGb: 40 }, { sizeGb: 200 }] };
      const { vm } = synth({ vm: linuxVm({ template }), placement: placement(), clone: clone() });
      expect(vm.disk).toEqual([
        { label: "disk0", size: 60, thin_provisioned: true, storage_policy_id: "policy-1" },
        { label: "disk1", size: 200, thin_provisioned: true, unit_number: 1, storage_policy_id: "policy-1" },
      ]);
    });

    test("guest id and hardware version come from the template", () => {
      expect(linux.vm).toMatchObject({ guest_id: "rhel9_64Guest", hardware_version: 21 });
    });

    test("a new VM is cloned from its template and customized with its pinned address, gateway and DNS", () => {
      expect(linux.vm.clone).toEqual({
        template_uuid: "template-1",
        customize: {
          network_interface: [{ ipv4_address: "10.1.0.11", ipv4_netmask: 24 }],
          ipv4_gateway: "10.1.0.1",
          dns_server_list: ["10.0.20.10", "10.0.20.11"],
          dns_suffix_list: ["alpha.example", "tiny.example"],
          linux_options: { host_name: "web01", domain: "alpha.example" },
        },
      });
    });

    test("a new VM is never imported", () => {
      expect(importBlocks(linux.json)).toEqual([]);
    });

    test("a Windows guest with no directory stays in WORKGROUP, with its generated local administrator password", () => {
      expect(windows.vm.clone.customize.windows_options).toEqual({
        computer_name: "files01",
        admin_password: "generated",
        workgroup: "WORKGROUP",
      });
      expect(windows.vm.clone.customize).not.toHaveProperty("linux_options");
    });

    test("a Windows guest with a directory joins it with the join account", () => {
      const { vm } = synth({
        vm: windowsVm(),
        placement: placement(),
        clone: clone({
          adminPassword: "generated",
          directory: {
            domain: "alpha.example",
            joinAccount: "svc-join",
            ou: "OU=Servers,DC=alpha",
            joinPassword: "${var.ad_join_password}",
          },
        }),
      });
      expect(vm.clone.customize.windows_options).toEqual({
        computer_name: "files01",
        admin_password: "generated",
        join_domain: "alpha.example",
        domain_admin_user: "svc-join",
        domain_admin_password: "${var.ad_join_password}",
        domain_ou: "OU=Servers,DC=alpha",
      });
    });

    test("a Linux guest is never joined to a directory", () => {
      const { vm } = synth({
        vm: linuxVm(),
        placement: placement(),
        clone: clone({ directory: { domain: "alpha.example", joinAccount: "svc-join", joinPassword: "secret" } }),
      });
      expect(vm.clone.customize).not.toHaveProperty("windows_options");
      expect(JSON.stringify(vm)).not.toContain("svc-join");
    });

    test("no storage policy: none is written (vCenter's default applies)", () => {
      const { vm } = synth({ vm: linuxVm(), placement: placement({ storagePolicyId: undefined }), clone: clone() });
      expect(vm).not.toHaveProperty("storage_policy_id");
      expect(vm.disk[0]).not.toHaveProperty("storage_policy_id");
    });

    test("exactly one of datastore and datastore cluster", () => {
      const { vm } = synth({ vm: linuxVm(), placement: placement({ datastoreClusterId: undefined, datastoreId: "ds-1" }), clone: clone() });
      expect(vm.datastore_id).toBe("ds-1");
      expect(vm).not.toHaveProperty("datastore_cluster_id");
    });
  });

  describe("an adopted VM", () => {
    const { vm, json } = adopted;

    test("an adopted VM is imported, never cloned", () => {
      expect(importBlocks(json)).toEqual([{ to: "vsphere_virtual_machine.web02", id: "/tiny-dc/vm/legacy/web02" }]);
      expect(vm).not.toHaveProperty("clone");
    });

    test("an adopted VM keeps every reboot-sensitive setting it runs with", () => {
      const e = existingVm();
      expect(vm).toMatchObject({
        guest_id: e.guestId,
        firmware: "bios",
        efi_secure_boot_enabled: false,
        hardware_version: 14,
        num_cores_per_socket: 2,
        tools_upgrade_policy: "manual",
        enable_logging: false,
        enable_disk_uuid: true,
        cpu_hot_add_enabled: true,
        cpu_hot_remove_enabled: false,
        memory_hot_add_enabled: true,
      });
      expect(vm.network_interface).toEqual([{ network_id: "pg-app", adapter_type: "e1000e" }]);
    });

    test("an adopted VM keeps its disks exactly as they run", () => {
      expect(vm.disk).toEqual([
        {
          label: "Hard disk 1",
          size: 80,
          controller_type: "scsi",
          unit_number: 0,
          thin_provisioned: false,
          eagerly_scrub: true,
          disk_mode: "persistent",
          write_through: false,
          disk_sharing: "sharingNone",
        },
        {
          label: "Hard disk 2",
          size: 200,
          controller_type: "scsi",
          unit_number: 1,
          thin_provisioned: true,
          eagerly_scrub: false,
          disk_mode: "independent_persistent",
          write_through: false,
          disk_sharing: "sharingNone",
        },
      ]);
    });

    test("settings the spec does not declare are ignored on an adopted VM, never reset to provider defaults", () => {
      expect(vm.lifecycle.ignore_changes).toEqual(["clone", "annotation", ...UNDECLARED_REBOOT_SETTINGS]);
      expect(UNDECLARED_REBOOT_SETTINGS).toEqual(expect.arrayContaining(["vbs_enabled", "vvtd_enabled", "nested_hv_enabled", "vtpm"]));
    });

    test("an adopted VM given no storage policy keeps its own (none written on VM or disks)", () => {
      expect(vm).not.toHaveProperty("storage_policy_id");
      for (const d of vm.disk) expect(d).not.toHaveProperty("storage_policy_id");
    });

    test("an adopted VM keeps its SCSI controller type, and disks past unit 14 get a second controller", () => {
      expect(adopted.vm.scsi_type).toBe("lsilogic-sas");
      expect(adopted.vm.scsi_controller_count).toBeUndefined();
      const base = existingVm();
      const existing = { ...base, disks: [...base.disks, { ...base.disks[1], label: "Hard disk 3", unitNumber: 16 }] };
      const { vm } = synth({ vm: adoptedVm({ existing }), placement: placement({ storagePolicyId: undefined }) });
      expect(vm.scsi_controller_count).toBe(2);
    });

    test("an adopted VM given a storage policy gets it on the VM and every disk", () => {
      const { vm } = synth({ vm: adoptedVm(), placement: placement({ storagePolicyId: "policy-2" }) });
      expect(vm.storage_policy_id).toBe("policy-2");
      for (const d of vm.disk) expect(d.storage_policy_id).toBe("policy-2");
    });
  });
});
