import type { Rule } from "../../engine/rule";
import { ClassifiedHostingHasSecurityAgreement } from "./ClassifiedHostingHasSecurityAgreement";
import { ClassifiedSystemHasSapoConsultation } from "./ClassifiedSystemHasSapoConsultation";
import { DanishTenantsShowTheNis2Measures } from "./DanishTenantsShowTheNis2Measures";
import { EveryTenantHasItsReportingRoutes } from "./EveryTenantHasItsReportingRoutes";
import { EveryVmDeclaresEndpointProtection } from "./EveryVmDeclaresEndpointProtection";
import { EveryVmIsOwnedAndClassified } from "./EveryVmIsOwnedAndClassified";
import { GradedSystemsRunOnDedicatedInfrastructure } from "./GradedSystemsRunOnDedicatedInfrastructure";
import { HealthWorkloadsRunInADedicatedZone } from "./HealthWorkloadsRunInADedicatedZone";
import { PersonalDataHasAProcessingAgreement } from "./PersonalDataHasAProcessingAgreement";
import { SecurityAnalysisIsCurrent } from "./SecurityAnalysisIsCurrent";
import { TenantsJoinUnderAHostingAgreement } from "./TenantsJoinUnderAHostingAgreement";

/** The governance rules (area governance) and the national law rules (area law), one per file. */
export const governanceRules: readonly Rule[] = [
  EveryVmIsOwnedAndClassified,
  EveryVmDeclaresEndpointProtection,
  EveryTenantHasItsReportingRoutes,
  SecurityAnalysisIsCurrent,
  ClassifiedHostingHasSecurityAgreement,
  ClassifiedSystemHasSapoConsultation,
  GradedSystemsRunOnDedicatedInfrastructure,
  HealthWorkloadsRunInADedicatedZone,
  DanishTenantsShowTheNis2Measures,
  TenantsJoinUnderAHostingAgreement,
  PersonalDataHasAProcessingAgreement,
];
