import { existsSync } from "node:fs";
import { stringify } from "yaml";
import { Findings } from "./check-helpers";
import { ipToInt } from "./ipv4";
import { SpecFile } from "./spec-file";

/** One pinned address in sites/<site>/ipam.lock.yaml. */
export interface LockEntry {
  ip: string;
  /** "<tenant>/<network>", or "site/<network>" for a shared-services network. */
  network: string;
  /** "<tenant>/<vm>" */
  vm: string;
  /** active, retiring or unmanaged follow the VM; held: freed, not given out before heldUntil. */
  state: "active" | "retiring" | "unmanaged" | "held";
  heldUntil?: string;
}

export const LOCK_FILE = "ipam.lock.yaml";

const HEADER = `# Pinned VM addresses, written by \`npm run synth\`. Commit this file: it keeps every VM's address
# when others are added or removed. A freed address stays "held" until heldUntil.
`;

const STATES = new Set(["active", "retiring", "unmanaged", "held"]);

/** Reads the lock file of a site; a missing file is an empty lock. Malformed entries are spec errors. */
export function readLock(path: string, displayName: string): { entries: LockEntry[]; findings?: Findings } {
  if (!existsSync(path)) return { entries: [] };
  const file = SpecFile.read(path, displayName);
  const f = new Findings(file);
  f.errors.push(...file.syntaxErrors);
  if (f.errors.length) return { entries: [], findings: f };
  const data = file.data as { addresses?: unknown } | null;
  const list = data?.addresses ?? [];
  if (!Array.isArray(list)) {
    f.add("/addresses", `expected a list of pinned addresses, found ${typeof list}`);
    return { entries: [], findings: f };
  }
  const entries: LockEntry[] = [];
  list.forEach((raw: Record<string, unknown>, i) => {
    const at = `/addresses/${i}`;
    const ok =
      raw &&
      typeof raw.ip === "string" &&
      /^\d+\.\d+\.\d+\.\d+$/.test(raw.ip) &&
      typeof raw.network === "string" &&
      typeof raw.vm === "string" &&
      STATES.has(String(raw.state)) &&
      (raw.state !== "held" || (typeof raw.heldUntil === "string" && /^\d{4}-\d{2}-\d{2}$/.test(raw.heldUntil)));
    if (!ok)
      f.add(
        at,
        `expected { ip, network, vm, state: active|retiring|unmanaged|held, heldUntil: YYYY-MM-DD when held }, found ${JSON.stringify(raw)}`,
      );
    else entries.push(raw as unknown as LockEntry);
  });
  f.unique(
    entries,
    (e) => e.ip,
    (i) => `/addresses/${i}/ip`,
    "pinned address",
  );
  return { entries, findings: f.errors.length ? f : undefined };
}

export function serializeLock(entries: LockEntry[]): string {
  const sorted = [...entries].sort((a, b) => ipToInt(a.ip) - ipToInt(b.ip));
  const addresses = sorted.map((e) =>
    e.state === "held"
      ? { ip: e.ip, network: e.network, vm: e.vm, state: e.state, heldUntil: e.heldUntil }
      : { ip: e.ip, network: e.network, vm: e.vm, state: e.state },
  );
  return HEADER + stringify({ version: 1, addresses }, { lineWidth: 0 });
}
