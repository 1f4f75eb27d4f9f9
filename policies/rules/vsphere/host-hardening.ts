import type { FacilityOf } from "../../../contracts/facility-objects";
import { check, missingFacts } from "../../engine/checks";
import type { Check } from "../../engine/rule";
import type { FindingTarget, Room, TfObject } from "../../engine/room";
import { configurationProfilesOf } from "./configuration-profiles";

export type HostHardening = FacilityOf<"host-hardening">;

/** One setting a rule checks in a host's declaration: how it reads in the finding and whether it meets the baseline. */
export interface HardeningItem {
  /** The ESXi name of the setting: `Security.AccountLockFailures`, `TSM-SSH`. */
  label: string;
  /** The declared value as the finding shows it; undefined when the declaration leaves the setting out. */
  value: string | undefined;
  ok: boolean;
}

/** What one host rule checks of the declared hardening. */
export interface HardeningCheck {
  /** What the settings are, for messages: "SSH and ESXi Shell state and shell timeouts". */
  what: string;
  expected: string;
  /** The items of a host's declaration, in the order the finding lists them. */
  items(record: HostHardening): HardeningItem[];
}

/** `value` as a finding shows it, or undefined when absent. */
export const shown = (v: string | number | boolean | undefined | null): string | undefined =>
  v === undefined || v === null ? undefined : String(v);

/** A declared number inside [min, max] (0 means "off" for ESXi's timeouts and lockout, so callers pass min >= 1). */
export const within = (v: number | undefined, min: number, max: number): boolean => v !== undefined && v >= min && v <= max;

/**
 * The host rules over the ESXi settings the configuration cannot carry: `vsphere_host` (provider
 * v2.15) sets only lockdown mode and the ntpd service (resource_vsphere_host.go, resourceVsphereHost:
 * `services` holds `ntpd` only; no advanced options), and a `vsphere_configuration_profile` takes a
 * cluster's whole configuration JSON. So each host is checked against its declared `host-hardening`
 * facility object (joined by `vsphereHostname` = `vsphere_host.hostname`), evidence `declared`:
 *
 * - a declaration whose items all meet the baseline passes, with a message saying the values are
 *   declared, not set by this configuration, and naming how they are applied and the audit they rest on;
 * - a weak or missing item fails, and so does a declaration without a source document;
 * - a host without a declaration fails (these are mandatory settings);
 * - two declarations for one host are an error (the join is ambiguous);
 * - input without facility objects (foreign Terraform) is one not-evaluable finding.
 *
 * Where the host's cluster has a `vsphere_configuration_profile`, the finding names it, but its JSON
 * is not read (its schema is not verified here): the declaration still decides.
 */
export function checkDeclaredHardening(room: Room, spec: HardeningCheck): Check[] {
  const hosts = room.resources("vsphere_host");
  if (hosts.length === 0) return [];
  if (!room.hasFacility)
    return missingFacts({
      observed: `the input has no facility objects, so no host-hardening declares the hosts' ${spec.what} (vsphere_host cannot carry them)`,
      expected: spec.expected,
      message: `${spec.what} of the hosts is neither in the configuration nor declared`,
    });
  const profiles = configurationProfilesOf(room);
  const records = room.facility("host-hardening");
  return hosts.map((host) => {
    const name = hostName(host);
    const profile = profiles.forHost(host);
    const profileNote = profile ? `; ${profile.address} exists, but this rule does not read its configuration JSON` : "";
    const withProfile = (targets: FindingTarget[]): FindingTarget[] => (profile ? [...targets, profile] : targets);
    const own = records.filter((r) => r.vsphereHostname === host.values.hostname);
    if (own.length > 1)
      return check("declared", "error", withProfile([host, ...own]), {
        observed: `${own.length} host-hardening objects name ${name}: ${own.map((r) => r.id).join(", ")}`,
        expected: "one host-hardening object per host",
        message: `${name}: the declared hardening is ambiguous`,
      });
    const [record] = own;
    if (!record)
      return check("declared", "fail", withProfile([host]), {
        observed: `no host-hardening object declares ${name}'s ${spec.what}; vsphere_host cannot carry them${profileNote}`,
        expected: spec.expected,
        message: `${name}: ${spec.what} is neither in the configuration nor declared; declare it (site.yaml esxiHardening) with how it is applied and verified`,
      });
    const items = spec.items(record);
    const src = record.source;
    const declaredBy = src
      ? `declared by ${record.method} (${src.document}, verified ${src.verified})`
      : `declared by ${record.method} without a source document`;
    const observed = `${items.map((i) => `${i.label} ${i.value ?? "not declared"}`).join(", ")}; ${declaredBy}${profileNote}`;
    const weak = items.filter((i) => i.value === undefined || !i.ok);
    const targets = withProfile([host, record]);
    if (weak.length > 0 || !src)
      return check("declared", "fail", targets, {
        observed,
        expected: spec.expected,
        message: weak.length
          ? `${name}: ${weak.map((i) => `${i.label} ${i.value ?? "not declared"}`).join(", ")} (declared) does not meet the baseline`
          : `${name}: the declaration names no document it was verified against`,
      });
    return check("declared", "pass", targets, {
      observed,
      expected: spec.expected,
      message: `${name}: ${spec.what} declared, not set by this configuration (vsphere_host cannot carry it); applied by ${record.method}, ${src.document}, verified ${src.verified}`,
    });
  });
}

const hostName = (host: TfObject): string => (typeof host.values.hostname === "string" ? host.values.hostname : host.address);
