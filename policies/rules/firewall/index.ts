import type { Rule } from "../../engine/rule";
import { AcceptedTrafficIsLoggedAndKept } from "./AcceptedTrafficIsLoggedAndKept";
import { AdminAccessIsRestricted } from "./AdminAccessIsRestricted";
import { FirewallIsDefaultDenyAllowList } from "./FirewallIsDefaultDenyAllowList";
import { FirewallIsHaPair } from "./FirewallIsHaPair";
import { FortigateSystemIsHardened } from "./FortigateSystemIsHardened";
import { HaHeartbeatIsEncryptedAndIsolated } from "./HaHeartbeatIsEncryptedAndIsolated";
import { InfrastructureTrafficIsSeparated } from "./InfrastructureTrafficIsSeparated";
import { InternetEdgeDeniesKnownBadAddresses } from "./InternetEdgeDeniesKnownBadAddresses";
import { TenantNetworksAreSeparated } from "./TenantNetworksAreSeparated";
import { VdomsFitTheLicences } from "./VdomsFitTheLicences";

/** The firewall rules (and the network segmentation rules, area "network"), one per file. */
export const firewallRules: readonly Rule[] = [
  FirewallIsHaPair,
  HaHeartbeatIsEncryptedAndIsolated,
  VdomsFitTheLicences,
  FirewallIsDefaultDenyAllowList,
  AcceptedTrafficIsLoggedAndKept,
  AdminAccessIsRestricted,
  FortigateSystemIsHardened,
  InternetEdgeDeniesKnownBadAddresses,
  TenantNetworksAreSeparated,
  InfrastructureTrafficIsSeparated,
] as Rule[];
