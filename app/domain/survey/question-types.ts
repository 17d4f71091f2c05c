/**
 * The question-type registry: one entry per `QuestionType` holding everything that differs
 * between types — the answer schema, how a page's form becomes an answer and an answer fills
 * the form again, how an answer is stored and read back, how it is summarised (check your
 * answers, the confirmation), which values a display condition on it may test, and the
 * type's part of the survey builder's form. Adding a type means adding an entry here (the
 * `satisfies` below insists on one per type), its field component in app/ui/journey/fields.tsx
 * and its translations.
 *
 * Pure TypeScript (zod only). `config` is passed as stored (unknown): each entry reads it with
 * `parseQuestionConfig` where it needs to.
 */
import { z } from "zod";
import {
  LIKERT_POINTS,
  parseQuestionConfig,
  PROFILE_FIELDS,
  questionConfigSchemas,
  RATING_MAX,
  RATING_MIN,
  STAKEHOLDER_GROUPS,
  type DraftAnswer,
  type FormInput,
  type ProfileField,
  type QuestionType,
  type StoredAnswer,
} from "./question-config";
import { ratingQuestionText, type RatingWording } from "./rating-wording";

/** How an answer reads in a list: a message (citizen namespace) with its values, choice keys, an order of keys, or the text typed. */
export type AnswerSummary =
  | { kind: "message"; key: string; params?: Record<string, unknown> }
  | { kind: "choices"; keys: string[] }
  | { kind: "order"; keys: string[] }
  | { kind: "text"; text: string };

/** The word a GRADE score is shown with: 1–3 not important, 4–6 important, 7–9 critical. */
export const SCORE_WORD: Record<number, "notImportant" | "important" | "critical"> = {
  1: "notImportant",
  2: "notImportant",
  3: "notImportant",
  4: "important",
  5: "important",
  6: "important",
  7: "critical",
  8: "critical",
  9: "critical",
};

/** Reads one posted builder field as a string (undefined when absent or not a single string). */
export type FieldReader = (name: string) => string | undefined;

/** What the builder's form needs to know about the consultation, for the type-specific parts. */
export interface BuilderContext {
  /** Active outcome ids of the consultation (for rating questions). */
  outcomeIds: readonly number[];
  /** Outcomes already rated by another question of the round (each outcome is rated once per round). */
  takenOutcomeIds?: readonly number[];
  /** The consultation's rating question wording per locale; used when the text is left blank. */
  ratingWording?: Readonly<Record<string, RatingWording>>;
  /** The outcome's statement per locale, by outcome id (for the default rating text). */
  statements?: Readonly<Record<number, Readonly<Record<string, string>>>>;
}

/** Settings a type reads before its choices and texts: the rated outcome, the profile field and its fixed keys. */
export interface BuilderSettings {
  outcomeId: number | null;
  profileField?: ProfileField;
  /** Choice keys the type fixes itself (the stakeholder groups), instead of keys made from the labels. */
  fixedKeys?: readonly string[];
}

export interface BuilderPart {
  /** Choices typed one per line: how many, the error when the count is wrong, the hint under the English box. */
  choices?: { min: number; max: number; countError: string; hint: string };
  settings?(read: FieldReader, ctx: BuilderContext, errors: Record<string, string>): Partial<BuilderSettings>;
  /** The text and hint used for a locale when the text is left blank. */
  defaultText?(locale: string, settings: BuilderSettings, ctx: BuilderContext): { text: string; hint: string } | null;
  /** Whether a blank English text is an error, given the errors so far (a rating whose outcome is wrong says that instead). */
  needsText?(errors: Readonly<Record<string, string>>): boolean;
  /** The type's config from its settings fields (errors by field), checked again by its config schema. */
  config(read: FieldReader, keys: string[], settings: BuilderSettings, errors: Record<string, string>): Record<string, unknown>;
}

export interface QuestionTypeEntry {
  config: z.ZodType;
  answerSchema(config: unknown): z.ZodType<DraftAnswer>;
  /** A page's form as a candidate answer (validated afterwards with the answer schema), or null when nothing was given. */
  answerFromForm(config: unknown, form: FormInput): unknown;
  /** The form values that show an answer again. */
  formFromAnswer(answer: DraftAnswer): Record<string, string | string[]>;
  /** Where an answer is kept on submit: the `answers` table, or the participant's profile. */
  storedIn: "answers" | "profile";
  toStored(answer: DraftAnswer): StoredAnswer;
  /** A stored answer read back (an "unable" answer is read before this). */
  fromStored(stored: StoredAnswer): DraftAnswer | null;
  summary(answer: DraftAnswer): AnswerSummary;
  /** The values a display condition on this question may test; absent when its answers cannot drive one. */
  conditionValues?(config: unknown): string[];
  builder: BuilderPart;
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";
const all = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** An optional whole number field of the builder: "" is undefined. */
export const optionalInt = (min: number, max: number) =>
  z
    .string()
    .trim()
    .refine((v) => v === "" || (/^\d{1,6}$/.test(v) && Number(v) >= min && Number(v) <= max))
    .transform((v) => (v === "" ? undefined : Number(v)));

// ── What most types share ────────────────────────────────────────────────────

/** Answers are stored by their shape: a score as a number, keys as text (several as JSON), text as typed. */
function storeByShape(a: DraftAnswer): StoredAnswer {
  if ("unable" in a) return { numericValue: null, unable: true, textValue: null };
  if ("score" in a) return { numericValue: a.score, unable: false, textValue: null };
  if ("choice" in a) return { numericValue: null, unable: false, textValue: a.choice };
  if ("choices" in a) return { numericValue: null, unable: false, textValue: JSON.stringify(a.choices) };
  if ("order" in a) return { numericValue: null, unable: false, textValue: JSON.stringify(a.order) };
  return { numericValue: null, unable: false, textValue: a.text };
}

function formByShape(answer: DraftAnswer): Record<string, string | string[]> {
  if ("unable" in answer) return { answer: "unable" };
  if ("score" in answer) return { answer: String(answer.score) };
  if ("choice" in answer) return { answer: answer.choice };
  if ("choices" in answer) return { answer: answer.choices };
  if ("text" in answer) return { answer: answer.text };
  return {};
}

const scaleMessage = (score: number): AnswerSummary => ({ kind: "message", key: `scale.${SCORE_WORD[score] ?? "important"}`, params: { score } });
const likertMessage = (score: number): AnswerSummary => ({ kind: "message", key: `likert.${score}` });

/** An answer in words by its shape; `score` says how this type's scores read. */
function summaryByShape(a: DraftAnswer, score: (n: number) => AnswerSummary = scaleMessage): AnswerSummary {
  if ("unable" in a) return { kind: "message", key: "scale.unable" };
  if ("score" in a) return score(a.score);
  if ("choice" in a) return { kind: "choices", keys: [a.choice] };
  if ("choices" in a) return { kind: "choices", keys: a.choices };
  if ("order" in a) return { kind: "order", keys: a.order };
  return { kind: "text", text: a.text };
}

const scoreFromForm = (form: FormInput, allowUnableWord: boolean): unknown => {
  const value = first(form.answer).trim();
  if (value === "") return null;
  if (value === "unable" && allowUnableWord) return { unable: true };
  return /^\d{1,2}$/.test(value) ? { score: Number(value) } : { score: Number.NaN };
};

const choicesOf = (type: QuestionType, config: unknown): readonly string[] => (parseQuestionConfig(type, config) as { choices: readonly string[] }).choices;

/** A condition may test each of a question's choice keys (none when its config is not valid). */
const choiceConditionValues = (type: QuestionType) => (config: unknown) => {
  const parsed = questionConfigSchemas[type].safeParse(config ?? {});
  if (!parsed.success) return [];
  return [...((parsed.data as { choices?: readonly string[] }).choices ?? [])];
};

/** One of a list of keys (single choice, a pair, a profile field). */
function oneChoice(type: "single-choice" | "pairwise" | "profile") {
  return {
    config: questionConfigSchemas[type],
    answerSchema: (config: unknown) => {
      const keys = choicesOf(type, config);
      return z.object({ choice: z.string().refine((k) => keys.includes(k), "answer.choice") });
    },
    answerFromForm: (_config: unknown, form: FormInput) => {
      const value = first(form.answer);
      return value === "" ? null : { choice: value };
    },
    formFromAnswer: formByShape,
    toStored: storeByShape,
    fromStored: (s: StoredAnswer) => (s.textValue == null ? null : { choice: s.textValue }),
    summary: (a: DraftAnswer) => summaryByShape(a),
    conditionValues: choiceConditionValues(type),
  };
}

/** Text typed in a box, up to the question's limit (free text, a proposed outcome). */
function typedText(type: "free-text" | "propose-outcome"): QuestionTypeEntry {
  return {
    config: questionConfigSchemas[type],
    answerSchema: (config) => {
      const c = parseQuestionConfig(type, config);
      return z.object({ text: z.string().trim().min(1, "answer.empty").max(c.maxLength, "answer.tooLong") });
    },
    answerFromForm: (_config, form) => {
      const value = first(form.answer);
      return value.trim() === "" ? null : { text: value };
    },
    formFromAnswer: formByShape,
    storedIn: "answers",
    toStored: storeByShape,
    fromStored: (s) => (s.textValue == null ? null : { text: s.textValue }),
    summary: (a) => summaryByShape(a),
    builder: {
      config: (read, _keys, _settings, errors) => {
        const ml = optionalInt(1, 5000).safeParse(read("maxLength") ?? "");
        if (!ml.success) errors.maxLength = "question.errors.maxLength";
        return { maxLength: (ml.success ? ml.data : undefined) ?? 1000 };
      },
    },
  };
}

const CHOICES_HINT = "question.choicesHint";
const CHOICE_COUNT = "question.errors.choiceCount";

// ── The registry ─────────────────────────────────────────────────────────────

export const questionTypes = {
  rating: {
    config: questionConfigSchemas.rating,
    answerSchema: (config) => {
      const c = parseQuestionConfig("rating", config);
      const score = z.object({ score: z.number().int().min(RATING_MIN, "answer.rating").max(RATING_MAX, "answer.rating") });
      return c.allowUnable ? z.union([score, z.object({ unable: z.literal(true) })]) : score;
    },
    answerFromForm: (_config, form) => scoreFromForm(form, true),
    formFromAnswer: formByShape,
    storedIn: "answers",
    toStored: storeByShape,
    fromStored: (s) => (s.numericValue == null ? null : { score: s.numericValue }),
    summary: (a) => summaryByShape(a),
    builder: {
      settings: (read, ctx, errors) => {
        const id = Number(read("outcomeId"));
        if (!Number.isInteger(id) || !ctx.outcomeIds.includes(id)) errors.outcomeId = "question.errors.outcome";
        else if (ctx.takenOutcomeIds?.includes(id)) errors.outcomeId = "question.errors.outcomeTaken";
        else return { outcomeId: id };
        return {};
      },
      // Left blank, the text is the consultation's rating wording around the outcome's statement.
      defaultText: (locale, settings, ctx) => {
        if (settings.outcomeId === null) return null;
        const statement = ctx.statements?.[settings.outcomeId]?.[locale];
        const wording = ctx.ratingWording?.[locale];
        return statement && wording ? { text: ratingQuestionText(wording, statement), hint: wording.hint } : null;
      },
      needsText: (errors) => !errors.outcomeId,
      config: (read) => ({ scale: "grade-1-9", allowUnable: read("allowUnable") === "yes" }),
    },
  },
  likert: {
    config: questionConfigSchemas.likert,
    answerSchema: () => z.object({ score: z.number().int().min(1, "answer.likert").max(5, "answer.likert") }),
    answerFromForm: (_config, form) => scoreFromForm(form, false),
    formFromAnswer: formByShape,
    storedIn: "answers",
    toStored: storeByShape,
    fromStored: (s) => (s.numericValue == null ? null : { score: s.numericValue }),
    summary: (a) => summaryByShape(a, likertMessage),
    conditionValues: () => LIKERT_POINTS.map(String),
    builder: { config: () => ({}) },
  },
  "single-choice": {
    ...oneChoice("single-choice"),
    storedIn: "answers",
    builder: {
      choices: { min: 2, max: 50, countError: CHOICE_COUNT, hint: CHOICES_HINT },
      config: (_read, keys) => ({ choices: keys }),
    },
  },
  "multiple-choice": {
    config: questionConfigSchemas["multiple-choice"],
    answerSchema: (config) => {
      const c = parseQuestionConfig("multiple-choice", config);
      return z.object({
        choices: z
          .array(z.string().refine((k) => c.choices.includes(k), "answer.choice"))
          .min(Math.max(1, c.minSelected ?? 1), "answer.tooFew")
          .max(c.maxSelected ?? c.choices.length, "answer.tooMany")
          .refine((a) => new Set(a).size === a.length, "answer.duplicate"),
      });
    },
    answerFromForm: (_config, form) => {
      const values = all(form.answer).filter((v) => v !== "");
      return values.length === 0 ? null : { choices: values };
    },
    formFromAnswer: formByShape,
    storedIn: "answers",
    toStored: storeByShape,
    fromStored: (s) => (s.textValue == null ? null : { choices: JSON.parse(s.textValue) as string[] }),
    summary: (a) => summaryByShape(a),
    conditionValues: choiceConditionValues("multiple-choice"),
    builder: {
      choices: { min: 2, max: 50, countError: CHOICE_COUNT, hint: CHOICES_HINT },
      config: (read, keys, _settings, errors) => {
        const min = optionalInt(0, 50).safeParse(read("minSelected") ?? "");
        const max = optionalInt(1, 50).safeParse(read("maxSelected") ?? "");
        if (!min.success) errors.minSelected = "question.errors.minSelected";
        if (!max.success) errors.maxSelected = "question.errors.maxSelected";
        const minV = min.success ? min.data : undefined;
        const maxV = max.success ? max.data : undefined;
        if (keys.length && maxV !== undefined && maxV > keys.length) errors.maxSelected = "question.errors.maxSelected";
        if (minV !== undefined && maxV !== undefined && minV > maxV) errors.minSelected = "question.errors.minAboveMax";
        if (keys.length && minV !== undefined && minV > keys.length) errors.minSelected = "question.errors.minSelected";
        return { choices: keys, ...(minV !== undefined ? { minSelected: minV } : {}), ...(maxV !== undefined ? { maxSelected: maxV } : {}) };
      },
    },
  },
  ranking: {
    config: questionConfigSchemas.ranking,
    answerSchema: (config) => {
      const c = parseQuestionConfig("ranking", config);
      return z.object({
        order: z
          .array(z.string())
          .refine((a) => a.length === c.choices.length && new Set(a).size === a.length && a.every((k) => c.choices.includes(k)), "answer.ranking"),
      });
    },
    // Field names `rank-<choice>`: a position per item.
    answerFromForm: (config, form) => {
      const { choices } = parseQuestionConfig("ranking", config);
      const positions = choices.map((key) => ({ key, position: first(form[`rank-${key}`]).trim() }));
      if (positions.every((p) => p.position === "")) return null;
      // A full order: every item has a different position from 1 to n.
      const numbers = positions.map((p) => Number(p.position));
      const valid = numbers.every((n) => Number.isInteger(n) && n >= 1 && n <= choices.length) && new Set(numbers).size === choices.length;
      if (!valid) return { order: [] };
      return { order: [...positions].sort((a, b) => Number(a.position) - Number(b.position)).map((p) => p.key) };
    },
    formFromAnswer: (answer) => ("order" in answer ? Object.fromEntries(answer.order.map((key, i) => [`rank-${key}`, String(i + 1)])) : formByShape(answer)),
    storedIn: "answers",
    toStored: storeByShape,
    fromStored: (s) => (s.textValue == null ? null : { order: JSON.parse(s.textValue) as string[] }),
    summary: (a) => summaryByShape(a),
    builder: {
      choices: { min: 2, max: 20, countError: CHOICE_COUNT, hint: CHOICES_HINT },
      config: (_read, keys) => ({ choices: keys }),
    },
  },
  pairwise: {
    ...oneChoice("pairwise"),
    storedIn: "answers",
    builder: {
      choices: { min: 2, max: 2, countError: "question.errors.pairwise", hint: "question.choicesHintPairwise" },
      config: (_read, keys) => ({ choices: keys }),
    },
  },
  "free-text": typedText("free-text"),
  "propose-outcome": typedText("propose-outcome"),
  profile: {
    ...oneChoice("profile"),
    storedIn: "profile",
    // Kept in participant_profiles; a choice still has a stored form (the participant's download shows it).
    toStored: (a) => {
      if ("text" in a) throw new Error("profile answers are not stored in answers");
      return storeByShape(a);
    },
    builder: {
      choices: { min: 1, max: 50, countError: CHOICE_COUNT, hint: "question.choicesHintProfile" },
      settings: (read, _ctx, errors) => {
        const pf = z.enum(PROFILE_FIELDS).safeParse(read("profileField"));
        if (!pf.success) {
          errors.profileField = "question.errors.profileField";
          return {};
        }
        // Stakeholder groups are a closed list the results are broken down by: their keys are fixed.
        return { profileField: pf.data, ...(pf.data === "stakeholderGroup" ? { fixedKeys: STAKEHOLDER_GROUPS } : {}) };
      },
      config: (_read, keys, settings) => ({ field: settings.profileField, choices: keys }),
    },
  },
} satisfies Record<QuestionType, QuestionTypeEntry>;

export function questionTypeOf(type: QuestionType): QuestionTypeEntry {
  return questionTypes[type];
}

/** Types whose answers can drive a display condition. */
export const CONDITION_SOURCE_TYPES: readonly QuestionType[] = (Object.keys(questionTypes) as QuestionType[]).filter(
  (type) => questionTypeOf(type).conditionValues !== undefined,
);
