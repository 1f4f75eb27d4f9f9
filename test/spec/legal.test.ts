import { readFileSync } from "node:fs";
import { join } from "node:path";
import { regimesFor } from "../../contracts/legal-regimes";
import type { Country, Sensitivity } from "../../contracts/facility-objects";
import { load } from "../helpers";
import { ALPHA, BETA, BETA_YAML, reportsOnly, sites, withBeta, type Mistake } from "../spec-error-matchers";

/**
 * The tenant file's legal section: regime names are the fixed identifiers the output derives
 * (contracts/legal-regimes.ts), and agreementRef is needed only where there is another party.
 */

const tenantSchema = JSON.parse(readFileSync(join(__dirname, "../../schema/tenant.schema.json"), "utf8")) as {
  $defs: { regime: { oneOf: { const: string; description?: string }[]; "x-expected": string } };
};

const COUNTRIES: Country[] = ["NO", "DK", "SE"];
const SENSITIVITIES: Sensitivity[] = ["public", "internal", "personal", "health", "security-classified"];

/** Every regime id regimesFor can derive (each country with every subset of sensitivities). */
function derivable(): string[] {
  const all = new Set<string>();
  for (const country of COUNTRIES)
    for (let mask = 0; mask < 1 << SENSITIVITIES.length; mask++)
      regimesFor(
        country,
        SENSITIVITIES.filter((_, i) => mask & (1 << i)),
      ).forEach((r) => all.add(r));
  return [...all].sort();
}

/** A partner tenant (beta) with a legal section; `agreement` is its agreementRef line, if any. */
function betaWithLegal(agreement = ""): string {
  return `${BETA_YAML}legal:
  legalEntity: Beta kommune (org. no. 999 999 998)
${agreement}  reportingRoutes:
    - { regime: digitalsikkerhetsloven, authority: NSM NorCERT, channel: "https://nsm.no/varsle" }
`;
}

const ALPHA_AGREEMENT = "  agreementRef: AVT-2024-01\n";

describe("legal.reportingRoutes[].regime", () => {
  test("the schema's regimes are the identifiers the output derives, each with a description", () => {
    const regimes = tenantSchema.$defs.regime.oneOf;
    expect(regimes.map((r) => r.const).sort()).toEqual(derivable());
    for (const r of regimes) expect(r.description?.length).toBeGreaterThan(20);
    // The message lists them all.
    for (const r of regimes) expect(tenantSchema.$defs.regime["x-expected"]).toContain(r.const);
  });

  test.each<Mistake>([
    [
      "a regime written as free text",
      [ALPHA, "regime: digitalsikkerhetsloven", "regime: NIS2"],
      [ALPHA, "regime: NIS2", "NIS2"],
      "/legal/reportingRoutes/0/regime",
      /^expected a regime id: nis2-dk, nis2-se, digitalsikkerhetsloven, nsm-grunnprinsipper, normen, sikkerhetsloven, sakerhetsskyddslagen or gdpr, found "NIS2"$/,
    ],
    [
      "a regime in upper case",
      [ALPHA, "regime: digitalsikkerhetsloven", "regime: GDPR"],
      [ALPHA, "regime: GDPR", "GDPR"],
      "/legal/reportingRoutes/0/regime",
      /^expected a regime id: .*gdpr, found "GDPR"$/,
    ],
  ])("%s", reportsOnly);

  test("each identifier is accepted", () => {
    // The fixture's route names digitalsikkerhetsloven; every other id replaces it.
    for (const r of derivable().filter((id) => id !== "digitalsikkerhetsloven"))
      expect(() => load(sites([ALPHA, "regime: digitalsikkerhetsloven", `regime: ${r}`]))).not.toThrow();
  });
});

describe("legal.agreementRef: needed only where there is another party", () => {
  test("a host municipality that hosts nobody may leave it out", () => {
    expect(() => load(sites([ALPHA, ALPHA_AGREEMENT, ""]))).not.toThrow();
  });

  test("a host and its partner with their agreement load", () => {
    expect(() => load(sites(withBeta(betaWithLegal("  agreementRef: AVT-2024-01\n"))))).not.toThrow();
  });

  test.each<Mistake>([
    [
      "a partner tenant without it",
      withBeta(betaWithLegal()),
      [BETA, "legalEntity:", "legalEntity"],
      "/legal/agreementRef",
      /^a partner tenant \(not hostMunicipality\) needs agreementRef, the hosting or cooperation agreement with the host municipality \(alpha\); found none$/,
    ],
    [
      "a host that hosts a partner, without it",
      [[ALPHA, ALPHA_AGREEMENT, ""], withBeta(betaWithLegal("  agreementRef: AVT-2024-01\n"))],
      [ALPHA, "legalEntity:", "legalEntity"],
      "/legal/agreementRef",
      /^a host municipality that hosts partner tenants \(beta\) needs agreementRef, the hosting or cooperation agreement with them; found none$/,
    ],
    [
      "an empty reference",
      [ALPHA, ALPHA_AGREEMENT, '  agreementRef: ""\n'],
      [ALPHA, "agreementRef:", '""'],
      "/legal/agreementRef",
      /^expected the agreement's reference, such as its case number, found ""$/,
    ],
  ])("%s", reportsOnly);
});
