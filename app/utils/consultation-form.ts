/**
 * Input schemas for the consultation forms (create, settings, text per locale, a round's
 * settings). Messages are keys in the `officer` namespace.
 */
import { z } from "zod";
import { AUDIENCES } from "../domain/consultation/lifecycle";
import { schemaFields } from "./forms";

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

/** A date from `<input type="date">` (or blank): opening at the start of the day, closing at its end (UTC). */
export function dateField(message: string, endOfDay: boolean) {
  return z
    .string({ error: message })
    .trim()
    .max(10, message)
    .refine(
      (v) => v === "" || (isoDay.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v)),
      message,
    )
    .transform((v) => (v === "" ? null : new Date(`${v}T${endOfDay ? "23:59:59" : "00:00:00"}Z`)));
}

/** A closing date, when given with an opening date, is after it. */
function closesAfterOpens(v: { opensAt: Date | null; closesAt: Date | null }, ctx: z.RefinementCtx) {
  if (v.opensAt && v.closesAt && v.closesAt.getTime() <= v.opensAt.getTime())
    ctx.addIssue({ code: "custom", path: ["closesAt"], message: "form.errors.closesBeforeOpens" });
}

export const settingsSchema = z
  .object({
    audience: z.enum(AUDIENCES, { error: "form.errors.audience" }),
    opensAt: dateField("form.errors.opensAt", false),
    closesAt: dateField("form.errors.closesAt", true),
    contactEmail: z
      .string({ error: "form.errors.contactEmail" })
      .trim()
      .max(254, "form.errors.contactEmail")
      .refine((v) => v === "" || z.email().safeParse(v).success, "form.errors.contactEmail")
      .transform((v) => (v === "" ? null : v.toLowerCase())),
    advisoryGroupId: z.union([z.literal("none").transform(() => null), z.coerce.number({ error: "form.errors.advisoryGroup" }).int().positive()], {
      error: "form.errors.advisoryGroup",
    }),
  })
  .superRefine(closesAfterOpens);

export const TEXT_FIELDS = ["title", "summary", "briefing", "privacyNotice"] as const;

const text = (max: number, message: string) =>
  z
    .string({ error: message })
    .max(max, message)
    .transform((v) => v.replace(/\r\n?/g, "\n").trim());

export const textSchema = z.object({
  title: text(200, "form.errors.titleLength").pipe(z.string().min(1, "form.errors.title")),
  summary: text(2000, "form.errors.summaryLength"),
  briefing: text(100_000, "form.errors.briefingLength"),
  privacyNotice: text(20_000, "form.errors.privacyNoticeLength"),
});

/** Creating: settings plus the English title and summary (an intersection, whose fields parseForm cannot read from the schema). */
export const CREATE_FIELDS = ["title", "summary", ...schemaFields(settingsSchema)];
export const createSchema = z.intersection(textSchema.pick({ title: true, summary: true }), settingsSchema);

/** yyyy-mm-dd of a stored date, for the date input. */
export function dayOf(d: Date | string | null | undefined): string {
  if (!d) return "";
  return new Date(d).toISOString().slice(0, 10);
}

const yesNo = (message: string) => z.enum(["yes", "no"], { error: message }).transform((v) => v === "yes");

/** A round's feedback and entry settings, as RoundFeedbackFields asks them (setting up the next round, changing a round). */
export const roundFeedbackShape = {
  showFeedback: yesNo("round.errors.showFeedback"),
  feedbackBy: z.enum(["overall", "stakeholder-group"], { error: "round.errors.feedbackBy" }),
  allowNewParticipants: yesNo("round.errors.allowNewParticipants"),
};

/** A round's settings: feedback and entry, and when it opens and closes. */
export const roundSettingsSchema = z
  .object({
    ...roundFeedbackShape,
    opensAt: dateField("form.errors.opensAt", false),
    closesAt: dateField("form.errors.closesAt", true),
  })
  .superRefine(closesAfterOpens);
