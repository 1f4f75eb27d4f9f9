import type { Construct } from "constructs";
import { DistributedPortGroup } from "@cdktf/provider-vsphere/lib/distributed-port-group";
import { pinAddress } from "./stable-address";

export interface HardenedPortGroupProps {
  /** Port group name in vCenter. */
  readonly name: string;
  readonly distributedVirtualSwitchUuid: string;
  readonly vlanId: number;
  readonly tags?: string[];
  /**
   * The port group already runs: its inventory path `/<datacenter>/network/<name>`, imported instead of
   * created (resource_vsphere_distributed_port_group.go resourceVSphereDistributedPortGroupImport looks
   * the path up and stores the port group's key and its switch's UUID).
   * @default created by the apply
   */
  readonly importId?: string;
}

/**
 * A distributed port group on one VLAN that rejects promiscuous mode, MAC changes and forged transmits
 * and lets no port override that or its VLAN (SCG vcenter-8.network-reject-*, network-vgt).
 * Address: `vsphere_distributed_port_group.<addressName>`.
 */
export function hardenedPortGroup(
  scope: Construct,
  addressName: string,
  { importId, ...props }: HardenedPortGroupProps,
): DistributedPortGroup {
  const pg = pinAddress(
    new DistributedPortGroup(scope, `pg-${addressName}`, {
      ...props,
      allowPromiscuous: false,
      allowMacChanges: false,
      allowForgedTransmits: false,
      securityPolicyOverrideAllowed: false,
      vlanOverrideAllowed: false,
    }),
    addressName,
  );
  if (importId) pg.importFrom(importId);
  return pg;
}
