import { stringify } from "yaml";
import siteSchema from "../schema/site.schema.json";
import { Findings } from "./check-helpers";
import { addDays, EARLIEST_DATE, LATEST_DATE } from "./dates";
import { ipToInt } from "./ipv4";
import { SchemaValidator } from "./schema-validator";
import { show, type SpecError } from "./spec-error";
import { findSecrets } from "./secret-scan";
import { isPlainYamlText } from "./plain-yaml";
import { MAX_TEXT_LENGTH } from "./yaml-data";
import { describeKind, pathKind } from "./path-kind";
import { SpecFile } from "./spec-file";

/** One pinned address in sites/<site>/ipam.lock.yaml (schema/ipam-lock.schema.json). */
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

/** A site's lock as read: its entries in file order (entry i is at /addresses/i). */
export interface Lock {
  entries: LockEntry[];
  /** Present when the file exists: its errors, and where the planner reports a bad pin. */
  findings?: Findings;
}

export const LOCK_FILE = "ipam.lock.yaml";

/** The longest hold a site may ask for (the site schema's maximum of ipam.holdDays). */
export const MAX_HOLD_DAYS = siteSchema.properties.ipam.properties.holdDays.maximum;

/**
 * The evaluation dates synth accepts: from these, even the longest hold ends on a heldUntil the lock
 * schema accepts, so no run writes a lock that the next run refuses.
 */
export const EVALUATION_DATES = { first: EARLIEST_DATE, last: addDays(LATEST_DATE, -MAX_HOLD_DAYS) } as const;

const HEADER = `# Pinned VM addresses, written by \`npm run synth\`. Commit this file: it keeps every VM's address
# when others are added or removed. A freed address stays "held" until heldUntil.
`;

/** Why a lost lock is never read as "no pins": every running VM would be given a new address. */
const RESTORE = "restore the file from version control (without its pins, running VMs would get new addresses)";

let validator: SchemaValidator | undefined;

/**
 * Reads the lock file of a site as strictly as a spec file: YAML, then schema/ipam-lock.schema.json,
 * then one entry per address and one pin per VM. A missing file is the first run (no pins yet); an
 * existing one that is empty, cut short or malformed is an error, never "no pins". The lock of a site
 * without addresses is `version: 1` with `addresses: []`, as serializeLock writes it.
 */
export function readLock(path: string, displayName: string): Lock {
  // Only a lock that is truly absent means "no pins yet": a dangling link, a FIFO or a directory is bad input.
  const found = pathKind(path);
  if (found.kind === "missing") return { entries: [] };
  if (found.kind !== "file") return failed(fileLevel(displayName, `expected the address lock file, found ${describeKind(found)}`));
  const file = SpecFile.read(path, displayName, plainLockData);
  const f = new Findings(file);
  if (file.syntaxErrors.length) return failed(f, file.syntaxErrors);
  if (!isRecord(file.data)) {
    // A scalar is named by its type only: whatever was pasted there is never echoed.
    const found =
      file.data === null || file.data === undefined
        ? "an empty file"
        : Array.isArray(file.data)
          ? show(file.data)
          : `a ${typeof file.data}`;
    f.add("", `expected the address lock (version: 1 and addresses), found ${found}; ${RESTORE}`);
    return failed(f);
  }
  const addressesLost = "addresses" in file.data && file.data.addresses === null;
  if (addressesLost) f.add("/addresses", `expected the list of pinned addresses ([] when no VM has one), found nothing; ${RESTORE}`);
  // A credential pasted into the lock is reported as one, and no schema error there may echo it.
  const secrets = findSecrets(file);
  const schemaErrors = (validator ??= new SchemaValidator()).validateLock(file).filter((e) => !secrets.covers(e.pointer));
  f.errors.push(
    ...[...secrets.errors, ...schemaErrors.filter((e) => !(addressesLost && e.pointer === "/addresses"))].sort(
      (a, b) => a.line - b.line || a.col - b.col,
    ),
  );
  if (f.errors.length) return failed(f);

  const entries = (file.data as { addresses: LockEntry[] }).addresses;
  f.unique(
    entries,
    (e) => e.ip,
    (i) => `/addresses/${i}/ip`,
    "pinned address",
  );
  // A VM that moved keeps its old address held beside its new pin; two pins for one VM are a mistake.
  f.unique(
    entries,
    (e) => (e.state === "held" ? undefined : e.vm),
    (i) => `/addresses/${i}/vm`,
    "pin for VM",
  );
  return f.errors.length ? failed(f) : { entries, findings: f };
}

function failed(f: Findings, errors: readonly SpecError[] = []): Lock {
  f.errors.push(...errors);
  return { entries: [], findings: f };
}

/** Findings for a lock that cannot be read as YAML at all: the error concerns the file as a whole. */
function fileLevel(displayName: string, message: string): Findings {
  const f = new Findings(SpecFile.fromText(displayName, ""));
  f.errors.push({ file: displayName, line: 0, col: 0, pointer: "", message });
  return f;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function serializeLock(entries: LockEntry[]): string {
  // Each address converted once, not at every comparison.
  const sorted = entries
    .map((e) => ({ e, at: ipToInt(e.ip) }))
    .sort((a, b) => a.at - b.at)
    .map(({ e }) => e);
  const addresses = sorted.map((e) =>
    e.state === "held"
      ? { ip: e.ip, network: e.network, vm: e.vm, state: e.state, heldUntil: e.heldUntil }
      : { ip: e.ip, network: e.network, vm: e.vm, state: e.state },
  );
  return HEADER + (plainLockText(addresses) ?? stringify({ version: 1, addresses }, { lineWidth: 0 }));
}

/**
 * The text stringify writes for the lock, put together line by line when every value is plain text
 * (as every address, network, VM and date is): stringify took a fifth of planning the county room.
 */
function plainLockText(addresses: Record<string, string | undefined>[]): string | undefined {
  if (!addresses.length) return undefined;
  const lines = ["version: 1", "addresses:"];
  for (const address of addresses) {
    let indent = "  - ";
    for (const [key, value] of Object.entries(address)) {
      if (!isPlainYamlText(value)) return undefined;
      lines.push(`${indent}${key}: ${value}`);
      indent = "    ";
    }
  }
  return lines.join("\n") + "\n";
}

/** A lock entry as plainLockText writes it: its first field, or one of the next. */
const PLAIN_LINE = /^( {2}- | {4})(ip|network|vm|state|heldUntil): (.*)$/;

/**
 * The data of a lock whose text is exactly what serializeLock writes for it with plainLockText (as
 * synth writes it), read line by line; undefined for any other text, which the YAML parser reads.
 */
function plainLockData(text: string): { version: 1; addresses: LockEntry[] } | undefined {
  if (!text.startsWith(HEADER)) return undefined;
  const lines = text.slice(HEADER.length).split("\n");
  if (lines[0] !== "version: 1" || lines[1] !== "addresses:" || lines[lines.length - 1] !== "") return undefined;
  const addresses: Record<string, string>[] = [];
  for (const line of lines.slice(2, -1)) {
    const m = PLAIN_LINE.exec(line);
    // A text too long is the YAML reader's to report.
    if (!m || m[3].length > MAX_TEXT_LENGTH) return undefined;
    if (m[1] === "  - ") addresses.push({});
    const entry = addresses[addresses.length - 1];
    if (!entry || Object.hasOwn(entry, m[2])) return undefined;
    entry[m[2]] = m[3];
  }
  // Written back the same only when sorted, in field order, every value plain: then it is what YAML reads.
  const entries = addresses as unknown as LockEntry[];
  return writtenBack(entries) === text ? { version: 1, addresses: entries } : undefined;
}

/**
 * The text serializeLock writes for entries not yet validated; undefined where it cannot (it sorts by
 * address, and an address the schema refuses, such as 010.1.10.11, is not one): the YAML path then
 * reads the file and reports the mistake at its line.
 */
function writtenBack(entries: LockEntry[]): string | undefined {
  try {
    return serializeLock(entries);
  } catch {
    return undefined;
  }
}
