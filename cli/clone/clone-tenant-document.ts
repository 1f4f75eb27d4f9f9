import { isMap, isScalar, isSeq, parseDocument, visit, type Document, type Node, type Scalar, type YAMLMap, type YAMLSeq } from "yaml";
import type { Site, Tenant } from "../../plan/model";
import { addDays } from "../../spec/dates";
import { ipv4Problem, parseRange } from "../../spec/ipv4";
import type { Template } from "../../spec/types";
import type { AddressPlan } from "./address-plan";
import type { Renaming } from "./tenant-names";
import { replaceOpeningComment, renameComments } from "./file-comments";
import { UsageError } from "../exit-codes";
import { MAX_LINK_NAME, tenantLink } from "../../plan/firewall/fortios-names";
import { lineFinder } from "./line-finder";
import type { ReviewNote } from "./review-notes";

/** What the clone needs decided before it rewrites the file: names, addresses, VLANs, flow ids. */
export interface CloneDecisions {
  site: Site;
  source: Tenant;
  renaming: Renaming;
  addresses: AddressPlan;
  vlanRange: { from: number; to: number };
  /** The new VLAN id of a VLAN of the source. */
  moveVlan(vlan: number): number;
  flowIdOffset: number;
  asOf: string;
  onboardingDays: number;
  /** A whole site is cloned into a new one (its tenants' names and links come along, renamed). */
  inNewSite?: boolean;
  /** In a new site: this is its host municipality, which stays the host. */
  keepsHost?: boolean;
  /** Names of the site's own objects (templates, sizes, site networks, shared:<service>): never renamed. */
  keep: ReadonlySet<string>;
}

/** The new tenant file's text, what to review in it, and what was left behind (in the source's lines). */
export interface ClonedTenant {
  text: string;
  review: ReviewNote[];
  dropped: ReviewNote[];
  /** The source's VMs the new file has no copy of. */
  droppedVms: ReadonlySet<string>;
}

/** Legal references that record another municipality's decisions: never copied. */
const EVIDENCE_FIELDS = ["analysisDate", "agreementRef", "dpaRef", "suaRef", "samradRef", "nhnAgreementRef", "sapoSamradRef"] as const;
/** Fields about the source's own life in the room. */
const SOURCE_STATE_FIELDS = ["hostMunicipality", "lifecycle", "destroyApproved"] as const;

const str = (n: unknown): string | undefined => (isScalar(n) && typeof n.value === "string" ? n.value : undefined);
const seqAt = (doc: Document, path: (string | number)[]): YAMLSeq | undefined => {
  const n = doc.getIn(path, true);
  return isSeq(n) ? n : undefined;
};

/**
 * Rewrites the source tenant's file into the new tenant's: parsed as YAML (comments and key order kept
 * where the library allows), every address of the source's range moved by the address plan, VLANs
 * and flow ids moved, names renamed word by word, and what belongs to the source alone dropped or
 * cleared. The result is checked by the loader before anything is written (clone-tenant.ts).
 */
export function cloneTenantDocument(sourceText: string, d: CloneDecisions): ClonedTenant {
  const doc = parseDocument(sourceText, { keepSourceTokens: false });
  const src = d.source.spec;
  const review: ReviewNote[] = [];
  const dropped: ReviewNote[] = [];
  const sourceLine = lineFinder(sourceText);
  const drop = (node: Node | null | undefined, what: string) =>
    dropped.push({ path: [], line: node?.range ? sourceLine(node.range[0]) : 0, text: what });

  // What the source alone had: workloads that are not its to copy, and the flows that name them.
  const tenantNetworks = new Set(src.networks.map((n) => n.name));
  const droppedVms = new Set<string>();
  const workloads = seqAt(doc, ["workloads"]);
  for (const item of [...(workloads?.items ?? [])]) {
    if (!workloads || !isMap(item)) continue;
    const name = str(item.get("name", true)) ?? "";
    const lifecycle = str(item.get("lifecycle", true));
    const network = str(item.get("network", true)) ?? "";
    const why =
      lifecycle === "unmanaged"
        ? `workload ${name} (lifecycle unmanaged): a machine the source runs outside Terraform`
        : lifecycle === "removed" || lifecycle === "retiring"
          ? `workload ${name} (lifecycle ${lifecycle}): the source's own history`
          : !tenantNetworks.has(network) && !d.keepsHost
            ? `workload ${name} on the site network ${network}: a shared service the host runs for the site`
            : undefined;
    if (!why) continue;
    for (const vm of d.source.vms.filter((v) => v.workload.name === name)) droppedVms.add(vm.name);
    droppedVms.add(name);
    drop(item, why);
    workloads.items.splice(workloads.items.indexOf(item), 1);
  }
  const droppedEndpoints = new Set([...droppedVms].map((vm) => `vm:${vm}`));
  const floating = seqAt(doc, ["firewall", "floatingAddresses"]);
  for (const item of [...(floating?.items ?? [])]) {
    if (!floating || !isMap(item)) continue;
    const members = (item.get("vms") as YAMLSeq | undefined)?.items.map(str) ?? [];
    const gone = members.find((vm) => vm !== undefined && droppedVms.has(vm));
    if (!gone) continue;
    const name = str(item.get("name", true)) ?? "";
    droppedEndpoints.add(`floating:${name}`);
    drop(item, `floating address ${name}: its VM ${gone} was not copied`);
    floating.items.splice(floating.items.indexOf(item), 1);
  }
  const flows = seqAt(doc, ["firewall", "flows"]);
  for (const item of [...(flows?.items ?? [])]) {
    if (!flows || !isMap(item)) continue;
    const from = str(item.get("from", true)) ?? "";
    const to = str(item.get("to", true)) ?? "";
    const id = (item.get("id", true) as Scalar<number> | undefined)?.value;
    const namesDropped = [from, to].find((e) => droppedEndpoints.has(e));
    const why = [from, to].some((e) => e.startsWith("tenant:"))
      ? `flow ${id} (${from} -> ${to}): between two tenants; a new tenant's flows to others need their own justification and ticket`
      : from === "internet" || item.has("publishAs")
        ? `flow ${id} (${from} -> ${to}): inbound from the internet; publish the new tenant's services deliberately`
        : namesDropped
          ? `flow ${id} (${from} -> ${to}): names ${namesDropped}, which was not copied`
          : undefined;
    if (!why) continue;
    drop(item, why);
    flows.items.splice(flows.items.indexOf(item), 1);
  }

  // Adopted VMs are the source's running machines: the clone builds new ones from the site's templates.
  for (const item of workloads?.items ?? []) {
    if (isMap(item) && item.has("existing")) review.push(...buildInsteadOfAdopting(doc, item, d));
  }

  // Addresses, VLANs and names: every scalar, by what it is.
  visit(doc, {
    Scalar(key, node) {
      if (key === "key") return;
      if (typeof node.value === "string") node.value = moveText(node.value, d, d.keep);
    },
  });
  doc.setIn(["vlanRange", "from"], d.vlanRange.from);
  doc.setIn(["vlanRange", "to"], d.vlanRange.to);
  for (const net of seqAt(doc, ["networks"])?.items ?? []) {
    if (!isMap(net)) continue;
    const vlan = (net.get("vlan", true) as Scalar<number> | undefined)?.value;
    if (typeof vlan === "number") net.set("vlan", d.moveVlan(vlan));
    // An imported port group is the source's: the new tenant's network is created.
    if (net.has("importId")) net.delete("importId");
  }
  for (const flow of flows?.items ?? []) {
    if (!isMap(flow)) continue;
    const id = (flow.get("id", true) as Scalar<number> | undefined)?.value;
    if (typeof id === "number") flow.set("id", id + d.flowIdOffset);
  }
  // A VDOM or link name the renaming left as it was would be the source's: the new tenant takes the default.
  for (const key of ["vdom", "link"]) {
    const given = str(doc.getIn(["firewall", key], true));
    const source = key === "vdom" ? src.firewall?.vdom : src.firewall?.link;
    if (given !== undefined && given === source) doc.deleteIn(["firewall", key]);
  }
  const link = freeLink(doc, d);
  if (link) {
    doc.setIn(["firewall", "link"], link);
    review.push({
      path: ["firewall", "link"],
      text: `inter-VDOM link ${link}: the default (the VDOM name's first 11 characters) is another tenant's`,
    });
  }
  renameComments(doc, d.renaming, d.addresses);

  // Identity, and a partner of the room whatever the source was.
  const to = d.renaming.to;
  if (str(doc.get("operatorsGroup", true)) === src.operatorsGroup) {
    // A group name without the source's id (FORSYNING\vmware-drift) would give the source's operators the new tenant.
    const [domain, group] = src.operatorsGroup.includes("\\") ? src.operatorsGroup.split("\\", 2) : ["", src.operatorsGroup];
    doc.set("operatorsGroup", `${domain ? `${to.id.replace(/-/g, "").toUpperCase()}\\` : ""}${domain ? group : `${to.id}-${group}`}`);
  }
  doc.set("tenant", to.id);
  doc.set("name", to.displayName);
  const top = doc.contents as YAMLMap;
  const nameAt = top.items.findIndex((p) => isScalar(p.key) && p.key.value === "name");
  // A clone of a clone records its own source, in the place the first clonedFrom had.
  doc.delete("clonedFrom");
  top.items.splice(nameAt + 1, 0, doc.createPair("clonedFrom", `${d.site.spec.site}/${src.tenant}`));
  for (const f of SOURCE_STATE_FIELDS) if (f !== "hostMunicipality" || !d.keepsHost) doc.delete(f);
  if (src.hostMunicipality && !d.keepsHost)
    review.push({
      path: ["clonedFrom"],
      text: `cloned from the host municipality ${src.tenant}: ${to.id} is a partner tenant of the room, not a second host`,
    });

  // Evidence and grants are the source's: cleared; the new tenant is onboarding and processes nothing yet.
  const until = addDays(d.asOf, d.onboardingDays);
  if (doc.has("legal")) {
    for (const f of EVIDENCE_FIELDS) doc.deleteIn(["legal", f]);
    doc.setIn(["legal", "legalEntity"], `${to.displayName} (organisation number to be recorded)`);
    const date = doc.createNode(until) as Scalar;
    date.type = "QUOTE_DOUBLE"; // as the other dates are written, never read as a timestamp
    doc.setIn(["legal", "onboardingUntil"], date);
    doc.setIn(["legal", "processingStarted"], false);
    review.push(
      { path: ["legal", "legalEntity"], text: `record ${to.displayName}'s legal name and organisation number` },
      {
        path: ["legal", "onboardingUntil"],
        text: `by ${until}: record the security analysis (analysisDate) and the hosting agreement (agreementRef); until then they are advisory findings`,
      },
      { path: ["legal", "processingStarted"], text: prerequisitesText(d) },
      {
        path: ["legal", "reportingRoutes"],
        text: `check the incident reporting routes (copied from ${src.tenant}: the authorities are the country's, the channels may differ)`,
      },
    );
  } else {
    review.push({
      path: ["tenant"],
      text: `the source has no legal section: add legal (legalEntity, reportingRoutes) for ${to.displayName}`,
    });
  }

  review.push(
    { path: ["operatorsGroup"], text: `the vCenter group that operates ${to.id}'s folder and pool` },
    ...(doc.has("directory") ? [{ path: ["directory"], text: `the Active Directory new VMs join (domain, join account, OU)` }] : []),
    ...(doc.has("dns") ? [{ path: ["dns"], text: `the DNS servers and domain of ${to.displayName}` }] : []),
    {
      path: ["networks"],
      text: `networks moved to ${d.addresses.moveRange(src.cidr) ?? src.cidr}, VLANs ${d.vlanRange.from}-${d.vlanRange.to}: check them against the core switches`,
    },
    {
      path: ["workloads"],
      text:
        `workloads copied from ${src.tenant}` +
        (to.vmPrefix && d.renaming.from.vmPrefix ? ` (VM names now start ${to.vmPrefix}-, not ${d.renaming.from.vmPrefix}-)` : "") +
        `: adjust names, counts and sizes to ${to.displayName}'s systems`,
    },
    {
      path: ["tenant"],
      text: `the comments are the source's with names replaced: facts they state (policy id blocks, history) may not hold`,
    },
    ...clusterLoad(d, droppedVms),
    ...dedicatedClusters(d),
  );
  if (flows?.items.length && d.flowIdOffset !== 0)
    review.push({ path: ["firewall", "flows"], text: `flows renumbered by +${d.flowIdOffset}: check each is one ${to.id} needs` });

  replaceOpeningComment(doc, "../../../schema/tenant.schema.json", [
    `${to.displayName}: made by npm run clone from the tenant clonedFrom names (evaluation date ${d.asOf}).`,
    `Its names, addresses, VLANs and flow ids were moved; the source's evidence, agreements, flows to other`,
    `tenants and inbound flows were not copied. Review what the command listed before the first synth.`,
  ]);
  return { text: doc.toString({ lineWidth: 0 }), review, dropped, droppedVms };
}

/** A scalar's new text: an address or network of the source's range moved, any other text renamed. */
function moveText(text: string, d: CloneDecisions, keep: ReadonlySet<string>): string {
  if (keep.has(text)) return text;
  if (ipv4Problem("address", text) === undefined) return d.addresses.move(text) ?? text;
  if (ipv4Problem("network", text) === undefined) {
    const range = parseRange(text);
    if (typeof range === "string") return text;
    return d.addresses.moveRange(range.cidr) ?? text;
  }
  return d.renaming.apply(text);
}

/**
 * An adopted VM (`existing:`) is a machine of the source's inventory. The clone builds it new from the
 * site's template for the same guest OS (else the site's first), with the first disk as system disk.
 */
function buildInsteadOfAdopting(doc: Document, item: YAMLMap, d: CloneDecisions): ReviewNote[] {
  const existing = item.get("existing") as YAMLMap;
  const guestId = str(existing.get("guestId", true));
  const firmware = str(existing.get("firmware", true));
  const templates = d.site.spec.templates;
  const template: Template | undefined =
    templates.find((t) => t.guestId === guestId && t.firmware === firmware) ??
    templates.find((t) => t.guestId === guestId) ??
    // Else one of the same OS family: guest ids of Windows start with "windows".
    templates.find((t) => (t.os === "windows") === (guestId ?? "").startsWith("windows"));
  const disks = (existing.get("disks") as YAMLSeq | undefined)?.items ?? [];
  const sizes = disks.map((x) => (isMap(x) ? Number(x.get("sizeGb", true)?.value) : NaN));
  const systemDisk = Number.isFinite(sizes[0]) ? sizes[0] : 100;
  const name = d.renaming.apply(str(item.get("name", true)) ?? "");
  item.delete("existing");
  if (item.has("datastore")) item.delete("datastore");
  if (!template)
    throw new UsageError(
      `workload ${name} of ${d.source.spec.tenant} is a running VM (existing:, guest ${guestId ?? "unknown"}); the clone builds it new, but site ${d.site.spec.site} has no template of its OS: add one to site.yaml; nothing was written`,
      false,
    );
  item.set("template", template.id);
  const size = item.get("size", true);
  const named = str(size);
  const site = d.site.spec.vmSizes?.[named ?? ""];
  if (named && site && site.diskGb === undefined) {
    item.set("size", doc.createNode({ cpus: site.cpus, memoryGb: site.memoryGb, diskGb: systemDisk }, { flow: true }));
  } else if (isMap(size) && !size.has("diskGb")) {
    size.set("diskGb", systemDisk);
  }
  const extra = sizes.slice(1).filter(Number.isFinite);
  return [
    {
      path: ["workloads", name],
      text:
        `${name} was a VM of ${d.source.spec.tenant}'s inventory (adopted with existing:); the clone builds it new from template ${template.id} with a ${systemDisk} GB system disk` +
        (extra.length ? `; the source also had data disks of ${extra.join(", ")} GB` : ""),
    },
  ];
}

/** What the copied VMs add to each cluster: whether it still survives a host failure is RED-HOST-N1's to say. */
function clusterLoad(d: CloneDecisions, droppedVms: ReadonlySet<string>): ReviewNote[] {
  const load = new Map<string, { vms: number; cpus: number; memoryGb: number }>();
  for (const vm of d.source.vms) {
    if (droppedVms.has(vm.name) || droppedVms.has(vm.workload.name)) continue;
    const l = load.get(vm.cluster) ?? { vms: 0, cpus: 0, memoryGb: 0 };
    load.set(vm.cluster, { vms: l.vms + 1, cpus: l.cpus + vm.size.cpus, memoryGb: l.memoryGb + vm.size.memoryGb });
  }
  return [...load].map(([cluster, l]) => ({
    path: ["workloads"],
    text: `adds ${l.vms} VMs (${l.cpus} vCPUs, ${l.memoryGb} GB memory) to cluster ${cluster}: RED-HOST-N1 in npm run synth says whether it still survives losing a host`,
  }));
}

/**
 * Clusters only the source's VMs use are its dedicated hosts (TEN-DEDICATED-HOSTS holds a
 * security-sensitive tenant to them): the copy would land on them. Said at the line that names one.
 */
function dedicatedClusters(d: CloneDecisions): ReviewNote[] {
  const src = d.source.spec.tenant;
  const users = new Map<string, Set<string>>();
  for (const t of d.site.tenants) for (const vm of t.vms) users.set(vm.cluster, (users.get(vm.cluster) ?? new Set()).add(t.spec.tenant));
  const own = (cluster: string | undefined) => cluster !== undefined && [...(users.get(cluster) ?? [])].every((t) => t === src);
  const sensitive = d.source.vms.some((vm) => vm.workload.classification === "security-classified");
  const text = (cluster: string) =>
    `cluster ${cluster} holds only ${src}'s VMs (its dedicated hosts${sensitive ? ", which TEN-DEDICATED-HOSTS requires" : ""}): give ${d.renaming.to.id} a cluster of its own, and datastores, before the first synth`;
  const notes: ReviewNote[] = [];
  if (own(d.source.spec.cluster)) notes.push({ path: ["cluster"], text: text(d.source.spec.cluster as string) });
  for (const w of d.source.spec.workloads ?? [])
    if (w.cluster !== undefined && w.cluster !== d.source.spec.cluster && own(w.cluster))
      notes.push({ path: ["workloads", d.renaming.apply(w.name), "cluster"], text: text(w.cluster) });
  return notes;
}

/**
 * A link name for the new tenant when the one it would get is another tenant's (FortiOS link names are
 * global on the box and at most 11 characters): its id's letters, cut to leave room for a digit.
 */
function freeLink(doc: Document, d: CloneDecisions): string | undefined {
  // In a new site the tenants' links are the source's, renamed, and as distinct as they were.
  if (!d.site.spec.firewall || d.inNewSite) return undefined;
  const taken = new Set(d.site.tenants.map((t) => tenantLink(t.spec)));
  const vdom = str(doc.getIn(["firewall", "vdom"], true)) ?? d.renaming.to.id;
  const wanted = str(doc.getIn(["firewall", "link"], true)) ?? vdom.slice(0, MAX_LINK_NAME);
  if (!taken.has(wanted)) return undefined;
  const letters = d.renaming.to.id.replace(/[^a-z0-9]/g, "");
  const candidates = [
    letters.slice(0, MAX_LINK_NAME),
    ...Array.from({ length: 9 }, (_, i) => `${letters.slice(0, MAX_LINK_NAME - 1)}${i + 1}`),
  ];
  return candidates.find((c) => !taken.has(c));
}

/** What the law requires before the new tenant's data is processed, from the data its workloads hold. */
function prerequisitesText(d: CloneDecisions): string {
  const data = new Set(d.source.vms.map((v) => v.workload.classification));
  const needs = ["a data-processing agreement with the room's operator (dpaRef)"];
  if (d.source.spec.country === "SE" && data.has("security-classified"))
    needs.push("a säkerhetsskyddsavtal and samråd (suaRef, samradRef)", "Säkerhetspolisen's consultation (sapoSamradRef)");
  if (d.source.spec.country === "NO" && data.has("health")) needs.push("the Norsk Helsenett connection agreement (nhnAgreementRef)");
  return `before any of ${d.renaming.to.id}'s data is processed here, record ${needs.join(", ")}; then set processingStarted to true`;
}
