import type { Construct } from "constructs";
import type { KeyProvider, San, StoragePolicy } from "../spec/types";
import { FacilityObject } from "./facility-object";

export interface StorageRecordsProps {
  readonly siteName: string;
  /** The SAN: its LUNs and the datastores on them. */
  readonly san: San;
  readonly keyProviders: readonly KeyProvider[];
  readonly storagePolicies: readonly StoragePolicy[];
}

/**
 * What the vSphere provider cannot express about storage, as facility objects for the rules: each LUN
 * (array, size, owning controller, datastore on it), the key providers behind encryption, and the
 * storage policies with their key provider (join key: the policy's vCenter name). Added directly to
 * `scope` (the facility stack), where they have always been: a construct path is part of the JSON.
 */
export function addStorageRecords(scope: Construct, { siteName: s, san, keyProviders, storagePolicies }: StorageRecordsProps): void {
  for (const lun of san.luns) {
    const datastore = san.datastores.find((d) => d.lun === lun.naa);
    new FacilityObject(scope, s, "lun", lun.naa, {
      arrayId: san.array.id,
      sizeGb: lun.sizeGb,
      ownerControllerId: lun.controller,
      datastore: datastore?.name,
    });
  }
  for (const kp of keyProviders) {
    new FacilityObject(scope, s, "key-provider", kp.id, { providerKind: kp.kind, redundant: kp.redundant, description: kp.description });
  }
  for (const p of storagePolicies) {
    new FacilityObject(scope, s, "storage-policy", p.id, { name: p.name, encryption: p.encryption, keyProviderId: p.keyProvider ?? null });
  }
}
