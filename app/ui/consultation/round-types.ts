import type { SerializeFrom } from "@remix-run/node";
import type { RoundPage } from "../../services/consultations.server";

/** The round page's data as the browser has it. */
export type RoundData = SerializeFrom<RoundPage>;
