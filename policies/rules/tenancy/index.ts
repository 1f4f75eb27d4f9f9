import type { Rule } from "../../engine/rule";
import { InterTenantFlowsAreJustified } from "./InterTenantFlowsAreJustified";
import { SecuritySensitiveTenantsRunOnDedicatedHosts } from "./SecuritySensitiveTenantsRunOnDedicatedHosts";
import { TenantAddressRangesAreDisjoint } from "./TenantAddressRangesAreDisjoint";
import { TenantDataIsOnItsOwnDatastoreOrEncrypted } from "./TenantDataIsOnItsOwnDatastoreOrEncrypted";
import { TenantRolesSeeOnlyTheirOwnObjects } from "./TenantRolesSeeOnlyTheirOwnObjects";

/** The tenant-isolation rules (area tenancy), one per file; NET-TENANT-SEG (firewall/) completes the pack. */
export const tenancyRules: readonly Rule[] = [
  TenantAddressRangesAreDisjoint,
  InterTenantFlowsAreJustified,
  TenantDataIsOnItsOwnDatastoreOrEncrypted,
  TenantRolesSeeOnlyTheirOwnObjects,
  SecuritySensitiveTenantsRunOnDedicatedHosts,
];
