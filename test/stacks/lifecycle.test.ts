import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { copySites, edit, runSynth, stackJson, synthOk, TINY_SYNTH_EXIT } from "../helpers";

describe("lifecycle states", () => {
  test("a retiring VM stays managed and protected, tagged retiring", () => {
    const sites = copySites();
    edit(sites, "tiny/tenants/alpha.yaml", "    classification: health\n", "    classification: health\n    lifecycle: retiring\n");
    const vm = stackJson(synthOk(sites), "tiny-alpha").resource.vsphere_virtual_machine.journal;
    expect(vm.lifecycle.prevent_destroy).toBe(true);
    expect(vm.tags).toContain("${data.vsphere_tag.lifecycle_retiring.id}");
  });

  test("a removed VM becomes a removed block that forgets it, unless destroy is approved", () => {
    const sites = copySites();
    edit(sites, "tiny/tenants/alpha.yaml", "    classification: health\n", "    classification: health\n    lifecycle: removed\n");
    let json = stackJson(synthOk(sites), "tiny-alpha");
    expect(json.resource.vsphere_virtual_machine.journal).toBeUndefined();
    expect(json.resource.vsphere_ha_vm_override.journal).toBeUndefined();
    expect(json.removed).toContainEqual({ from: "vsphere_virtual_machine.journal", lifecycle: { destroy: false } });

    edit(sites, "tiny/tenants/alpha.yaml", "    lifecycle: removed\n", "    lifecycle: removed\n    destroyApproved: true\n");
    json = stackJson(synthOk(sites), "tiny-alpha");
    expect(json.removed).toContainEqual({ from: "vsphere_virtual_machine.journal", lifecycle: { destroy: true } });
  });

  test("an unmanaged VM is never applied but is known to the facility stack", () => {
    const sites = copySites();
    edit(sites, "tiny/tenants/alpha.yaml", "    classification: health\n", "    classification: health\n    lifecycle: unmanaged\n");
    const out = synthOk(sites);
    expect(stackJson(out, "tiny-alpha").resource.vsphere_virtual_machine.journal).toBeUndefined();
    expect(stackJson(out, "tiny-facility").resource.terraform_data["workload_alpha-journal"].input).toMatchObject({
      kind: "workload",
      tenantId: "alpha",
      lifecycle: "unmanaged",
      sensitivity: "health",
      criticality: "life-and-health",
    });
  });

  test("a removed tenant keeps its stack with removed blocks for everything it had", () => {
    const sites = copySites();
    const before = stackJson(synthOk(sites), "tiny-alpha");
    const addresses = Object.entries(before.resource as Record<string, object>).flatMap(([type, byName]) =>
      Object.keys(byName).map((n) => `${type}.${n}`),
    );
    edit(sites, "tiny/tenants/alpha.yaml", "hostMunicipality: true\n", "hostMunicipality: true\nlifecycle: removed\n");
    const after = stackJson(synthOk(sites), "tiny-alpha");
    expect(after.resource).toBeUndefined();
    expect(after.removed.map((r: { from: string }) => r.from).sort()).toEqual(addresses.sort());
    expect(after.removed.every((r: { lifecycle: { destroy: boolean } }) => r.lifecycle.destroy === false)).toBe(true);
  });

  test("a removed tenant's VDOM, link and interfaces leave the firewall through removed blocks; its VDOM stack keeps removed blocks for everything", () => {
    const sites = copySites();
    const addressesOf = (json: Record<string, any>) =>
      Object.entries((json.resource ?? {}) as Record<string, object>).flatMap(([type, byName]) =>
        Object.keys(byName).map((n) => `${type}.${n}`),
      );
    const before = synthOk(sites);
    const fwBefore = addressesOf(stackJson(before, "tiny-firewall"));
    const vdomBefore = addressesOf(stackJson(before, "tiny-alpha-fw"));
    edit(sites, "tiny/tenants/alpha.yaml", "hostMunicipality: true\n", "hostMunicipality: true\nlifecycle: removed\n");
    const after = synthOk(sites);
    const fw = stackJson(after, "tiny-firewall");
    const gone = fwBefore.filter((a) => !addressesOf(fw).includes(a));
    const removed = fw.removed.map((r: { from: string }) => r.from);
    // Box-wide objects of the tenant are removed blocks (forgotten, not destroyed); its policies in the shared VDOM just go.
    expect(removed.sort()).toEqual(gone.filter((a) => /^fortios_system_(vdom|vdomlink|interface)\./.test(a)).sort());
    expect(removed).toEqual(
      expect.arrayContaining(["fortios_system_vdom.alpha", "fortios_system_vdomlink.alpha", "fortios_system_interface.interface_vlan110"]),
    );
    expect(fw.removed.every((r: { lifecycle: { destroy: boolean } }) => r.lifecycle.destroy === false)).toBe(true);
    const vdom = stackJson(after, "tiny-alpha-fw");
    expect(vdom.resource).toBeUndefined();
    expect(vdom.removed.map((r: { from: string }) => r.from).sort()).toEqual(vdomBefore.sort());
  });

  test("a deleted tenant file leaves no stale stack in the output", () => {
    const sites = copySites();
    const out = synthOk(sites);
    expect(existsSync(join(out, "stacks", "tiny-alpha"))).toBe(true);
    rmSync(join(sites, "tiny", "tenants", "alpha.yaml"));
    const result = runSynth(["--sites", sites, "--out", out]);
    expect(result.code).toBe(TINY_SYNTH_EXIT);
    expect(existsSync(join(out, "stacks", "tiny-alpha"))).toBe(false);
  });

  test("a removed host leaves the cluster and becomes a removed block; an unmanaged host is only a device", () => {
    const sites = copySites();
    edit(
      sites,
      "tiny/site.yaml",
      "        vmotionAddress: 10.0.11.12\n",
      "        vmotionAddress: 10.0.11.12\n        lifecycle: removed\n",
    );
    const out = synthOk(sites);
    const json = stackJson(out, "tiny-vsphere");
    expect(json.resource.vsphere_host.esx02).toBeUndefined();
    expect(json.removed).toEqual([
      { from: "vsphere_host.esx02", lifecycle: { destroy: false } },
      { from: "vsphere_vnic.esx02_vmotion", lifecycle: { destroy: false } },
    ]);
    expect(json.resource.vsphere_compute_cluster.prod.host_system_ids).toEqual(["${vsphere_host.esx01.id}"]);
    expect(stackJson(out, "tiny-facility").resource.terraform_data.device_esx02.input.lifecycle).toBe("removed");
  });
});
