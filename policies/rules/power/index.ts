import type { Rule } from "../../engine/rule";
import { DeviceSuppliesUseBothPaths } from "./DeviceSuppliesUseBothPaths";
import { GeneratorIsNoSinglePointOfFailure } from "./GeneratorIsNoSinglePointOfFailure";
import { OnePathCarriesTheFullLoad } from "./OnePathCarriesTheFullLoad";
import { RackHasTwoPowerPaths } from "./RackHasTwoPowerPaths";
import { UpsBridgesToTheGenerator } from "./UpsBridgesToTheGenerator";
import { UpsSurvivesLosingItsLargestModule } from "./UpsSurvivesLosingItsLargestModule";

/** The power rules, one per file. */
export const powerRules: readonly Rule[] = [
  RackHasTwoPowerPaths,
  DeviceSuppliesUseBothPaths,
  OnePathCarriesTheFullLoad,
  UpsSurvivesLosingItsLargestModule,
  UpsBridgesToTheGenerator,
  GeneratorIsNoSinglePointOfFailure,
];
