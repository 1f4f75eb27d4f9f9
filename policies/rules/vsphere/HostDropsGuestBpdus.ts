import { defineRule } from "../../engine/rule";
import { ISO27001, SCG_ESXI_CSV_EDITION, SCG_ESXI_CSV_SOURCE, VSPHERE_SCG_UNVERIFIED } from "../../controls/references";
import { checkDeclaredHardening } from "./host-hardening";

/**
 * VSP-BPDU: the host drops BPDUs its VMs send (Net.BlockGuestBPDU = 1, SCG 8 esxi-8.network-bpdu).
 * With BPDU guard on the physical switch ports of the hosts, one VM sending a BPDU would shut the
 * host's uplinks one after another; vSphere switches neither run STP nor send BPDUs themselves.
 * Declared facts: `vsphere_host` has no advanced settings (host-hardening.ts says how each case comes out).
 */
export const HostDropsGuestBpdus = defineRule({
  meta: {
    id: "VSP-BPDU",
    name: "HostDropsGuestBpdus",
    version: "1.0.0",
    area: "vsphere",
    title: "ESXi hosts drop BPDUs sent by VMs",
    rationale:
      "A single VM that sends a BPDU makes the core switches' BPDU guard shut the host's uplinks in turn: one guest takes a host, and with vMotion the next, off the network.",
    remediation:
      "Set Net.BlockGuestBPDU = 1 (host profile or the SCG remediation script), audit with the SCG audit script and declare the result in site.yaml esxiHardening.",
    severity: "medium",
    enforcement: "mandatory",
    evidence: "declared",
    params: {},
    controls: [VSPHERE_SCG_UNVERIFIED("esxi-8.network-bpdu", SCG_ESXI_CSV_SOURCE, SCG_ESXI_CSV_EDITION), ISO27001("8.20")],
  },
  check(room) {
    return checkDeclaredHardening(room, {
      what: "the guest BPDU filter",
      expected: "Net.BlockGuestBPDU 1",
      items: (r) => [
        {
          label: "Net.BlockGuestBPDU",
          value: r.blockGuestBpdu === undefined ? undefined : r.blockGuestBpdu ? "1" : "0",
          ok: r.blockGuestBpdu === true,
        },
      ],
    });
  },
});
