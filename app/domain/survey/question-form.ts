/**
 * The survey builder's question form: from posted fields to a question (type,
 * config, condition, text per locale) that satisfies the contract in
 * questions.ts. Pure (zod only). Error messages are keys in the officer namespace.
 *
 * Choices are typed one per line, in English first; their keys are made from the
 * English labels (stable while the label is unchanged). Other languages give the
 * same number of lines in the same order, or none (English is then shown).
 */
import { z } from "zod";
import {
  choiceKey,
  LIKERT_POINTS,
  parseQuestionConfig,
  PROFILE_FIELDS,
  questionConfigSchemas,
  QUESTION_TYPES,
  STAKEHOLDER_GROUPS,
  type QuestionType,
} from "./questions";
import { ratingQuestionText, type RatingWording } from "./rating-wording";

/** Types whose answers can drive a display condition, with the values offered. */
export const CONDITION_SOURCE_TYPES: readonly QuestionType[] = ["single-choice", "multiple-choice", "pairwise", "likert", "profile"];

export interface EarlierQuestion {
  id: number;
  type: QuestionType;
  config: unknown;
}

/** The values a condition on this earlier question may test: choice keys, or Likert points. */
export function conditionValuesFor(q: EarlierQuestion): string[] {
  if (!CONDITION_SOURCE_TYPES.includes(q.type)) return [];
  if (q.type === "likert") return LIKERT_POINTS.map(String);
  const parsed = questionConfigSchemas[q.type].safeParse(q.config ?? {});
  if (!parsed.success) return [];
  return [...((parsed.data as { choices?: readonly string[] }).choices ?? [])];
}

/** A choice key from a label: lower-case letters, digits and hyphens; `choice-N` when nothing is left. */
export function choiceKeyOf(label: string, index: number, taken: Set<string>): string {
  let base = label
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 32)
    .replace(/-+$/g, "");
  if (!base) base = `choice-${index + 1}`;
  let key = base;
  for (let k = 2; taken.has(key); k++) key = `${base}-${k}`;
  taken.add(key);
  return key;
}

export function splitLines(text: string | undefined): string[] {
  return (text ?? "")
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

export interface QuestionFormContext {
  /** Locales offered, English first. */
  locales: readonly string[];
  /** Active outcome ids of the consultation (for rating questions). */
  outcomeIds: readonly number[];
  /** Questions before this one in the round. */
  earlier: readonly EarlierQuestion[];
  /** Outcomes already rated by another question of the round (each outcome is rated once per round). */
  takenOutcomeIds?: readonly number[];
  /** The consultation's rating question wording per locale; used when the text is left blank. */
  ratingWording?: Readonly<Record<string, RatingWording>>;
  /** The outcome's statement per locale, by outcome id (for the default rating text). */
  statements?: Readonly<Record<number, Readonly<Record<string, string>>>>;
}

export interface QuestionDraft {
  type: QuestionType;
  required: boolean;
  outcomeId: number | null;
  config: Record<string, unknown>;
  conditionQuestionId: number | null;
  conditionValue: string | null;
  translations: Array<{ locale: string; text: string; hint: string; options: Record<string, string> }>;
}

export type QuestionFormResult = { ok: true; question: QuestionDraft } | { ok: false; errors: Record<string, string> };

const CHOICE_LIMITS: Partial<Record<QuestionType, [number, number]>> = {
  "single-choice": [2, 50],
  "multiple-choice": [2, 50],
  ranking: [2, 20],
  pairwise: [2, 2],
  profile: [1, 50],
};

const MAX_TEXT = 1000;
const MAX_HINT = 2000;
const MAX_LABEL = 300;

/** The form's field names for these locales (for parsing and for keeping typed values). */
export function questionFormFields(locales: readonly string[]): string[] {
  return [
    "type",
    "required",
    "outcomeId",
    "allowUnable",
    "profileField",
    "minSelected",
    "maxSelected",
    "maxLength",
    "condition",
    ...locales.flatMap((l) => [`text-${l}`, `hint-${l}`, `choices-${l}`]),
  ];
}

const optionalInt = (min: number, max: number) =>
  z
    .string()
    .trim()
    .refine((v) => v === "" || (/^\d{1,6}$/.test(v) && Number(v) >= min && Number(v) <= max))
    .transform((v) => (v === "" ? undefined : Number(v)));

/**
 * Parses the posted question form. `raw` holds each field's single string value
 * (repeated fields and files are refused as invalid).
 */
export function parseQuestionForm(raw: Readonly<Record<string, unknown>>, ctx: QuestionFormContext): QuestionFormResult {
  const errors: Record<string, string> = {};
  const str = (name: string): string | undefined => {
    const v = raw[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "string") {
      errors[name] ??= "question.errors.invalid";
      return undefined;
    }
    return v;
  };
  const typeParsed = z.enum(QUESTION_TYPES).safeParse(str("type"));
  if (!typeParsed.success) return { ok: false, errors: { type: "question.errors.type" } };
  const type = typeParsed.data;

  const requiredRaw = str("required");
  if (requiredRaw !== "yes" && requiredRaw !== "no") errors.required ??= "question.errors.required";
  const required = requiredRaw !== "no";

  // Text per locale: English required (except rating, which has a default from the outcome).
  const translations: QuestionDraft["translations"] = [];
  let outcomeId: number | null = null;
  if (type === "rating") {
    const id = Number(str("outcomeId"));
    if (!Number.isInteger(id) || !ctx.outcomeIds.includes(id)) errors.outcomeId = "question.errors.outcome";
    else if (ctx.takenOutcomeIds?.includes(id)) errors.outcomeId = "question.errors.outcomeTaken";
    else outcomeId = id;
  }

  // Choices: English lines give the keys.
  const limits = CHOICE_LIMITS[type];
  let keys: string[] = [];
  const labelsByLocale: Record<string, string[]> = {};
  let profileField: (typeof PROFILE_FIELDS)[number] | undefined;
  if (type === "profile") {
    const pf = z.enum(PROFILE_FIELDS).safeParse(str("profileField"));
    if (!pf.success) errors.profileField = "question.errors.profileField";
    else profileField = pf.data;
  }
  if (limits) {
    const english = splitLines(str("choices-en"));
    if (english.length < limits[0] || english.length > limits[1]) errors["choices-en"] = type === "pairwise" ? "question.errors.pairwise" : "question.errors.choiceCount";
    else if (english.some((l) => l.length > MAX_LABEL)) errors["choices-en"] = "question.errors.choiceLength";
    else if (new Set(english.map((l) => l.toLowerCase())).size !== english.length) errors["choices-en"] = "question.errors.choiceDuplicate";
    else if (profileField === "stakeholderGroup" && english.length !== STAKEHOLDER_GROUPS.length) errors["choices-en"] = "question.errors.stakeholderChoices";
    if (!errors["choices-en"]) {
      const taken = new Set<string>();
      keys = profileField === "stakeholderGroup" ? [...STAKEHOLDER_GROUPS] : english.map((l, i) => choiceKeyOf(l, i, taken));
      labelsByLocale.en = english;
      for (const locale of ctx.locales.filter((l) => l !== "en")) {
        const lines = splitLines(str(`choices-${locale}`));
        if (lines.length === 0) continue;
        if (lines.length !== english.length) errors[`choices-${locale}`] = "question.errors.choiceLines";
        else if (lines.some((l) => l.length > MAX_LABEL)) errors[`choices-${locale}`] = "question.errors.choiceLength";
        else labelsByLocale[locale] = lines;
      }
    }
  }

  for (const locale of ctx.locales) {
    let text = (str(`text-${locale}`) ?? "").trim();
    let hint = (str(`hint-${locale}`) ?? "").trim();
    if (text.length > MAX_TEXT) errors[`text-${locale}`] = "question.errors.textLength";
    if (hint.length > MAX_HINT) errors[`hint-${locale}`] = "question.errors.hintLength";
    if (!text && type === "rating" && outcomeId !== null) {
      const statement = ctx.statements?.[outcomeId]?.[locale];
      const wording = ctx.ratingWording?.[locale];
      if (statement && wording) {
        text = ratingQuestionText(wording, statement);
        if (!hint) hint = wording.hint;
      }
    }
    if (!text) {
      if (locale === "en" && !(type === "rating" && errors.outcomeId)) errors["text-en"] = "question.errors.text";
      if (hint && locale !== "en") errors[`text-${locale}`] = "question.errors.textForHint";
      continue;
    }
    const labels = labelsByLocale[locale];
    translations.push({ locale, text, hint, options: labels ? Object.fromEntries(keys.map((k, i) => [k, labels[i]])) : {} });
  }

  // Type-specific settings, checked again by the shared contract.
  let config: Record<string, unknown> = {};
  switch (type) {
    case "rating":
      config = { scale: "grade-1-9", allowUnable: str("allowUnable") === "yes" };
      break;
    case "likert":
      break;
    case "single-choice":
    case "ranking":
    case "pairwise":
      config = { choices: keys };
      break;
    case "multiple-choice": {
      const min = optionalInt(0, 50).safeParse(str("minSelected") ?? "");
      const max = optionalInt(1, 50).safeParse(str("maxSelected") ?? "");
      if (!min.success) errors.minSelected = "question.errors.minSelected";
      if (!max.success) errors.maxSelected = "question.errors.maxSelected";
      const minV = min.success ? min.data : undefined;
      const maxV = max.success ? max.data : undefined;
      if (keys.length && maxV !== undefined && maxV > keys.length) errors.maxSelected = "question.errors.maxSelected";
      if (minV !== undefined && maxV !== undefined && minV > maxV) errors.minSelected = "question.errors.minAboveMax";
      if (keys.length && minV !== undefined && minV > keys.length) errors.minSelected = "question.errors.minSelected";
      config = { choices: keys, ...(minV !== undefined ? { minSelected: minV } : {}), ...(maxV !== undefined ? { maxSelected: maxV } : {}) };
      break;
    }
    case "free-text":
    case "propose-outcome": {
      const ml = optionalInt(1, 5000).safeParse(str("maxLength") ?? "");
      if (!ml.success) errors.maxLength = "question.errors.maxLength";
      config = { maxLength: (ml.success ? ml.data : undefined) ?? 1000 };
      break;
    }
    case "profile":
      config = { field: profileField, choices: keys };
      break;
  }

  // Display condition on an earlier answer: "none" or "<questionId>:<value>".
  let conditionQuestionId: number | null = null;
  let conditionValue: string | null = null;
  const condition = str("condition") ?? "none";
  if (condition !== "none") {
    const m = /^(\d{1,12}):([A-Za-z0-9_-]{1,40})$/.exec(condition);
    const source = m ? ctx.earlier.find((q) => q.id === Number(m[1])) : undefined;
    if (!m || !source || !conditionValuesFor(source).includes(m[2])) errors.condition = "question.errors.condition";
    else {
      conditionQuestionId = source.id;
      conditionValue = m[2];
    }
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  try {
    config = parseQuestionConfig(type, config) as Record<string, unknown>;
  } catch {
    return { ok: false, errors: { type: "question.errors.config" } };
  }
  if (keys.some((k) => !choiceKey.safeParse(k).success)) return { ok: false, errors: { "choices-en": "question.errors.choiceCount" } };
  return { ok: true, question: { type, required, outcomeId, config, conditionQuestionId, conditionValue, translations } };
}

/** The form's values for an existing question (for the edit page). */
export function questionFormValues(
  q: { type: QuestionType; required: boolean; outcomeId: number | null; config: Record<string, unknown>; conditionQuestionId: number | null; conditionValue: string | null },
  translations: ReadonlyArray<{ locale: string; text: string; hint: string; options: Record<string, string> }>,
): Record<string, string> {
  const values: Record<string, string> = {
    type: q.type,
    required: q.required ? "yes" : "no",
    outcomeId: q.outcomeId ? String(q.outcomeId) : "",
    allowUnable: q.config.allowUnable === false ? "" : "yes",
    profileField: typeof q.config.field === "string" ? q.config.field : "",
    minSelected: typeof q.config.minSelected === "number" ? String(q.config.minSelected) : "",
    maxSelected: typeof q.config.maxSelected === "number" ? String(q.config.maxSelected) : "",
    maxLength: typeof q.config.maxLength === "number" ? String(q.config.maxLength) : "",
    condition: q.conditionQuestionId && q.conditionValue ? `${q.conditionQuestionId}:${q.conditionValue}` : "none",
  };
  const keys = Array.isArray(q.config.choices) ? (q.config.choices as string[]) : [];
  for (const t of translations) {
    values[`text-${t.locale}`] = t.text;
    values[`hint-${t.locale}`] = t.hint;
    if (keys.length && keys.every((k) => t.options[k])) values[`choices-${t.locale}`] = keys.map((k) => t.options[k]).join("\n");
  }
  return values;
}

/**
 * Every display condition must point at a question earlier in the round:
 * returns the ids of questions whose condition would not (after a move or delete).
 */
export function conditionsOutOfOrder(ordered: ReadonlyArray<{ id: number; conditionQuestionId: number | null }>): number[] {
  const seen = new Set<number>();
  const bad: number[] = [];
  for (const q of ordered) {
    if (q.conditionQuestionId !== null && !seen.has(q.conditionQuestionId)) bad.push(q.id);
    seen.add(q.id);
  }
  return bad;
}
