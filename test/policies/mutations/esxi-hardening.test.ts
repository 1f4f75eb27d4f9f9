import type { StackDocument } from "../../../policies/engine/terraform-input";
import { vsphereRules } from "../../../policies/rules/vsphere";
import { evaluateDocs, exampleDocs, expectMutationFails, facilityInput, type Mutation } from "../example-output";

const ESXI_RULES = ["VSP-SSH-OFF", "VSP-SYSLOG", "VSP-LOCKOUT", "VSP-PASSWORD", "VSP-MGMT-SURFACE", "VSP-BPDU"];
const rules = vsphereRules.filter((r) => ESXI_RULES.includes(r.meta.id));

const docs = exampleDocs();
const baseline = evaluateDocs(docs, rules);

describe("the ESXi host rules over the unmutated examples", () => {
  test("every managed host of both sites passes each rule, as declared (never as configured)", () => {
    expect(rules.map((r) => r.meta.id).sort()).toEqual([...ESXI_RULES].sort());
    expect(baseline.filter((f) => f.outcome !== "pass").map((f) => `${f.rule} ${f.address}: ${f.outcome} ${f.observed}`)).toEqual([]);
    for (const id of ESXI_RULES)
      for (const site of ["fjordvik", "kvistrup"]) {
        const own = baseline.filter((f) => f.rule === id && f.site === site);
        expect([id, site, own.length > 0]).toEqual([id, site, true]);
        expect(new Set(own.map((f) => f.evidence))).toEqual(new Set(["declared"]));
      }
  });
  test("fjordvik's management hosts name their own source, the production hosts the host profile", () => {
    const at = (address: string) => baseline.find((f) => f.rule === "VSP-BPDU" && f.site === "fjordvik" && f.address === address);
    expect(at("vsphere_host.mgmt01")?.observed).toContain("declared by powercli-script (remediate-esxi-8.ps1 run log DRIFT-2026-311");
    expect(at("vsphere_host.esx01")?.observed).toContain("declared by host-profile (host profile fjv-esxi8-scg");
  });
});

type Input = Record<string, unknown> & { syslog: Record<string, unknown>; ssh: Record<string, unknown> };
const hardening = (d: StackDocument[], site: string, host: string) => facilityInput(d, site, "host-hardening", host) as Input;

/** [rule, what changes, site, host, the one-line mutation] */
const MUTATIONS: [string, string, string, string, (d: StackDocument[]) => void][] = [
  ["VSP-SSH-OFF", "SSH left running on esx03", "fjordvik", "esx03", (d) => (hardening(d, "fjordvik", "esx03").ssh.running = true)],
  [
    "VSP-SYSLOG",
    "syslog over udp",
    "kvistrup",
    "esx01",
    (d) => (hardening(d, "kvistrup", "esx01").syslog.logHost = "udp://log.kvistrup.dk:514"),
  ],
  ["VSP-LOCKOUT", "lockout switched off", "fjordvik", "mgmt02", (d) => (hardening(d, "fjordvik", "mgmt02").accountLockFailures = 0)],
  [
    "VSP-PASSWORD",
    "the ESXi default password policy",
    "kvistrup",
    "esx02",
    (d) => (hardening(d, "kvistrup", "esx02").passwordQualityControl = "retry=3 min=disabled,disabled,disabled,7,7"),
  ],
  ["VSP-MGMT-SURFACE", "the MOB switched on", "fjordvik", "esx10", (d) => (hardening(d, "fjordvik", "esx10").mobEnabled = true)],
  ["VSP-BPDU", "the BPDU filter left out", "kvistrup", "esx01", (d) => delete hardening(d, "kvistrup", "esx01").blockGuestBpdu],
  [
    "VSP-BPDU",
    "the host's declaration removed",
    "fjordvik",
    "esx01",
    (d) => {
      const facility = d.find((x) => x.stack === "fjordvik-facility");
      delete facility?.json.resource?.terraform_data?.["host-hardening_esx01"];
    },
  ],
];

describe("one mutation per rule turns a pass into a mandatory fail at the host", () => {
  test.each(MUTATIONS)("%s: %s (%s %s)", (rule, _what, site, host, mutate) => {
    const m: Mutation = { rule, site, target: `vsphere_host.${host}`, mutate };
    expectMutationFails(vsphereRules, m);
  });
});
