import { Testing } from "cdktf";
import { DistributedPortGroup } from "@cdktf/provider-vsphere/lib/distributed-port-group";
import { hardenedPortGroup } from "../../constructs/hardened-port-group";
import { importBlocks, resources } from "./fixtures";

describe("hardenedPortGroup", () => {
  const synth = () =>
    Testing.synthScope((scope) => {
      hardenedPortGroup(scope, "app", { name: "alpha-app", distributedVirtualSwitchUuid: "dvs-uuid", vlanId: 110, tags: ["tag-id"] });
    });

  test("port groups reject promiscuous mode", () => {
    expect(synth()).toHaveResourceWithProperties(DistributedPortGroup, { allow_promiscuous: false });
  });

  test("port groups reject MAC address changes", () => {
    expect(synth()).toHaveResourceWithProperties(DistributedPortGroup, { allow_mac_changes: false });
  });

  test("port groups reject forged transmits", () => {
    expect(synth()).toHaveResourceWithProperties(DistributedPortGroup, { allow_forged_transmits: false });
  });

  test("port groups let no port override the security policy (securityPolicyOverrideAllowed false)", () => {
    expect(synth()).toHaveResourceWithProperties(DistributedPortGroup, { security_policy_override_allowed: false });
  });

  test("port groups let no port override the VLAN (vlanOverrideAllowed false, no guest tagging)", () => {
    expect(synth()).toHaveResourceWithProperties(DistributedPortGroup, { vlan_override_allowed: false });
  });

  test("the five hardening settings are written explicitly, never left to vCenter's defaults", () => {
    const pg = resources(synth(), DistributedPortGroup.tfResourceType).app;
    expect(pg).toMatchObject({
      allow_promiscuous: false,
      allow_mac_changes: false,
      allow_forged_transmits: false,
      security_policy_override_allowed: false,
      vlan_override_allowed: false,
    });
  });

  test("name, switch, VLAN and tags come from the props", () => {
    expect(synth()).toHaveResourceWithProperties(DistributedPortGroup, {
      name: "alpha-app",
      distributed_virtual_switch_uuid: "dvs-uuid",
      vlan_id: 110,
      tags: ["tag-id"],
    });
  });

  test("a running port group is imported by its inventory path; without importId it is created", () => {
    expect(importBlocks(synth())).toEqual([]);
    const json = Testing.synthScope((scope) => {
      hardenedPortGroup(scope, "app", {
        name: "alpha-app",
        distributedVirtualSwitchUuid: "dvs-uuid",
        vlanId: 110,
        importId: "/dc/network/alpha-app",
      });
    });
    expect(importBlocks(json)).toEqual([{ to: "vsphere_distributed_port_group.app", id: "/dc/network/alpha-app" }]);
    expect(resources(json, DistributedPortGroup.tfResourceType).app).not.toHaveProperty("import_id");
  });

  test("the address is vsphere_distributed_port_group.<addressName>, not the construct path", () => {
    expect(Object.keys(resources(synth(), DistributedPortGroup.tfResourceType))).toEqual(["app"]);
  });
});
