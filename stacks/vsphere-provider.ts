import { TerraformVariable, type TerraformStack } from "cdktf";
import { VsphereProvider } from "@cdktf/provider-vsphere/lib/provider";
import type { SiteFile } from "../spec/types";

/**
 * The vSphere provider of a stack. User and password are sensitive variables, set at plan time
 * (TF_VAR_vsphere_user, TF_VAR_vsphere_password): synth never reads them, the JSON holds `${var.…}`.
 */
export function addVsphereProvider(stack: TerraformStack, site: SiteFile): VsphereProvider {
  const variable = (name: string, description: string) => {
    const v = new TerraformVariable(stack, name, { type: "string", sensitive: true, nullable: false, description });
    v.overrideLogicalId(name);
    return v.stringValue;
  };
  return new VsphereProvider(stack, "vsphere", {
    vsphereServer: site.vcenter.server,
    user: variable("vsphere_user", "vCenter user for this stack; supply at plan time (TF_VAR_vsphere_user)."),
    password: variable("vsphere_password", "vCenter password; supply at plan time (TF_VAR_vsphere_password)."),
    allowUnverifiedSsl: site.vcenter.allowUnverifiedSsl,
  });
}
