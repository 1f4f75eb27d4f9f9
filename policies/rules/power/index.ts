import type { Rule } from "../../engine/rule";
import { UpsSurvivesLosingItsLargestModule } from "./UpsSurvivesLosingItsLargestModule";

/** The power rules, one per file. */
export const powerRules: readonly Rule[] = [UpsSurvivesLosingItsLargestModule];
