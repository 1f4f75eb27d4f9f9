import fc from "fast-check";
import { formatPolicyComments, parsePolicyComments, type PolicyComments } from "../../contracts/policy-comments";

describe("policy comments: ticket=<ticket or ->; why=<justification or ->; flow=<owner>/<flow id>", () => {
  test("the format as the firewall compiler writes it", () => {
    expect(formatPolicyComments({ ticket: "CHG-1234", why: "payroll export to the bank", owner: "alpha", flowId: "20" })).toBe(
      "ticket=CHG-1234; why=payroll export to the bank; flow=alpha/20",
    );
  });

  test.each<[string, PolicyComments]>([
    ["plain", { ticket: "CHG-1234", why: "payroll export", owner: "alpha", flowId: "20" }],
    ["a justification containing '; '", { ticket: "REQ-7", why: "backup; then restore tests; weekly", owner: "site", flowId: "30" }],
    [
      "a justification containing the flow marker",
      { ticket: "REQ-8", why: "looks like; flow=x/y but is not", owner: "beta", flowId: "40" },
    ],
    ["no ticket (-)", { ticket: null, why: "deny by default, logged, always last", owner: "site", flowId: "default-deny" }],
    ["no justification (-)", { ticket: "CHG-1", why: null, owner: "alpha", flowId: "10" }],
    ["neither", { ticket: null, why: null, owner: "alpha", flowId: "10" }],
    ["a ticket with / and .", { ticket: "ops/2026.11-4", why: "x", owner: "alpha", flowId: "99999" }],
    ["an empty justification", { ticket: null, why: "", owner: "alpha", flowId: "10" }],
  ])("round trip: %s", (_name, comments) => {
    const text = formatPolicyComments(comments);
    expect(parsePolicyComments(text)).toEqual(comments);
  });

  test("none is written as -", () => {
    expect(formatPolicyComments({ ticket: null, why: null, owner: "site", flowId: "1" })).toBe("ticket=-; why=-; flow=site/1");
  });

  test("a justification is folded to one line; one of only - reads back as none", () => {
    const text = formatPolicyComments({ ticket: null, why: "  two\n  lines\t here ", owner: "alpha", flowId: "10" });
    expect(text).toBe("ticket=-; why=two lines here; flow=alpha/10");
    expect(parsePolicyComments(text)?.why).toBe("two lines here");
    expect(parsePolicyComments(formatPolicyComments({ ticket: null, why: " - ", owner: "a", flowId: "1" }))?.why).toBeNull();
  });

  test.each<[string, PolicyComments]>([
    ["a ticket with ;", { ticket: "CHG;1", why: null, owner: "alpha", flowId: "10" }],
    ["a ticket of -", { ticket: "-", why: null, owner: "alpha", flowId: "10" }],
    ["an owner with /", { ticket: null, why: null, owner: "a/b", flowId: "10" }],
    ["a flow id with ;", { ticket: null, why: null, owner: "alpha", flowId: "1;2" }],
  ])("what would not read back is refused: %s", (_name, comments) => {
    expect(() => formatPolicyComments(comments)).toThrow(/cannot be written in the parseable format/);
  });

  test.each([
    ["a hand-written comment", "allow web"],
    ["no flow", "ticket=CHG-1; why=x"],
    ["flow without id", "ticket=CHG-1; why=x; flow=alpha"],
    ["not text", 42],
    ["nothing", undefined],
  ])("other text is not the format: %s", (_name, text) => {
    expect(parsePolicyComments(text)).toBeUndefined();
  });

  test("property: every comment the spec can produce reads back as written (justification folded)", () => {
    const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/);
    const ticket = fc.option(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._/-]{1,39}$/), { nil: null });
    const why = fc.option(fc.string({ maxLength: 80 }), { nil: null });
    const flowId = fc.oneof(fc.integer({ min: 1, max: 99999 }).map(String), fc.constant("default-deny"));
    fc.assert(
      fc.property(ticket, why, fc.oneof(fc.constant("site"), name), flowId, (t, w, owner, id) => {
        const folded = w === null ? null : w.trim().replace(/\s+/g, " ");
        const expected = { ticket: t, why: folded === "-" ? null : folded, owner, flowId: id };
        expect(parsePolicyComments(formatPolicyComments({ ticket: t, why: w, owner, flowId: id }))).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});
