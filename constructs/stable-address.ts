import type { TerraformElement } from "cdktf";

/**
 * Terraform addresses come from spec identities, never from construct nesting, so refactoring the
 * code never plans a destroy. Spec names are already restricted to lower-case letters, digits and
 * hyphens (valid in Terraform names); vCenter names may hold more, which becomes "_".
 */
export function addressName(...parts: string[]): string {
  const name = parts.map((p) => p.toLowerCase().replace(/[^a-z0-9_-]/g, "_")).join("_");
  return /^[a-z_]/.test(name) ? name : `_${name}`;
}

/** Gives `element` the address `<type>.<addressName(parts)>` and returns it. */
export function pinAddress<T extends TerraformElement>(element: T, ...parts: string[]): T {
  element.overrideLogicalId(addressName(...parts));
  return element;
}
