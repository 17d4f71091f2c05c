/**
 * The contract between the survey builder (officers) and the citizen journey:
 * what each question type's `config` holds, what an answer to it looks like in a
 * draft, how it is stored in the `answers` table, and when a question is shown.
 *
 * Pure TypeScript (zod only): no Remix, React, drizzle, i18next or node built-ins.
 * Labels (choice text, question text, hints) are per-locale data in
 * `question_translations`; `config` holds only keys and numbers.
 */
import { z } from "zod";

export const QUESTION_TYPES = [
  "rating",
  "likert",
  "single-choice",
  "multiple-choice",
  "ranking",
  "pairwise",
  "free-text",
  "propose-outcome",
  "profile",
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const STAKEHOLDER_GROUPS = ["citizen", "carer", "service-user", "professional"] as const;
export type StakeholderGroup = (typeof STAKEHOLDER_GROUPS)[number];

/** Profile fields a "profile" question may ask; kept in participant_profiles, apart from answers. */
export const PROFILE_FIELDS = ["stakeholderGroup", "ageBand", "sex", "locality", "ethnicity"] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

/** The GRADE 1–9 scale (methods §1). */
export const RATING_MIN = 1;
export const RATING_MAX = 9;
/** Likert agreement: 1 strongly disagree … 5 strongly agree. */
export const LIKERT_POINTS = [1, 2, 3, 4, 5] as const;

/** A choice key: short, stable, safe in HTML ids and CSV headers. */
export const choiceKey = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/);

const maxLength = z.number().int().min(1).max(5000).default(1000);

export const questionConfigSchemas = {
  rating: z.object({ scale: z.literal("grade-1-9").default("grade-1-9"), allowUnable: z.boolean().default(true) }),
  likert: z.object({}),
  "single-choice": z.object({ choices: z.array(choiceKey).min(2).max(50) }),
  "multiple-choice": z.object({
    choices: z.array(choiceKey).min(2).max(50),
    minSelected: z.number().int().min(0).optional(),
    maxSelected: z.number().int().min(1).optional(),
  }),
  /** Rank every choice (1 = most important). Choices may be candidate outcome codes. */
  ranking: z.object({ choices: z.array(choiceKey).min(2).max(20) }),
  /** One pair per question ("which matters more to you?"): exactly two choices. */
  pairwise: z.object({ choices: z.tuple([choiceKey, choiceKey]) }),
  "free-text": z.object({ maxLength }),
  "propose-outcome": z.object({ maxLength }),
  profile: z.object({ field: z.enum(PROFILE_FIELDS), choices: z.array(choiceKey).min(1).max(50) }),
} satisfies Record<QuestionType, z.ZodType>;

export type QuestionConfig<T extends QuestionType = QuestionType> = z.infer<(typeof questionConfigSchemas)[T]>;

export function parseQuestionConfig<T extends QuestionType>(type: T, config: unknown): QuestionConfig<T> {
  return questionConfigSchemas[type].parse(config ?? {}) as QuestionConfig<T>;
}

/**
 * An answer as held in a draft (`response_drafts.answers[questionId]`):
 * - rating: { score: 1..9 } or { unable: true }
 * - likert: { score: 1..5 }
 * - single-choice, pairwise, profile: { choice: key }
 * - multiple-choice: { choices: key[] }
 * - ranking: { order: key[] } (every choice once, most important first)
 * - free-text, propose-outcome: { text: string } (trimmed, non-empty)
 */
export type DraftAnswer =
  | { score: number }
  | { unable: true }
  | { choice: string }
  | { choices: string[] }
  | { order: string[] }
  | { text: string };

export interface QuestionForAnswer {
  type: QuestionType;
  config: unknown;
}

const schemaCache = new Map<string, z.ZodType<DraftAnswer>>();
const SCHEMA_CACHE_LIMIT = 2000;

/**
 * The zod schema for one question's answer; errors carry i18n keys in `message`.
 * Schemas depend only on the question's type and configuration, so each distinct one is
 * built once (every journey page checks every answer so far against its schema).
 */
export function answerSchema(q: QuestionForAnswer): z.ZodType<DraftAnswer> {
  const key = `${q.type}\u0000${JSON.stringify(q.config ?? null)}`;
  let schema = schemaCache.get(key);
  if (!schema) {
    schema = buildAnswerSchema(q);
    if (schemaCache.size >= SCHEMA_CACHE_LIMIT) schemaCache.clear();
    schemaCache.set(key, schema);
  }
  return schema;
}

function buildAnswerSchema(q: QuestionForAnswer): z.ZodType<DraftAnswer> {
  switch (q.type) {
    case "rating": {
      const c = parseQuestionConfig("rating", q.config);
      const score = z.object({ score: z.number().int().min(RATING_MIN, "answer.rating").max(RATING_MAX, "answer.rating") });
      return c.allowUnable ? z.union([score, z.object({ unable: z.literal(true) })]) : score;
    }
    case "likert":
      return z.object({ score: z.number().int().min(1, "answer.likert").max(5, "answer.likert") });
    case "single-choice":
    case "pairwise":
    case "profile": {
      const keys = parseQuestionConfig(q.type, q.config).choices as readonly string[];
      return z.object({ choice: z.string().refine((k) => keys.includes(k), "answer.choice") });
    }
    case "multiple-choice": {
      const c = parseQuestionConfig("multiple-choice", q.config);
      return z.object({
        choices: z
          .array(z.string().refine((k) => c.choices.includes(k), "answer.choice"))
          .min(Math.max(1, c.minSelected ?? 1), "answer.tooFew")
          .max(c.maxSelected ?? c.choices.length, "answer.tooMany")
          .refine((a) => new Set(a).size === a.length, "answer.duplicate"),
      });
    }
    case "ranking": {
      const c = parseQuestionConfig("ranking", q.config);
      return z.object({
        order: z
          .array(z.string())
          .refine((a) => a.length === c.choices.length && new Set(a).size === a.length && a.every((k) => c.choices.includes(k)), "answer.ranking"),
      });
    }
    case "free-text":
    case "propose-outcome": {
      const c = parseQuestionConfig(q.type, q.config);
      return z.object({ text: z.string().trim().min(1, "answer.empty").max(c.maxLength, "answer.tooLong") });
    }
  }
}

/** How an answer is stored in the `answers` table (profile answers go to participant_profiles instead). */
export interface StoredAnswer {
  numericValue: number | null;
  unable: boolean;
  textValue: string | null;
}

export function toStoredAnswer(type: QuestionType, a: DraftAnswer): StoredAnswer {
  if ("unable" in a) return { numericValue: null, unable: true, textValue: null };
  if ("score" in a) return { numericValue: a.score, unable: false, textValue: null };
  if ("choice" in a) return { numericValue: null, unable: false, textValue: a.choice };
  if ("choices" in a) return { numericValue: null, unable: false, textValue: JSON.stringify(a.choices) };
  if ("order" in a) return { numericValue: null, unable: false, textValue: JSON.stringify(a.order) };
  if (type === "profile") throw new Error("profile answers are not stored in answers");
  return { numericValue: null, unable: false, textValue: a.text };
}

export function fromStoredAnswer(type: QuestionType, s: StoredAnswer): DraftAnswer | null {
  if (s.unable) return { unable: true };
  switch (type) {
    case "rating":
    case "likert":
      return s.numericValue == null ? null : { score: s.numericValue };
    case "single-choice":
    case "pairwise":
    case "profile":
      return s.textValue == null ? null : { choice: s.textValue };
    case "multiple-choice":
      return s.textValue == null ? null : { choices: JSON.parse(s.textValue) as string[] };
    case "ranking":
      return s.textValue == null ? null : { order: JSON.parse(s.textValue) as string[] };
    case "free-text":
    case "propose-outcome":
      return s.textValue == null ? null : { text: s.textValue };
  }
}

/** The value a display condition compares with: a score as digits, a choice key, or each of several keys. */
export function conditionValuesOf(a: DraftAnswer | undefined): string[] {
  if (!a) return [];
  if ("score" in a) return [String(a.score)];
  if ("unable" in a) return ["unable"];
  if ("choice" in a) return [a.choice];
  if ("choices" in a) return a.choices;
  return [];
}

export interface ConditionalQuestion {
  id: number;
  conditionQuestionId: number | null;
  conditionValue: string | null;
}

/**
 * A question with a condition is shown only when the earlier question was itself shown
 * and its answer matches `conditionValue` (for multiple choice: includes it).
 */
export function isQuestionShown(
  q: ConditionalQuestion,
  all: readonly ConditionalQuestion[],
  answers: Readonly<Record<string, DraftAnswer | undefined>>,
): boolean {
  if (q.conditionQuestionId == null || q.conditionValue == null) return true;
  const parent = all.find((x) => x.id === q.conditionQuestionId);
  if (!parent || parent === q) return false;
  if (!isQuestionShown(parent, all.filter((x) => x !== q), answers)) return false;
  return conditionValuesOf(answers[String(parent.id)]).includes(q.conditionValue);
}
