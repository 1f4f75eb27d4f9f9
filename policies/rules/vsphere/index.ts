import type { Rule } from "../../engine/rule";
import { HostDropsGuestBpdus } from "./HostDropsGuestBpdus";
import { HostIsInLockdownMode } from "./HostIsInLockdownMode";
import { HostLocksOutPasswordGuessing } from "./HostLocksOutPasswordGuessing";
import { HostLogsRemotelyOverTls } from "./HostLogsRemotelyOverTls";
import { HostManagementSurfaceIsMinimal } from "./HostManagementSurfaceIsMinimal";
import { HostRequiresStrongPasswords } from "./HostRequiresStrongPasswords";
import { HostShellAccessIsOff } from "./HostShellAccessIsOff";
import { HostSyncsTimeFromTrustedServers } from "./HostSyncsTimeFromTrustedServers";
import { SensitiveDataIsEncryptedAtRest } from "./SensitiveDataIsEncryptedAtRest";
import { SwitchesRejectLayer2Spoofing } from "./SwitchesRejectLayer2Spoofing";
import { VmBootsSecurely } from "./VmBootsSecurely";
import { VmCarriesTheHardeningBaseline } from "./VmCarriesTheHardeningBaseline";

/** The vsphere rules, one per file. */
export const vsphereRules: readonly Rule[] = [
  HostIsInLockdownMode,
  HostSyncsTimeFromTrustedServers,
  HostLogsRemotelyOverTls,
  HostShellAccessIsOff,
  HostLocksOutPasswordGuessing,
  HostRequiresStrongPasswords,
  HostManagementSurfaceIsMinimal,
  HostDropsGuestBpdus,
  SwitchesRejectLayer2Spoofing,
  VmCarriesTheHardeningBaseline,
  VmBootsSecurely,
  SensitiveDataIsEncryptedAtRest,
];
