/** The FortiOS provider the bindings are generated for and the stacks require (one constant, no generator code). */
export const FORTIOS_PROVIDER = { name: "fortios", source: "fortinetdev/fortios", version: "~> 1.25" };
