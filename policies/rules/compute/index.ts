import type { Rule } from "../../engine/rule";
import { ClusterRestartsVmsOnStorageLoss } from "./ClusterRestartsVmsOnStorageLoss";
import { ClusterSurvivesLosingItsLargestHosts } from "./ClusterSurvivesLosingItsLargestHosts";
import { CoreSwitchesSurviveALostRackOrPath } from "./CoreSwitchesSurviveALostRackOrPath";
import { CriticalVmsRestartFirst } from "./CriticalVmsRestartFirst";
import { EveryLunHasTwoPathsThroughTwoControllers } from "./EveryLunHasTwoPathsThroughTwoControllers";
import { HeartbeatDatastoresAreShared } from "./HeartbeatDatastoresAreShared";
import { ManagementNetworkHasTwoUplinksOnTwoSwitches } from "./ManagementNetworkHasTwoUplinksOnTwoSwitches";
import { RedundantVmsNeverShareAHost } from "./RedundantVmsNeverShareAHost";
import { SanHasTwoIndependentFabrics } from "./SanHasTwoIndependentFabrics";

/** The compute and storage rules, one per file. */
export const computeRules: readonly Rule[] = [
  ClusterSurvivesLosingItsLargestHosts,
  CriticalVmsRestartFirst,
  HeartbeatDatastoresAreShared,
  ClusterRestartsVmsOnStorageLoss,
  RedundantVmsNeverShareAHost,
  ManagementNetworkHasTwoUplinksOnTwoSwitches,
  CoreSwitchesSurviveALostRackOrPath,
  SanHasTwoIndependentFabrics,
  EveryLunHasTwoPathsThroughTwoControllers,
] as Rule[];
