import type { Indicator } from "../../app/domain/outcome-sets";

/** One complete indicator, as the domain stores it (unit tests of outcome sets and their exports). */
export const INDICATOR_ENTRY: Indicator = {
  name: "Told their story once",
  definition: "Share of people who say they did not have to repeat their story",
  numerator: "People answering yes",
  denominator: "People answering",
  dataSource: "Annual integrated care survey",
  baselineValue: 79,
  baselineDate: "2026-04-01",
  targetValue: 90,
  targetDate: "2028-03-31",
  frequency: "annually",
  validationMethod: "pre-post",
  nationalMeasure: "ASCOF 3D",
};
