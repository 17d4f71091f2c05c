/**
 * The officer's forms for candidate outcomes: add or change one outcome, retire it, and
 * translate the outcomes (statements, descriptions, domain names) and the rating question
 * wording into one language. Pure (zod only); error messages are keys in the officer namespace.
 */
import { z } from "zod";
import { OUTCOME_CODE } from "./outcome-import";
import { hasOneOutcomeToken } from "./survey/rating-wording";

export const OUTCOME_STATUSES = ["active", "merged", "rejected", "retired"] as const;
export type OutcomeStatus = (typeof OUTCOME_STATUSES)[number];

/** Codes that would clash with the library's own addresses (/outcomes/new); the CSV import refuses it too. */
const RESERVED_CODES = ["new"];

export const LIMITS = { statement: 300, description: 2000, domain: 120, source: 200, reason: 1000, wording: 300, hint: 2000 } as const;

const E = "outcomeForm.errors.";
const required = (key: string) => z.string({ error: `${E}${key}` }).trim();

export const OUTCOME_FIELDS = ["code", "domain", "newDomain", "statement", "description", "source"] as const;

export const outcomeFormSchema = z
  .object({
    code: required("codeRequired")
      .min(1, `${E}codeRequired`)
      .regex(OUTCOME_CODE, `${E}codeFormat`)
      .refine((c) => !RESERVED_CODES.includes(c.toLowerCase()), `${E}codeReserved`),
    domain: z.string({ error: `${E}domainRequired` }).regex(/^(new|[1-9][0-9]{0,9})$/, `${E}domainRequired`),
    newDomain: z.string().trim().max(LIMITS.domain, `${E}domainTooLong`).optional().default(""),
    statement: required("statementRequired").min(1, `${E}statementRequired`).max(LIMITS.statement, `${E}statementTooLong`),
    description: z.string().trim().max(LIMITS.description, `${E}descriptionTooLong`).optional().default(""),
    source: z.string().trim().max(LIMITS.source, `${E}sourceTooLong`).optional().default(""),
  })
  .superRefine((v, ctx) => {
    if (v.domain === "new" && !v.newDomain) ctx.addIssue({ code: "custom", path: ["newDomain"], message: `${E}newDomainRequired` });
  });
export type OutcomeForm = z.infer<typeof outcomeFormSchema>;

export const retireFormSchema = z.object({
  reason: required("reasonRequired").min(1, `${E}reasonRequired`).max(LIMITS.reason, `${E}reasonTooLong`),
});

/** The fields of the translation form for these outcomes and domains. */
export function translationFields(outcomeIds: readonly number[], domainIds: readonly number[]): string[] {
  return ["ratingText", "ratingHint", ...domainIds.map((id) => `domain-${id}`), ...outcomeIds.flatMap((id) => [`statement-${id}`, `description-${id}`])];
}

export interface OutcomeTranslations {
  /** Null when the form did not send the wording (it is left as it is). */
  wording: { text: string; hint: string } | null;
  domains: Array<{ id: number; name: string }>;
  outcomes: Array<{ id: number; statement: string; description: string }>;
}

/**
 * Parses the translation form. A blank field removes that translation (English is shown
 * instead); a field the form did not send is left as it is; a description or hint needs its
 * statement or wording; the wording must hold [outcome] once.
 */
export function parseTranslationForm(
  raw: Readonly<Record<string, unknown>>,
  ids: { outcomes: readonly number[]; domains: readonly number[] },
): { ok: true; data: OutcomeTranslations } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const text = (name: string, max: number, tooLong: string): string => {
    const v = raw[name];
    if (v === undefined || v === null) return "";
    if (typeof v !== "string") {
      errors[name] = `${E}invalid`;
      return "";
    }
    const trimmed = v.trim();
    if (trimmed.length > max) errors[name] = `${E}${tooLong}`;
    return trimmed;
  };
  const sent = (name: string) => raw[name] !== undefined && raw[name] !== null;
  const ratingText = text("ratingText", LIMITS.wording, "wordingTooLong");
  const ratingHint = text("ratingHint", LIMITS.hint, "hintTooLong");
  if (ratingText && !errors.ratingText && !hasOneOutcomeToken(ratingText)) errors.ratingText = `${E}wordingToken`;
  if (!ratingText && ratingHint && !errors.ratingHint) errors.ratingText = `${E}hintWithoutWording`;
  const domains = ids.domains.filter((id) => sent(`domain-${id}`)).map((id) => ({ id, name: text(`domain-${id}`, LIMITS.domain, "domainTooLong") }));
  const outcomes = ids.outcomes
    .filter((id) => sent(`statement-${id}`))
    .map((id) => {
      const statement = text(`statement-${id}`, LIMITS.statement, "statementTooLong");
      const description = text(`description-${id}`, LIMITS.description, "descriptionTooLong");
      if (!statement && description && !errors[`statement-${id}`]) errors[`statement-${id}`] = `${E}descriptionWithoutStatement`;
      return { id, statement, description };
    });
  if (Object.keys(errors).length > 0) {
    const order = translationFields(ids.outcomes, ids.domains);
    return { ok: false, errors: Object.fromEntries(order.filter((f) => errors[f]).map((f) => [f, errors[f]])) };
  }
  return { ok: true, data: { wording: sent("ratingText") ? { text: ratingText, hint: ratingHint } : null, domains, outcomes } };
}
