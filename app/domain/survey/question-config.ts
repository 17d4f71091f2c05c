/**
 * What each question type's `config` holds and what its answers look like: the shapes the
 * question-type registry (question-types.ts) and everything else build on. Pure (zod only).
 * Labels (choice text, question text, hints) are per-locale data in `question_translations`;
 * `config` holds only keys and numbers.
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
export type DraftAnswer = { score: number } | { unable: true } | { choice: string } | { choices: string[] } | { order: string[] } | { text: string };

export interface QuestionForAnswer {
  type: QuestionType;
  config: unknown;
}

/** How an answer is stored in the `answers` table (profile answers go to participant_profiles instead). */
export interface StoredAnswer {
  numericValue: number | null;
  unable: boolean;
  textValue: string | null;
}

/** A question page's posted fields as strings (a repeated field as a list). */
export type FormInput = Record<string, string | string[] | undefined>;
