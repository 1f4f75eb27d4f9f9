import { DataResource, Testing } from "cdktf";
import { addTemplateRecords } from "../../constructs/template-records";
import { facilityObjectProblems } from "../../contracts/facility-guard";
import type { Template } from "../../spec/types";
import { SITE, linuxTemplate, resources, windowsTemplate } from "./fixtures";

const objects = (templates: Template[]) =>
  Object.fromEntries(
    Object.entries(
      resources(
        Testing.synthScope((scope) => addTemplateRecords(scope, { siteName: SITE, templates })),
        DataResource.tfResourceType,
      ),
    ).map(([k, v]) => [k, v.input as Record<string, unknown>]),
  );

describe("addTemplateRecords", () => {
  test("one vm-template object per template: the name the template data source reads, encrypted, firmware, controller", () => {
    const source = { document: "image build record RHEL9-2026-10", verified: "2026-10-12" };
    const got = objects([{ ...linuxTemplate(), encrypted: true, source }, windowsTemplate()]);
    expect(got).toEqual({
      "vm-template_rhel9": {
        kind: "vm-template",
        id: "rhel9",
        site: SITE,
        name: "tpl-rhel9",
        encrypted: true,
        firmware: "efi",
        scsiType: "pvscsi",
        source,
      },
      "vm-template_win2022": {
        kind: "vm-template",
        id: "win2022",
        site: SITE,
        name: "win2022-core",
        contentLibrary: "templates",
        encrypted: false,
        firmware: "efi",
        scsiType: "lsilogic-sas",
      },
    });
    for (const o of Object.values(got)) expect(facilityObjectProblems(o)).toEqual([]);
  });
});
