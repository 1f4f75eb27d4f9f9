import { show } from "../../spec/spec-error";
import type { ErrorSink } from "../../spec/check-helpers";
import type { SiteFirewall, TenantFile } from "../../spec/types";
import { MANAGEMENT_VDOM, MAX_LINK_NAME, MAX_VDOM_NAME, tenantLink, tenantVdom } from "./fortios-names";

/** VDOM and inter-VDOM link names are global on the box: one per tenant, none reused, within the licence. */
export function checkVdomNames(
  fw: SiteFirewall,
  siteFindings: ErrorSink,
  tenants: readonly { spec: TenantFile; findings: ErrorSink }[],
): void {
  const reserved = new Map<string, string>([
    [MANAGEMENT_VDOM, "the management VDOM"],
    [fw.sharedVdom, "the shared VDOM"],
  ]);
  const links = new Map<string, string>();
  const live = tenants.filter((t) => t.spec.lifecycle !== "removed");
  const needed = 2 + live.length; // root, the shared VDOM and one per tenant
  if (needed > fw.vdomLicences) {
    siteFindings.add(
      "/firewall/vdomLicences",
      `the VDOM licence allows ${fw.vdomLicences}, the room needs ${needed} (root, ${fw.sharedVdom} and ${live.length} tenant VDOMs)`,
    );
  }
  for (const t of live) {
    const vdom = tenantVdom(t.spec);
    const link = tenantLink(t.spec);
    const vdomAt = t.spec.firewall?.vdom ? "/firewall/vdom" : "/tenant";
    if (vdom.length > MAX_VDOM_NAME) {
      t.findings.add(
        vdomAt,
        `a VDOM name has at most ${MAX_VDOM_NAME} characters, found ${show(vdom)} (${vdom.length}); set firewall.vdom`,
      );
    }
    const taken = reserved.get(vdom);
    if (taken) t.findings.add(vdomAt, `VDOM name ${vdom} is already ${taken}; set firewall.vdom`);
    else reserved.set(vdom, `the VDOM of tenant ${t.spec.tenant}`);
    const linkTaken = links.get(link);
    if (linkTaken) {
      t.findings.add(
        t.spec.firewall?.link ? "/firewall/link" : vdomAt,
        `inter-VDOM link name ${link} is already used by tenant ${linkTaken}; set firewall.link (at most ${MAX_LINK_NAME} characters)`,
      );
    } else links.set(link, t.spec.tenant);
  }
}
