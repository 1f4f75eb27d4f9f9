import { TenantAddressRangesAreDisjoint } from "../../../../policies/rules/tenancy/TenantAddressRangesAreDisjoint";
import { blockOf, evaluateDocs, exampleDocs, expectMutationFails } from "../../example-output";
import { findingAt, findingsOf, outcomes, RoomBuilder } from "../../room-builder";
import { isolationRoom, tenant, withFirewall } from "./tenancy-room";

const room = () => withFirewall(isolationRoom());
const RANGE = (intf: string) => `fortios_system_interface.${intf}#range`;

describe("TEN-RANGES TenantAddressRangesAreDisjoint", () => {
  test("passes tenant VLAN interfaces whose ranges and VLANs are their own", () => {
    const fs = findingsOf(TenantAddressRangesAreDisjoint, room());
    expect(outcomes(fs)).toEqual({ [RANGE("vlan10")]: "pass", [RANGE("vlan20")]: "pass" });
    expect(findingAt(fs, RANGE("vlan10")).observed).toBe("vlan10 (tenant ta): 10.1.0.0/24, VLAN 10");
  });

  test("fails a tenant range inside another tenant's, on both sides", () => {
    const b = room().edit("firewall", "fortios_system_interface", "vlan20", (v) => {
      v.ip = "10.1.0.129/25";
    });
    const fs = findingsOf(TenantAddressRangesAreDisjoint, b);
    expect(outcomes(fs)).toEqual({ [RANGE("vlan10")]: "fail", [RANGE("vlan20")]: "fail" });
    expect(findingAt(fs, RANGE("vlan20"))).toMatchObject({
      observed: "vlan20 (tenant tb): 10.1.0.128/25, VLAN 20; also vlan10 (tenant ta, 10.1.0.0/24, VLAN 10)",
      stacks: ["s-firewall"],
    });
  });

  test("fails a tenant range overlapping a site network (the shared VDOM's service VLAN)", () => {
    const b = room().edit("firewall", "fortios_system_interface", "vlan10", (v) => {
      v.ip = "10.9.0.1/16";
    });
    const f = findingAt(findingsOf(TenantAddressRangesAreDisjoint, b), RANGE("vlan10"));
    expect(f.outcome).toBe("fail");
    expect(f.observed).toContain("also vlan5 (site (VDOM shared), 10.9.0.0/24, VLAN 5)");
  });

  test("fails a VLAN id another owner uses on the same trunk, not on another parent", () => {
    const same = room().edit("firewall", "fortios_system_interface", "vlan20", (v) => {
      v.vlanid = 10;
    });
    expect(findingAt(findingsOf(TenantAddressRangesAreDisjoint, same), RANGE("vlan20")).outcome).toBe("fail");
    const other = room().edit("firewall", "fortios_system_interface", "vlan20", (v) => {
      v.vlanid = 10;
      v.interface = "x3";
    });
    expect(findingAt(findingsOf(TenantAddressRangesAreDisjoint, other), RANGE("vlan20")).outcome).toBe("pass");
  });

  test("a plan-time address is not-evaluable; a tenant without any range in the configuration is not-evaluable", () => {
    const b = room()
      .edit("firewall", "fortios_system_interface", "vlan20", (v) => {
        v.ip = "${var.tb_gateway}";
      })
      .facility("tenant", tenant("tc"));
    const fs = findingsOf(TenantAddressRangesAreDisjoint, b);
    expect(outcomes(fs)).toMatchObject({
      [RANGE("vlan10")]: "pass",
      [RANGE("vlan20")]: "not-evaluable",
      "terraform_data.tenant_tc#range": "not-evaluable",
    });
  });

  test("a VDOM no tenant stack configures is still a tenant VDOM, apart from the others", () => {
    const b = room()
      .resource("firewall", "fortios_system_vdom", "tx", { name: "tx" })
      .resource("firewall", "fortios_system_interface", "vlan30", {
        name: "vlan30",
        vdom: "${fortios_system_vdom.tx.name}",
        type: "vlan",
        interface: "x1",
        vlanid: 30,
        ip: "10.2.0.1/24",
      });
    const f = findingAt(findingsOf(TenantAddressRangesAreDisjoint, b), RANGE("vlan30"));
    expect(f).toMatchObject({ outcome: "fail" });
    expect(f.observed).toBe(
      "vlan30 (VDOM tx (no tenant stack configures it)): 10.2.0.0/24, VLAN 30; also vlan20 (tenant tb, 10.2.0.0/24, VLAN 20)",
    );
  });

  test("foreign input (no facility objects) is one not-evaluable finding, never a fail", () => {
    const b = new RoomBuilder("s")
      .resource("firewall", "fortios_system_interface", "a", { name: "a", vdom: "x", ip: "10.1.0.1/24" })
      .resource("firewall", "fortios_system_interface", "b", { name: "b", vdom: "y", ip: "10.1.0.1/24" });
    const fs = findingsOf(TenantAddressRangesAreDisjoint, b);
    expect(fs.map((f) => [f.outcome, f.evidence, f.address])).toEqual([["not-evaluable", "config", "site.(no site)"]]);
  });

  test("the example sites pass; a Haugnes network moved into Lauvstad's range fails", () => {
    const fs = evaluateDocs(exampleDocs(), [TenantAddressRangesAreDisjoint]);
    expect(fs.length).toBeGreaterThan(20);
    expect(fs.filter((f) => f.outcome !== "pass").map((f) => `${f.site} ${f.address} ${f.outcome}: ${f.observed}`)).toEqual([]);
    expectMutationFails([TenantAddressRangesAreDisjoint], {
      rule: "TEN-RANGES",
      site: "fjordvik",
      target: RANGE("interface_vlan410"),
      mutate: (d) => (blockOf(d, "fjordvik-firewall", "fortios_system_interface", "interface_vlan410").ip = "10.30.10.129/25"),
    });
  });
});
