import type { SerializeFrom } from "@remix-run/node";
import type { PublicationPage } from "../../services/publication.server";

/** The publication page's data as the browser has it. */
export type PublicationData = SerializeFrom<PublicationPage>;

/** What a refused form gave back: messages by field and what was typed. */
export interface FormState {
  errors: Record<string, string>;
  values: Record<string, string | undefined>;
}
