import { Construct } from "constructs";
import type { HostHardeningObject } from "../contracts/facility-objects";
import type { Cluster, EsxiHardening, EsxiSettings } from "../spec/types";
import { FacilityObject, type FacilityFields } from "./facility-object";
import { hostnameOf } from "./vmware-server-park";

export interface HostHardeningRecordsProps {
  readonly siteName: string;
  /** The site's clusters: one record per host this configuration manages (not `unmanaged`, not `removed`). */
  readonly clusters: readonly Cluster[];
  /**
   * The declared ESXi hardening (site.yaml `esxiHardening`), with its per-cluster differences.
   * @default none: no host gets a record, and the host rules fail every host for lack of a declaration
   */
  readonly hardening?: EsxiHardening;
}

/** A cluster's settings over the site's: setting by setting, and ssh, shell and syslog field by field. */
export function effectiveSettings(site: EsxiSettings, cluster: EsxiSettings | undefined): EsxiSettings {
  if (!cluster) return site;
  const merged: EsxiSettings = { ...site, ...cluster };
  if (site.ssh && cluster.ssh) merged.ssh = { ...site.ssh, ...cluster.ssh };
  if (site.shell && cluster.shell) merged.shell = { ...site.shell, ...cluster.shell };
  if (site.syslog && cluster.syslog) merged.syslog = { ...site.syslog, ...cluster.syslog };
  return merged;
}

/**
 * The ESXi hardening of each managed host as a `host-hardening` facility object
 * (`terraform_data.host-hardening_<host>`, joined to `vsphere_host.hostname` by `vsphereHostname`).
 * These settings are declared, not configured: the vSphere provider's `vsphere_host` (v2.15) sets only
 * lockdown mode and the ntpd service (resource_vsphere_host.go, resourceVsphereHost schema: `services`
 * holds `ntpd` only; no advanced options), and `vsphere_configuration_profile` takes a cluster's whole
 * configuration and cannot be switched off again (docs/resources/configuration_profile.md). The record
 * carries how the settings are applied (`method`) and the document and date of their last audit.
 */
export class HostHardeningRecords extends Construct {
  constructor(scope: Construct, id: string, { siteName, clusters, hardening }: HostHardeningRecordsProps) {
    super(scope, id);
    if (!hardening) return;
    for (const cluster of clusters) {
      const own = hardening.clusters?.find((c) => c.cluster === cluster.name);
      const source = own?.source ?? hardening.source;
      const settings = effectiveSettings(hardening.settings, own?.settings);
      for (const host of cluster.hosts) {
        if (host.lifecycle === "unmanaged" || host.lifecycle === "removed") continue;
        const fields: FacilityFields<"host-hardening"> = {
          vsphereHostname: hostnameOf(host),
          cluster: cluster.name,
          method: source.method,
          source: { document: source.document, verified: source.verified },
          ...recorded(settings),
        };
        new FacilityObject(this, siteName, "host-hardening", host.name, fields);
      }
    }
  }
}

/** The declared settings as the facility vocabulary names them (the same names; only what is declared). */
function recorded(s: EsxiSettings): Partial<HostHardeningObject> {
  return {
    ssh: s.ssh && { running: s.ssh.running, startPolicy: s.ssh.startPolicy },
    shell: s.shell && { running: s.shell.running, startPolicy: s.shell.startPolicy },
    shellInteractiveTimeoutSec: s.shellInteractiveTimeoutSec,
    shellTimeoutSec: s.shellTimeoutSec,
    dcuiTimeoutSec: s.dcuiTimeoutSec,
    accountLockFailures: s.accountLockFailures,
    accountUnlockTimeSec: s.accountUnlockTimeSec,
    passwordQualityControl: s.passwordQualityControl,
    mobEnabled: s.mobEnabled,
    blockGuestBpdu: s.blockGuestBpdu,
    syslog: s.syslog && definedOnly(s.syslog),
  };
}

/** The object without its undefined fields (a nested object's absent facts are left out, as at the top). */
const definedOnly = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
