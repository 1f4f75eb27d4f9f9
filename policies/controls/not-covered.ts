import type { ControlRef } from "../engine/rule";
import {
  ASHRAE_TC99,
  FORTINET_FGCP,
  IMPL_REG_2024_2690,
  ISO27001,
  NIS2,
  NIS2_DK,
  NO_NORMEN,
  NO_SIKKERHETSLOVEN,
  NSM_GRUNNPRINSIPPER,
  SE_SAKERHETSSKYDDSLAG,
  VSPHERE_SCG,
} from "./references";

/**
 * Catalogue controls no rule checks, listed in every report so the gaps show (DESIGN: evidence type
 * `not-covered`). Each says why the synthesized configuration cannot show it and how to evidence it.
 */
export interface NotCovered {
  id: string;
  title: string;
  why: string;
  howToEvidence: string;
  controls: readonly ControlRef[];
}

export const NOT_COVERED: readonly NotCovered[] = [
  {
    id: "CHG-NO-DRIFT",
    title: "Configuration changes only through reviewed infrastructure as code",
    why: "Drift is a difference between the configuration and the running room; the checks read only the configuration.",
    howToEvidence:
      "Run `cdktf diff` (terraform plan) per stack on a schedule and keep the empty plans; link every change to its approved change record.",
    controls: [ISO27001("8.9"), ISO27001("8.32"), IMPL_REG_2024_2690("6.3"), IMPL_REG_2024_2690("6.4")],
  },
  {
    id: "VSP-VMOTION-ENCRYPT",
    title: "vMotion encryption required for every VM",
    why: "The vSphere provider does not expose a VM's vMotion encryption setting (CONTROLS.md §8: not exposed).",
    howToEvidence: "Audit with the SCG PowerCLI scripts (vm-8.vmotion-encrypted) and record the result as evidence.",
    controls: [VSPHERE_SCG("vm-8.vmotion-encrypted")],
  },
  {
    id: "VSP-FT-ENCRYPT",
    title: "Fault Tolerance logging encrypted",
    why: "The vSphere provider does not expose ftEncryptionMode (CONTROLS.md §8: not exposed).",
    howToEvidence: "Audit with the SCG PowerCLI scripts (vm-8.ft-encrypted).",
    controls: [VSPHERE_SCG("vm-8.ft-encrypted")],
  },
  {
    id: "RED-SAN-PSP",
    title: "Path selection policy per array vendor's recommendation",
    why: "The multipathing policy (VMW_PSP_RR, HPP) is set on the hosts, not through the Terraform provider (CONTROLS.md §9).",
    howToEvidence: "Export `esxcli storage nmp device list` per host and compare with the array vendor's guidance.",
    controls: [ISO27001("8.14")],
  },
  {
    id: "BKP-ADMIN-CREDS",
    title: "Backup administration credentials kept outside the production directory",
    why: "No spec field or output object says where the backup software's administrators authenticate (CONTROLS.md §10, BKP-IMMUTABLE).",
    howToEvidence: "Record the backup server's identity source in the access review (evidence kind access-review about the backup room).",
    controls: [NSM_GRUNNPRINSIPPER("2.9.4"), ISO27001("8.13")],
  },
  {
    id: "BKP-RESTORE-SOURCE",
    title: "Restore tests are run from the immutable or off-site copy",
    why: "A restore-test record names its class, not the copy it restored from.",
    howToEvidence: "Name the copy in the restore test's document; restore from the off-site copy at least yearly.",
    controls: [IMPL_REG_2024_2690("4.2.6"), NSM_GRUNNPRINSIPPER("2.9.3")],
  },
  {
    id: "PWR-RACK-ATS",
    title: "Single-supply devices behind a rack transfer switch",
    why: "The facility vocabulary cannot say that a device sits behind a rack ATS, so RED-PWR-PSU-SPLIT reports every single-supply device.",
    howToEvidence: "Waive the finding per device with the ATS in the waiver's reason, or replace the device.",
    controls: [ISO27001("7.11")],
  },
  {
    id: "COOL-PLANT",
    title: "No single chiller, pump or pipe without redundancy",
    why: "The vocabulary has cooling units, not the chillers, pumps and pipes behind them.",
    howToEvidence: "The cooling plant's single-line drawing, reviewed yearly (evidence kind service about the cooling units).",
    controls: [ISO27001("7.11")],
  },
  {
    id: "ENV-DEWPOINT",
    title: "Dew point warning above 15 °C",
    why: "Humidity sensors are declared with relative-humidity thresholds; the dew point needs temperature and humidity together, which the alarm system computes.",
    howToEvidence: "The monitoring system's alarm configuration export.",
    controls: [ASHRAE_TC99("recommended envelope (dew point)")],
  },
  {
    id: "FW-ADMIN-MFA",
    title: "Multi-factor authentication for human firewall administrators",
    why: "Human administrators are not managed in the output (only the API user), and administrators behind RADIUS or SSO get their second factor outside the configuration.",
    howToEvidence: "The FortiGate admin list and the identity provider's MFA policy, in the access review.",
    controls: [NIS2("Art. 21(2)(j)"), ISO27001("8.5"), NSM_GRUNNPRINSIPPER("2.6.7")],
  },
  {
    id: "FW-HB-CABLING",
    title: "Heartbeat links cabled back to back",
    why: "The configuration names the heartbeat ports, not how they are cabled.",
    howToEvidence: "Declare the links on the firewall devices (facility links) and inspect them at the yearly access review.",
    controls: [FORTINET_FGCP("HA heartbeat interfaces")],
  },
  {
    id: "INC-ALERT-PIPELINE",
    title: "Incident alerts reach the on-call with the 24-hour reporting clock",
    why: "The reporting routes are declared; the alerting pipeline that starts the clock is not in the output.",
    howToEvidence: "A yearly incident-reporting exercise with its record.",
    controls: [NIS2("Art. 23(4)")],
  },
  {
    id: "DK-NIS2-6-UNSHOWN",
    title: "NIS 2-loven § 6 stk. 1 nr. 4, 5, 6 and 10",
    why: "Supply-chain security, secure acquisition and vulnerability handling, effectiveness assessment and MFA are organisational measures the configuration cannot show (DK-NIS2-6-MEASURES reports them not-evaluable).",
    howToEvidence: "The municipality's ISMS records for each measure.",
    controls: [NIS2_DK("§ 6 stk. 1 nr. 4-6, 10")],
  },
  {
    id: "SE-SSKL-ASSESSMENT",
    title: "Special security assessment and suitability test before outsourcing",
    why: "The vocabulary records the security agreement and the consultation, not the documented assessment and suitability test that must precede them (4 kap. 8 §).",
    howToEvidence: "The assessment and test documents, referenced in the tenant's legal section when the field exists.",
    controls: [SE_SAKERHETSSKYDDSLAG("4 kap. 8 §", true)],
  },
  {
    id: "NO-SIKL-NSM-APPROVAL",
    title: "NSM approval of the information system for graded information",
    why: "NO-SIKL-EXCLUDE checks that graded systems run on dedicated infrastructure; the approval itself is not in the output.",
    howToEvidence: "NSM's approval letter, recorded as evidence.",
    controls: [NO_SIKKERHETSLOVEN("informasjonssystemsikkerhet (godkjenning)")],
  },
  {
    id: "NO-NORMEN-SOURCES",
    title: "Only Helsenett-facing sources reach the health zone",
    why: "The output does not say which firewall zone faces Helsenettet, so the sources of the health zone's policies cannot be judged without guessing from names.",
    howToEvidence: "The health zone's policy list reviewed against the NHN connection agreement.",
    controls: [NO_NORMEN("tilgangsstyring")],
  },
];
