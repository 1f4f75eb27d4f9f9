import type { Construct } from "constructs";
import type { Country } from "../contracts/facility-objects";
import { FacilityObject } from "./facility-object";

export interface OperatorRecordProps {
  readonly siteName: string;
  /** The legal entity that owns and runs the room (site.yaml `municipality`). */
  readonly legalEntity: string;
  readonly country: Country;
  /** The tenant that is the host municipality, if one is. */
  readonly hostTenant?: string;
  /** Every stack synth writes for the site. */
  readonly stacks: readonly string[];
  /** The end of a new room's onboarding (site.yaml `onboardingUntil`), if it is being onboarded. */
  readonly onboardingUntil?: string;
}

/**
 * The site's `operator` facility object: whom the audit concerns (the operator's legal entity and
 * country, the host municipality's tenant) and which stacks make up the whole site, so a check of part
 * of the output can say what it lacks. Address: `terraform_data.operator_<site>`.
 */
export function addOperatorRecord(
  scope: Construct,
  { siteName, legalEntity, country, hostTenant, stacks, onboardingUntil }: OperatorRecordProps,
): void {
  new FacilityObject(scope, siteName, "operator", siteName, {
    legalEntity,
    country,
    hostTenant: hostTenant ?? null,
    stacks: [...stacks].sort(),
    // Only a room being onboarded says so: every other site's object is as before.
    ...(onboardingUntil === undefined ? {} : { onboardingUntil }),
  });
}
