import type { TerraformStack } from "cdktf";
import { VsphereProvider } from "@cdktf/provider-vsphere/lib/provider";
import { sensitiveVariable } from "../constructs/plan-time-variable";
import type { SiteFile } from "../spec/types";

/**
 * The vSphere provider of a stack. User and password are sensitive variables, set at plan time
 * (TF_VAR_vsphere_user, TF_VAR_vsphere_password): synth never reads them, the JSON holds `${var.…}`.
 */
export function addVsphereProvider(stack: TerraformStack, vcenter: SiteFile["vcenter"]): VsphereProvider {
  return new VsphereProvider(stack, "vsphere", {
    vsphereServer: vcenter.server,
    user: sensitiveVariable(stack, "vsphere_user", "vCenter user for this stack; supply at plan time (TF_VAR_vsphere_user).").stringValue,
    password: sensitiveVariable(stack, "vsphere_password", "vCenter password; supply at plan time (TF_VAR_vsphere_password).").stringValue,
    allowUnverifiedSsl: vcenter.allowUnverifiedSsl,
  });
}
