import { SENSITIVE_CLASSIFICATIONS } from "../../../contracts/classifications";
import type { Sensitivity } from "../../../contracts/facility-objects";
import { check, joinOutcome, missingFacts } from "../../engine/checks";
import { defineRule, type Check } from "../../engine/rule";
import type { FindingTarget, Resolved, Room, TfObject } from "../../engine/room";
import { GDPR, ISO27001, NIS2, NSM_GRUNNPRINSIPPER } from "../../controls/references";
import { CATEGORY, keyOf, managedVms, singleTag, vmTags, type VmTags } from "../governance/tenancy";
import { SensitiveDataIsEncryptedAtRest } from "../vsphere/SensitiveDataIsEncryptedAtRest";
import { blocks } from "../vsphere/values";
import { nameOf } from "./tenant-ownership";

/**
 * TEN-DATA-STORE: a tenant's personal, health or security-classified data lies on a datastore no other
 * tenant uses, or is encrypted (config).
 *
 * Per VM whose `data-classification` tag is personal, health or security-classified: the datastores it
 * may occupy are its `datastore_id`, each disk's `datastore_id`, and for a `datastore_cluster_id` the
 * cluster's member datastores (Storage DRS places it on any of them); a data source is joined to the
 * datastore the vSphere stack creates. It passes when no VM of another tenant (its `tenant` tag; a VM
 * without one counts as another party) may occupy any of them. Otherwise it must be encrypted, as
 * VSP-ENCRYPT decides it for that VM (home and every disk on an encrypting storage policy with a
 * redundant key provider, or a clone of a template declared encrypted): its pass is this pass (with
 * its evidence), its failure this failure. Where VSP-ENCRYPT makes the failure advisory by its own
 * logic (an adopted VM keeps its policy until encrypted powered off; a clone's disks keep the
 * template's), this one is advisory too, with the same finding id (`adopted`, `clone-disks`): the
 * remedy, a dedicated datastore or encryption, is the same maintenance window. A VM without a tenant
 * or classification tag is not-evaluable (GOV-ASSET-TAGS requires them), one with public or internal
 * data not-applicable; a datastore that does not resolve is an error. Input without facility objects
 * has no storage-policy records: one not-evaluable finding, as in VSP-ENCRYPT.
 */
export const TenantDataIsOnItsOwnDatastoreOrEncrypted = defineRule({
  meta: {
    id: "TEN-DATA-STORE",
    name: "TenantDataIsOnItsOwnDatastoreOrEncrypted",
    version: "1.0.0",
    area: "tenancy",
    title: "A tenant's sensitive data is on a datastore no other tenant uses, or encrypted",
    rationale:
      "On a datastore several municipalities share, one tenant's personal or health data sits in the same files, snapshots and replicas that another's administrators, backups and restores touch; only a datastore of its own or encryption keeps it the tenant's.",
    remediation:
      "Encrypt the VM and its disks with the site's encryption storage policy (see VSP-ENCRYPT), or place it on a datastore (or datastore cluster) only the tenant's VMs use.",
    severity: "high",
    enforcement: "mandatory",
    evidence: "config",
    reach: "tenant",
    params: {},
    controls: [ISO27001("8.24"), NSM_GRUNNPRINSIPPER("2.7.x"), NIS2("Art. 21(2)(h)"), GDPR("Art. 32(1)(a)")],
  },
  check(room, ctx) {
    if (!room.hasFacility)
      return missingFacts(
        {
          observed: "no facility objects: no tenant objects, no storage-policy records to tell an encrypting policy",
          expected: "tenant VMs' datastores and storage policies with storage-policy objects",
          message: "The input has no facility objects, so whether a tenant's data is encrypted cannot be told from it",
        },
        "config",
      );
    // Who uses each datastore is the whole room's (every tenant's VMs); the VMs checked are the room's
    // (a tenant's view: its own), and so is the encryption of each.
    const whole = room.whole;
    const all = managedVms(whole);
    const tags = new Map(all.map((vm) => [vm, vmTags(whole, vm)]));
    const members = clusterMembers(whole);
    const places = new Map(all.map((vm) => [vm, placesOf(whole, vm, members)]));
    const users = new Map<TfObject, Set<string>>();
    for (const vm of all) {
      const party = singleTag(tags.get(vm) ?? vmTags(whole, vm), CATEGORY.tenant).name ?? `untagged VM ${nameOf(vm)}`;
      for (const p of places.get(vm)?.stores ?? []) {
        const set = users.get(p);
        if (set) set.add(party);
        else users.set(p, new Set([party]));
      }
    }
    const sharing = sharingOf(users);
    const encryption = new Map<TfObject, Check>();
    for (const c of SensitiveDataIsEncryptedAtRest.check(room, { params: {}, asOf: ctx.asOf })) {
      const first = c.targets[0];
      if (first && "mode" in first && !encryption.has(first)) encryption.set(first, c);
    }
    const vms = room === whole ? all : managedVms(room);
    return vms.map((vm) =>
      vmCheck(vm, tags.get(vm) ?? vmTags(whole, vm), places.get(vm) ?? { stores: [], failures: [] }, sharing, encryption.get(vm)),
    );
  },
});

const EXPECTED = "on datastores no other tenant's VM uses, or encrypted (VSP-ENCRYPT)";
const DATASTORE_TYPES = new Set(["vsphere_vmfs_datastore", "vsphere_nas_datastore"]);

interface Places {
  /** The datastores (and datastore clusters) the VM may occupy. */
  stores: TfObject[];
  /** The datastore references that did not resolve. */
  failures: { problem: string; notInInput?: true }[];
}

/** The datastores a VM may occupy: its home, its disks', and the members of its datastore cluster. */
function placesOf(room: Room, vm: TfObject, members: Map<TfObject, TfObject[]>): Places {
  const refs: unknown[] = [vm.values.datastore_id, vm.values.datastore_cluster_id];
  const disks = blocks(vm.values.disk);
  for (const d of disks.list ?? []) refs.push(d.datastore_id);
  const stores: TfObject[] = [];
  const failures: Places["failures"] = [];
  const add = (o: TfObject) => {
    if (!stores.includes(o)) stores.push(o);
  };
  for (const expr of refs) {
    if (expr === undefined || expr === null) continue;
    const r = datastoreOf(room, vm, expr);
    if (!r.target) {
      failures.push(r.notInInput ? { problem: r.problem, notInInput: true } : { problem: r.problem });
      continue;
    }
    add(r.target);
    for (const ds of members.get(r.target) ?? []) add(ds);
  }
  return { stores, failures };
}

/** The member datastores of each datastore cluster (a datastore's `datastore_cluster_id`). */
function clusterMembers(room: Room): Map<TfObject, TfObject[]> {
  const out = new Map<TfObject, TfObject[]>();
  for (const type of DATASTORE_TYPES)
    for (const ds of room.resources(type)) {
      if (ds.values.datastore_cluster_id === undefined) continue;
      const c = room.resolve(ds, ds.values.datastore_cluster_id).target;
      if (c) out.set(c, [...(out.get(c) ?? []), ds]);
    }
  return out;
}

/**
 * The datastore (or datastore cluster) a value stands for: a resource, or a data source joined by name.
 * `data.vsphere_datastore` reads a datastore of any kind, so it joins the VMFS or NFS datastore of that
 * name (room.resolve joins a data source to a resource of its own type only).
 */
function datastoreOf(room: Room, from: TfObject, expr: unknown): Resolved {
  const ref = room.reference(from, expr);
  if (!ref.target || ref.target.mode === "managed" || ref.target.type !== "vsphere_datastore") return room.resolve(from, expr);
  const data = ref.target;
  const name = data.values.name;
  if (typeof name !== "string" || name.includes("${"))
    return { problem: `${data.stack}: ${data.address} has no literal name to join on`, notInInput: true };
  const found = [...DATASTORE_TYPES].flatMap((t) => room.resourcesNamed(t, name));
  if (found.length === 1 && found[0]) return { target: found[0] };
  if (found.length === 0) return room.notCreated(data, "datastore", name);
  return { problem: `${data.stack}: ${data.address} reads datastore "${name}", which ${found.length} resources create` };
}

/** Who else uses a VM's datastores: the other tenants, sorted, and the datastores they share. */
interface Sharing {
  others: string[];
  shared: TfObject[];
}

/**
 * Sharing per tenant and list of datastores, from the parties using each datastore. Computed once per
 * distinct (tenant, datastores): a tenant's VMs on one datastore cluster share the answer, so a shared
 * cluster costs its users once, not once per VM.
 */
function sharingOf(users: ReadonlyMap<TfObject, ReadonlySet<string>>): (tenant: string, stores: readonly TfObject[]) => Sharing {
  const known = new Map<string, Sharing>();
  return (tenant, stores) => {
    const key = [tenant, ...stores.map(keyOf)].join("\u0000");
    let found = known.get(key);
    if (found === undefined) {
      const others = new Set<string>();
      for (const s of stores) for (const t of users.get(s) ?? []) if (t !== tenant) others.add(t);
      const shared = stores.filter((s) => [...(users.get(s) ?? [])].some((t) => t !== tenant));
      known.set(key, (found = { others: [...others].sort(), shared }));
    }
    return found;
  };
}

function vmCheck(vm: TfObject, tags: VmTags, places: Places, sharing: ReturnType<typeof sharingOf>, encrypted: Check | undefined): Check {
  const name = nameOf(vm);
  const classes = tags.byCategory.get(CATEGORY.classification) ?? [];
  const tenant = singleTag(tags, CATEGORY.tenant).name;
  const sensitive = classes.filter((c) => SENSITIVE_CLASSIFICATIONS.has(c as Sensitivity));
  if (classes.length === 0 || tenant === undefined) {
    const missing = [...(tenant === undefined ? ["tenant"] : []), ...(classes.length === 0 ? ["data-classification"] : [])];
    return check("config", tags.problems.length > 0 ? "error" : "not-evaluable", vm, {
      observed: `no single ${missing.join(" and ")} tag${tags.problems.length > 0 ? `; ${tags.problems.join("; ")}` : ""}`,
      expected: EXPECTED,
      message: `VM ${name}: whose data it holds, or how sensitive, is not in the configuration (GOV-ASSET-TAGS)`,
    });
  }
  if (sensitive.length === 0)
    return check("config", "not-applicable", vm, {
      observed: `data-classification ${classes.join(", ")}`,
      expected: EXPECTED,
      message: `VM ${name}: holds ${classes.join(", ")} data, which needs neither a datastore of its own nor encryption here`,
    });
  if (places.failures.length > 0)
    return check("config", joinOutcome(places.failures), vm, {
      observed: places.failures.map((f) => f.problem).join("; "),
      expected: "every datastore of the VM resolves to a datastore of the site",
      message: `VM ${name}: its datastore does not resolve`,
    });
  if (places.stores.length === 0)
    return check("config", "not-evaluable", vm, {
      observed: "no datastore_id or datastore_cluster_id",
      expected: EXPECTED,
      message: `VM ${name}: its datastore is not in the configuration`,
    });
  const { others, shared } = sharing(tenant, places.stores);
  const storeText = places.stores.map(nameOf).join(", ");
  const head = `${sensitive.join(", ")} data of tenant ${tenant}; datastores ${storeText}`;
  if (others.length === 0)
    return check("config", "pass", [vm, ...places.stores], {
      observed: `${head}: used by no other tenant`,
      expected: EXPECTED,
      message: `VM ${name}: on datastores of tenant ${tenant} only`,
    });
  const othersText = others.join(", ");
  const sharedText = `${head}: shared with ${othersText}`;
  if (encrypted === undefined || encrypted.evidence === "attested")
    return check("config", "error", vm, {
      observed: `${sharedText}; VSP-ENCRYPT gave no configuration finding for it`,
      expected: EXPECTED,
      message: `VM ${name}: whether it is encrypted could not be read`,
    });
  const targets: FindingTarget[] = [vm, ...shared, ...encrypted.targets.filter((t) => t !== vm)];
  const outcome = encrypted.outcome;
  const verdict =
    outcome === "pass"
      ? "its datastore is shared, and it is encrypted"
      : outcome === "fail"
        ? `shares its datastore with ${othersText} and is not encrypted`
        : `shares its datastore with ${othersText}; whether it is encrypted: ${outcome}`;
  return check(encrypted.evidence, outcome, targets, {
    ...(encrypted.findingId === undefined ? {} : { findingId: encrypted.findingId }),
    ...(encrypted.enforcement === undefined ? {} : { enforcement: encrypted.enforcement }),
    observed: `${sharedText}; encryption: ${encrypted.observed}`,
    expected: EXPECTED,
    message: `VM ${name}: ${verdict}`,
  });
}
