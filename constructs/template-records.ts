import type { Construct } from "constructs";
import type { Template } from "../spec/types";
import { FacilityObject } from "./facility-object";

export interface TemplateRecordsProps {
  readonly siteName: string;
  /** site.yaml `templates`: what new VMs are cloned from. */
  readonly templates: readonly Template[];
}

/**
 * The templates new VMs are cloned from, as `vm-template` facility objects (`terraform_data.vm-template_<id>`),
 * for VSP-ENCRYPT: whether a template's disks are encrypted cannot be read from a data source, and the
 * provider cannot encrypt a clone's disks (terraform-provider-vsphere #2241), so a clone's disks are
 * encrypted only when its template's are. `name` joins the template data source a VM clones from: the
 * template VM's name (`data.vsphere_virtual_machine`) or the library item's (`data.vsphere_content_library_item`).
 * Added directly to `scope` (the facility stack), beside the storage records.
 */
export function addTemplateRecords(scope: Construct, { siteName, templates }: TemplateRecordsProps): void {
  for (const t of templates) {
    new FacilityObject(scope, siteName, "vm-template", t.id, {
      name: t.vm ?? t.item ?? "",
      contentLibrary: t.vm === undefined ? t.contentLibrary : undefined,
      encrypted: t.encrypted,
      firmware: t.firmware,
      scsiType: t.scsiType,
      source: t.source ? { document: t.source.document, verified: t.source.verified } : undefined,
    });
  }
}
