import { load } from "../helpers";
import { ALPHA, BETA, BETA_YAML, reportsOnly, sites, withBeta, type Mistake } from "../spec-error-matchers";

/**
 * A tenant being onboarded (legal.onboardingUntil, as the clone command writes it) may load without its
 * hosting agreement: the policy check GOV-ONBOARDING reports it instead, advisory until the window ends.
 * Every other partner, and a host beside an established partner, still needs it at load time.
 */

/** Partner beta with a legal section; `more` are extra lines inside it (two-space indented). */
function beta(more = ""): string {
  return `${BETA_YAML}legal:
  legalEntity: Beta kommune (org. no. 999 999 998)
${more}  reportingRoutes:
    - { regime: digitalsikkerhetsloven, authority: NSM NorCERT, channel: "https://nsm.no/varsle" }
`;
}

const ONBOARDING = "  onboardingUntil: 2027-02-20\n  processingStarted: false\n";
const ALPHA_AGREEMENT: [string, string, string] = [ALPHA, "  agreementRef: AVT-2024-01\n", ""];

describe("legal.agreementRef of a tenant being onboarded", () => {
  test("a partner with onboardingUntil loads without agreementRef, and keeps its window and declaration", () => {
    const planned = load(sites(withBeta(beta(ONBOARDING))));
    const legal = planned.sites[0]?.tenants.find((t) => t.spec.tenant === "beta")?.spec.legal;
    expect(legal).toMatchObject({ onboardingUntil: "2027-02-20", processingStarted: false });
    expect(legal?.agreementRef).toBeUndefined();
  });

  test("processingStarted defaults to true: a tenant file that does not say it is processing", () => {
    const planned = load(sites(withBeta(beta("  agreementRef: AVT-2024-01\n"))));
    expect(planned.sites[0]?.tenants.find((t) => t.spec.tenant === "beta")?.spec.legal?.processingStarted).toBe(true);
  });

  test("a host whose only partner is onboarding loads without agreementRef", () => {
    expect(() => load(sites(ALPHA_AGREEMENT, withBeta(beta(ONBOARDING))))).not.toThrow();
  });

  test.each<Mistake>([
    [
      "a partner without onboardingUntil still needs it",
      withBeta(beta("  processingStarted: false\n")),
      [BETA, "legalEntity:", "legalEntity"],
      "/legal/agreementRef",
      /^a partner tenant \(not hostMunicipality\) needs agreementRef, the hosting or cooperation agreement with the host municipality \(alpha\); found none$/,
    ],
    [
      "a host beside an established partner still needs it, naming only the established ones",
      [ALPHA_AGREEMENT, withBeta(beta("  agreementRef: AVT-2024-01\n")), ["tiny/tenants/gamma.yaml", gamma()]],
      [ALPHA, "legalEntity:", "legalEntity"],
      "/legal/agreementRef",
      /^a host municipality that hosts partner tenants \(beta\) needs agreementRef, the hosting or cooperation agreement with them; found none$/,
    ],
    [
      "onboardingUntil that is no date",
      withBeta(beta("  onboardingUntil: soon\n")),
      [BETA, "onboardingUntil:", "soon"],
      "/legal/onboardingUntil",
      /date/,
    ],
  ])("%s", reportsOnly);
});

/** A third tenant gamma, being onboarded without its agreement (VLANs 400-499, 10.4.0.0/16). */
function gamma(): string {
  return beta(ONBOARDING)
    .replace("tenant: beta", "tenant: gamma")
    .replace("name: Beta kommune", "name: Gamma kommune")
    .replace("{ from: 200, to: 299 }", "{ from: 400, to: 499 }")
    .replace("cidr: 10.2.0.0/16", "cidr: 10.4.0.0/16")
    .replace('"BETA\\\\vmware-operators"', '"GAMMA\\\\vmware-operators"')
    .replace("vlan: 210", "vlan: 410")
    .replace("cidr: 10.2.10.0/24", "cidr: 10.4.10.0/24")
    .replace("gateway: 10.2.10.1", "gateway: 10.4.10.1")
    .replace("Beta kommune (org. no. 999 999 998)", "Gamma kommune (org. no. 999 999 997)");
}
