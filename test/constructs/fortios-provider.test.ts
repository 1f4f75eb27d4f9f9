import { TerraformStack, Testing } from "cdktf";
import { FortiosProvider } from "../../.gen/providers/fortios/provider";
import { fortiosProvider, hostnameVariable, tokenVariable } from "../../constructs/fortios-provider";
import { parse, siteFirewall } from "./fixtures";

const [primary, secondary] = siteFirewall().units;

describe("fortiosProvider", () => {
  const stack = new TerraformStack(Testing.app(), "firewall");
  fortiosProvider(stack, primary, "primary");
  fortiosProvider(stack, secondary, "secondary");
  const json = parse(Testing.synth(stack));

  test("variable names per unit role", () => {
    expect([tokenVariable("primary"), hostnameVariable("secondary")]).toEqual(["fortios_token_primary", "fortios_hostname_secondary"]);
  });

  test("the API token is a sensitive variable with no default", () => {
    for (const role of ["primary", "secondary"] as const) {
      const token = json.variable[tokenVariable(role)];
      expect(token).toMatchObject({ type: "string", sensitive: true, nullable: false });
      expect(token).not.toHaveProperty("default");
    }
  });

  test("the API address defaults to the unit's management address, overridable at plan time", () => {
    expect(json.variable.fortios_hostname_primary).toMatchObject({ type: "string", default: "10.0.10.2" });
    expect(json.variable.fortios_hostname_secondary).toMatchObject({ default: "10.0.10.3" });
    expect(json.variable.fortios_hostname_primary).not.toHaveProperty("sensitive");
  });

  test("each unit has its own provider alias, reading only the variables (no secret in the JSON)", () => {
    expect(json.provider.fortios).toEqual([
      { alias: "primary", hostname: "${var.fortios_hostname_primary}", token: "${var.fortios_token_primary}" },
      { alias: "secondary", hostname: "${var.fortios_hostname_secondary}", token: "${var.fortios_token_secondary}" },
    ]);
  });

  test("no alias: the stack's default FortiOS provider", () => {
    const json = Testing.synthScope((scope) => {
      fortiosProvider(scope, primary);
    });
    expect(json).toHaveProviderWithProperties(FortiosProvider, { hostname: "${var.fortios_hostname_primary}" });
    expect(parse(json).provider.fortios[0]).not.toHaveProperty("alias");
  });
});
