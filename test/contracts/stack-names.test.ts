import { stackKindOf, stackNames } from "../../contracts/stack-names";
import { stackClaims, stackClashes } from "../../spec/stack-names";

describe("stack names (contracts/stack-names.ts)", () => {
  test("the names synth gives a site's stacks", () => {
    expect([
      stackNames.vsphere("fjordvik"),
      stackNames.facility("fjordvik"),
      stackNames.firewall("fjordvik"),
      stackNames.tenant("fjordvik", "alpha"),
      stackNames.tenantFirewall("fjordvik", "alpha"),
    ]).toEqual(["fjordvik-vsphere", "fjordvik-facility", "fjordvik-firewall", "fjordvik-alpha", "fjordvik-alpha-fw"]);
  });

  test.each([
    ["fjordvik-vsphere", { kind: "vsphere" }],
    ["fjordvik-facility", { kind: "facility" }],
    ["fjordvik-firewall", { kind: "firewall" }],
    ["fjordvik-alpha", { kind: "tenant", tenant: "alpha" }],
    ["fjordvik-alpha-fw", { kind: "tenant-firewall", tenant: "alpha" }],
    ["fjordvik-north-sea-fw", { kind: "tenant-firewall", tenant: "north-sea" }],
    ["fjordvik-fw", { kind: "tenant", tenant: "fw" }],
    ["kvistrup-alpha", undefined],
    ["fjordvik", undefined],
    ["fjordvik-", undefined],
  ])("without the tenants: %s", (stack, kind) => {
    expect(stackKindOf("fjordvik", stack)).toEqual(kind);
  });

  test("with the tenants: exact, also for a tenant whose id ends in -fw", () => {
    const tenants = ["alpha", "beta-fw"];
    expect(stackKindOf("s", "s-alpha", tenants)).toEqual({ kind: "tenant", tenant: "alpha" });
    expect(stackKindOf("s", "s-alpha-fw", tenants)).toEqual({ kind: "tenant-firewall", tenant: "alpha" });
    expect(stackKindOf("s", "s-beta-fw", tenants)).toEqual({ kind: "tenant", tenant: "beta-fw" });
    expect(stackKindOf("s", "s-beta-fw-fw", tenants)).toEqual({ kind: "tenant-firewall", tenant: "beta-fw" });
    expect(stackKindOf("s", "s-gamma", tenants)).toBeUndefined();
    expect(stackKindOf("s", "s-vsphere", tenants)).toEqual({ kind: "vsphere" });
  });

  test("every name a site and its tenants claim without a clash reads back as what claimed it", () => {
    const tenants = ["alpha", "beta", "beta-fw-x", "x-fw"];
    const claims = stackClaims(
      "s",
      "site",
      tenants.map((t) => ({ tenant: t, owner: t })),
    );
    expect(stackClashes(claims)).toEqual([]);
    const read = claims.map((c) => ({ stack: c.stack, kind: stackKindOf("s", c.stack, tenants) }));
    expect(read).toEqual(
      claims.map((c) => ({
        stack: c.stack,
        kind:
          c.owner === "site"
            ? { kind: c.stack.slice("s-".length) }
            : { kind: c.stack === stackNames.tenantFirewall("s", c.owner) ? "tenant-firewall" : "tenant", tenant: c.owner },
      })),
    );
  });
});
