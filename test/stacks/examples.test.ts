import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { UNDECLARED_REBOOT_SETTINGS } from "../../constructs/tenant-virtual-machine";
import { rootPasswordVariable } from "../../constructs/vmware-server-park";
import type { ManagedVm, Site } from "../../plan/model";
import { isSensitive } from "../../contracts/classifications";
import { EXAMPLES, load, sharedSynth, stackJson } from "../helpers";

/** The example sites, synthesized once per test run (test/global-setup.ts) from a copy whose lock files synth wrote. */
const { sites: sitesDir, out } = sharedSynth("examples");
let sites: Site[];

beforeAll(() => {
  sites = load(sitesDir).sites;
});

const stackNames = () => readdirSync(join(out, "stacks")).sort();
const resourcesOf = (stack: string, type: string): Record<string, any> => stackJson(out, stack).resource?.[type] ?? {};
const managedVms = (site: Site) =>
  site.tenants.flatMap((t) =>
    t.vms.filter((vm): vm is ManagedVm => vm.kind === "new" || vm.kind === "adopted").map((vm) => ({ tenant: t.spec.tenant, vm })),
  );
const vmResource = (site: Site, tenant: string, vm: ManagedVm) =>
  resourcesOf(`${site.spec.site}-${tenant}`, "vsphere_virtual_machine")[vm.name];

describe("example sites", () => {
  test("the committed address pins are up to date: synth changes no ipam.lock.yaml and renumbers no VM", () => {
    for (const site of sites) {
      const name = site.spec.site;
      expect({ name, lock: readFileSync(join(sitesDir, name, "ipam.lock.yaml"), "utf8") }).toEqual({
        name,
        lock: readFileSync(join(EXAMPLES, name, "ipam.lock.yaml"), "utf8"),
      });
    }
  });

  test("every site has its vSphere, facility, firewall and tenant stacks", () => {
    const expected = sites.flatMap((s) => [
      `${s.spec.site}-vsphere`,
      `${s.spec.site}-facility`,
      `${s.spec.site}-firewall`,
      ...s.tenants.flatMap((t) => [`${s.spec.site}-${t.spec.tenant}`, `${s.spec.site}-${t.spec.tenant}-fw`]),
    ]);
    expect(stackNames()).toEqual(expected.sort());
  });

  test("snapshots: the vSphere, facility and firewall stacks and one tenant's stacks per site", () => {
    for (const site of sites) {
      const s = site.spec.site;
      const partner = site.tenants.find((t) => !t.spec.hostMunicipality) ?? site.tenants[0];
      for (const stack of [
        `${s}-vsphere`,
        `${s}-facility`,
        `${s}-firewall`,
        `${s}-${partner.spec.tenant}`,
        `${s}-${partner.spec.tenant}-fw`,
      ]) {
        expect(readFileSync(join(out, "stacks", stack, "cdk.tf.json"), "utf8")).toMatchSnapshot(stack);
      }
    }
  });

  test("snapshot: every Terraform address (a refactor that would destroy something shows here)", () => {
    const addresses = stackNames().flatMap((stack) => {
      const json = stackJson(out, stack);
      const list = (block: Record<string, object> | undefined, prefix: string) =>
        Object.entries(block ?? {}).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${stack}: ${prefix}${type}.${name}`));
      return [...list(json.resource, ""), ...list(json.data, "data.")];
    });
    expect(addresses.join("\n")).toMatchSnapshot();
  });

  test("clusters: HA on with admission control, heartbeating, APD/PDL responses, DRS fully automated", () => {
    for (const site of sites) {
      const clusters = resourcesOf(`${site.spec.site}-vsphere`, "vsphere_compute_cluster");
      expect(Object.keys(clusters).sort()).toEqual(site.spec.clusters.map((c) => c.name).sort());
      for (const c of Object.values(clusters)) {
        expect(c).toMatchObject({
          ha_enabled: true,
          ha_host_monitoring: "enabled",
          ha_admission_control_policy: expect.not.stringMatching(/^disabled$/),
          ha_vm_component_protection: "enabled",
          ha_datastore_pdl_response: "restartAggressive",
          ha_datastore_apd_response: expect.stringMatching(/^restart/),
          drs_enabled: true,
          drs_automation_level: "fullyAutomated",
          lifecycle: { prevent_destroy: true },
        });
        expect(c.ha_admission_control_host_failure_tolerance).toBeGreaterThanOrEqual(1);
        expect(c.ha_heartbeat_datastore_ids.length).toBeGreaterThanOrEqual(1);
      }
    }
  });

  test("hosts: lockdown normal, NTP, own root-password variable, protected, maintenance ignored", () => {
    for (const site of sites) {
      const stack = stackJson(out, `${site.spec.site}-vsphere`);
      const hosts = site.spec.clusters.flatMap((c) => c.hosts).filter((h) => (h.lifecycle ?? "active") === "active");
      expect(hosts.length).toBeGreaterThanOrEqual(3);
      for (const h of hosts) {
        const r = stack.resource.vsphere_host[h.name];
        expect(r).toMatchObject({
          lockdown: "normal",
          username: "root",
          password: `\${var.${rootPasswordVariable(h.name)}}`,
          services: [{ ntpd: { enabled: true, policy: "on", ntp_servers: site.spec.ntp } }],
          lifecycle: { prevent_destroy: true, ignore_changes: ["maintenance"] },
        });
        expect(stack.variable[rootPasswordVariable(h.name)]).toMatchObject({ sensitive: true });
      }
    }
  });

  test("switch and port groups reject promiscuous mode, MAC changes and forged transmits", () => {
    for (const stack of stackNames()) {
      const groups = [
        ...Object.values(resourcesOf(stack, "vsphere_distributed_virtual_switch")),
        ...Object.values(resourcesOf(stack, "vsphere_distributed_port_group")),
      ];
      for (const g of groups)
        expect(g).toMatchObject({ allow_promiscuous: false, allow_mac_changes: false, allow_forged_transmits: false });
    }
  });

  test("every redundancy group has a mandatory anti-affinity rule holding all its members", () => {
    let rules = 0;
    for (const site of sites) {
      for (const t of site.tenants) {
        const groups = new Map<string, string[]>();
        for (const { vm } of managedVms({ ...site, tenants: [t] })) {
          const g = vm.workload.redundancyGroup;
          if (g) groups.set(g, [...(groups.get(g) ?? []), `\${vsphere_virtual_machine.${vm.name}.id}`]);
        }
        const actual = resourcesOf(`${site.spec.site}-${t.spec.tenant}`, "vsphere_compute_cluster_vm_anti_affinity_rule");
        for (const [group, members] of groups) {
          if (members.length < 2) continue;
          rules++;
          expect(actual[group]).toMatchObject({ enabled: true, mandatory: true });
          expect([...actual[group].virtual_machine_ids].sort()).toEqual(members.sort());
        }
      }
    }
    expect(rules).toBeGreaterThanOrEqual(4);
  });

  test("HA restart priority follows criticality: life-and-health restarts first", () => {
    const expected: Record<string, string | undefined> = {
      "life-and-health": "highest",
      critical: "high",
      standard: undefined,
      low: "low",
    };
    let lifeAndHealth = 0;
    for (const site of sites) {
      for (const { tenant, vm } of managedVms(site)) {
        const override = resourcesOf(`${site.spec.site}-${tenant}`, "vsphere_ha_vm_override")[vm.name];
        expect({ vm: vm.name, priority: override?.ha_vm_restart_priority }).toEqual({
          vm: vm.name,
          priority: expected[vm.workload.criticality],
        });
        if (vm.workload.criticality === "life-and-health") lifeAndHealth++;
      }
    }
    expect(lifeAndHealth).toBeGreaterThanOrEqual(2);
  });

  test("new VMs with personal, health or classified data use the encryption policy on the VM, none on their disks (provider #2241)", () => {
    let checked = 0;
    for (const site of sites) {
      const encryption = site.spec.storagePolicies.find((p) => p.encryption)!;
      for (const { tenant, vm } of managedVms(site)) {
        if (vm.kind !== "new" || !isSensitive(vm.workload.classification)) continue;
        const r = vmResource(site, tenant, vm);
        const ref = `\${data.vsphere_storage_policy.${encryption.id}.id}`;
        expect({
          vm: vm.name,
          policy: r.storage_policy_id,
          disks: r.disk.map((d: { storage_policy_id: string }) => d.storage_policy_id),
        }).toEqual({ vm: vm.name, policy: ref, disks: r.disk.map(() => undefined) });
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(5);
  });

  test("hardening never reboots: no reboot for extra_config, no forced power-off, clone ignored", () => {
    for (const site of sites) {
      for (const { tenant, vm } of managedVms(site)) {
        const r = vmResource(site, tenant, vm);
        expect(r).toMatchObject({
          extra_config_reboot_required: false,
          force_power_off: false,
          extra_config: { "isolation.tools.copy.disable": "TRUE", "RemoteDisplay.maxConnections": "1" },
        });
        expect(r.lifecycle).toEqual({
          prevent_destroy: true,
          ignore_changes: ["clone", "annotation", ...(vm.workload.existing ? UNDECLARED_REBOOT_SETTINGS : [])],
        });
      }
    }
  });

  test("running VMs keep their own reboot-sensitive values and are imported, never cloned", () => {
    let existing = 0;
    for (const site of sites) {
      const json = (t: string) => stackJson(out, `${site.spec.site}-${t}`);
      for (const { tenant, vm } of managedVms(site)) {
        const e = vm.workload.existing;
        if (!e) continue;
        existing++;
        const r = vmResource(site, tenant, vm);
        expect(r.clone).toBeUndefined();
        expect(r).toMatchObject({
          firmware: e.firmware,
          efi_secure_boot_enabled: e.efiSecureBoot,
          hardware_version: e.hardwareVersion,
          num_cores_per_socket: e.coresPerSocket,
          tools_upgrade_policy: e.toolsUpgradePolicy,
          enable_logging: e.enableLogging,
          enable_disk_uuid: e.enableDiskUuid,
          cpu_hot_add_enabled: e.cpuHotAdd,
          cpu_hot_remove_enabled: e.cpuHotRemove,
          memory_hot_add_enabled: e.memoryHotAdd,
          guest_id: e.guestId,
          network_interface: [expect.objectContaining({ adapter_type: e.nicType })],
        });
        expect(r.disk.map((d: any) => [d.label, d.controller_type, d.unit_number, d.size])).toEqual(
          e.disks.map((d) => [d.label, d.controllerType, d.unitNumber, d.sizeGb]),
        );
        expect(json(tenant).import).toContainEqual(expect.objectContaining({ to: `vsphere_virtual_machine.${vm.name}` }));
      }
    }
    expect(existing).toBeGreaterThanOrEqual(2);
  });

  test("new VMs: EFI secure boot, logging, customization with the pinned address", () => {
    for (const site of sites) {
      for (const { tenant, vm } of managedVms(site)) {
        if (vm.workload.existing) continue;
        const r = vmResource(site, tenant, vm);
        expect(r).toMatchObject({ firmware: "efi", efi_secure_boot_enabled: true, enable_logging: true });
        expect(r.clone.customize.network_interface).toEqual([{ ipv4_address: vm.ip, ipv4_netmask: Number(vm.network.cidr.split("/")[1]) }]);
      }
    }
  });

  test("credentials are variables: the providers hold only ${var...}", () => {
    for (const stack of stackNames()) {
      const provider = stackJson(out, stack).provider?.vsphere?.[0];
      if (!provider) continue;
      expect(provider).toMatchObject({ user: "${var.vsphere_user}", password: "${var.vsphere_password}" });
    }
  });

  test("the facility stack holds only terraform_data, including every host and the SAN hardware with join keys", () => {
    for (const site of sites) {
      const json = stackJson(out, `${site.spec.site}-facility`);
      expect(Object.keys(json.resource)).toEqual(["terraform_data"]);
      expect(json.provider).toBeUndefined();
      const objects = Object.values(json.resource.terraform_data).map((r: any) => r.input);
      const devices = objects.filter((o) => o.kind === "device");
      for (const h of site.spec.clusters.flatMap((c) => c.hosts)) {
        expect(devices).toContainEqual(
          expect.objectContaining({ id: h.name, role: "esxi-host", vsphereHostname: h.hostname ?? h.address, rackId: h.rack }),
        );
      }
      expect(devices.filter((d) => d.role === "san-controller")).toHaveLength(site.spec.san.controllers.length);
      expect(new Set(devices.filter((d) => d.role === "fabric-switch").map((d) => d.fabric))).toEqual(
        new Set(site.spec.san.fabrics.map((f) => f.id)),
      );
      expect(objects.filter((o) => o.kind === "storage-policy" && o.encryption).map((o) => o.id)).toEqual(
        site.spec.storagePolicies.filter((p) => p.encryption).map((p) => p.id),
      );
      for (const o of objects) expect(o.site).toBe(site.spec.site);
    }
  });
});
