import type { Rule } from "../engine/rule";
import { backupRules } from "./backup";
import { computeRules } from "./compute";
import { facilityRules } from "./facility";
import { firewallRules } from "./firewall";
import { governanceRules } from "./governance";
import { powerRules } from "./power";
import { tenancyRules } from "./tenancy";
import { vsphereRules } from "./vsphere";

/** Every rule, by area. Packs select among them by id (policies/packs/). */
export const ALL_RULES: readonly Rule[] = [
  ...powerRules,
  ...facilityRules,
  ...computeRules,
  ...firewallRules,
  ...vsphereRules,
  ...backupRules,
  ...governanceRules,
  ...tenancyRules,
];
