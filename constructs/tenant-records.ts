import { Construct } from "constructs";
import { regimesOf } from "../spec/legal/regimes";
import { vmNames } from "../spec/expand-workloads";
import type { Tenant } from "../plan/model";
import { FacilityObject } from "./facility-object";

export interface TenantRecordsProps {
  readonly siteName: string;
  /** The site's tenants with their resolved VMs. */
  readonly tenants: readonly Tenant[];
}

/**
 * What the national rules need to know about each municipality and each workload, as facility
 * objects: a `tenant` (country, legal entity, derived regimes, analysis date, agreements, reporting
 * routes) and a `workload` per workload entry (its VMs, sensitivity, criticality, lifecycle, backup
 * class). Unmanaged VMs are only here: known and counted, never applied.
 */
export class TenantRecords extends Construct {
  constructor(scope: Construct, id: string, { siteName: s, tenants }: TenantRecordsProps) {
    super(scope, id);
    for (const { spec: t, vms } of tenants) {
      const legal = t.legal;
      new FacilityObject(this, s, "tenant", t.tenant, {
        name: t.name,
        country: t.country,
        hostMunicipality: t.hostMunicipality,
        lifecycle: t.lifecycle ?? "active",
        legalEntity: legal?.legalEntity ?? null,
        regimes: regimesOf(t),
        analysisDate: legal?.analysisDate ?? null,
        agreementRef: legal?.agreementRef ?? null,
        dpaRef: legal?.dpaRef ?? null,
        suaRef: legal?.suaRef ?? null,
        samradRef: legal?.samradRef ?? null,
        nhnAgreementRef: legal?.nhnAgreementRef ?? null,
        sapoSamradRef: legal?.sapoSamradRef ?? null,
        reportingRoutes: legal?.reportingRoutes ?? [],
        onboardingUntil: legal?.onboardingUntil ?? null,
        // Without a legal block nothing says otherwise: processing (secure by default).
        processingStarted: legal?.processingStarted ?? true,
      });
      for (const w of t.workloads) {
        const mine = vms.filter((vm) => vm.workload === w);
        new FacilityObject(this, s, "workload", `${t.tenant}-${w.name}`, {
          tenantId: t.tenant,
          system: w.description ?? w.name,
          vms: vmNames(w),
          sensitivity: w.classification,
          criticality: w.criticality,
          lifecycle: mine[0]?.lifecycle ?? w.lifecycle ?? t.lifecycle ?? "active",
          backupClass: mine[0]?.backupClass ?? null,
          cpus: mine[0]?.size.cpus,
          memoryGb: mine[0]?.size.memoryGb,
          addresses: mine.map((vm) => vm.ip ?? null),
          cluster: mine[0]?.cluster,
          endpointProtection: mine[0]?.endpointProtection ?? null,
          endpointExemptionReason: mine[0]?.endpointExemptionReason ?? null,
        });
      }
    }
  }
}
