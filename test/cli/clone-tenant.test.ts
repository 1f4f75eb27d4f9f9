import { existsSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { hashes, lineText, notesUnder, runClone } from "./clone-output";
import { overlaps, parseRange, type Ipv4Range } from "../../spec/ipv4";
import { AS_OF, copySites, edit, escapeRegExp, EXAMPLES, lineOf, load, runSynth, tempDir, treeOf } from "../helpers";

const clone = (sites: string, ...args: string[]) => runClone(["tenant", "--sites", sites, "--as-of", AS_OF, ...args]);

const review = (stdout: string) => notesUnder(stdout, /^review next:$/);
const dropped = (stdout: string) => notesUnder(stdout, /^not copied from /);

const range = (cidr: string) => parseRange(cidr) as Ipv4Range;

/**
 * Kvistrup's prod cluster has 8 x 768 GB; a second copy of the host's VMs needs 8218 GB with one host
 * down (RED-HOST-N1 says 5376 GB are left). Twelve hosts leave 11 x 768 = 8448 GB: four more, one in
 * each host rack (r02-r05), wired like the others (375 W per supply, one uplink to each core switch
 * and one port in each FC fabric).
 */
const NEW_HOSTS = [9, 10, 11, 12].map((n, i) => ({ name: `esx${n}`, rack: `r0${i + 2}`, last: 10 + n }));
function addKvistrupHosts(sites: string): void {
  const hostLines = NEW_HOSTS.map(
    (h) =>
      `      - { name: ${h.name}, rack: ${h.rack}, address: 10.60.0.${h.last}, vmotionAddress: 10.60.1.${h.last}, hostname: ${h.name}.drift.kvistrup.dk, cpuCores: 56, memoryGb: 768, ` +
      `thumbprint: "${Array.from({ length: 20 }, (_, k) => ((h.last * 7 + k) % 256).toString(16).toUpperCase().padStart(2, "0")).join(":")}" }\n`,
  ).join("");
  edit(
    sites,
    "kvistrup/site.yaml",
    "  # Management: vCenter and the Veeam server.",
    `${hostLines}  # Management: vCenter and the Veeam server.`,
  );
  const power = NEW_HOSTS.map((h) => `    ${h.name}: [{ pdu: ${h.rack}-pdu-a, watts: 375 }, { pdu: ${h.rack}-pdu-b, watts: 375 }]\n`).join(
    "",
  );
  edit(sites, "kvistrup/site.yaml", "    mgmt01: [{ pdu: r02-pdu-a", `${power}    mgmt01: [{ pdu: r02-pdu-a`);
  edit(sites, "kvistrup/site.yaml", "esx07, esx08, mgmt01", `esx07, esx08, ${NEW_HOSTS.map((h) => h.name).join(", ")}, mgmt01`);
}

/** The new tenants of the clones below, with the source's names that must not be left in them. */
const CLONES = [
  {
    site: "fjordvik",
    from: "haugnes",
    to: "nyby",
    args: ["--cidr", "10.44.4.0/22"],
    sourceNames: ["haugnes", "Haugnes kommune", "hgn"],
  },
  // The host municipality, after the hosts above: a partner of the room.
  { site: "kvistrup", from: "kvistrup", to: "vestby", args: [], sourceNames: ["kvistrup", "Kvistrup Kommune", "kv"] },
  {
    site: "kvistrup",
    from: "kvistrup-forsyning",
    to: "vestby-forsyning",
    // The default VM prefix: not ves, which vestby's VMs have by now, but the id's initials.
    args: ["--vlans", "400-409"],
    sourceNames: ["kvistrup-forsyning", "kvistrupforsyning", "Kvistrup Forsyning", "Kvistrup Forsyning A/S", "kf"],
  },
] as const;
type CloneCase = (typeof CLONES)[number];
const fileOf = (sites: string, c: CloneCase) => join(sites, c.site, "tenants", `${c.to}.yaml`);

describe("npm run clone -- tenant: a partner, the host and a /22, synthesized once", () => {
  let sites: string;
  let out: string;
  const results = new Map<string, { code: number; stdout: string; stderr: string }>();
  let before: Map<string, string>;
  let afterClones: Map<string, string>;
  let synth: { code: number; stdout: string; stderr: string };

  beforeAll(() => {
    sites = copySites(EXAMPLES);
    addKvistrupHosts(sites);
    before = hashes(sites);
    for (const c of CLONES) results.set(c.to, clone(sites, "--site", c.site, "--from", c.from, "--to", c.to, ...c.args));
    afterClones = hashes(sites);
    out = join(tempDir(), "out");
    synth = runSynth(["--sites", sites, "--out", out, "--as-of", AS_OF]);
  });

  test.each(CLONES.map((c) => [c.to, c] as const))("%s is created: exit 0, the file named, nothing on stderr", (_, c) => {
    const r = results.get(c.to);
    expect(r?.stderr).toBe("");
    expect(r?.code).toBe(0);
    expect(r?.stdout).toContain(`created ${fileOf(sites, c)}: tenant ${c.to} of site ${c.site}, cloned from ${c.from}\n`);
    // The next command synthesizes the sites the clone was given, not the repository's.
    expect(r?.stdout.endsWith(`\nthen: npm run synth -- --sites ${sites} --site ${c.site}\n`)).toBe(true);
    expect(existsSync(fileOf(sites, c))).toBe(true);
  });

  test("the sites with the clones synthesize and pass the checks (exit 0)", () => {
    expect(synth.stderr).toBe("");
    expect(synth.code).toBe(0);
    for (const stack of ["fjordvik-nyby", "fjordvik-nyby-fw", "kvistrup-vestby", "kvistrup-vestby-fw", "kvistrup-vestby-forsyning"])
      expect(synth.stdout).toMatch(new RegExp(`^${escapeRegExp(stack)}\\s+\\d+`, "m"));
    expect(synth.stdout).toMatch(/no mandatory finding without a valid waiver/);
    expect(synth.stdout).not.toMatch(/^FAIL /m);
  });

  test("the source is never touched: every file of the copy but the new ones has the bytes it had", () => {
    const added = [...afterClones.keys()].filter((p) => !before.has(p)).sort();
    expect(added).toEqual(CLONES.map((c) => join(c.site, "tenants", `${c.to}.yaml`)).sort());
    for (const [path, hash] of before) expect([path, afterClones.get(path)]).toEqual([path, hash]);
  });

  test("no range, network or VLAN of a new tenant overlaps another tenant's or a site network's", () => {
    const planned = load(sites);
    for (const c of CLONES) {
      const site = planned.sites.find((s) => s.spec.site === c.site);
      const mine = site?.tenants.find((t) => t.spec.tenant === c.to)?.spec;
      if (!site || !mine) throw new Error(`${c.to} did not load on ${c.site}`);
      const others = site.tenants.filter((t) => t.spec.tenant !== c.to).map((t) => t.spec);
      const usedRanges = [
        ...site.spec.networks.map((n) => [`site network ${n.name}`, n.cidr]),
        ...others.flatMap((t) => [[`tenant ${t.tenant}`, t.cidr], ...t.networks.map((n) => [`${t.tenant}/${n.name}`, n.cidr])]),
      ];
      const usedVlans: [string, number, number][] = [
        ...site.spec.networks.map((n): [string, number, number] => [`site network ${n.name}`, n.vlan, n.vlan]),
        ...others.flatMap((t): [string, number, number][] => [
          [`tenant ${t.tenant}`, t.vlanRange.from, t.vlanRange.to],
          ...t.networks.map((n): [string, number, number] => [`${t.tenant}/${n.name}`, n.vlan, n.vlan]),
        ]),
      ];
      const myRanges = [mine.cidr, ...mine.networks.map((n) => n.cidr)];
      const myVlans = [[mine.vlanRange.from, mine.vlanRange.to], ...mine.networks.map((n) => [n.vlan, n.vlan])];
      const clashes = [
        ...myRanges.flatMap((r) =>
          usedRanges.filter(([, u]) => overlaps(range(r), range(u))).map(([who, u]) => `${r} overlaps ${who} ${u}`),
        ),
        ...myVlans.flatMap(([a, b]) =>
          usedVlans.filter(([, f, t]) => a <= t && f <= b).map(([who, f, t]) => `${a}-${b} overlaps ${who} ${f}-${t}`),
        ),
      ];
      expect([c.to, clashes]).toEqual([c.to, []]);
      // Inside its own range, as the loader requires.
      for (const n of mine.networks) expect(overlaps(range(n.cidr), range(mine.cidr))).toBe(true);
    }
  });

  test("the /22 holds the packed networks, the host's clone the next /16, VLANs where asked", () => {
    const planned = load(sites);
    const spec = (site: string, tenant: string) =>
      planned.sites.find((s) => s.spec.site === site)?.tenants.find((t) => t.spec.tenant === tenant)?.spec;
    const nyby = spec("fjordvik", "nyby");
    expect(nyby?.cidr).toBe("10.44.4.0/22");
    expect(nyby?.networks.map((n) => n.cidr)).toEqual(["10.44.4.0/24", "10.44.5.0/24", "10.44.6.0/25"]);
    expect(nyby?.networks.map((n) => n.gateway)).toEqual(["10.44.4.1", "10.44.5.1", "10.44.6.1"]);
    expect(nyby?.dns?.servers).toEqual(["10.44.4.10", "10.44.4.11"]);
    expect(nyby?.vlanRange).toEqual({ from: 500, to: 599 });
    expect(nyby?.networks.map((n) => n.vlan)).toEqual([510, 520, 530]);
    const vestby = spec("kvistrup", "vestby");
    expect(vestby?.cidr).toBe("10.63.0.0/16");
    expect(vestby?.vlanRange).toEqual({ from: 300, to: 399 });
    const forsyning = spec("kvistrup", "vestby-forsyning");
    expect(forsyning?.vlanRange).toEqual({ from: 400, to: 409 });
    expect(forsyning?.networks.map((n) => n.vlan)).toEqual([401, 402]);
    // Its VMs' prefix is not vestby's (ves): the id's initials.
    expect(forsyning?.workloads.map((w) => w.namePattern ?? w.name)).toEqual(expect.arrayContaining(["vf-dc01", "vf-dc02"]));
    expect(results.get("vestby-forsyning")?.stdout).toMatch(/VM names now start vf-, not kf-/);
  });

  test.each(CLONES.map((c) => [c.to, c] as const))(
    "%s names nothing of its source (id, display name, VM prefix; whole words, any case) outside clonedFrom",
    (_, c) => {
      const lines = readFileSync(fileOf(sites, c), "utf8").split("\n");
      const word = new RegExp(`(?<![\\p{L}\\p{N}])(?:${c.sourceNames.map(escapeRegExp).join("|")})(?![\\p{L}\\p{N}])`, "iu");
      const found = lines.map((l, i) => `${i + 1}: ${l}`).filter((l) => word.test(l) && !/^\d+: clonedFrom: /.test(l));
      expect(found).toEqual([]);
      expect(lines).toContain(`clonedFrom: ${c.site}/${c.from}`);
    },
  );

  test("the new tenant is onboarding: evidence and agreements cleared, onboardingUntil 90 days on, nothing processed yet", () => {
    for (const c of CLONES) {
      const spec = parse(readFileSync(fileOf(sites, c), "utf8"));
      expect(spec.tenant).toBe(c.to);
      expect(spec.clonedFrom).toBe(`${c.site}/${c.from}`);
      expect(spec.legal.onboardingUntil).toBe("2027-02-20");
      expect(spec.legal.processingStarted).toBe(false);
      for (const f of ["analysisDate", "agreementRef", "dpaRef", "suaRef", "samradRef", "nhnAgreementRef", "sapoSamradRef"])
        expect([c.to, f, spec.legal[f]]).toEqual([c.to, f, undefined]);
      const text = readFileSync(fileOf(sites, c), "utf8");
      expect(text).not.toMatch(/^\s*(lifecycle|destroyApproved|hostMunicipality):/m);
    }
  });

  test("the host's clone is a partner, and its review list says so at the clonedFrom line", () => {
    const file = fileOf(sites, CLONES[1]);
    expect(parse(readFileSync(file, "utf8")).hostMunicipality).toBeUndefined();
    const note = review(results.get("vestby")?.stdout ?? "").find((n) => /host municipality kvistrup/.test(n.text));
    expect(note?.text).toMatch(/vestby is a partner tenant of the room, not a second host/);
    expect(note?.file).toBe(file);
    expect(lineText(file, note?.line ?? 0)).toBe("clonedFrom: kvistrup/kvistrup");
  });

  test("adopted VMs are built new from the site's templates: no existing:, no import id, no datastore of the source", () => {
    for (const c of CLONES) {
      const spec = parse(readFileSync(fileOf(sites, c), "utf8"));
      for (const w of spec.workloads) {
        expect([c.to, w.name, w.existing, w.datastore]).toEqual([c.to, w.name, undefined, undefined]);
      }
      expect(readFileSync(fileOf(sites, c), "utf8")).not.toMatch(/importId/);
    }
    const nyby = parse(readFileSync(fileOf(sites, CLONES[0]), "utf8"));
    const dc01 = nyby.workloads.find((w: { name: string }) => w.name === "nyb-dc01");
    expect(dc01).toMatchObject({ template: "win2022", size: "dc", ip: "10.44.4.10", network: "servere" });
    const sql01 = nyby.workloads.find((w: { name: string }) => w.name === "nyb-sql01");
    expect(sql01).toMatchObject({ template: "win2019", ip: "10.44.4.21" });
  });

  test("the review list: each file:line points at the key it names", () => {
    const r = results.get("nyby")?.stdout ?? "";
    const file = fileOf(sites, CLONES[0]);
    const notes = review(r);
    expect(notes.length).toBeGreaterThan(5);
    const length = readFileSync(file, "utf8").split("\n").length;
    for (const n of notes) {
      expect(n.file).toBe(file);
      expect(n.line).toBeGreaterThan(0);
      expect(n.line).toBeLessThanOrEqual(length);
      // A note points at a key or an item, never at a blank line or a comment.
      expect([n.text, lineText(file, n.line)]).toEqual([n.text, expect.stringMatching(/^\s*(- )?[\w{]/)]);
    }
    const at = (text: RegExp) => {
      const n = notes.find((x) => text.test(x.text));
      if (!n) throw new Error(`no review note ${String(text)} in:\n${r}`);
      return lineText(file, n.line);
    };
    expect(at(/set processingStarted to true/)).toBe("  processingStarted: false");
    expect(at(/^by 2027-02-20: record the security analysis/)).toBe('  onboardingUntil: "2027-02-20"');
    expect(at(/legal name and organisation number/)).toMatch(/^ {2}legalEntity: Nyby kommune/);
    expect(at(/^nyb-dc01 was a VM of haugnes's inventory/)).toBe("  - name: nyb-dc01");
    expect(at(/^nyb-sql01 was a VM of haugnes's inventory .* 150 GB system disk; the source also had data disks of 400, 100 GB/)).toBe(
      "  - name: nyb-sql01",
    );
    expect(at(/^networks moved to 10\.44\.4\.0\/22, VLANs 500-599/)).toBe("networks:");
    expect(at(/^flows renumbered by \+\d+/)).toBe("  flows:");
    expect(at(/the vCenter group/)).toMatch(/^operatorsGroup: /);
    // The Norwegian health data the source holds: the Norsk Helsenett agreement before processing starts.
    expect(notes.find((n) => /set processingStarted/.test(n.text))?.text).toMatch(/dpaRef.*nhnAgreementRef/);
  });

  test("the dropped list names haugnes's flows to other tenants at their lines in the source", () => {
    const r = results.get("nyby")?.stdout ?? "";
    const source = join(sites, "fjordvik", "tenants", "haugnes.yaml");
    expect(r).toContain(`\nnot copied from ${source}:\n`);
    const notes = dropped(r);
    for (const id of [3400, 3410, 3420]) {
      const n = notes.find((x) => x.text.startsWith(`flow ${id} `));
      expect(n?.text).toMatch(/between two tenants/);
      expect(n?.file).toBe(source);
      expect(n?.line).toBe(lineOf(sites, "fjordvik/tenants/haugnes.yaml", `id: ${id}`));
    }
    expect(notes.map((n) => n.text.split(" ").slice(0, 2).join(" "))).toEqual(["flow 3400", "flow 3410", "flow 3420"]);
    const nyby = parse(readFileSync(fileOf(sites, CLONES[0]), "utf8"));
    for (const f of nyby.firewall.flows) expect(`${f.from} ${f.to}`).not.toMatch(/tenant:/);
  });

  test("the host's dropped list: shared services, unmanaged and retiring machines, inbound and inter-tenant flows, at their lines", () => {
    const r = results.get("vestby")?.stdout ?? "";
    const file = "kvistrup/tenants/kvistrup.yaml";
    const notes = dropped(r);
    const expectDropped = (start: string, why: RegExp, needle: string) => {
      const n = notes.find((x) => x.text.startsWith(start));
      expect([start, n?.text]).toEqual([start, expect.stringMatching(why)]);
      expect([start, n?.line]).toEqual([start, lineOf(sites, file, needle)]);
    };
    expectDropped("workload kv-mon01 ", /on the site network faelles: a shared service/, "- name: kv-mon01");
    expectDropped("workload ctx-adc01 ", /lifecycle unmanaged/, "- name: ctx-adc01");
    expectDropped("workload kv-fax01 ", /lifecycle retiring/, "- name: kv-fax01");
    expectDropped("floating address citrix-gateway", /its VM ctx-adc01 was not copied/, "{ name: citrix-gateway");
    expectDropped("flow 1400 ", /inbound from the internet/, "id: 1400");
    expectDropped("flow 1600 ", /between two tenants/, "id: 1600");
    const vestby = parse(readFileSync(fileOf(sites, CLONES[1]), "utf8"));
    for (const f of vestby.firewall.flows) {
      expect(`${f.id} ${f.from} ${f.to}`).not.toMatch(/tenant:|ctx-adc0/);
      expect([f.id, f.from]).not.toEqual([f.id, "internet"]);
      expect(f.publishAs).toBeUndefined();
    }
    expect(vestby.workloads.map((w: { name: string }) => w.name)).not.toEqual(
      expect.arrayContaining(["ves-mon01", "ves-fax01", "ctx-adc01"]),
    );
  });

  test("flow ids move by the printed offset and collide with no other flow of the site", () => {
    const planned = load(sites);
    for (const c of CLONES) {
      const offset = Number(/flow ids moved by \+(\d+)/.exec(results.get(c.to)?.stdout ?? "")?.[1]);
      const site = planned.sites.find((s) => s.spec.site === c.site);
      const source = site?.tenants.find((t) => t.spec.tenant === c.from)?.spec;
      const mine = site?.tenants.find((t) => t.spec.tenant === c.to)?.spec;
      const ids = (mine?.firewall?.flows ?? []).map((f) => f.id);
      expect(ids.length).toBeGreaterThan(0);
      const sourceIds = new Set((source?.firewall?.flows ?? []).map((f) => f.id));
      for (const id of ids) expect([c.to, id, sourceIds.has(id - offset)]).toEqual([c.to, id, true]);
      const others = [
        ...(site?.spec.firewall?.flows ?? []).map((f) => f.id),
        ...(site?.tenants ?? []).filter((t) => t.spec.tenant !== c.to).flatMap((t) => (t.spec.firewall?.flows ?? []).map((f) => f.id)),
      ];
      expect(ids.filter((id) => others.includes(id))).toEqual([]);
    }
  });

  test("a second clone to the same name is refused (exit 2) and leaves the first file as it was, bytes and mtime", () => {
    const file = fileOf(sites, CLONES[0]);
    const bytes = readFileSync(file);
    const mtime = statSync(file).mtimeMs;
    const listing = readdirSync(join(sites, "fjordvik", "tenants")).sort();
    const again = clone(sites, "--site", "fjordvik", "--from", "haugnes", "--to", "nyby", "--cidr", "10.45.0.0/22");
    expect(again.code).toBe(2);
    expect(again.stdout).toBe("");
    expect(again.stderr).toBe("--to: site fjordvik already has a tenant nyby; nothing was written\n");
    expect(again.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(statSync(file).mtimeMs).toBe(mtime);
    expect(readdirSync(join(sites, "fjordvik", "tenants")).sort()).toEqual(listing);
  });
});

describe("npm run clone -- tenant: bad input is exit 2, a clear message and nothing written", () => {
  /** Runs a clone that must fail on `sites` and checks that not a byte of the sites directory changed. */
  function refused(sites: string, args: string[]): string {
    return refusedRaw(sites, ["tenant", "--sites", sites, "--as-of", AS_OF, ...args]);
  }
  /** The same, with the whole command line given. */
  function refusedRaw(sites: string, args: string[]): string {
    const before = treeOf(sites);
    const r = runClone(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
    const after = treeOf(sites);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [path, bytes] of before) expect([path, after.get(path)?.equals(bytes)]).toEqual([path, true]);
    return r.stderr;
  }
  const haugnesTo = (to: string, ...rest: string[]) => ["--site", "fjordvik", "--from", "haugnes", "--to", to, ...rest];
  let sites: string;
  beforeAll(() => {
    sites = copySites(EXAMPLES);
  });

  test("a tenant that does not exist", () => {
    expect(refused(sites, ["--site", "fjordvik", "--from", "nyby", "--to", "vestby"])).toBe(
      '--from: site fjordvik has no tenant "nyby"; its tenants are fjordvik, haugnes, lauvstad\n',
    );
  });

  test("--to a tenant that exists", () => {
    expect(refused(sites, haugnesTo("lauvstad"))).toMatch(/^--to: site fjordvik already has a tenant lauvstad; nothing was written\n/);
    expect(refused(sites, haugnesTo("haugnes"))).toMatch(/already has a tenant haugnes/);
  });

  test.each([
    ["nyby.yml", "# notes for the Nyby onboarding, not a tenant yet\n"],
    ["nyby.yaml", "owner: the Nyby project\n"],
  ])("--to whose file tenants/%s exists but is not a tenant: the file is named, left as it was", (name, text) => {
    const copy = copySites(EXAMPLES);
    writeFileSync(join(copy, "fjordvik", "tenants", name), text);
    const stderr = refused(copy, haugnesTo("nyby"));
    expect(stderr).toContain(join(copy, "fjordvik", "tenants", name));
    expect(readFileSync(join(copy, "fjordvik", "tenants", name), "utf8")).toBe(text);
  });

  test.each(["nyby.yaml", "nyby.yml"])("--to whose file tenants/%s is a dangling symbolic link: named, not followed", (name) => {
    const copy = copySites(EXAMPLES);
    const target = join(tempDir(), "nowhere", "nyby.yaml");
    symlinkSync(target, join(copy, "fjordvik", "tenants", name));
    const stderr = refused(copy, haugnesTo("nyby"));
    expect(stderr).toContain(join(copy, "fjordvik", "tenants", name));
    expect(stderr).toMatch(/symbolic link/);
    expect(existsSync(target)).toBe(false);
  });

  test.each([
    ["10.30.128.0/22", /^--cidr 10\.30\.128\.0\/22 overlaps tenant lauvstad \(10\.30\.0\.0\/16\); nothing was written\n/],
    ["10.10.0.0/22", /^--cidr 10\.10\.0\.0\/22 overlaps site network management \(10\.10\.0\.0\/24\); nothing was written\n/],
    ["10.0.0.0/8", /^--cidr 10\.0\.0\.0\/8 overlaps /],
  ])("a CIDR that overlaps: %s", (cidr, message) => {
    expect(refused(sites, haugnesTo("nyby", "--cidr", cidr))).toMatch(message);
  });

  test("a CIDR too small for the source's networks", () => {
    expect(refused(sites, haugnesTo("nyby", "--cidr", "10.70.0.0/23"))).toMatch(
      /^--cidr 10\.70\.0\.0\/23 is too small: the source's networks \(\/24, \/24, \/25\) need 640 addresses, 10\.70\.0\.0\/23 holds 512\n/,
    );
  });

  test("a CIDR that is not a network address", () => {
    expect(refused(sites, haugnesTo("nyby", "--cidr", "10.70.0.1/22"))).toMatch(
      /^--cidr: expected a network address with no host bits set, found "10\.70\.0\.1\/22" \(did you mean 10\.70\.0\.0\/22\?\)\nusage: npm run clone/,
    );
  });

  test.each([
    ["350-360", /^--vlans 350-360 overlaps VLANs 300-399 of tenant lauvstad; nothing was written\n/],
    ["5-15", /^--vlans 5-15 overlaps VLAN 10 of site network management; nothing was written\n/],
  ])("a VLAN range that overlaps: %s", (vlans, message) => {
    expect(refused(sites, haugnesTo("nyby", "--vlans", vlans))).toMatch(message);
  });

  test("a VLAN range too small for the source's networks", () => {
    expect(refused(sites, haugnesTo("nyby", "--vlans", "600-601"))).toMatch(
      /^--vlans 600-601 is too small: the source has 3 networks, each on its own VLAN; the range holds 2\n/,
    );
  });

  test.each(["600..699", "699-600", "0-99", "600"])("bad VLAN syntax: %s", (vlans) => {
    expect(refused(sites, haugnesTo("nyby", "--vlans", vlans))).toMatch(
      new RegExp(`^--vlans: expected a range <from>-<to> of VLAN ids 2-4094 .*found "${escapeRegExp(vlans)}"\\nusage: npm run clone`),
    );
  });

  test.each(["Nyby", "ny_by", "9by", "ny by", "../nyby", "nyby.yaml"])("a bad --to id: %s", (to) => {
    expect(refused(sites, haugnesTo(to))).toMatch(
      new RegExp(`^--to: expected a tenant id \\(.*lower-case letters.*\\), found "${escapeRegExp(to)}"\\nusage: npm run clone`),
    );
  });

  test("a site whose specs are invalid: the loader's error at its file and line", () => {
    const copy = copySites(EXAMPLES);
    edit(copy, "fjordvik/tenants/lauvstad.yaml", /^cidr: 10\.30\.0\.0\/16/m, "cidr: 10.30.0.7/16");
    const line = lineOf(copy, "fjordvik/tenants/lauvstad.yaml", "cidr: 10.30.0.7/16");
    const stderr = refused(copy, haugnesTo("nyby"));
    expect(stderr).toContain(`${join(copy, "fjordvik", "tenants", "lauvstad.yaml")}:${line}:`);
    expect(stderr).toMatch(/\/cidr: expected a network address with no host bits set, found "10\.30\.0\.7\/16"/);
    expect(stderr).toMatch(/nothing was written/);
  });

  test("an unknown site", () => {
    expect(refused(sites, ["--site", "atlantis", "--from", "haugnes", "--to", "nyby"])).toMatch(
      /no site "atlantis"; expected one of fjordvik, kvistrup/,
    );
  });

  test("a sites directory that does not exist", () => {
    const missing = join(tempDir(), "nope");
    expect(refusedRaw(sites, ["tenant", "--sites", missing, "--site", "fjordvik", "--from", "haugnes", "--to", "nyby"])).toMatch(
      /nope: \/: expected a directory of sites/,
    );
    expect(existsSync(missing)).toBe(false);
  });

  test.each([
    [["--from", "haugnes", "--to", "nyby"], "--site is required"],
    [["--site", "fjordvik", "--to", "nyby"], "--from is required"],
    [["--site", "fjordvik", "--from", "haugnes"], "--to is required"],
    [["--site", "fjordvik", "--from", "haugnes", "--to", ""], "--to is required"],
  ])("missing required options: %j", (args, message) => {
    expect(refused(sites, args)).toMatch(new RegExp(`^${escapeRegExp(message)}\\nusage: npm run clone -- tenant`));
  });

  test("what to clone missing or unknown, an unknown option, a stray argument", () => {
    expect(refusedRaw(sites, [])).toMatch(/^expected what to clone, tenant( or site)?, found nothing\nusage: npm run clone/);
    expect(refusedRaw(sites, ["tenants", "--sites", sites, ...haugnesTo("nyby")])).toMatch(/found "tenants"/);
    expect(refused(sites, haugnesTo("nyby", "--colour", "red"))).toMatch(/Unknown option '--colour'/);
    expect(refused(sites, haugnesTo("nyby", "again"))).toMatch(/^unexpected argument "again"\nusage: npm run clone/);
  });

  test("--help prints the usage and exits 0", () => {
    const r = runClone(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: npm run clone -- tenant --site <site> --from <tenant> --to <name>/);
  });
});

describe("npm run clone -- tenant: what a clone is made of, beyond the examples", () => {
  test("the same clone twice gives the same bytes (nothing depends on the clock or the run)", () => {
    const [a, b] = [copySites(EXAMPLES), copySites(EXAMPLES)];
    const args = ["--site", "fjordvik", "--from", "haugnes", "--to", "nyby", "--vm-prefix", "nyv", "--name", "Nyvik kommune"];
    for (const sites of [a, b]) expect(clone(sites, ...args).code).toBe(0);
    const text = (sites: string) => readFileSync(join(sites, "fjordvik", "tenants", "nyby.yaml"), "utf8");
    expect(text(a)).toBe(text(b));
    // --vm-prefix and --name are what the new names are made of.
    const spec = parse(text(a));
    expect(spec.name).toBe("Nyvik kommune");
    expect(spec.workloads.map((w: { name: string; namePattern?: string }) => w.namePattern ?? w.name)).toEqual(
      expect.arrayContaining(["nyv-dc01", "nyv-sql01", "nyv-rds{n:02}"]),
    );
  });

  test("a clone of a clone: the new clonedFrom replaces the source's", () => {
    const sites = copySites(EXAMPLES);
    expect(clone(sites, "--site", "fjordvik", "--from", "haugnes", "--to", "nyby").code).toBe(0);
    const r = clone(sites, "--site", "fjordvik", "--from", "nyby", "--to", "ostby");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const text = readFileSync(join(sites, "fjordvik", "tenants", "ostby.yaml"), "utf8");
    expect(text.match(/^clonedFrom: .*$/gm)).toEqual(["clonedFrom: fjordvik/nyby"]);
    expect(parse(text).legal).toMatchObject({ onboardingUntil: "2027-02-20", processingStarted: false });
  });

  test("an adopted Windows VM is rebuilt from a Windows template, though the site lists a Linux one first", () => {
    // The tiny fixture: templates rhel9 (linux) then win2022 (windows); alpha's legacy-app is Windows Server 2016.
    const sites = copySites();
    const r = clone(sites, "--site", "tiny", "--from", "alpha", "--to", "beta");
    expect(r.code).toBe(0);
    const beta = parse(readFileSync(join(sites, "tiny", "tenants", "beta.yaml"), "utf8"));
    expect(beta.workloads.find((w: { name: string }) => w.name === "legacy-app")).toMatchObject({ template: "win2022" });
    expect(r.stdout).toMatch(/legacy-app was a VM of alpha's inventory .* template win2022/);
  });

  test("an adopted VM whose OS the site has no template for is refused: exit 2, nothing written", () => {
    const sites = copySites();
    edit(sites, "tiny/site.yaml", /^.*id: win2022, vm: tpl-win2022.*\n/m, "");
    edit(sites, "tiny/tenants/alpha.yaml", /template: win2022/g, "template: rhel9");
    const before = treeOf(sites);
    const r = clone(sites, "--site", "tiny", "--from", "alpha", "--to", "beta");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/legacy-app of alpha .*windows9Server64Guest.* no template of its OS.*nothing was written/);
    expect([...treeOf(sites).keys()].sort()).toEqual([...before.keys()].sort());
  });

  test("two clones whose ids share their first 11 characters get inter-VDOM links of their own", () => {
    const sites = copySites(EXAMPLES);
    for (const to of ["vestby-forsyning", "vestby-forsyningen"]) {
      const r = clone(sites, "--site", "kvistrup", "--from", "kvistrup-forsyning", "--to", to);
      expect([to, r.stderr, r.code]).toEqual([to, "", 0]);
    }
    // The loader refuses two tenants on one inter-VDOM link; loading is the check.
    expect(
      load(sites)
        .sites.find((s) => s.spec.site === "kvistrup")
        ?.tenants.map((t) => t.spec.tenant),
    ).toEqual(expect.arrayContaining(["vestby-forsyning", "vestby-forsyningen"]));
  });

  test("a clone of a security-sensitive tenant is told that the source's cluster is the source's dedicated hosts", () => {
    // alpha of the tiny fixture, made security-sensitive on a cluster of its own (TEN-DEDICATED-HOSTS).
    const sites = copySites();
    edit(
      sites,
      "tiny/tenants/alpha.yaml",
      'operatorsGroup: "ALPHA\\\\vmware-operators"\n',
      'operatorsGroup: "ALPHA\\\\vmware-operators"\ncluster: prod\n',
    );
    edit(sites, "tiny/tenants/alpha.yaml", "classification: health", "classification: security-classified");
    const r = clone(sites, "--site", "tiny", "--from", "alpha", "--to", "beta");
    expect(r.code).toBe(0);
    const file = join(sites, "tiny", "tenants", "beta.yaml");
    const note = review(r.stdout).find((n) => /dedicated/i.test(n.text));
    expect(note?.text).toMatch(/prod/);
    expect(lineText(file, note?.line ?? 0)).toMatch(/^cluster: /);
  });

  test("a temporary file a killed run left behind (same pid) is no internal error, and the result is whole or absent", () => {
    const sites = copySites(EXAMPLES);
    const tenants = join(sites, "fjordvik", "tenants");
    writeFileSync(join(tenants, `.nyby.yaml.${process.pid}.tmp`), "left by a run that was killed\n");
    const r = clone(sites, "--site", "fjordvik", "--from", "haugnes", "--to", "nyby");
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect([0, 2]).toContain(r.code);
    const written = join(tenants, "nyby.yaml");
    if (r.code === 0) expect(parse(readFileSync(written, "utf8")).tenant).toBe("nyby");
    else expect(existsSync(written)).toBe(false);
  });
});
