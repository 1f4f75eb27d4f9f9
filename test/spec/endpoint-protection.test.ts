import { formatSpecError } from "../../spec/spec-error";
import { copySites, edit, EXAMPLES, load, loadErrors } from "../helpers";

/** The examples with one workload's endpoint fields replaced (fjv-ddi01's exemption in fjordvik.yaml). */
function ddi(replacement: string): string {
  const dir = copySites(EXAMPLES);
  edit(dir, "fjordvik/tenants/fjordvik.yaml", / {4}endpointProtection: exempt\n {4}endpointExemptionReason: [^\n]*\n/, replacement);
  return dir;
}

describe("endpoint protection in the spec (SEC-ENDPOINT)", () => {
  test("the examples load: a site default and an exemption with its reason", () => {
    const planned = load(copySites(EXAMPLES));
    const vms = planned.sites.flatMap((s) => s.tenants.flatMap((t) => t.vms));
    const ddi01 = vms.find((v) => v.name === "fjv-ddi01");
    expect(ddi01).toMatchObject({ endpointProtection: "exempt" });
    expect(ddi01?.endpointExemptionReason).toMatch(/^Vendor-hardened appliance/);
    expect(vms.find((v) => v.name === "fjv-dc01")).toMatchObject({ endpointProtection: "agent" });
  });
  test("an exemption without a reason is refused, located at the workload", () => {
    const errors = loadErrors(ddi("    endpointProtection: exempt\n"));
    expect(errors.map(formatSpecError).join("\n")).toMatch(
      /fjordvik\.yaml.*workloads\/\d+\/endpointProtection.*an exemption from endpoint protection needs endpointExemptionReason/s,
    );
  });
  test("a reason too short, or a reason without an exemption, is refused", () => {
    expect(
      loadErrors(ddi("    endpointProtection: exempt\n    endpointExemptionReason: appliance\n")).map(formatSpecError).join("\n"),
    ).toContain("endpointExemptionReason needs at least 20 characters");
    expect(loadErrors(ddi("    endpointExemptionReason: a vendor appliance without agents\n")).map(formatSpecError).join("\n")).toContain(
      "endpointExemptionReason goes with endpointProtection: exempt, found endpointProtection agent (the site's default)",
    );
  });
  test("a site default of exempt is a schema error: exemptions are decided per workload", () => {
    const dir = copySites(EXAMPLES);
    edit(dir, "fjordvik/site.yaml", "endpointProtection: agent\n", "endpointProtection: exempt\n");
    expect(loadErrors(dir).map(formatSpecError).join("\n")).toMatch(/endpointProtection/);
  });
});
