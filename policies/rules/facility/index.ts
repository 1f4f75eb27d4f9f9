import type { Rule } from "../../engine/rule";
import { BackupHasACopyAtAnotherSite } from "./BackupHasACopyAtAnotherSite";
import { BackupRoomIsSeparateFromThePrimaryRoom } from "./BackupRoomIsSeparateFromThePrimaryRoom";
import { CoolingSurvivesLosingItsLargestUnit } from "./CoolingSurvivesLosingItsLargestUnit";
import { FacilityEquipmentIsServiced } from "./FacilityEquipmentIsServiced";
import { ItRoomsHaveControlledLoggedAccess } from "./ItRoomsHaveControlledLoggedAccess";
import { RackInletsAreAlarmedWithoutFalsePages } from "./RackInletsAreAlarmedWithoutFalsePages";

/** The facility rules (cooling, environment, physical security), one per file. */
export const facilityRules: readonly Rule[] = [
  CoolingSurvivesLosingItsLargestUnit,
  RackInletsAreAlarmedWithoutFalsePages,
  BackupRoomIsSeparateFromThePrimaryRoom,
  BackupHasACopyAtAnotherSite,
  ItRoomsHaveControlledLoggedAccess,
  FacilityEquipmentIsServiced,
];
