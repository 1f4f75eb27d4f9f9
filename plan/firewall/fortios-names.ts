import type { TenantFile } from "../../spec/types";

/**
 * Every name the firewall plan gives a FortiOS object, in one place: the planner names objects with
 * these, and FortigateCluster names the box-wide ones (link ends) with the same functions, so the two
 * never drift apart. Limits from the FortiOS CLI reference.
 */

/** FortiOS limits: zone names 35 characters, VDOM names 31, inter-VDOM link names 11. */
export const MAX_ZONE_NAME = 35;
export const MAX_VDOM_NAME = 31;
export const MAX_LINK_NAME = 11;

/** The management VDOM every multi-VDOM box has. */
export const MANAGEMENT_VDOM = "root";

/** Policy id of the logged deny that ends every VDOM; flow ids stay below it. */
export const DENY_POLICY_ID = 100000;

export const zoneInterface = (zone: string): string => `z-${zone}`;
export const vlanInterface = (vlan: number): string => `vlan${vlan}`;

/** A tenant's VDOM: `firewall.vdom`, else the tenant id. */
export const tenantVdom = (tenant: TenantFile): string => tenant.firewall?.vdom ?? tenant.tenant;

/** A tenant's inter-VDOM link: `firewall.link`, else its VDOM name cut to the link-name limit. */
export const tenantLink = (tenant: TenantFile): string => tenant.firewall?.link ?? tenantVdom(tenant).slice(0, MAX_LINK_NAME);

/** The ends FortiOS creates with an inter-VDOM link: `<link>0` in the shared VDOM, `<link>1` in the tenant's. */
export const linkEnd = (link: string, side: "shared" | "tenant"): string => `${link}${side === "shared" ? "0" : "1"}`;

/** Address objects: shared services and networks of the site, and a tenant's networks, zones and VMs. */
export const addressNames = {
  sharedService: (service: string) => `site-svc-${service}`,
  sharedServiceMember: (service: string, index: number) => `site-svc-${service}-${index + 1}`,
  siteNetwork: (network: string) => `site-net-${network}`,
  tenantNetwork: (tenant: string, network: string) => `${tenant}-net-${network}`,
  tenantZone: (tenant: string, zone: string) => `${tenant}-zone-${zone}`,
  tenantVm: (tenant: string, vm: string) => `${tenant}-vm-${vm}`,
  tenantFloating: (tenant: string, name: string) => `${tenant}-float-${name}`,
};

/** The VIP that publishes a VM (or a floating address) on a public address. */
export const vipName = (publicAddress: string): string => `vip-${publicAddress.replace(/\./g, "-")}`;

/** The policy of a flow (the same name in every VDOM the flow crosses). */
export const policyName = (flowId: number): string => `flow-${flowId}`;
