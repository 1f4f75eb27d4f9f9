import type { Pack } from "./pack";

/**
 * Tenant isolation (issue 12): what keeps the municipalities of one room apart, from layer 2 to the
 * hypervisor. Every site: a room with one tenant passes it trivially, and a partner can join any room.
 */
export const TENANT_ISOLATION_PACK: Pack = {
  id: "tenant-isolation",
  title: "Tenant isolation",
  description:
    "Municipalities sharing a room stay apart: disjoint VLANs and address ranges, VMs only on their own or shared-services networks, inter-tenant flows justified with a ticket, sensitive data on a datastore of its own or encrypted, vCenter roles on the tenant's own folder and pool only, and security-sensitive tenants on dedicated hosts.",
  appliesTo: "every-site",
  rules: ["TEN-RANGES", "NET-TENANT-SEG", "TEN-FLOW-JUSTIFIED", "TEN-DATA-STORE", "TEN-ROLE-SCOPE", "TEN-DEDICATED-HOSTS"],
};
