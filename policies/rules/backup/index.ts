import type { Rule } from "../../engine/rule";
import { BackupClassHasAnImmutableCopy } from "./BackupClassHasAnImmutableCopy";
import { BackupClassHasThreeCopiesOnTwoMediaOneOffsite } from "./BackupClassHasThreeCopiesOnTwoMediaOneOffsite";
import { BackupClassRestoreIsTested } from "./BackupClassRestoreIsTested";
import { BackupMeetsRpoAndIncludesConfigurations } from "./BackupMeetsRpoAndIncludesConfigurations";
import { EveryVmIsInOneBackupClass } from "./EveryVmIsInOneBackupClass";

/** The backup rules, one per file. */
export const backupRules: readonly Rule[] = [
  BackupClassHasThreeCopiesOnTwoMediaOneOffsite,
  BackupClassHasAnImmutableCopy,
  BackupClassRestoreIsTested,
  BackupMeetsRpoAndIncludesConfigurations,
  EveryVmIsInOneBackupClass,
];
