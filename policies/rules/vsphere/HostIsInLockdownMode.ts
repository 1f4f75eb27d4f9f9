import { check } from "../../engine/checks";
import { defineRule } from "../../engine/rule";
import { ISO27001, NSM_GRUNNPRINSIPPER, VSPHERE_SCG } from "../../controls/references";
import { show, stringValue } from "./values";

const ALLOWED = ["normal", "strict"];

/**
 * VSP-LOCKDOWN: every `vsphere_host` is in lockdown mode `normal` or `strict`, so the host is managed
 * only through vCenter. An absent `lockdown` is the provider's default `disabled`; a value Terraform
 * computes at plan time is not evaluable.
 */
export const HostIsInLockdownMode = defineRule({
  meta: {
    id: "VSP-LOCKDOWN",
    name: "HostIsInLockdownMode",
    version: "1.0.0",
    area: "vsphere",
    title: "Every ESXi host is in lockdown mode (normal or strict)",
    rationale:
      "Without lockdown mode anyone with a host's root credentials can change it directly, around vCenter's roles, permissions and audit trail.",
    remediation: 'Set lockdown = "normal" (or "strict") on the vsphere_host; keep exception users to the break-glass account.',
    severity: "high",
    enforcement: "mandatory",
    evidence: "config",
    params: {},
    controls: [VSPHERE_SCG("esxi-8.lockdown-mode"), ISO27001("8.2"), NSM_GRUNNPRINSIPPER("2.3 secure configuration", false)],
  },
  check(room) {
    return room.resources("vsphere_host").map((host) => {
      const name = typeof host.values.hostname === "string" ? host.values.hostname : host.address;
      const v = stringValue(host.values.lockdown);
      const expected = `lockdown ${ALLOWED.join(" or ")}`;
      if (v.kind === "expression")
        return check("config", "not-evaluable", host, {
          observed: `lockdown = ${show(v.expr)} (known only at plan time)`,
          expected,
          message: `${name}: lockdown mode is computed at plan time; the configuration does not show it`,
        });
      const value = v.kind === "value" ? v.value : v.kind === "absent" ? "disabled" : show(v.raw);
      const observed = v.kind === "absent" ? "lockdown not set (provider default disabled)" : `lockdown ${value}`;
      const ok = v.kind === "value" && ALLOWED.includes(v.value);
      return check("config", ok ? "pass" : "fail", host, {
        observed,
        expected,
        message: `${name}: ${observed}`,
      });
    });
  },
});
