import { check } from "../../../policies/engine/checks";
import { evaluate, INPUT_RULE } from "../../../policies/engine/evaluate";
import { blockingFindings } from "../../../policies/engine/gate";
import { defineRule } from "../../../policies/engine/rule";
import { AS_OF } from "../../helpers";
import { RoomBuilder } from "../room-builder";

const meta = {
  name: "UpsAreLabelled",
  area: "test",
  title: "t",
  rationale: "r",
  remediation: "fix it",
  severity: "high" as const,
  enforcement: "mandatory" as const,
  evidence: "declared" as const,
  controls: [],
  version: "1.0.0",
};

/** Fails every UPS whose runtime is under `minRuntime`. */
const runtimeRule = defineRule({
  meta: { ...meta, id: "TEST-RUNTIME", params: { minRuntime: { default: 10, description: "minutes", unit: "min" } } },
  check: (room, { params }) =>
    room.facility("ups").map((u) =>
      check("declared", u.runtimeMin >= params.minRuntime ? "pass" : "fail", u, {
        observed: `${u.runtimeMin} min`,
        expected: `>= ${params.minRuntime} min`,
        message: u.id,
      }),
    ),
});

const room = () =>
  new RoomBuilder()
    .facility("ups", { id: "ua", path: "A", roomId: "r", boardId: "b", runtimeMin: 8, modules: [] })
    .resource("vsphere", "vsphere_host", "h", { hostname: "h" });

describe("evaluation", () => {
  test("findings carry rule metadata, address, stack and observed values", () => {
    const [f] = evaluate([room().build()], [runtimeRule], { asOf: AS_OF });
    expect(f).toMatchObject({
      rule: "TEST-RUNTIME",
      outcome: "fail",
      address: "terraform_data.ups_ua",
      stack: "s-facility",
      stacks: ["s-facility"],
      observed: "8 min",
      expected: ">= 10 min",
      remediation: "fix it",
    });
  });

  test("parameters: the site's policy-parameters object, then overrides", () => {
    const withSite = room().facility("policy-parameters", { id: "s", rules: { "TEST-RUNTIME": { minRuntime: 5 } } });
    expect(evaluate([withSite.build()], [runtimeRule], { asOf: AS_OF })[0].outcome).toBe("pass");
    expect(evaluate([withSite.build()], [runtimeRule], { asOf: AS_OF, params: { "TEST-RUNTIME": { minRuntime: 9 } } })[0].outcome).toBe(
      "fail",
    );
  });

  test("a rule that throws is an error finding holding back every stack of the site, never a pass", () => {
    const broken = defineRule({
      meta: { ...meta, id: "TEST-THROWS", params: {} },
      check: () => {
        throw new Error("boom");
      },
    });
    const [f] = evaluate([room().build()], [broken], { asOf: AS_OF });
    expect(f).toMatchObject({ outcome: "error", stacks: ["s-facility", "s-vsphere"], observed: "the rule could not run: boom" });
    expect(blockingFindings([f])).toHaveLength(1);
  });

  test("a facility object of an unknown kind is an input error finding", () => {
    const r = room()
      .resource("facility", "terraform_data", "odd", { input: { kind: "spaceship", id: "x", site: "s" } })
      .build();
    expect(evaluate([r], [], { asOf: AS_OF })).toEqual([
      expect.objectContaining({ rule: INPUT_RULE, outcome: "error", address: "terraform_data.odd" }),
    ]);
  });
});

describe("the gate is per stack", () => {
  test("a blocking finding counts only for runs that synthesized one of its stacks", () => {
    const findings = evaluate([room().build()], [runtimeRule], { asOf: AS_OF });
    expect(blockingFindings(findings, new Set(["s-facility"]))).toHaveLength(1);
    expect(blockingFindings(findings, new Set(["s-vsphere", "s-firewall"]))).toHaveLength(0);
  });

  test("advisory failures never block", () => {
    const advisory = defineRule({ ...runtimeRule, meta: { ...runtimeRule.meta, id: "TEST-ADVISORY", enforcement: "advisory" } });
    expect(blockingFindings(evaluate([room().build()], [advisory], { asOf: AS_OF }))).toHaveLength(0);
  });
});
// The waiver tests are in test/policies/waivers/ (governance, roster, limits).
