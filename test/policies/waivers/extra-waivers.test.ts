import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { readExtraWaivers } from "../../../cli/extra-waivers";
import { formatSpecError, SpecErrors } from "../../../spec/spec-error";
import { tempDir } from "../../helpers";
import { RoomBuilder } from "../room-builder";
import { govern, RULES, waiverRoom } from "./waiver-room";
import { tenant } from "../rules/governance-room";

/** `--waivers <file>`: a waivers file of the same schema, read against the artifact (its sites, its roster). */
function file(body: string): string {
  const path = join(tempDir(), "extra.yaml");
  writeFileSync(path, body);
  return path;
}

const ONE = `site: s
waivers:
  - id: x1
    kind: risk-acceptance
    rule: TEST-VM
    target: vsphere_virtual_machine.fjv-app02
    reason: the auditor's finding is accepted until the change window
    approver: it-manager
    ticket: AUD-7
    approved: "2026-11-20"
    expires: "2026-12-20"
`;

function errorsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (e) {
    if (e instanceof SpecErrors) return e.errors.map(formatSpecError);
    throw e;
  }
  throw new Error("expected spec errors");
}

describe("readExtraWaivers", () => {
  const docs = waiverRoom([]).docs();

  test("returns the file's waivers as waiver objects of the site, with file and line", () => {
    const path = file(ONE);
    const extra = readExtraWaivers(path, docs, RULES, "extra.yaml");
    expect(extra).toEqual([
      {
        file: "extra.yaml",
        line: 3,
        waiver: expect.objectContaining({
          kind: "waiver",
          id: "x1",
          site: "s",
          waiverKind: "risk-acceptance",
          approver: "it-manager",
          renewals: 0,
        }),
      },
    ]);
  });

  test("they are governed like the artifact's and accept the finding; the status says where they came from", () => {
    const extra = readExtraWaivers(file(ONE), docs, RULES, "extra.yaml");
    const r = govern([], { extraWaivers: extra });
    expect(r.waivers).toEqual([
      expect.objectContaining({ state: "valid", matched: 1, origin: { from: "extra", file: "extra.yaml", line: 3 } }),
    ]);
    expect(r.findings.filter((f) => f.waiver).map((f) => f.address)).toEqual(["vsphere_virtual_machine.fjv-app02"]);
  });

  test("an invalid extra waiver is an ENGINE-WAIVER fail at the file and line", () => {
    const extra = readExtraWaivers(file(ONE.replace("fjv-app02", "hau-app02")), docs, RULES, "extra.yaml");
    const f = govern([], { extraWaivers: extra }).findings.find((x) => x.rule === "ENGINE-WAIVER");
    expect(f).toMatchObject({ enforcement: "mandatory", address: "waiver.x1", file: "extra.yaml", line: 3, stack: "s-facility" });
    expect(f?.message).toMatch(/accepts only its own risks/);
  });

  test("a reason too short is a located schema error", () => {
    const errors = errorsOf(() => readExtraWaivers(file(ONE.replace(/reason: .*/, "reason: later")), docs, RULES, "extra.yaml"));
    expect(errors).toEqual([
      'extra.yaml:7:13: /waivers/0/reason: expected a reason of at least 20 characters, found "later" (5 characters)',
    ]);
  });

  test("an approver not in the artifact's roster, an unknown rule, an unknown site", () => {
    expect(
      errorsOf(() => readExtraWaivers(file(ONE.replace("approver: it-manager", "approver: auditor")), docs, RULES, "extra.yaml")),
    ).toEqual([
      "extra.yaml:8:15: /waivers/0/approver: no approver auditor in site s's roster (the artifact's approver objects: hau-ciso, it-manager); a --waivers file cannot add approvers",
    ]);
    expect(errorsOf(() => readExtraWaivers(file(ONE.replace("rule: TEST-VM", "rule: TEST-NONE")), docs, RULES, "extra.yaml"))).toEqual([
      "extra.yaml:5:11: /waivers/0/rule: no rule TEST-NONE; expected a rule id of the catalogue (RULES.md)",
    ]);
    expect(errorsOf(() => readExtraWaivers(file(ONE.replace("site: s", "site: t")), docs, RULES, "extra.yaml"))).toEqual([
      "extra.yaml:1:7: /site: no site t in the input; expected one of s",
    ]);
  });

  test("site: may be left out for an input of one site, and is required for several", () => {
    expect(readExtraWaivers(file(ONE.replace("site: s\n", "")), docs, RULES, "extra.yaml")[0].waiver.site).toBe("s");
    const two = [
      ...docs,
      ...new RoomBuilder("t")
        .resource("t-vsphere", "vsphere_host", "esx01", {})
        .facility("tenant", tenant("t", { name: "T kommune", hostMunicipality: true, legalEntity: null }))
        .docs(),
    ];
    expect(errorsOf(() => readExtraWaivers(file(ONE.replace("site: s\n", "")), two, RULES, "extra.yaml"))).toEqual([
      "extra.yaml:1:1: /: the input has sites s, t: name the one these waivers apply to with a top-level site:",
    ]);
  });
});
