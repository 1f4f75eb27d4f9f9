import { check, passOrFail } from "../../engine/checks";
import { defineRule } from "../../engine/rule";
import { ISO27001 } from "../../controls/references";
import { isExpression, nameOf } from "./support/topology";

const APD_OK = new Set(["restartConservative", "restartAggressive"]);

/**
 * RED-HA-VMCP: VM component protection restarts VMs that lost their storage on a host that still has
 * it. Per HA cluster: `ha_vm_component_protection = enabled`, `ha_datastore_pdl_response =
 * restartAggressive` (a permanently lost device never comes back) and `ha_datastore_apd_response` one of
 * restartConservative or restartAggressive (all paths down). The responses default to disabled in the
 * provider, so each must be set explicitly; an unset component protection is reported as unset too.
 */
export const ClusterRestartsVmsOnStorageLoss = defineRule({
  meta: {
    id: "RED-HA-VMCP",
    name: "ClusterRestartsVmsOnStorageLoss",
    version: "1.0.0",
    area: "compute",
    title: "HA restarts VMs that lose their storage (VM component protection with PDL and APD responses)",
    rationale:
      "When a host loses its paths to a LUN (APD) or the LUN is gone for that host (PDL), its VMs hang while other hosts still see the storage; without VMCP nobody restarts them.",
    remediation:
      "Set ha_vm_component_protection enabled, ha_datastore_pdl_response restartAggressive and ha_datastore_apd_response restartConservative (the site's cluster ha settings).",
    severity: "medium",
    enforcement: "mandatory",
    evidence: "config",
    params: {},
    controls: [ISO27001("8.14")],
  },
  check(room) {
    return room.resources("vsphere_compute_cluster").map((c) => {
      const name = nameOf(c);
      const vmcp = c.values.ha_vm_component_protection;
      const pdl = c.values.ha_datastore_pdl_response;
      const apd = c.values.ha_datastore_apd_response;
      const observed = `ha_enabled ${JSON.stringify(c.values.ha_enabled ?? false)}, component protection ${JSON.stringify(vmcp ?? "unset")}, PDL ${JSON.stringify(
        pdl ?? "unset (disabled)",
      )}, APD ${JSON.stringify(apd ?? "unset (disabled)")}`;
      const expected = "HA on, component protection enabled, PDL restartAggressive, APD restartConservative or restartAggressive";
      if ([vmcp, pdl, apd, c.values.ha_enabled].some(isExpression))
        return check("config", "not-evaluable", c, {
          observed,
          expected,
          message: `cluster ${name}: settings are not literals (${observed})`,
        });
      const ok =
        c.values.ha_enabled === true && vmcp === "enabled" && pdl === "restartAggressive" && typeof apd === "string" && APD_OK.has(apd);
      return check("config", passOrFail(ok), c, { observed, expected, message: `cluster ${name}: ${observed}` });
    });
  },
});
