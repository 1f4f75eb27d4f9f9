import { readFileSync } from "node:fs";
import { join } from "node:path";
import { AS_OF, copySites, edit, EXAMPLES, runSynth, sharedSynth, tempDir } from "../helpers";

/**
 * End-to-end: break ONE component of an example site in its spec YAML, run synth, and expect the gate
 * to stop it (exit 1) with the right rule and object in the failure table. Each case removes what
 * referenced the component too, as an engineer would, so the loader accepts the files: the loader
 * rejects only malformed or inconsistent input, the policy rules judge what is left.
 */

const FJV = "fjordvik/site.yaml";
const KVI = "kvistrup/site.yaml";

/** [file of the copied sites directory, exact text (or pattern), replacement] */
type Edit = [string, string | RegExp, string];

interface ReportFinding {
  rule: string;
  outcome: string;
  enforcement: string;
  blocking: boolean;
  stack: string;
  address: string;
  findingId?: string;
  observed: string;
  expected: string;
}

interface Case {
  name: string;
  edits: Edit[];
  code: 0 | 1;
  /** Rows the terminal's failure table must show: [rule, "stack: address#findingId"]. */
  shows: [string, string][];
  /** Every rule with a blocking finding in report.json: the break, and only the break, fails these. */
  blocking: string[];
  /** One finding of report.json whose numbers say why: [rule, "stack: address#findingId", outcome, observed (substring)]. */
  because: [string, string, string, string];
}

const CASES: Case[] = [
  {
    name: "fjordvik loses UPS B: its PDUs re-cabled to UPS A, its service records retired",
    edits: [
      [
        FJV,
        "    - { id: ups-b, path: B, room: serverrom-a, board: board-b, modules: [{ kw: 40 }, { kw: 40 }, { kw: 40 }], runtimeMin: 30 }\n",
        "",
      ],
      [FJV, /b: ups-b,/g, "b: ups-a,"], // each rack's PDU pair (racks[].pdus)
      [FJV, /^ {4}- \{ id: (?:lt|svc)-ups-b-2026-05, .*\n/gm, ""],
    ],
    code: 1,
    shows: [
      ["RED-PWR-2N-RACK", "fjordvik-facility: terraform_data.rack_a01"],
      ["RED-PWR-2N-RACK", "fjordvik-facility: terraform_data.rack_a04"],
      ["RED-CORE-SW", "fjordvik-facility: terraform_data.device_core1#pair"],
      ["RED-PWR-PSU-SPLIT", "fjordvik-facility: terraform_data.device_esx01"],
    ],
    // Everything now hangs on path A: every rack, every dual-supply device, the core, the FortiGates' supplies, the SAN.
    blocking: ["RED-CORE-SW", "RED-FW-HA", "RED-PWR-2N-RACK", "RED-PWR-PSU-SPLIT", "RED-SAN-FABRIC"],
    because: ["RED-PWR-2N-RACK", "fjordvik-facility: terraform_data.rack_a03", "fail", "path B none"],
  },
  {
    name: "kvistrup loses FortiGate fw02",
    edits: [[KVI, /^ {4}- \{ id: fw02, role: secondary, .*\n/m, ""]],
    code: 1,
    shows: [
      ["RED-FW-HA", "kvistrup-firewall: fortios_system_ha.ha_fw01#units"],
      ["RED-FW-HA", "kvistrup-firewall: fortios_system_ha.ha_fw01#racks"],
    ],
    blocking: ["RED-FW-HA"],
    because: ["RED-FW-HA", "kvistrup-firewall: fortios_system_ha.ha_fw01#units", "fail", "1 unit(s): fw01"],
  },
  {
    // The management hosts are equal (3 x 256 GB); losing one leaves two, and after the tolerated failure one.
    name: "kvistrup's mgmt cluster loses a host (mgmt03, with its supplies and cabling)",
    edits: [
      [KVI, /^ {6}- \{ name: mgmt03, .*\n/m, ""],
      [KVI, /^ {4}mgmt03: \[.*\n/m, ""],
      [KVI, ", mgmt03]", "]"], // its cabling (facility.linkPatterns)
    ],
    code: 1,
    shows: [["RED-HOST-N1", "kvistrup-vsphere: vsphere_compute_cluster.mgmt#hosts"]],
    blocking: ["RED-HOST-N1"],
    because: ["RED-HOST-N1", "kvistrup-vsphere: vsphere_compute_cluster.mgmt#hosts", "fail", "2 hosts in 2 rack(s) (r02 and r03)"],
  },
  {
    // The control: kvistrup's prod cluster was sized with headroom, so losing one of its eight equal
    // hosts (the largest is any of them) still leaves enough memory after the next failure. The gate
    // counts memory, not hosts.
    name: "kvistrup's prod cluster loses a host (esx08): N+1 still holds, exit 0",
    edits: [
      [KVI, /^ {6}- \{ name: esx08, .*\n/m, ""],
      [KVI, /^ {4}esx08: \[.*\n/m, ""],
      [KVI, " esx08,", ""], // its cabling (facility.linkPatterns; the hosts after it move down one port)
    ],
    code: 0,
    shows: [],
    blocking: [],
    because: ["RED-HOST-N1", "kvistrup-vsphere: vsphere_compute_cluster.prod#memory", "pass", "7 x 768 GB minus the largest = 4608 GB"],
  },
  {
    // The room stays (rooms[].type backup), its backup section goes: repositories, classes, copies and
    // the evidence list, which also holds the UPS, generator, cooling and fire-suppression service records.
    name: "fjordvik's backup section is removed (and the workloads' backupClass overrides with it)",
    edits: [
      [FJV, /^backup:\n(?: .*\n|\n)*/m, ""],
      ["fjordvik/tenants/fjordvik.yaml", /^ {4}backupClass: .*\n/gm, ""],
      ["fjordvik/tenants/lauvstad.yaml", /^ {4}backupClass: .*\n/gm, ""],
    ],
    code: 1,
    shows: [["BKP-RPO-CFG", "fjordvik-facility: terraform_data.workload_fjordvik-adfs#class"]],
    blocking: ["BKP-3-2-1", "BKP-IMMUTABLE", "BKP-RESTORE-TEST", "BKP-RPO-CFG", "BKP-VM-SELECTED", "PHY-MAINT", "PHY-OFFSITE"],
    because: [
      "PHY-OFFSITE",
      "fjordvik-facility: terraform_data.room_serverrom-a#site",
      "fail",
      "0 backup copies, 0 at another site >= 10 km",
    ],
  },
  {
    name: "kvistrup's backup room loses cooling unit backup-crac1 (and its service record)",
    edits: [
      [KVI, "    - { id: backup-crac1, room: serverrum-b, kw: 8, feed: backup-board-a }\n", ""],
      [KVI, /^ {4}- \{ id: svc-backup-crac1-2026-09, .*\n/m, ""],
    ],
    code: 1,
    shows: [
      ["RED-COOL-N1", "kvistrup-facility: terraform_data.room_serverrum-b#capacity"],
      ["RED-COOL-N1", "kvistrup-facility: terraform_data.room_serverrum-b#feeds"],
    ],
    blocking: ["RED-COOL-N1"],
    because: ["RED-COOL-N1", "kvistrup-facility: terraform_data.room_serverrum-b#capacity", "fail", "1 x 8 kW minus the largest = 0 kW"],
  },
  {
    name: "fjordvik's backup room is put in the primary room's fire cell",
    edits: [[FJV, "    fireCell: BC-7\n", "    fireCell: BC-2\n"]],
    code: 1,
    shows: [["PHY-FIRE-SEP", "fjordvik-facility: terraform_data.room_backuprom#fire-cell"]],
    blocking: ["PHY-FIRE-SEP"],
    because: ["PHY-FIRE-SEP", "fjordvik-facility: terraform_data.room_backuprom#fire-cell", "fail", "backuprom: fire cell BC-2"],
  },
  {
    name: "fjordvik's Gerica application servers lose their redundancy group",
    edits: [
      ["fjordvik/tenants/fjordvik.yaml", "    classification: health\n    redundancyGroup: gerica-app\n", "    classification: health\n"],
    ],
    code: 1,
    shows: [["RED-ANTI-AFFINITY", "fjordvik-facility: terraform_data.workload_fjordvik-gerica-app#ungrouped"]],
    blocking: ["RED-ANTI-AFFINITY"],
    because: [
      "RED-ANTI-AFFINITY",
      "fjordvik-facility: terraform_data.workload_fjordvik-gerica-app#ungrouped",
      "fail",
      "2 VMs, redundancy group(s) none",
    ],
  },
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const ref = (f: ReportFinding) => `${f.stack}: ${f.findingId ? `${f.address}#${f.findingId}` : f.address}`;

describe("synth's gate over the examples", () => {
  test("the unbroken examples exit 0 with no failure row", () => {
    const { result } = sharedSynth("examples");
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(/^FAIL /m);
    expect(result.stdout).toMatch(/no mandatory finding without a valid waiver/);
  });

  test.each(CASES)("$name", ({ edits, code, shows, blocking, because }) => {
    const sites = copySites(EXAMPLES);
    for (const [file, find, replace] of edits) edit(sites, file, find, replace);
    const out = join(tempDir(), "out");
    const result = runSynth(["--sites", sites, "--out", out, "--as-of", AS_OF]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(code);

    for (const [rule, object] of shows) expect(result.stdout).toMatch(new RegExp(`^FAIL +${escape(rule)} +${escape(object)}$`, "m"));
    expect(result.stdout).toMatch(
      code === 1
        ? /\d+ mandatory finding\(s\) without a valid waiver in the stacks checked: exit 1/
        : /no mandatory finding without a valid waiver/,
    );

    const report = JSON.parse(readFileSync(join(out, "compliance", "report.json"), "utf8")) as { findings: ReportFinding[] };
    expect([...new Set(report.findings.filter((f) => f.blocking).map((f) => f.rule))].sort()).toEqual(blocking);
    const [rule, at, outcome, observed] = because;
    const finding = report.findings.find((f) => f.rule === rule && ref(f) === at);
    expect(finding).toMatchObject({ outcome, observed: expect.stringContaining(observed) });
  });
});
