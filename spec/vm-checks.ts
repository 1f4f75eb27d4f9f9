import type { Findings } from "./check-helpers";
import { isSensitive } from "../contracts/classifications";
import type { StoragePolicy, Template, Workload, WorkloadSize } from "./types";

/** Guest customization's `windows_options.domain_ou` needs vCenter 8.0 Update 2 (provider docs, r/virtual_machine). */
export const OU_MIN_VCENTER: readonly number[] = [8, 0, 2];

/** Whether a `major.minor.update` version (the schema's pattern) is at least `min`. */
export function versionAtLeast(version: string, min: readonly number[]): boolean {
  const parts = version.split(".").map(Number);
  for (let i = 0; i < min.length; i++) {
    const p = parts[i] ?? 0;
    if (p !== min[i]) return p > min[i];
  }
  return true;
}

/**
 * An existing VM as the inventory has it: its cpus a multiple of its cores per socket (vSphere
 * refuses anything else: the provider's `num_cores_per_socket` must divide `num_cpus`), a SCSI
 * controller type when a disk is on SCSI (else the provider's default, pvscsi, swaps the controller on
 * the first apply), and no `size.diskGb` (its disks are `existing.disks`; a diskGb there would be
 * silently ignored).
 */
export function checkExistingVm(f: Findings, w: Workload, at: string, size: WorkloadSize | undefined): void {
  const existing = w.existing;
  if (!existing) return;
  if (typeof w.size !== "string" && w.size.diskGb !== undefined)
    f.add(
      `${at}/size/diskGb`,
      `an existing VM's disks are its existing.disks (at ${f.where(`${at}/existing/disks`)}), found size.diskGb ${w.size.diskGb}, which would be ignored; leave it out and give each disk's sizeGb there`,
    );
  if (size && size.cpus % existing.coresPerSocket !== 0)
    f.add(
      `${at}/existing/coresPerSocket`,
      `cpus must be a multiple of coresPerSocket (vSphere refuses the VM otherwise), found cpus ${size.cpus} and coresPerSocket ${existing.coresPerSocket}`,
    );
  const scsiDisk = existing.disks.findIndex((d) => d.controllerType === "scsi");
  if (scsiDisk >= 0 && existing.scsiType === undefined)
    f.add(
      `${at}/existing`,
      `an existing VM with a SCSI disk (${existing.disks[scsiDisk].label}) needs scsiType (pvscsi, lsilogic or lsilogic-sas, as the inventory shows its controller), found none; without it the provider's default pvscsi would swap the controller`,
    );
}

/** A clone has at least the template's disks, each at least its size (the provider's DiskCloneValidateOperation). */
export function checkTemplateDisks(f: Findings, template: Template, diskGb: number, at: string, namedSize: boolean): void {
  const first = template.disks?.[0];
  if (first && diskGb < first.sizeGb)
    f.add(
      namedSize ? `${at}/size` : `${at}/size/diskGb`,
      `a clone's system disk is at least its template's (template ${template.id} has ${first.sizeGb} GB), found diskGb ${diskGb}`,
    );
}

/**
 * A new VM that must be encrypted (sensitive data, or cloned from an encrypted template, which a clone
 * cannot decrypt: the provider's relocate spec carries no crypto spec) cannot take a storage policy
 * that does not encrypt: say so at the workload's `storagePolicy` rather than override it.
 */
export function checkEncryptedPlacement(
  f: Findings,
  w: Workload,
  at: string,
  template: Template | undefined,
  policy: StoragePolicy | undefined,
): void {
  if (w.existing || !template || w.storagePolicy === undefined || !policy || policy.encryption === true) return;
  const why = isSensitive(w.classification)
    ? `it holds ${w.classification} data`
    : template.encrypted === true
      ? `its template ${template.id} is encrypted and a clone keeps its keys`
      : undefined;
  if (why)
    f.add(
      `${at}/storagePolicy`,
      `the VM is encrypted because ${why}: expected a storage policy that encrypts (or none: the site's encryption policy), found ${policy.id}, which does not`,
    );
}
