import { TerraformOutput, TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { planTimeVariable, sensitiveVariable } from "../../constructs/plan-time-variable";
import { parse } from "./fixtures";

const stackWith = (build: (stack: TerraformStack) => void) => {
  const stack = new TerraformStack(Testing.app(), "test");
  build(stack);
  return { stack, json: parse(Testing.synth(stack)) };
};

describe("plan-time variables", () => {
  test("credentials are sensitive variables with no default", () => {
    const { json } = stackWith((stack) => sensitiveVariable(stack, "vsphere_password", "vCenter password"));
    expect(json.variable).toEqual({
      vsphere_password: { type: "string", sensitive: true, nullable: false, description: "vCenter password" },
    });
  });

  test("a credential is never read at synth: the JSON holds only ${var.<name>}", () => {
    const { json } = stackWith((stack) => {
      const password = sensitiveVariable(stack, "root_password", "root");
      new TerraformOutput(stack, "uses", { value: password.stringValue, sensitive: true });
    });
    expect(json.output.uses.value).toBe("${var.root_password}");
  });

  test("a variable is created once per stack however many constructs ask for it", () => {
    const { stack, json } = stackWith((stack) => {
      const a = sensitiveVariable(new Construct(stack, "a"), "token", "first");
      const b = sensitiveVariable(new Construct(stack, "b"), "token", "second");
      expect(b).toBe(a);
    });
    expect(Object.keys(json.variable)).toEqual(["token"]);
    expect(json.variable.token.description).toBe("first");
    expect(stack.node.tryFindChild("token")).toBeDefined();
  });

  test("variables live at the stack, named exactly as asked (TF_VAR_<name>), whatever the construct depth", () => {
    const { json } = stackWith((stack) =>
      sensitiveVariable(new Construct(new Construct(stack, "deep"), "deeper"), "esxi_root_password_esx01", "x"),
    );
    expect(Object.keys(json.variable)).toEqual(["esxi_root_password_esx01"]);
  });

  test("two stacks each get their own variable", () => {
    const app = Testing.app();
    const one = new TerraformStack(app, "one");
    const two = new TerraformStack(app, "two");
    expect(sensitiveVariable(one, "token", "x")).not.toBe(sensitiveVariable(two, "token", "x"));
  });

  test("a plain plan-time variable is a string with a default the operator may override, not sensitive", () => {
    const { json } = stackWith((stack) =>
      planTimeVariable(stack, "fortios_hostname_primary", { description: "API address", default: "10.0.10.2" }),
    );
    expect(json.variable.fortios_hostname_primary).toEqual({ type: "string", default: "10.0.10.2", description: "API address" });
  });
});
