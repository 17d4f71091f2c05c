import type { SerializeFrom } from "@remix-run/node";
import type { ResultsPage } from "../../services/results.server";

/** The results page's data as the browser has it. */
export type ResultsData = SerializeFrom<ResultsPage>;
export type StoredResult = NonNullable<ResultsData["result"]>;
