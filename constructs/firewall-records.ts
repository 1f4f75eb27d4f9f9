import { Construct } from "constructs";
import { DEFAULT_THREAT_FEEDS } from "../plan/firewall/threat-feeds";
import type { SiteFirewall } from "../spec/types";
import { FacilityObject } from "./facility-object";

export interface FirewallRecordsProps {
  readonly siteName: string;
  /** The site's firewall (site.yaml `firewall`). */
  readonly firewall: SiteFirewall;
}

/**
 * The firewall posture the checks read beside the configuration: the known-bad address feeds as a
 * `threat-feeds` facility object (`terraform_data.threat-feeds_<ha group>`, joined to the cluster by
 * `haGroup`), with licensed, the entries the denies name and, without the feeds, the reason. Nothing
 * is written when the site does not declare `firewall.threatFeeds` (FW-THREAT-FEEDS then fails: no deny
 * and no documented reason).
 */
export class FirewallRecords extends Construct {
  constructor(scope: Construct, id: string, { siteName, firewall }: FirewallRecordsProps) {
    super(scope, id);
    const feeds = firewall.threatFeeds;
    if (!feeds) return;
    new FacilityObject(this, siteName, "threat-feeds", firewall.haGroup.name, {
      haGroup: firewall.haGroup.name,
      licensed: feeds.licensed,
      entries: feeds.licensed ? [...(feeds.entries ?? DEFAULT_THREAT_FEEDS)] : [],
      reason: feeds.reason,
    });
  }
}
