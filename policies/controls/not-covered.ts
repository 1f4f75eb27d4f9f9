import type { ControlRef } from "../engine/rule";
import { IMPL_REG_2024_2690, ISO27001, VSPHERE_SCG } from "./references";

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
];
