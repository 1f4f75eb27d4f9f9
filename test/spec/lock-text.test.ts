import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { LOCK_FILE, readLock, serializeLock, type LockEntry } from "../../spec/ipam-lock";
import { isPlainYamlText } from "../../spec/plain-yaml";

const SITES = join(__dirname, "..", "..", "sites");
const HEADER = serializeLock([]).replace(stringify({ version: 1, addresses: [] }, { lineWidth: 0 }), "");

/** What serializeLock wrote when yaml's stringify wrote all of it. */
function viaStringify(entries: LockEntry[]): string {
  return HEADER + stringify({ version: 1, addresses: entries }, { lineWidth: 0 });
}

describe("the lock's text put together without stringify (spec/plain-yaml.ts)", () => {
  test.each(readdirSync(SITES).filter((s) => !s.startsWith(".")))("the %s lock is written as stringify writes it", (site) => {
    const { entries, findings } = readLock(join(SITES, site, LOCK_FILE), site);
    expect(findings?.errors ?? []).toEqual([]);
    expect(entries.length).toBeGreaterThan(0);
    expect(serializeLock(entries)).toBe(viaStringify(serializeLockOrder(entries)));
  });

  test("held addresses, and values stringify would quote (which take its way)", () => {
    const entries: LockEntry[] = [
      { ip: "10.0.0.1", network: "t/n", vm: "t/a", state: "held", heldUntil: "2027-01-31" },
      { ip: "10.0.0.2", network: "t/n", vm: "t/b", state: "active" },
    ];
    expect(serializeLock(entries)).toBe(viaStringify(entries));
    const quoted: LockEntry[] = [{ ip: "10.0.0.3", network: "true", vm: "0x1f", state: "active" }];
    expect(serializeLock(quoted)).toBe(viaStringify(quoted));
    expect(serializeLock(quoted)).toContain('network: "true"');
  });

  test("every text it calls plain, stringify writes as it is", () => {
    // Short texts over the alphabet of the plain form and a few characters beyond it, from a fixed seed.
    const alphabet = "abefilnortux019./-+_E: ";
    let seed = 13;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const texts = [
      "null",
      "true",
      "false",
      "0o17",
      "0x1f",
      "10",
      "1.5",
      "1.",
      "1e5",
      "1.0e-3",
      "10.0.0.1",
      "2026-11-22",
      "t/n",
      "1-2",
      "e5",
    ];
    for (let i = 0; i < 20000; i++) texts.push(Array.from({ length: 1 + (next() % 6) }, () => alphabet[next() % alphabet.length]).join(""));
    let plain = 0;
    for (const text of texts) {
      if (!isPlainYamlText(text)) continue;
      plain++;
      expect([text, stringify(text)]).toEqual([text, `${text}\n`]);
    }
    expect(plain).toBeGreaterThan(1000);
  });
});

/** The order and fields serializeLock writes: by address, heldUntil only on a held one. */
function serializeLockOrder(entries: LockEntry[]): LockEntry[] {
  const toInt = (ip: string) => ip.split(".").reduce((n, part) => n * 256 + Number(part), 0);
  return [...entries]
    .sort((a, b) => toInt(a.ip) - toInt(b.ip))
    .map((e) =>
      e.state === "held"
        ? { ip: e.ip, network: e.network, vm: e.vm, state: e.state, heldUntil: e.heldUntil }
        : { ip: e.ip, network: e.network, vm: e.vm, state: e.state },
    );
}

describe("a lock as synth writes it is read without the YAML parser, to the same result", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "lock-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** readLock of `text`, and of the same text with a comment after it, which only the YAML parser reads. */
  const bothWays = (text: string) =>
    [text, `${text}# the YAML parser reads this one\n`].map((t, i) => {
      const path = join(dir, `lock-${i}.yaml`);
      writeFileSync(path, t);
      const lock = readLock(path, "ipam.lock.yaml");
      return { entries: lock.entries, errors: lock.findings?.errors ?? [] };
    });

  test("the county room's lock: the same entries as YAML reads them", () => {
    const text = readFileSync(join(SITES, "norrmarkslan", LOCK_FILE), "utf8");
    const [plain, parsed] = bothWays(text);
    expect(plain.errors).toEqual([]);
    expect(plain.entries).toEqual((parse(text) as { addresses: LockEntry[] }).addresses);
    expect(plain).toEqual(parsed);
  });

  test("its mistakes at the same lines and columns: an address pinned twice, a held address without heldUntil", () => {
    const text = serializeLock([
      { ip: "10.0.0.1", network: "t/n", vm: "t/a", state: "active" },
      { ip: "10.0.0.2", network: "t/n", vm: "t/b", state: "active" },
    ]).replace("10.0.0.2", "10.0.0.1");
    const held = serializeLock([{ ip: "10.0.0.3", network: "t/n", vm: "t/c", state: "active" }]).replace("active", "held");
    for (const t of [text, held]) {
      const [plain, parsed] = bothWays(t);
      expect(plain.errors.length).toBeGreaterThan(0);
      expect(plain).toEqual(parsed);
    }
  });
});
