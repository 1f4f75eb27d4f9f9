import type { Construct } from "constructs";
import { FortiosProvider } from "../.gen/providers/fortios/provider";
import type { FirewallUnit } from "../spec/types";
import { planTimeVariable, sensitiveVariable } from "./plan-time-variable";

/** Name of the sensitive variable with a unit's REST API token (TF_VAR_<name> at plan time). */
export const tokenVariable = (role: FirewallUnit["role"]) => `fortios_token_${role}`;

/** Name of the variable with a unit's API address (default its management address from the spec). */
export const hostnameVariable = (role: FirewallUnit["role"]) => `fortios_hostname_${role}`;

/**
 * Provider for one unit. Hostname and token are plan-time variables: the hostname defaults to the
 * unit's management address from the spec (TF_VAR_fortios_hostname_<role> overrides it), the token
 * is sensitive and has no default (TF_VAR_fortios_token_<role>).
 */
export function fortiosProvider(scope: Construct, unit: FirewallUnit, alias?: string): FortiosProvider {
  const token = sensitiveVariable(
    scope,
    tokenVariable(unit.role),
    `REST API token of the ${unit.role} FortiGate ${unit.id}; supply at plan time (TF_VAR_${tokenVariable(unit.role)}).`,
  );
  const hostname = planTimeVariable(scope, hostnameVariable(unit.role), {
    default: unit.managementAddress,
    description: `API address of the ${unit.role} FortiGate ${unit.id} (its reserved management interface).`,
  });
  return new FortiosProvider(scope, alias ? `fortios-${alias}` : "fortios", {
    alias,
    hostname: hostname.stringValue,
    token: token.stringValue,
  });
}
