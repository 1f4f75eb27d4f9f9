import { isMap, isScalar, isSeq, parseDocument, visit, type Scalar, type YAMLMap } from "yaml";
import { ipv4Problem } from "../../spec/ipv4";
import type { AddressPlan } from "./address-plan";
import type { ReviewNote } from "./review-notes";
import { renameComments, replaceOpeningComment } from "./file-comments";
import type { Renaming } from "./tenant-names";

/** What rewriting site.yaml needs decided: names, addresses, VLANs, and which tenants come along. */
export interface SiteCloneDecisions {
  sourceSite: string;
  newSite: string;
  municipality: string;
  renaming: Renaming;
  addresses: AddressPlan;
  moveVlan(vlan: number): number;
  /** Whether a VM of the source (tenant and VM name) has a copy in the new site; the others leave the shared services. */
  keepsVm(tenant: string, vm: string): boolean;
  asOf: string;
  /** The last day of the new room's onboarding. */
  onboardingUntil: string;
}

/** A SHA-1 thumbprint no certificate has: vCenter refuses to add the host until the real one is written. */
export const PLACEHOLDER_THUMBPRINT = Array.from({ length: 20 }, () => "00").join(":");

const str = (n: unknown): string | undefined => (isScalar(n) && typeof n.value === "string" ? n.value : undefined);

/**
 * Rewrites the source's site.yaml for a partner that builds its own room from it: every name renamed,
 * every address moved, and nothing kept that identifies the source's hardware or records its checks
 * (inventory ids, host thumbprints, LUN ids, the internet uplink, restore tests and service records).
 * The physical facts stay as a blueprint, their sources marked so.
 */
export function cloneSiteDocument(sourceText: string, d: SiteCloneDecisions): { text: string; review: ReviewNote[] } {
  const doc = parseDocument(sourceText);
  const review: ReviewNote[] = [];
  const luns = new Map<string, string>();
  const lunPlaceholder = (naa: string) => {
    if (!luns.has(naa)) luns.set(naa, `naa.${(luns.size + 1).toString(16).padStart(16, "0")}`);
    return luns.get(naa) as string;
  };

  // The source's inventory: import ids, an existing datacenter, its hosts' certificates.
  visit(doc, {
    Map(_, node) {
      if (node.has("importId")) node.delete("importId");
      if (node.has("thumbprint")) node.set("thumbprint", PLACEHOLDER_THUMBPRINT);
    },
  });
  doc.deleteIn(["vcenter", "datacenterExists"]);
  if (doc.hasIn(["backup", "evidence"])) {
    doc.deleteIn(["backup", "evidence"]);
    review.push({
      path: ["backup"],
      text: `restore tests, load tests, access reviews and service records are the source's: record the new room's in backup.evidence`,
    });
  }

  // Shared services keep only the VMs of tenants that come along.
  for (const service of (doc.getIn(["firewall", "sharedServices"]) as { items?: unknown[] } | undefined)?.items ?? []) {
    if (!isMap(service)) continue;
    const vms = service.get("vms");
    if (!isSeq(vms)) continue;
    vms.items = vms.items.filter((vm) => {
      const [tenant, name] = (str(vm) ?? "").split("/");
      return d.keepsVm(tenant, name);
    });
  }

  visit(doc, {
    Scalar(key, node) {
      if (key === "key" || typeof node.value !== "string") return;
      const text = node.value;
      if (/^naa\.[0-9a-f]+$/.test(text)) node.value = lunPlaceholder(text);
      else if (ipv4Problem("address", text) === undefined) node.value = d.addresses.move(text) ?? text;
      else if (ipv4Problem("network", text) === undefined || ipv4Problem("interface", text) === undefined)
        node.value = d.addresses.moveRange(text) ?? text;
      else node.value = d.renaming.apply(text);
    },
  });
  for (const net of (doc.get("networks") as { items?: unknown[] } | undefined)?.items ?? []) {
    if (!isMap(net)) continue;
    const vlan = (net.get("vlan", true) as Scalar<number> | undefined)?.value;
    if (typeof vlan === "number") net.set("vlan", d.moveVlan(vlan));
  }
  markSourcesAsBlueprint(doc.contents as YAMLMap, d.sourceSite);
  renameComments(doc, d.renaming, d.addresses);

  doc.set("site", d.newSite);
  doc.set("municipality", d.municipality);
  const top = doc.contents as YAMLMap;
  const date = doc.createNode(d.onboardingUntil) as Scalar;
  date.type = "QUOTE_DOUBLE";
  top.items.splice(top.items.findIndex((p) => str(p.key) === "municipality") + 1, 0, doc.createPair("onboardingUntil", date));
  review.push({
    path: ["onboardingUntil"],
    text: `by ${d.onboardingUntil}: record the new room's restore tests and service records; until then a missing one is advisory`,
  });
  replaceOpeningComment(doc, "../../schema/site.schema.json", [
    `${d.municipality}: a room built from the blueprint of site ${d.sourceSite} by npm run clone (evaluation date ${d.asOf}).`,
    `Names and addresses were moved. The source's inventory ids, host thumbprints, LUN ids, internet`,
    `uplink and records were not copied; its physical facts stay as a blueprint until the as-built`,
    `documentation replaces them. Review what the command listed before the first synth.`,
  ]);

  review.push(
    { path: ["vcenter"], text: `the new room's vCenter and datacenter (created, not imported)` },
    { path: ["state"], text: `where the new room keeps its Terraform state` },
    {
      path: ["clusters"],
      text: `every host's thumbprint is the placeholder ${PLACEHOLDER_THUMBPRINT}: write the real one (openssl x509 -noout -fingerprint -sha1) before the first apply`,
    },
    { path: ["san", "luns"], text: `LUN ids are placeholders (naa.000…1, …): write the NAA ids of the new array's LUNs` },
    {
      path: ["facility"],
      text: `the power, cooling and room facts are the source's as a blueprint: replace them, and their sources, with the as-built documentation`,
    },
  );
  if (doc.hasIn(["firewall", "internet"]))
    review.push({
      path: ["firewall", "internet"],
      text: `the internet uplink is a placeholder in the documentation ranges: write the address the ISP assigns`,
    });
  return { text: doc.toString({ lineWidth: 0 }), review };
}

/** Every `source` (and `defaultSource`) says it is the source's document, read as a blueprint. */
function markSourcesAsBlueprint(root: YAMLMap, sourceSite: string): void {
  visit(root, {
    Pair(_, pair) {
      const key = str(pair.key);
      if ((key === "source" || key === "defaultSource") && isMap(pair.value)) {
        const document = str(pair.value.get("document", true));
        if (document !== undefined) pair.value.set("document", `blueprint from site ${sourceSite}: ${document}`);
      }
    },
  });
}
