import { SENSITIVE_CLASSIFICATIONS } from "../../../contracts/classifications";
import type { FacilityOf, Sensitivity } from "../../../contracts/facility-objects";
import { TAG_CATEGORIES } from "../../../contracts/tag-categories";
import { check, missingFacts } from "../../engine/checks";
import { defineRule, type Check } from "../../engine/rule";
import type { FindingTarget, Room, TfObject } from "../../engine/room";
import { ISO27001, NIS2, NSM_GRUNNPRINSIPPER, VSPHERE_SCG } from "../../controls/references";
import { blocks, boolValue, isAdopted, show } from "./values";

type PolicyVerdict =
  | { kind: "ok"; text: string; targets: FindingTarget[] }
  | { kind: "fail"; text: string; targets: FindingTarget[] }
  | { kind: "none"; text: string }
  | { kind: "not-evaluable"; text: string }
  | { kind: "error"; text: string };

/**
 * VSP-ENCRYPT: a VM whose `data-classification` tag is personal, health or security-classified has
 * its home and every disk on a storage policy that encrypts, with a key provider that survives losing
 * one node.
 *
 * The VM's `storage_policy_id` and each `disk[].storage_policy_id` must refer to a
 * `data.vsphere_storage_policy` (encryption policies can only be looked up: `vsphere_vm_storage_policy`
 * builds tag-based policies, which do not encrypt), whose `name` joins the site's `storage-policy`
 * facility object (a join that does not resolve is an error) with `encryption` true and a
 * `keyProviderId` whose `key-provider` object is `redundant`. A VM or disk without a policy gets the
 * datastore's default, which the configuration does not show to encrypt: a fail. An adopted VM
 * (a stack's `import` block) without any declared policy keeps the one it runs with, because
 * encrypting a running VM in place needs it powered off: that finding has the id `adopted` and is
 * advisory by this rule's logic until its spec names the encryption policy (in a maintenance window).
 * A clone (a `clone` block) whose home is on an encrypting policy and whose disks name no policy keeps
 * the template's disks: the provider cannot encrypt disks during a clone (provider issue #2241), while
 * vSphere clones an encrypted template with its keys. Its `clone.template_uuid` must reference a
 * `data.vsphere_virtual_machine` or `data.vsphere_content_library_item` whose `name` joins the site's
 * `vm-template` object (a join that does not resolve is an error): a template declared `encrypted`
 * passes (disks encrypted through the template, declared; home through the VM's policy, config); an
 * unencrypted one has the finding id `clone-disks`, advisory, until the template is encrypted or the
 * clone's disks are encrypted powered off. Input without any `vm-template` object (foreign or older
 * output) keeps the advisory `clone-disks` finding: the configuration shows disks without an
 * encryption policy, and only a declaration could say otherwise (not-evaluable would hide them).
 *
 * A VM without a classification tag is not-evaluable (GOV-ASSET-TAGS requires the tag); VMs with
 * public or internal data are not-applicable. Per `vsphere_compute_cluster` with vSAN on, vSAN
 * data-in-transit encryption must be on (finding id `vsan-dit`). vMotion encryption is not exposed by
 * the provider (listed as not covered).
 */
export const SensitiveDataIsEncryptedAtRest = defineRule({
  meta: {
    id: "VSP-ENCRYPT",
    name: "SensitiveDataIsEncryptedAtRest",
    version: "1.0.0",
    area: "vsphere",
    title: "VMs with personal, health or security-classified data are encrypted at rest with a redundant key provider",
    rationale:
      "A stolen or wrongly disposed disk, a copied datastore or a replicated LUN must not expose citizens' personal or health data; a key provider without a second node makes every encrypted VM unbootable when it fails.",
    remediation:
      "Give the VM and every disk the site's encryption storage policy (workload storagePolicy, or the tenant's encryption policy for new VMs); declare the policy's storage-policy object with encryption true and a redundant key provider. A new VM's disks: clone it from an encrypted template (templates[].encrypted), since the provider cannot encrypt disks during a clone. An adopted VM: encrypt it powered off in a maintenance window.",
    severity: "high",
    enforcement: "mandatory",
    evidence: "config",
    reach: "tenant",
    params: {},
    controls: [ISO27001("8.24"), NIS2("Art. 21(2)(h)"), NSM_GRUNNPRINSIPPER("2.7.x"), VSPHERE_SCG("vsan-8.data-in-transit")],
  },
  check(room) {
    if (!room.hasFacility)
      return missingFacts(
        {
          observed: "no facility objects: no storage-policy or key-provider records to join the VMs' storage policies to",
          expected: "storage-policy objects with encryption and a redundant key provider",
          message: "The input has no facility objects, so whether a storage policy encrypts cannot be told from it",
        },
        "config",
      );
    return [
      // Once per VM and room: TEN-DATA-STORE reads the same verdicts.
      ...room.resources("vsphere_virtual_machine").map((vm) => room.memo(vmCheck, vm)),
      ...room.resources("vsphere_compute_cluster").map(vsanCheck),
    ];
  },
});

const EXPECTED = "VM and every disk on a storage policy with encryption on and a redundant key provider";
const CLASSIFICATION = TAG_CATEGORIES.classification.name;
const nameOf = (vm: TfObject) => (typeof vm.values.name === "string" ? vm.values.name : vm.address);

function vmCheck(room: Room, vm: TfObject): Check {
  const name = nameOf(vm);
  const { tags, problems } = room.tagsOf(vm);
  const classes = tags.filter((t) => t.category === CLASSIFICATION).map((t) => t.name);
  if (classes.length === 0) {
    if (problems.length > 0)
      return check("config", "error", vm, {
        observed: `no data-classification tag resolved; ${problems.join("; ")}`,
        expected: EXPECTED,
        message: `${name}: its tags do not resolve, so its data classification is unknown (${problems.join("; ")})`,
      });
    return check("config", "not-evaluable", vm, {
      observed: "no data-classification tag",
      expected: EXPECTED,
      message: `${name}: no data-classification tag, so whether it holds personal data is unknown (GOV-ASSET-TAGS)`,
    });
  }
  const sensitive = classes.filter((c) => SENSITIVE_CLASSIFICATIONS.has(c as Sensitivity));
  if (sensitive.length === 0)
    return check("config", "not-applicable", vm, {
      observed: `data-classification ${classes.join(", ")}`,
      expected: EXPECTED,
      message: `${name}: holds ${classes.join(", ")} data, which this rule does not require to be encrypted`,
    });

  const slots: { slot: string; expr: unknown }[] = [{ slot: "VM", expr: vm.values.storage_policy_id }];
  const disks = blocks(vm.values.disk);
  if (disks.expr !== undefined)
    return check("config", "not-evaluable", vm, {
      observed: `disk = ${show(disks.expr)} (known only at plan time)`,
      expected: EXPECTED,
      message: `${name}: its disks are computed at plan time`,
    });
  disks.list.forEach((d, i) => slots.push({ slot: typeof d.label === "string" ? d.label : `disk ${i}`, expr: d.storage_policy_id }));
  const verdicts = slots.map((s) => ({ slot: s.slot, v: policyVerdict(room, vm, s.expr) }));
  const observed = `${sensitive.join(", ")} data; ${verdicts.map(({ slot, v }) => `${slot}: ${v.text}`).join("; ")}`;
  const targets: FindingTarget[] = [vm];
  for (const { v } of verdicts) if ("targets" in v) for (const t of v.targets) if (!targets.includes(t)) targets.push(t);
  const kinds = new Set(verdicts.map(({ v }) => v.kind));

  if (isAdopted(vm) && verdicts.every(({ v }) => v.kind === "none"))
    return check("config", "fail", vm, {
      findingId: "adopted",
      enforcement: "advisory",
      observed: `${observed} (adopted VM: keeps the policy it runs with)`,
      expected: EXPECTED,
      message: `${name} (adopted) holds ${sensitive.join(", ")} data and the configuration does not put it on an encryption policy; encrypt it powered off in a maintenance window and name the policy in its spec`,
    });
  // A clone whose home is on an encrypting policy and whose disks name none: the provider cannot put
  // an encryption policy on a disk during the clone (terraform-provider-vsphere #2241, the disk locator
  // fails with spec.disk.backing.crypto), so its disks keep the template's policy. Not a pass: advisory
  // until the disks are encrypted after the clone (powered off, before first use) and declared.
  const [home, ...diskVerdicts] = verdicts;
  if (
    vm.values.clone !== undefined &&
    vm.values.clone !== null &&
    home.v.kind === "ok" &&
    diskVerdicts.length > 0 &&
    diskVerdicts.every(({ v }) => v.kind === "none")
  ) {
    const tpl = templateVerdict(room, vm);
    const homeText = `VM: ${home.v.text}`;
    if (tpl.kind === "encrypted")
      return check("declared", "pass", [...targets, tpl.template], {
        observed: `${sensitive.join(", ")} data; ${homeText} (config); disks: ${tpl.text} (declared)`,
        expected: EXPECTED,
        message: `${name}: home on the encryption policy, disks encrypted through its encrypted template ${tpl.template.name}`,
      });
    if (tpl.kind === "error" || tpl.kind === "not-evaluable")
      return check(tpl.kind === "error" ? "declared" : "config", tpl.kind, targets, {
        findingId: "clone-disks",
        observed: `${observed}; template: ${tpl.text}`,
        expected: EXPECTED,
        message: `${name}: whether its disks are encrypted through its template cannot be told (${tpl.text})`,
      });
    return check("config", "fail", tpl.kind === "plain" ? [...targets, tpl.template] : targets, {
      findingId: "clone-disks",
      enforcement: "advisory",
      observed: `${observed}; template: ${tpl.text} (a clone: the provider cannot encrypt disks during the clone, provider issue #2241)`,
      expected: EXPECTED,
      message: `${name} holds ${sensitive.join(", ")} data; its home is encrypted but its disks keep its template's, which are not declared encrypted: encrypt the template (VM Policies > Edit VM Storage Policies on the template VM, powered off, then templates[].encrypted: true), or power the VM off before first use and apply the encryption policy to every disk`,
    });
  }
  const outcome = kinds.has("error")
    ? "error"
    : kinds.has("fail") || kinds.has("none")
      ? "fail"
      : kinds.has("not-evaluable")
        ? "not-evaluable"
        : "pass";
  return check("config", outcome, targets, { observed, expected: EXPECTED, message: `${name}: ${observed}` });
}

type TemplateVerdict =
  | { kind: "encrypted"; text: string; template: FacilityOf<"vm-template"> }
  | { kind: "plain"; text: string; template: FacilityOf<"vm-template"> }
  | { kind: "undeclared"; text: string }
  | { kind: "not-evaluable"; text: string }
  | { kind: "error"; text: string };

const TEMPLATE_SOURCES = new Set(["vsphere_virtual_machine", "vsphere_content_library_item"]);

/** Whether a clone's template is declared encrypted: clone.template_uuid -> template data source -> vm-template by name. */
function templateVerdict(room: Room, vm: TfObject): TemplateVerdict {
  const templates = room.facility("vm-template");
  if (templates.length === 0) return { kind: "undeclared", text: "no vm-template facility objects say whether it is encrypted" };
  const clone = blocks(vm.values.clone);
  if (clone.expr !== undefined) return { kind: "not-evaluable", text: `clone = ${show(clone.expr)} (known only at plan time)` };
  const expr: unknown = clone.list.length > 0 ? clone.list[0].template_uuid : undefined;
  const ref = room.reference(vm, expr);
  if (!ref.target) {
    if (typeof expr === "string" && /^\$\{(var|local)\./.test(expr))
      return { kind: "not-evaluable", text: `clone.template_uuid ${show(expr)} (known only at plan time)` };
    return { kind: "error", text: `clone.template_uuid: ${ref.problem}` };
  }
  const src = ref.target;
  if (src.mode !== "data" || !TEMPLATE_SOURCES.has(src.type))
    return { kind: "error", text: `clone.template_uuid refers to ${src.address}, not a template VM or content library item data source` };
  const tplName = src.values.name;
  if (typeof tplName !== "string" || tplName.includes("${"))
    return { kind: "not-evaluable", text: `${src.address} has no literal name (${show(tplName)})` };
  const found = templates.filter((t) => t.name === tplName);
  if (found.length !== 1)
    return {
      kind: "error",
      text: `${src.address} reads "${tplName}", which ${found.length === 0 ? "no vm-template facility object names" : `${found.length} vm-template objects name`}`,
    };
  const t = found[0];
  const head = `"${t.name}" (vm-template ${t.id}${t.source ? `, ${t.source.document}, verified ${t.source.verified}` : ""})`;
  // A library item deployed as OVF holds no encrypted disks (vSphere security guide, "Virtual Machine
  // Encryption Caveats": no OVF export of an encrypted VM); the provider deploys a "vm-template" item
  // (vmtx) as a VM template (virtual_machine_helper.go Deploy/deployVmtx), which can be encrypted.
  if (t.encrypted && src.type === "vsphere_content_library_item" && src.values.type !== "vm-template")
    return {
      kind: "error",
      text: `${head} is declared encrypted, but ${src.address} is an OVF library item, which cannot hold encrypted disks`,
    };
  return t.encrypted
    ? { kind: "encrypted", text: `${head} is encrypted, so the clone's disks are encrypted with its keys`, template: t }
    : { kind: "plain", text: `${head} is not encrypted`, template: t };
}

/** What one storage_policy_id value says about encryption. */
function policyVerdict(room: Room, vm: TfObject, expr: unknown): PolicyVerdict {
  if (expr === undefined || expr === null) return { kind: "none", text: "no storage policy (the datastore's default)" };
  const ref = room.reference(vm, expr);
  if (!ref.target) {
    if (typeof expr === "string" && /^\$\{(var|local)\./.test(expr))
      return { kind: "not-evaluable", text: `${show(expr)} (known only at plan time)` };
    return { kind: "error", text: ref.problem };
  }
  const src = ref.target;
  if (src.type === "vsphere_vm_storage_policy")
    return { kind: "fail", text: `${src.address} (a tag-based policy: vsphere_vm_storage_policy cannot encrypt)`, targets: [src] };
  if (src.type !== "vsphere_storage_policy" || src.mode !== "data")
    return { kind: "error", text: `${show(expr)} refers to ${src.address}, not a storage policy` };
  const policyName = src.values.name;
  if (typeof policyName !== "string" || policyName.includes("${"))
    return { kind: "not-evaluable", text: `${src.address} has no literal name (${show(policyName)})` };
  const policy = room.facility("storage-policy").filter((p) => p.name === policyName);
  if (policy.length !== 1)
    return {
      kind: "error",
      text: `${src.address} reads "${policyName}", which ${policy.length === 0 ? "no storage-policy facility object names" : `${policy.length} storage-policy objects name`}`,
    };
  return judgePolicy(room, policy[0]);
}

function judgePolicy(room: Room, p: FacilityOf<"storage-policy">): PolicyVerdict {
  const head = `"${p.name}" (storage-policy ${p.id})`;
  if (!p.encryption) return { kind: "fail", text: `${head} does not encrypt`, targets: [p] };
  if (p.keyProviderId === null) return { kind: "fail", text: `${head} encrypts but names no key provider`, targets: [p] };
  const kp = room.facilityById("key-provider", p.keyProviderId);
  if (!kp) return { kind: "error", text: `${head} names key provider ${p.keyProviderId}, which no key-provider object declares` };
  const kpText = `key provider ${kp.id} (${kp.providerKind}, ${kp.redundant ? "redundant" : "not redundant"})`;
  if (!kp.redundant) return { kind: "fail", text: `${head} encrypts with ${kpText}`, targets: [p, kp] };
  return { kind: "ok", text: `${head} encrypts, ${kpText}`, targets: [p, kp] };
}

function vsanCheck(cluster: TfObject): Check {
  const name = typeof cluster.values.name === "string" ? cluster.values.name : cluster.address;
  const vsan = boolValue(cluster.values.vsan_enabled);
  const dit = boolValue(cluster.values.vsan_dit_encryption_enabled);
  const expected = "vsan_dit_encryption_enabled true where vSAN is on";
  if (vsan.kind === "expression" || (vsan.kind === "value" && vsan.value && dit.kind === "expression"))
    return check("config", "not-evaluable", cluster, {
      findingId: "vsan-dit",
      observed: `vsan_enabled ${show(cluster.values.vsan_enabled)}, vsan_dit_encryption_enabled ${show(cluster.values.vsan_dit_encryption_enabled)} (known only at plan time)`,
      expected,
      message: `${name}: vSAN settings are computed at plan time`,
    });
  if (!(vsan.kind === "value" && vsan.value))
    return check("config", "not-applicable", cluster, {
      findingId: "vsan-dit",
      observed: "vSAN not enabled",
      expected,
      message: `${name}: no vSAN, so no vSAN traffic to encrypt`,
    });
  const on = dit.kind === "value" && dit.value;
  const observed = `vSAN on, data-in-transit encryption ${on ? "on" : dit.kind === "absent" ? "not set (off)" : "off"}`;
  return check("config", on ? "pass" : "fail", cluster, { findingId: "vsan-dit", observed, expected, message: `${name}: ${observed}` });
}
