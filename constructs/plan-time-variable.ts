import { TerraformStack, TerraformVariable, type TerraformVariableConfig } from "cdktf";
import type { Construct } from "constructs";

/** The stack's variable `name` (TF_VAR_<name> sets it at plan time), created once however many constructs ask. */
function variableOnce(scope: Construct, name: string, config: TerraformVariableConfig): TerraformVariable {
  const stack = TerraformStack.of(scope);
  const existing = stack.node.tryFindChild(name);
  if (existing instanceof TerraformVariable) return existing;
  const variable = new TerraformVariable(stack, name, config);
  variable.overrideLogicalId(name);
  return variable;
}

/** A plain string variable, with a default the operator may override at plan time. */
export function planTimeVariable(scope: Construct, name: string, config: { description: string; default: string }): TerraformVariable {
  return variableOnce(scope, name, { type: "string", ...config });
}

/**
 * A credential supplied at plan time: sensitive, required (no default, not null), never read at
 * synth, so the synthesized JSON holds only `${var.<name>}`.
 */
export function sensitiveVariable(scope: Construct, name: string, description: string): TerraformVariable {
  return variableOnce(scope, name, { type: "string", sensitive: true, nullable: false, description });
}
