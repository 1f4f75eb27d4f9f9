import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { formatSpecError } from "../../../spec/spec-error";
import { copySites, edit, EXAMPLES, lineOf, loadErrors, load } from "../../helpers";

/**
 * waivers.yaml and approvers.yaml beside site.yaml: schema-checked with located errors (file, line,
 * column), and their references checked (a waiver's approver in the roster, an approver's tenants at
 * the site). Rule ids are checked by synth against the rules (test/policies/synth-gate.test.ts).
 */
const FJV_WAIVERS = "fjordvik/waivers.yaml";
const FJV_APPROVERS = "fjordvik/approvers.yaml";

const messages = (sites: string) => loadErrors(sites).map(formatSpecError);

describe("the example sites", () => {
  test("fjordvik's waiver and roster load: the waiver names the IT manager, the roster has a partner's own approver", () => {
    const fjordvik = load(EXAMPLES).sites.find((s) => s.spec.site === "fjordvik");
    expect(fjordvik?.waivers?.data.waivers).toEqual([
      expect.objectContaining({ id: "ephorte-bios-until-rebuild", approver: "ingrid-solberg", approved: "2026-11-02", renewals: 1 }),
    ]);
    expect(fjordvik?.approvers?.data.approvers.map((a) => `${a.id} ${a.tenant}`)).toEqual(["ingrid-solberg fjordvik", "siri-aune haugnes"]);
  });
});

describe("malformed waivers.yaml and approvers.yaml are located errors", () => {
  test("a reason under 20 characters: file, line, column, expected and found", () => {
    const sites = copySites(EXAMPLES);
    edit(sites, FJV_WAIVERS, /reason: BIOS VM .*/, "reason: BIOS VM for now");
    const line = lineOf(sites, FJV_WAIVERS, "reason: BIOS VM for now");
    expect(messages(sites)).toEqual([
      `${FJV_WAIVERS}:${line}:13: /waivers/0/reason: expected a reason of at least 20 characters, found "BIOS VM for now" (15 characters)`,
    ]);
  });

  test("a missing approval date, a compensating control without evidence", () => {
    const sites = copySites(EXAMPLES);
    edit(sites, FJV_WAIVERS, /^ +approved: "2026-11-02"\n/m, "");
    edit(sites, FJV_WAIVERS, "kind: risk-acceptance", "kind: compensating-control");
    const errors = messages(sites);
    expect(errors).toContainEqual(
      expect.stringMatching(/^fjordvik\/waivers\.yaml:\d+:\d+: \/waivers\/0\/approved: missing required field "approved"$/),
    );
    expect(errors).toContainEqual(
      expect.stringMatching(/^fjordvik\/waivers\.yaml:\d+:\d+: \/waivers\/0\/evidence: missing required field "evidence"$/),
    );
  });

  test("a waiver naming an approver the roster lacks", () => {
    const sites = copySites(EXAMPLES);
    edit(sites, FJV_WAIVERS, "approver: ingrid-solberg", "approver: ingrid");
    const line = lineOf(sites, FJV_WAIVERS, "approver: ingrid");
    expect(messages(sites)).toEqual([
      `${FJV_WAIVERS}:${line}:15: /waivers/0/approver: no approver ingrid in ${FJV_APPROVERS}; expected one of ingrid-solberg, siri-aune`,
    ]);
  });

  test("waivers without a roster beside them", () => {
    const sites = copySites(EXAMPLES);
    writeFileSync(join(sites, FJV_APPROVERS), "approvers: []\n");
    expect(messages(sites)).toEqual([
      expect.stringMatching(
        /\/waivers\/0\/approver: no approver ingrid-solberg in fjordvik\/approvers\.yaml; expected one of \(the roster is empty\)$/,
      ),
    ]);
  });

  test("an approver for a tenant the site does not have, an unknown severity, a duplicate id", () => {
    const sites = copySites(EXAMPLES);
    edit(sites, FJV_APPROVERS, "tenants: [haugnes]", "tenants: [haugnes, vikholm]");
    edit(sites, FJV_APPROVERS, "severities: [high, medium, low]", "severities: [high, severe]");
    const errors = messages(sites);
    expect(errors).toContainEqual(
      expect.stringMatching(
        /^fjordvik\/approvers\.yaml:\d+:\d+: \/approvers\/1\/authority\/severities\/1: expected one of "critical", "high", "medium", "low", found "severe"$/,
      ),
    );
    const fixed = copySites(EXAMPLES);
    edit(fixed, FJV_APPROVERS, "tenants: [haugnes]", "tenants: [haugnes, vikholm]");
    edit(fixed, FJV_APPROVERS, "id: siri-aune", "id: ingrid-solberg");
    const line = lineOf(fixed, FJV_APPROVERS, "tenants: [haugnes, vikholm]");
    expect(messages(fixed)).toEqual([
      expect.stringMatching(
        /^fjordvik\/approvers\.yaml:\d+:\d+: \/approvers\/1\/id: a second approver with id ingrid-solberg; give each approver their own id$/,
      ),
      `${FJV_APPROVERS}:${line}:26: /approvers/1/authority/tenants/1: no tenant vikholm at site fjordvik; expected one of fjordvik, haugnes, lauvstad, or shared (the site's shared stacks)`,
    ]);
  });

  test("a site: that names another site", () => {
    const sites = copySites(EXAMPLES);
    edit(sites, FJV_WAIVERS, "waivers:\n", "site: kvistrup\nwaivers:\n");
    expect(messages(sites)).toEqual([
      `${FJV_WAIVERS}:${lineOf(sites, FJV_WAIVERS, "site: kvistrup")}:7: /site: this file lies beside site fjordvik's site.yaml, found site: kvistrup`,
    ]);
  });
});
