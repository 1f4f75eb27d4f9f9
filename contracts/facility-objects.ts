/**
 * The facility vocabulary: what the constructs write into `terraform_data.<kind>_<id>.input` in the
 * `<site>-facility` stack and what the policy rules read (docs/facility-vocabulary.md). One interface
 * per kind, discriminated by `kind`. References between objects are plain id strings (never tokens),
 * so a dangling id stays visible to the rules. Absent optional facts are `null` or left out.
 */

/** Where a typed fact was read, and when it was last checked against the room. */
export interface FactSource {
  document: string;
  /** YYYY-MM-DD */
  verified: string;
}

interface Base<K extends string> {
  kind: K;
  /** Unique per site. */
  id: string;
  site: string;
  source?: FactSource;
}

export type PowerPath = "A" | "B";

export interface RoomObject extends Base<"room"> {
  roomType: "primary" | "backup" | "other";
  building?: string;
  fireCell?: string;
  epoZone?: string;
  /** EN 50600 protection class 1-4 against unauthorised access. */
  protectionClass?: number;
  fireSuppression?: string;
  /** Access control that logs every entry (badge reader with log). */
  accessLogged?: boolean;
  intrusionAlarm?: boolean;
  cctv?: boolean;
  liquidPipesAboveIt?: boolean;
}

export interface RackObject extends Base<"rack"> {
  roomId: string;
  /** The rack's design power in kW; absent when the spec declares none. */
  designKw?: number;
}

export interface BoardObject extends Base<"board"> {
  path: PowerPath;
  roomId: string;
  capacityKw: number;
}

export interface GeneratorObject extends Base<"generator"> {
  kw: number;
  fuelHours: number;
  atsId?: string | null;
  /** The boards it backs up. */
  feeds: string[];
}

export interface UpsModule {
  kw: number;
  /** `ok`, or out of service (`failed`, `in-repair`, ...): only `ok` modules carry load. */
  status: string;
}

export interface UpsObject extends Base<"ups"> {
  path: PowerPath;
  roomId: string;
  boardId: string;
  modules: UpsModule[];
  runtimeMin: number;
}

export interface PduObject extends Base<"pdu"> {
  rackId: string;
  upsId: string;
  /** The path of its UPS; null when the UPS is unknown. */
  path: PowerPath | null;
  capacityKw: number;
}

export type DeviceRole =
  "esxi-host" | "firewall" | "core-switch" | "san-array" | "san-controller" | "fabric-switch" | "backup-server" | "tape-library" | "other";

export interface DevicePsu {
  /** null: the supply is not wired. */
  pduId: string | null;
  watts: number;
}

export interface DeviceLink {
  port: string;
  peerDeviceId: string;
  peerPort: string;
}

export interface DeviceObject extends Base<"device"> {
  role: DeviceRole;
  rackId: string;
  model?: string;
  firmware?: string;
  psus: DevicePsu[];
  links: DeviceLink[];
  // Join keys and facts by role.
  /** esxi-host: joins `vsphere_host.hostname`. */
  vsphereHostname?: string;
  cluster?: string;
  cpuCores?: number;
  memoryGb?: number;
  lifecycle?: string;
  /** esxi-host: the vSphere switch (by name) its management vmkernel port is on, where Terraform does not manage that port. */
  managementSwitch?: string;
  /** firewall: joins `fortios_system_ha.group_name`. */
  haGroup?: string;
  haRole?: string;
  hostname?: string;
  managementAddress?: string;
  serial?: string;
  vdomLicences?: number;
  /** fabric-switch */
  fabric?: string;
  /** san-controller */
  arrayId?: string;
  /** san-array */
  controllerIds?: string[];
  /** backup-server */
  capacityTb?: number;
  immutable?: boolean;
}

export interface CoolingObject extends Base<"cooling"> {
  roomId: string;
  kw: number;
  /** A board or UPS id. */
  feed: string;
}

export type SensorMeasure = "inlet-temp" | "humidity" | "smoke" | "water";

export interface SensorObject extends Base<"sensor"> {
  rackId?: string | null;
  roomId?: string | null;
  measure: SensorMeasure;
  lowCritical?: number | null;
  lowWarning?: number | null;
  highWarning?: number | null;
  highCritical?: number | null;
  delayMin?: number | null;
  hysteresis?: number | null;
  /** The sensor's default alarm route: the route of every threshold `routes` does not name. */
  routeId?: string | null;
  /**
   * The alarm route of each threshold (null: none), so warnings can go to office hours and criticals
   * to on-call. Optional: older and foreign output lacks it, and then every threshold alarms on `routeId`.
   */
  routes?: SensorRoutes;
}

/** Alarm route id per threshold of a sensor. */
export interface SensorRoutes {
  lowCritical: string | null;
  lowWarning: string | null;
  highWarning: string | null;
  highCritical: string | null;
}

export interface AlarmRouteObject extends Base<"alarm-route"> {
  target: string;
  hours: "24/7" | "office";
  /** The severities that page on this route: `critical`, `warning`. */
  severities: string[];
}

export interface LunObject extends Base<"lun"> {
  arrayId: string;
  sizeGb: number;
  /** The owning controller (preferred path); absent when the spec names none. */
  ownerControllerId?: string;
  datastore?: string;
}

export interface KeyProviderObject extends Base<"key-provider"> {
  providerKind: "native" | "kms";
  redundant: boolean;
  description?: string;
}

export interface StoragePolicyObject extends Base<"storage-policy"> {
  /** As in vCenter: joins `data.vsphere_storage_policy.name`. */
  name: string;
  encryption: boolean;
  keyProviderId: string | null;
}

export interface LogCollectorObject extends Base<"log-collector"> {
  port: number;
  protocol: string;
  tls: boolean;
  retentionMonths: number | null;
}

export interface BackupRoomObject extends Base<"backup-room"> {
  roomId: string;
  repositoryIds: string[];
}

export interface BackupClassObject extends Base<"backup-class"> {
  rpoHours: number;
  retentionDays: number;
  immutable: boolean;
  offsite: boolean;
  /** The vSphere tag that selects the class's VMs. */
  tag: string;
  /** The configuration backups the class's jobs include. Optional: older and foreign output lacks it. */
  configurations?: ConfigurationBackup[];
}

/** vcenter: the VAMI file-based backup; fortigate: the firewall configuration; iac-state: the Terraform state. */
export type ConfigurationBackup = "vcenter" | "fortigate" | "iac-state";

export interface BackupCopyObject extends Base<"backup-copy"> {
  classId: string;
  roomId: string | null;
  offsiteSite: string | null;
  media: string;
  immutable: boolean;
  offsiteKm: number | null;
}

/** A person's record: reported as attested, never as passed. */
export interface AttestationFields {
  /** YYYY-MM-DD */
  date: string;
  result: string;
  /** The role of who did it. */
  by: string;
  documentRef: string;
  /** YYYY-MM-DD */
  nextDue?: string | null;
}

export interface RestoreTestObject extends Base<"restore-test">, AttestationFields {
  classId: string;
}

export interface EvidenceObject extends Base<"evidence">, AttestationFields {
  /** The object the evidence is about. */
  about: string;
  /** restore-test, load-test, access-review, service, analysis, ... */
  evidenceKind: string;
}

export interface ReportingRoute {
  regime: string;
  authority: string;
  channel: string;
}

export type Country = "NO" | "SE" | "DK";

/**
 * Who runs the room: the operator's legal entity (site.yaml `municipality`), its country, and which
 * tenant is the host municipality. Written once per site (id = the site) so a report can say whom
 * the audit concerns. `stacks` lists every stack synth wrote for the site, so a check can tell a
 * whole site from a part of one (a tenant stack missing from the input).
 */
export interface OperatorObject extends Base<"operator"> {
  /** The legal entity that owns and runs the room (site.yaml `municipality`). */
  legalEntity: string;
  country: Country;
  /** The id of the tenant that is the host municipality; null when no tenant is. */
  hostTenant: string | null;
  /** The stacks synth wrote for the site, sorted. Optional: a foreign writer may not know them. */
  stacks?: string[];
  /** The end of a new room's onboarding (YYYY-MM-DD): until then a record missing altogether is advisory. Absent: not onboarding. */
  onboardingUntil?: string;
}

export interface TenantObject extends Base<"tenant"> {
  name: string;
  country: Country;
  hostMunicipality: boolean;
  lifecycle: string;
  legalEntity: string | null;
  /** Derived from country and workload sensitivity (docs/legal-regimes.md). */
  regimes: string[];
  analysisDate: string | null;
  agreementRef: string | null;
  dpaRef: string | null;
  suaRef: string | null;
  samradRef: string | null;
  nhnAgreementRef: string | null;
  /** SE: the written consultation with Säkerhetspolisen before a classified information system goes into operation. Optional: older output lacks it. */
  sapoSamradRef?: string | null;
  reportingRoutes: ReportingRoute[];
  /** The last day (YYYY-MM-DD) of a new tenant's onboarding window: until then its missing evidence is advisory. Null: not onboarding. */
  onboardingUntil: string | null;
  /**
   * Whether the tenant's data is processed in the room yet. Only while false may a missing legal
   * prerequisite (security agreement, consultation, data-processing or health-network agreement) be an
   * advisory finding. Optional: older and foreign output lacks it, and absent means processing (secure by default).
   */
  processingStarted?: boolean;
}

export type Sensitivity = "public" | "internal" | "personal" | "health" | "security-classified";
export type Criticality = "life-and-health" | "critical" | "standard" | "low";

export interface WorkloadObject extends Base<"workload"> {
  tenantId: string;
  system: string;
  vms: string[];
  sensitivity: Sensitivity;
  criticality: Criticality;
  lifecycle: string;
  backupClass: string | null;
  cpus?: number;
  memoryGb?: number;
  addresses: (string | null)[];
  /** The compute cluster its VMs run in. Optional: foreign input lacks it (RED-HOST-N1 then cannot count unmanaged VMs). */
  cluster?: string;
  /** agent, agentless or exempt (contracts/tag-categories.ts ENDPOINT_PROTECTIONS); null when undeclared. Optional: foreign input lacks it. */
  endpointProtection?: "agent" | "agentless" | "exempt" | null;
  /** Why the workload is exempt from endpoint protection; null unless exempt. */
  endpointExemptionReason?: string | null;
}

/** A host service's declared state: running or not, and its startup policy (HostServicePolicy: off = start and stop manually). */
export interface HostServiceState {
  running: boolean;
  startPolicy: "off" | "on" | "automatic";
}

/** A host's declared remote logging (Syslog.global.*). */
export interface HostSyslogSettings {
  /** Syslog.global.logHost, such as ssl://logs.example.org:6514. */
  logHost?: string;
  /** Syslog.global.certificate.checkSSLCerts */
  checkSslCerts?: boolean;
  /** Syslog.global.certificate.strictX509Compliance */
  strictX509Compliance?: boolean;
  /** Syslog.global.auditRecord.remoteEnable */
  auditRecordRemote?: boolean;
}

/**
 * The ESXi settings a managed host carries although the configuration cannot set them (vsphere_host
 * knows lockdown and ntpd only): declared facts with their source (document, verified) and how they
 * are applied. A setting left out is undeclared. Joins `vsphere_host.hostname` by `vsphereHostname`.
 */
export interface HostHardeningObject extends Base<"host-hardening"> {
  vsphereHostname: string;
  cluster?: string;
  /** What applies the settings: host-profile, powercli-script, configuration-profile (outside this configuration) or manual. */
  method: "host-profile" | "powercli-script" | "configuration-profile" | "manual";
  /** TSM-SSH */
  ssh?: HostServiceState;
  /** TSM (the ESXi Shell) */
  shell?: HostServiceState;
  /** UserVars.ESXiShellInteractiveTimeOut, seconds (0 = none). */
  shellInteractiveTimeoutSec?: number;
  /** UserVars.ESXiShellTimeOut, seconds (0 = none). */
  shellTimeoutSec?: number;
  /** UserVars.DcuiTimeOut, seconds (0 = none). */
  dcuiTimeoutSec?: number;
  /** Security.AccountLockFailures (0 = never locks). */
  accountLockFailures?: number;
  /** Security.AccountUnlockTime, seconds. */
  accountUnlockTimeSec?: number;
  /** Security.PasswordQualityControl (pam_passwdqc options). */
  passwordQualityControl?: string;
  /** Config.HostAgent.plugins.solo.enableMob */
  mobEnabled?: boolean;
  /** Net.BlockGuestBPDU = 1 */
  blockGuestBpdu?: boolean;
  syslog?: HostSyslogSettings;
}

/**
 * The known-bad address feeds of a FortiGate cluster (site.yaml `firewall.threatFeeds`): whether its
 * FortiGuard licence has the IP reputation feeds, the Internet Service Database entries its denies name,
 * and without the feeds the documented reason. Joins the cluster by `haGroup` (fortios_system_ha.group_name).
 */
export interface ThreatFeedsObject extends Base<"threat-feeds"> {
  haGroup: string;
  licensed: boolean;
  /** The entries the feed denies name (empty when not licensed). */
  entries: string[];
  /** Why the site has no feed-based deny (when not licensed). */
  reason?: string;
}

/**
 * A template new VMs are cloned from (site.yaml `templates`). Joins the name of the
 * `data.vsphere_virtual_machine` (a template VM) or `data.vsphere_content_library_item` (a library
 * item) that a VM's `clone.template_uuid` references. `encrypted`: the template's disks are encrypted,
 * so a clone's disks are too (vSphere clones an encrypted template with its keys); the provider cannot
 * encrypt a clone's disks itself (terraform-provider-vsphere #2241).
 */
export interface VmTemplateObject extends Base<"vm-template"> {
  /** The template VM's name in vCenter, or the content library item's. */
  name: string;
  /** The content library of a library item; absent for a template VM. */
  contentLibrary?: string;
  encrypted: boolean;
  firmware: "efi" | "bios";
  scsiType: "pvscsi" | "lsilogic" | "lsilogic-sas";
}

/** Thresholds a site sets for its rules (sites/<site>/policy.yaml): rule id -> parameter -> value. */
export interface PolicyParametersObject extends Base<"policy-parameters"> {
  rules: Record<string, Record<string, number | string | boolean>>;
  /** Rule id -> why the site overrides that rule's defaults (policy.yaml's `reason`); reports show it beside each override. */
  reasons?: Record<string, string>;
}

/** An accepted finding (sites/<site>/waivers.yaml), written by synth so a later check sees the same waivers. */
export interface WaiverObject extends Base<"waiver"> {
  waiverKind: "risk-acceptance" | "compensating-control" | "not-applicable" | "false-positive" | "emergency";
  rule: string;
  /** A Terraform address (optionally `#findingId`); a glob over addresses (`*` matches any run of characters) only for advisory rules. */
  target: string;
  reason: string;
  /** The id of an `approver` object of the site (the roster, approvers.yaml). */
  approver: string;
  ticket: string;
  /** The day it was approved or last renewed, YYYY-MM-DD. Optional: older output lacks it (such a waiver is then invalid). */
  approved?: string;
  /** YYYY-MM-DD */
  expires: string;
  /** How many times it has been renewed. Optional: older output lacks it (0). */
  renewals?: number;
  /** A compensating control's own evidence. */
  evidence?: CompensatingEvidence;
}

/** What a compensating control is, where it is documented and when it was last verified. */
export interface CompensatingEvidence {
  description: string;
  document: string;
  /** YYYY-MM-DD */
  verified: string;
}

/** What an approver may approve: rule ids or globs, severities, tenant ids (`shared`: the site's shared stacks). */
export interface ApproverAuthority {
  rules: string[];
  severities: ("critical" | "high" | "medium" | "low")[];
  tenants: string[];
}

/** A person who may approve waivers (sites/<site>/approvers.yaml), written by synth so a later check governs waivers by the same roster. */
export interface ApproverObject extends Base<"approver"> {
  name: string;
  role: string;
  /** The tenant (municipality) they act for. */
  tenant: string;
  authority: ApproverAuthority;
  /** The last day the appointment holds, YYYY-MM-DD. */
  validUntil?: string;
  /** The decision that gives them this authority. */
  delegationRef?: string;
}

export type FacilityObject =
  | RoomObject
  | RackObject
  | BoardObject
  | GeneratorObject
  | UpsObject
  | PduObject
  | DeviceObject
  | CoolingObject
  | SensorObject
  | AlarmRouteObject
  | LunObject
  | KeyProviderObject
  | StoragePolicyObject
  | LogCollectorObject
  | BackupRoomObject
  | BackupClassObject
  | BackupCopyObject
  | RestoreTestObject
  | EvidenceObject
  | OperatorObject
  | TenantObject
  | WorkloadObject
  | HostHardeningObject
  | ThreatFeedsObject
  | VmTemplateObject
  | PolicyParametersObject
  | WaiverObject
  | ApproverObject;

export type FacilityKind = FacilityObject["kind"];

/** The object of one kind. */
export type FacilityOf<K extends FacilityKind> = Extract<FacilityObject, { kind: K }>;

/** Every kind, in the order docs/facility-vocabulary.md lists them. */
export const FACILITY_KINDS = [
  "room",
  "rack",
  "board",
  "generator",
  "ups",
  "pdu",
  "device",
  "cooling",
  "sensor",
  "alarm-route",
  "lun",
  "key-provider",
  "storage-policy",
  "log-collector",
  "backup-room",
  "backup-class",
  "backup-copy",
  "restore-test",
  "evidence",
  "operator",
  "tenant",
  "workload",
  "host-hardening",
  "threat-feeds",
  "vm-template",
  "policy-parameters",
  "waiver",
  "approver",
] as const satisfies readonly FacilityKind[];
