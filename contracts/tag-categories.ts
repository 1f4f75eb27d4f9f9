import { CLASSIFICATIONS, CRITICALITIES } from "./classifications";

/**
 * vSphere tag categories the park creates and tenant stacks look up by name. Tags carry only a name,
 * so each fact gets its own single-cardinality category.
 */
export const TAG_CATEGORIES = {
  tenant: {
    name: "tenant",
    types: ["VirtualMachine", "Folder", "ResourcePool", "DistributedVirtualPortgroup"],
    description: "Municipality that owns the object",
  },
  criticality: { name: "criticality", types: ["VirtualMachine"], description: "life-and-health restarts first after a host failure" },
  classification: { name: "data-classification", types: ["VirtualMachine"], description: "Most sensitive data the VM holds" },
  redundancyGroup: { name: "redundancy-group", types: ["VirtualMachine"], description: "VMs that must never share a host" },
  lifecycle: { name: "lifecycle", types: ["VirtualMachine"], description: "active, or retiring (to be powered off after a final backup)" },
  backupClass: {
    name: "backup-class",
    types: ["VirtualMachine"],
    description: "Backup class: backup software selects the VMs of a class by this tag",
  },
  endpointProtection: {
    name: "endpoint-protection",
    types: ["VirtualMachine"],
    description:
      "Endpoint protection: the security suite's agent, agentless protection, or an exemption (its reason is in the workload record)",
  },
} as const;

export type TagCategoryKey = keyof typeof TAG_CATEGORIES;

/**
 * How a VM is protected against malware (a workload's `endpointProtection:`, else the site's default):
 * the security suite's agent in the guest, agentless protection through the hypervisor, or an
 * exemption, which needs a reason (the workload's `endpointExemptionReason`).
 */
export const ENDPOINT_PROTECTIONS = ["agent", "agentless", "exempt"] as const;
export type EndpointProtection = (typeof ENDPOINT_PROTECTIONS)[number];

/** Tag values the park creates up front; tenant and redundancy-group tags come with each tenant. */
export const FIXED_TAGS: Record<"criticality" | "classification" | "lifecycle" | "endpointProtection", readonly string[]> = {
  criticality: CRITICALITIES,
  classification: CLASSIFICATIONS,
  lifecycle: ["active", "retiring"],
  endpointProtection: ENDPOINT_PROTECTIONS,
};
