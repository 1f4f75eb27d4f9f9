import type { ComplianceResult } from "../../../policies/compliance";
import { DEFAULT_WAIVER_LIMITS } from "../../../policies/engine/waivers";
import { formatWaiversSection } from "../../../policies/report/waivers-section";
import { waiverJson } from "../../../policies/report/waiver-presentation";
import { govern, waiver } from "./waiver-room";

/** The waivers section of report.md and the waivers of report.json, over the waiver test room. */
function section(...waivers: Parameters<typeof govern>[0]) {
  const { waivers: statuses } = govern(waivers);
  const result = { waivers: statuses, waiverLimits: DEFAULT_WAIVER_LIMITS } as Pick<ComplianceResult, "waivers" | "waiverLimits">;
  return { md: formatWaiversSection(result as ComplianceResult).join("\n"), json: statuses.map(waiverJson) };
}

describe("the waivers section shows every waiver", () => {
  const evidence = { description: "the VM's port group is isolated", document: "DRIFT-2026-12", verified: "2026-11-01" };
  const { md, json } = section(
    waiver({ id: "glob", rule: "TEST-ADVISORY", target: "vsphere_virtual_machine.*", approved: "2026-11-01", expires: "2027-03-01" }),
    waiver({ id: "cc", waiverKind: "compensating-control", evidence, renewals: 1, approved: "2026-11-20", expires: "2026-12-10" }),
    waiver({ id: "partner", target: "vsphere_virtual_machine.hau-app01" }),
  );

  test("invalid first (by expiry), then expiring soon, then the rest; approver by name, role and municipality; glob with its object count", () => {
    const rows = md.split("\n").filter((l) => /^\| (glob|cc|partner) \| s \|/.test(l));
    expect(rows).toEqual([
      expect.stringMatching(
        /^\| partner \| s \| risk-acceptance \| TEST-VM \| vsphere_virtual_machine\.hau-app01 \(1 finding\(s\)\) \| Ingrid Solberg, IT manager, Fjordvik kommune \| CHG-1 \| 2026-10-23 \| 2027-01-21 \(60 days left\) \| 0 \| invalid: a municipality accepts only its own risks: .* \|/,
      ),
      expect.stringMatching(
        /^\| glob \| s \| risk-acceptance \| TEST-ADVISORY \| vsphere_virtual_machine\.\* \(glob: 5 object\(s\), 5 finding\(s\)\) \| .* \| 2027-03-01 \(99 days left\) \| 0 \| invalid: a municipality accepts only its own risks: .*covers findings of hau/,
      ),
      "| cc | s | compensating-control | TEST-VM | vsphere_virtual_machine.fjv-app01 (1 finding(s)) | Ingrid Solberg, IT manager, Fjordvik kommune | CHG-1 | 2026-11-20 | 2026-12-10 (18 days left, expiring soon) | 1 | valid | rebuilt on the new template in January, PO 4411 |",
    ]);
  });

  test("compensating controls with their evidence, and the limits applied", () => {
    expect(md).toMatch(/^\| cc \| the VM's port group is isolated \| DRIFT-2026-12 \| 2026-11-01 \|$/m);
    expect(md).toMatch(
      /^Limits: approval to expiry at most critical 30, high 90, medium 180, low 365 days by the rule's severity; emergency at most 72 hours; at most 2 renewals;/m,
    );
  });

  test("report.json carries the same, with the approver resolved", () => {
    expect(json.map((w) => [w.id, w.state, w.matched, w.objects, w.expiringSoon])).toEqual([
      ["partner", "invalid", 1, 1, false],
      ["glob", "invalid", 5, 5, false],
      ["cc", "valid", 1, 1, true],
    ]);
    expect(json[2]).toMatchObject({ approvedBy: { name: "Ingrid Solberg", tenantName: "Fjordvik kommune" }, renewals: 1, evidence });
  });
});
