import type { StackDocument } from "../../../policies/engine/terraform-input";
import { firewallRules } from "../../../policies/rules/firewall";
import { blockOf, evaluateDocs, exampleDocs, expectMutationFails } from "../example-output";

const RULE = "FW-THREAT-FEEDS";
const rule = firewallRules.filter((r) => r.meta.id === RULE);
/** Fjordvik writes the denies, Kvistrup documents why not; each finding anchors on the cluster's HA resource. */
const FJORDVIK = "fortios_system_ha.ha_fw-a#threat-feeds-shared";

const policiesOf = (d: StackDocument[]) => d.find((x) => x.stack === "fjordvik-firewall")?.json.resource?.fortios_firewall_policy ?? {};

describe("FW-THREAT-FEEDS over the example output", () => {
  test("unmutated: Fjordvik passes on its denies (config), Kvistrup on its documented reason (declared); nothing fails", () => {
    const findings = evaluateDocs(exampleDocs(), rule);
    expect(findings.map((f) => `${f.site} ${f.outcome} ${f.evidence}`).sort()).toEqual(["fjordvik pass config", "kvistrup pass declared"]);
    expect(findings.find((f) => f.site === "kvistrup")?.observed).toMatch(/not licensed, reason "FortiCare-only contract until 2027-03-31/);
  });

  test.each<[string, (d: StackDocument[]) => void]>([
    ["the inbound deny removed", (d) => delete policiesOf(d).shared_1],
    ["the outbound deny removed", (d) => delete policiesOf(d).shared_2],
    // Above the first accept (flow 10): the ascending sort puts it after every accept below 20000.
    [
      "the inbound deny's id raised above an accept",
      (d) => (blockOf(d, "fjordvik-firewall", "fortios_firewall_policy", "shared_1").policyid = 20000),
    ],
  ])("%s: fails", (_, mutate) => {
    const docs = exampleDocs();
    const before = evaluateDocs(docs, rule).find((f) => f.site === "fjordvik");
    expect(before?.outcome).toBe("pass");
    mutate(docs);
    const after = evaluateDocs(docs, rule).filter((f) => f.site === "fjordvik");
    expect(after.map((f) => `${f.outcome} ${f.enforcement}`)).toEqual(["fail mandatory"]);
  });

  test("the outbound deny's id raised above an accept: the cluster's finding fails, nothing else changes", () => {
    expectMutationFails(firewallRules, {
      rule: RULE,
      site: "fjordvik",
      target: FJORDVIK,
      mutate: (d) => (blockOf(d, "fjordvik-firewall", "fortios_firewall_policy", "shared_2").policyid = 20000),
    });
  });
});
