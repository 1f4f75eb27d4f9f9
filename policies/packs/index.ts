import type { Pack } from "./pack";

/**
 * The packs. Membership is snapshot-tested (test/policies/packs.test.ts), so moving a rule in or out
 * of a pack shows in review. The national packs follow the law as it stands (CONTROLS.md §1.5): NIS2
 * through the Danish NIS 2-loven and the Swedish cybersäkerhetslag; Norway has no NIS2 yet.
 */
export const PACKS: readonly Pack[] = [
  {
    id: "redundancy",
    title: "Dual components (redundancy)",
    description:
      "No single point of failure over the failure domains room, fire cell, EPO zone, rack, power path, board, fabric and host; capacity survives the loss of the largest unit.",
    appliesTo: "every-site",
    rules: [
      "RED-PWR-2N-RACK",
      "RED-PWR-PSU-SPLIT",
      "RED-PWR-FEED-CAP",
      "RED-UPS-N1",
      "RED-UPS-AUTONOMY",
      "RED-GEN",
      "RED-COOL-N1",
      "PHY-FIRE-SEP",
      "PHY-OFFSITE",
      "RED-HOST-N1",
      "RED-HA-RESTART",
      "RED-HA-HB-DS",
      "RED-HA-VMCP",
      "RED-ANTI-AFFINITY",
      "RED-MGMT-NET",
      "RED-CORE-SW",
      "RED-SAN-FABRIC",
      "RED-SAN-MULTIPATH",
      "RED-FW-HA",
      "BKP-3-2-1",
    ],
  },
  {
    id: "vsphere-hardening",
    title: "vSphere hardening (Security Configuration Guide 8)",
    description: "The SCG 8 items the Terraform vSphere provider can express; the rest are listed as not covered.",
    appliesTo: "every-site",
    rules: [
      "VSP-LOCKDOWN",
      "VSP-NTP",
      "VSP-VSWITCH-SEC",
      "VSP-VM-ISOLATION",
      "VSP-SECUREBOOT",
      "VSP-ENCRYPT",
      "VSP-SSH-OFF",
      "VSP-SYSLOG",
      "NET-VMK-SEG",
    ],
  },
  {
    id: "fortigate-baseline",
    title: "FortiGate baseline",
    description: "HA pair, protected heartbeat, VDOM capacity, default deny with justified rules, logging and hardened administration.",
    appliesTo: "every-site",
    rules: ["RED-FW-HA", "FW-HA-HB-SEC", "FW-VDOM-CAPACITY", "FW-ALLOWLIST", "FW-LOG", "FW-ADMIN", "NET-TENANT-SEG"],
  },
  {
    id: "iso27001",
    title: "ISO/IEC 27001:2022 Annex A",
    description:
      "The Annex A controls the configuration can show: assets, physical and environmental security, supporting utilities, maintenance, backup, redundancy, logging, clocks, networks, segregation and cryptography.",
    appliesTo: "every-site",
    rules: [
      "GOV-ASSET-TAGS",
      "SEC-ENDPOINT",
      "PHY-ACCESS",
      "PHY-MAINT",
      "ENV-THERMAL-ALARM",
      "PHY-FIRE-SEP",
      "RED-PWR-2N-RACK",
      "RED-PWR-PSU-SPLIT",
      "RED-UPS-N1",
      "RED-UPS-AUTONOMY",
      "RED-COOL-N1",
      "RED-HOST-N1",
      "RED-ANTI-AFFINITY",
      "BKP-3-2-1",
      "BKP-IMMUTABLE",
      "BKP-RESTORE-TEST",
      "BKP-RPO-CFG",
      "BKP-VM-SELECTED",
      "FW-LOG",
      "FW-ALLOWLIST",
      "FW-ADMIN",
      "VSP-NTP",
      "VSP-ENCRYPT",
      "NET-TENANT-SEG",
      "NET-VMK-SEG",
    ],
  },
  {
    id: "denmark",
    title: "Denmark: NIS 2-loven (LOV nr. 434 af 6. maj 2025)",
    description: "Municipalities are covered; § 6 stk. 1 nr. 1-10 mirrors NIS2 Art. 21(2)(a)-(j); incidents are reported via Virk.dk.",
    appliesTo: { country: "DK" },
    rules: ["DK-NIS2-6-MEASURES", "INC-REPORTING-ROUTE", "BKP-3-2-1", "BKP-RESTORE-TEST", "FW-LOG", "VSP-ENCRYPT"],
  },
  {
    id: "sweden",
    title: "Sweden: cybersäkerhetslagen (2025:1506) and säkerhetsskyddslagen (2018:585)",
    description:
      "All municipalities are covered by the cybersäkerhetslag; security-sensitive activity adds the protective-security analysis, outsourcing agreements and consultation.",
    appliesTo: { country: "SE" },
    rules: ["INC-REPORTING-ROUTE", "SE-SSKL-ANALYSIS", "SE-SSKL-4-8-OUTSOURCE", "SE-SSKL-IS-SAMRAD", "BKP-3-2-1", "FW-LOG", "VSP-ENCRYPT"],
  },
  {
    id: "norway",
    title: "Norway: digitalsikkerhetsloven, NSM Grunnprinsipper, sikkerhetsloven, Normen",
    description:
      "Norway has no NIS2 yet (EEA processing): the Digital Security Act (NIS1), NSM's basic principles, the Security Act for graded values and Normen for health data via the NHN agreement.",
    appliesTo: { country: "NO" },
    rules: ["INC-REPORTING-ROUTE", "NO-SIKL-EXCLUDE", "NO-NORMEN-ZONE", "FW-ALLOWLIST", "BKP-IMMUTABLE", "BKP-RESTORE-TEST", "VSP-ENCRYPT"],
  },
];
