import type { SerializeFrom } from "@remix-run/node";
import type { ConsultationOverview } from "../../services/consultations.server";

/** The consultation overview's data as the browser has it. */
export type OverviewData = SerializeFrom<ConsultationOverview>;
