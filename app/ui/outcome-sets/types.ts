import type { SerializeFrom } from "@remix-run/node";
import type { OutcomeSetPage } from "../../services/outcome-sets.server";

/** The outcome set page's data as the browser receives it. */
export type OutcomeSetPageData = SerializeFrom<OutcomeSetPage>;
export type OutcomeSetView = NonNullable<OutcomeSetPageData["set"]>;
