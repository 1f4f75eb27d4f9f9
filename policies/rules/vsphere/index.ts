import type { Rule } from "../../engine/rule";
import { HostIsInLockdownMode } from "./HostIsInLockdownMode";
import { HostLogsRemotelyOverTls } from "./HostLogsRemotelyOverTls";
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
  SwitchesRejectLayer2Spoofing,
  VmCarriesTheHardeningBaseline,
  VmBootsSecurely,
  SensitiveDataIsEncryptedAtRest,
];
