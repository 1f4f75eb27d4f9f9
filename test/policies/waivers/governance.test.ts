import { blockingFindings } from "../../../policies/engine/gate";
import { WAIVER_RULE } from "../../../policies/engine/waivers";
import { govern, PARTNER_CISO, waiver } from "./waiver-room";

/** The ENGINE-WAIVER findings of a run, as `enforcement: message`. */
const waiverFindings = (r: ReturnType<typeof govern>) => r.findings.filter((f) => f.rule === WAIVER_RULE);
const accepted = (r: ReturnType<typeof govern>) =>
  r.findings
    .filter((f) => f.waiver)
    .map((f) => `${f.rule} ${f.address}`)
    .sort();

describe("a valid waiver", () => {
  test("accepts the finding its exact target names: it no longer blocks, and shows who approved it", () => {
    const r = govern([waiver()]);
    expect(accepted(r)).toEqual(["TEST-VM vsphere_virtual_machine.fjv-app01"]);
    expect(r.findings.find((f) => f.waiver)?.waiver).toMatchObject({
      id: "w1",
      kind: "risk-acceptance",
      approver: "Ingrid Solberg, IT manager",
      ticket: "CHG-1",
    });
    const blockingTestVm = blockingFindings(r.findings).filter((f) => f.rule === "TEST-VM");
    expect(blockingTestVm.map((f) => f.address)).not.toContain("vsphere_virtual_machine.fjv-app01");
    expect(blockingTestVm).toHaveLength(4);
    expect(waiverFindings(r)).toEqual([]);
    expect(r.waivers[0]).toMatchObject({
      state: "valid",
      matched: 1,
      objects: 1,
      glob: false,
      daysLeft: 60,
      expiringSoon: false,
      approvedBy: { id: "it-manager", tenantName: "Fjordvik kommune" },
    });
  });

  test("a partner's own approver accepts the partner's risk", () => {
    const r = govern([waiver({ target: "vsphere_virtual_machine.hau-app01", approver: "hau-ciso" })]);
    expect(r.waivers[0].state).toBe("valid");
    expect(accepted(r)).toEqual(["TEST-VM vsphere_virtual_machine.hau-app01"]);
  });
});

describe("a waiver that fails a condition accepts nothing and is a mandatory ENGINE-WAIVER fail saying which", () => {
  /** The one waiver's state and problem, and that its finding and the ENGINE-WAIVER both block. */
  function refused(r: ReturnType<typeof govern>) {
    expect(accepted(r)).toEqual([]);
    const [f] = waiverFindings(r);
    expect(f).toMatchObject({ enforcement: "mandatory", outcome: "fail", findingId: r.waivers[0].waiver.id, stack: "s-facility" });
    expect(blockingFindings(r.findings)).toContain(f);
    return { state: r.waivers[0].state, problem: r.waivers[0].problem ?? "", finding: f };
  }

  test("expired: the evaluation date is after expires", () => {
    const { state, problem, finding } = refused(govern([waiver({ approved: "2026-09-01", expires: "2026-11-21" })]));
    expect(state).toBe("expired");
    expect(problem).toBe(
      "within its validity: expired on 2026-11-21 (evaluation date 2026-11-22) (expected expires on or after 2026-11-22)",
    );
    // It holds back the stack of the finding it no longer covers.
    expect(finding.stacks).toEqual(["s-facility", "s-fjv"]);
    expect(finding.expected).toBe("expires on or after 2026-11-22");
  });

  test("expiring on the evaluation date itself is still valid (evaluation date <= expires)", () => {
    expect(govern([waiver({ approved: "2026-11-01", expires: "2026-11-22" })]).waivers[0]).toMatchObject({
      state: "valid",
      daysLeft: 0,
      expiringSoon: true,
    });
  });

  test("expires before it was approved", () => {
    const { state, problem } = refused(govern([waiver({ approved: "2026-11-20", expires: "2026-11-19" })]));
    expect(state).toBe("expired");
    expect(problem).toMatch(/expires after its approval: expires 2026-11-19, before its approval on 2026-11-20/);
  });

  test("over the severity cap: a high rule runs at most 90 days from approval", () => {
    const { state, problem } = refused(govern([waiver({ approved: "2026-10-23", expires: "2027-01-22" })]));
    expect(state).toBe("invalid");
    expect(problem).toBe(
      "the span within the cap of the rule's severity: runs 91 days, from 2026-10-23 to 2027-01-22 (expected at most 90 days for a high rule (TEST-VM); renew it instead)",
    );
    expect(govern([waiver({ approved: "2026-10-23", expires: "2027-01-21" })]).waivers[0].state).toBe("valid");
  });

  test("a critical rule's cap is 30 days, and the caps are parameters", () => {
    const critical = waiver({ rule: "TEST-CRITICAL", approved: "2026-11-01", expires: "2026-12-15" });
    expect(refused(govern([critical])).problem).toMatch(/runs 44 days, .* at most 30 days for a critical rule/);
    expect(govern([critical], { limits: { maxDaysBySeverity: { critical: 60 } } }).waivers[0].state).toBe("valid");
  });

  test("an emergency waiver runs at most 72 hours whatever the severity", () => {
    const { problem } = refused(govern([waiver({ waiverKind: "emergency", approved: "2026-11-20", expires: "2026-11-24" })]));
    expect(problem).toBe(
      "an emergency waiver runs at most 72 hours: runs 4 days, from 2026-11-20 to 2026-11-24 (expected at most 3 days (72 hours) from approval to expiry)",
    );
    expect(govern([waiver({ waiverKind: "emergency", approved: "2026-11-20", expires: "2026-11-23" })]).waivers[0]).toMatchObject({
      state: "valid",
      expiringSoon: true,
    });
  });

  test("renewals over the limit (default 2)", () => {
    expect(refused(govern([waiver({ renewals: 3 })])).problem).toBe(
      "renewals within the limit: renewed 3 times (expected at most 2 renewals; then fix the finding or decide it anew)",
    );
    expect(govern([waiver({ renewals: 2 })]).waivers[0].state).toBe("valid");
  });

  test("an approver not in the roster", () => {
    expect(refused(govern([waiver({ approver: "kari" })])).problem).toBe(
      "the approver is in the roster: no approver kari in the site's roster (it-manager, hau-ciso) (expected an approver id from approvers.yaml)",
    );
  });

  test("an approver whose appointment ended, a waiver approved after the evaluation date", () => {
    const ended = { ...PARTNER_CISO, validUntil: "2026-11-01" };
    const r = govern([waiver({ target: "vsphere_virtual_machine.hau-app01", approver: "hau-ciso" })], { approvers: [ended] });
    expect(refused(r).problem).toBe(
      "the approver's appointment holds: approver hau-ciso's authority ended on 2026-11-01 (expected valid until on or after 2026-11-22)",
    );
    expect(refused(govern([waiver({ approved: "2026-11-23" })])).problem).toBe(
      "approved by the evaluation date: approved on 2026-11-23, after the evaluation date 2026-11-22 (expected approved on or before 2026-11-22)",
    );
  });

  test("out of authority: the rule", () => {
    const narrow = { ...PARTNER_CISO, authority: { ...PARTNER_CISO.authority, rules: ["VSP-*"] } };
    const r = govern([waiver({ target: "vsphere_virtual_machine.hau-app01", approver: "hau-ciso" })], { approvers: [narrow] });
    expect(refused(r).problem).toMatch(
      /^the approver's authority covers the rule: approver hau-ciso \(Siri Aune, Informasjonssikkerhetsansvarlig, hau\) may approve rules VSP-\*, not TEST-VM/,
    );
  });

  test("out of authority: the severity", () => {
    const r = govern([
      waiver({
        rule: "TEST-CRITICAL",
        target: "vsphere_virtual_machine.hau-app01",
        approver: "hau-ciso",
        approved: "2026-11-01",
        expires: "2026-11-30",
      }),
    ]);
    expect(refused(r).problem).toMatch(
      /the approver's authority covers the severity: .* may approve severities high, medium, low; TEST-CRITICAL is critical/,
    );
  });

  test("out of authority: the tenant (the shared stacks need `shared`)", () => {
    const r = govern([waiver({ target: "vsphere_virtual_machine.vcsa01", approver: "hau-ciso" })]);
    expect(refused(r).problem).toMatch(
      /the approver's authority covers the tenant of every finding: .* may approve for hau; the waiver matches findings of shared/,
    );
    expect(govern([waiver({ target: "vsphere_virtual_machine.vcsa01" })]).waivers[0].state).toBe("valid");
  });

  test("a host municipality's approver never accepts risk for a partner, even with the partner in their authority", () => {
    const r = govern([waiver({ target: "vsphere_virtual_machine.hau-app01" })]);
    expect(refused(r).problem).toBe(
      "a municipality accepts only its own risks: approver it-manager (Ingrid Solberg, IT manager, fjv) acts for fjv; this risk-acceptance covers findings of hau (expected the risk-acceptance approved by an approver acting for hau (a host municipality never accepts risk for a partner))",
    );
    for (const kind of ["compensating-control", "emergency"] as const) {
      const evidence = { description: "isolated port group", document: "DRIFT-12", verified: "2026-11-01" };
      const w = waiver({
        waiverKind: kind,
        target: "vsphere_virtual_machine.hau-app01",
        approved: "2026-11-21",
        expires: "2026-11-23",
        evidence,
      });
      expect(govern([w]).waivers[0]).toMatchObject({ state: "invalid", problem: expect.stringMatching(/accepts only its own risks/) });
    }
  });

  test("not-applicable and false-positive are facts, not risks: the host's IT manager may record them for a partner", () => {
    for (const kind of ["not-applicable", "false-positive"] as const)
      expect(govern([waiver({ waiverKind: kind, target: "vsphere_virtual_machine.hau-app01" })]).waivers[0].state).toBe("valid");
  });

  test("a compensating control without its evidence", () => {
    expect(refused(govern([waiver({ waiverKind: "compensating-control" })])).problem).toMatch(
      /a compensating control carries its evidence: no evidence/,
    );
  });

  test("a legal prerequisite cannot be waived: the message says it is closed only by recording the decision, and where", () => {
    const r = govern([waiver({ rule: "TEST-LEGAL", approved: "2026-11-01", expires: "2026-11-30" })]);
    expect(refused(r).problem).toBe(
      "the rule is not a legal prerequisite: TEST-LEGAL checks a legal prerequisite, which no waiver can accept (expected the finding closed by recording the decision: the security agreement as the tenant's legal.suaRef)",
    );
  });

  test("every failed condition is named, observed against expected", () => {
    const r = govern([waiver({ approved: "2026-06-01", expires: "2026-11-01", renewals: 5, approver: "nobody" })]);
    expect(r.waivers[0].state).toBe("expired");
    const [f] = waiverFindings(r);
    expect(f.observed.split("; ")).toHaveLength(4);
    expect(f.expected).toMatch(
      /expires on or after 2026-11-22; at most 90 days for a high rule .*; at most 2 renewals.*; an approver id from approvers.yaml/,
    );
  });
});

describe("targets", () => {
  test("a glob on an advisory rule covers every finding it matches; the status counts the objects", () => {
    const r = govern([
      waiver({ rule: "TEST-ADVISORY", target: "vsphere_virtual_machine.fjv-*", approved: "2026-11-01", expires: "2027-06-30" }),
    ]);
    expect(r.waivers[0]).toMatchObject({ state: "valid", glob: true, matched: 2, objects: 2 });
    expect(accepted(r)).toEqual(["TEST-ADVISORY vsphere_virtual_machine.fjv-app01", "TEST-ADVISORY vsphere_virtual_machine.fjv-app02"]);
  });

  test("a glob on a mandatory rule is refused (an exact address only)", () => {
    const r = govern([waiver({ target: "vsphere_virtual_machine.fjv-*" })]);
    expect(r.waivers[0]).toMatchObject({ state: "invalid", matched: 2 });
    expect(r.waivers[0].problem).toMatch(
      /^an exact target for a mandatory rule: target vsphere_virtual_machine\.fjv-\* is a glob \(matches 2 finding\(s\)\) \(expected one address \(optionally #findingId\): TEST-VM is mandatory; globs only for advisory rules\)$/,
    );
    expect(accepted(r)).toEqual([]);
  });

  test("a waiver that matches nothing is reported: state unmatched and an advisory ENGINE-WAIVER finding", () => {
    const r = govern([waiver({ target: "vsphere_virtual_machine.gone01" })]);
    expect(r.waivers[0]).toMatchObject({
      state: "unmatched",
      matched: 0,
      problem: expect.stringMatching(/matches no fail or error finding of TEST-VM/),
    });
    const [f] = waiverFindings(r);
    expect(f).toMatchObject({ enforcement: "advisory", severity: "low", outcome: "fail" });
    expect(blockingFindings(r.findings)).not.toContain(f);
  });
});

describe("every waiver is listed: expired or invalid first, then expiring within 30 days, then the rest, by expiry", () => {
  test("order", () => {
    const r = govern([
      waiver({ id: "later", target: "vsphere_virtual_machine.fjv-app02", approved: "2026-11-01", expires: "2027-01-30" }),
      waiver({ id: "soon", approved: "2026-11-01", expires: "2026-12-10" }),
      waiver({ id: "broken", target: "vsphere_virtual_machine.hau-app02", approved: "2026-11-01", expires: "2027-01-01" }),
      waiver({ id: "gone", target: "vsphere_virtual_machine.fjv-x", approved: "2026-11-01", expires: "2026-12-01" }),
      waiver({ id: "expired", target: "vsphere_virtual_machine.vcsa01", approved: "2026-09-01", expires: "2026-11-02" }),
    ]);
    expect(r.waivers.map((w) => `${w.waiver.id} ${w.state} ${w.daysLeft}`)).toEqual([
      "expired expired -20",
      "broken invalid 40",
      "gone unmatched 9",
      "soon valid 18",
      "later valid 69",
    ]);
  });
});
