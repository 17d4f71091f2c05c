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
import { choiceKey, parseQuestionConfig, QUESTION_TYPES, type QuestionType } from "./questions";
import { CONDITION_SOURCE_TYPES, questionTypeOf, type BuilderContext, type BuilderSettings } from "./question-types";

export { CONDITION_SOURCE_TYPES };

export interface EarlierQuestion {
  id: number;
  type: QuestionType;
  config: unknown;
}

/** The values a condition on this earlier question may test: choice keys, or Likert points. */
export function conditionValuesFor(q: EarlierQuestion): string[] {
  return questionTypeOf(q.type).conditionValues?.(q.config) ?? [];
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

export interface QuestionFormContext extends BuilderContext {
  /** Locales offered, English first. */
  locales: readonly string[];
  /** Questions before this one in the round. */
  earlier: readonly EarlierQuestion[];
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

/** The posted question form as `parseQuestionForm` reads it: each field's value, a repeated one as a list (refused there). */
export function questionFormInput(form: Pick<FormData, "getAll">, locales: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(
    questionFormFields(locales).map((f) => {
      const values = form.getAll(f);
      return [f, values.length > 1 ? values : (values[0] ?? undefined)];
    }),
  );
}

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

  // What the type reads first (a rating's outcome, a profile question's field).
  const entry = questionTypeOf(type).builder;
  const settings: BuilderSettings = { outcomeId: null, ...entry.settings?.(str, ctx, errors) };
  const { outcomeId } = settings;

  // Choices: English lines give the keys.
  const limits = entry.choices;
  let keys: string[] = [];
  const labelsByLocale: Record<string, string[]> = {};
  if (limits) {
    const english = splitLines(str("choices-en"));
    if (english.length < limits.min || english.length > limits.max) errors["choices-en"] = limits.countError;
    else if (english.some((l) => l.length > MAX_LABEL)) errors["choices-en"] = "question.errors.choiceLength";
    else if (new Set(english.map((l) => l.toLowerCase())).size !== english.length) errors["choices-en"] = "question.errors.choiceDuplicate";
    else if (settings.fixedKeys && english.length !== settings.fixedKeys.length) errors["choices-en"] = "question.errors.stakeholderChoices";
    if (!errors["choices-en"]) {
      const taken = new Set<string>();
      keys = settings.fixedKeys ? [...settings.fixedKeys] : english.map((l, i) => choiceKeyOf(l, i, taken));
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

  // Text per locale: English required (unless the type has a default, as a rating has from its outcome).
  const translations: QuestionDraft["translations"] = [];
  for (const locale of ctx.locales) {
    let text = (str(`text-${locale}`) ?? "").trim();
    let hint = (str(`hint-${locale}`) ?? "").trim();
    if (text.length > MAX_TEXT) errors[`text-${locale}`] = "question.errors.textLength";
    if (hint.length > MAX_HINT) errors[`hint-${locale}`] = "question.errors.hintLength";
    if (!text) {
      const fallback = entry.defaultText?.(locale, settings, ctx);
      if (fallback) {
        text = fallback.text;
        if (!hint) hint = fallback.hint;
      }
    }
    if (!text) {
      if (locale === "en" && (entry.needsText?.(errors) ?? true)) errors["text-en"] = "question.errors.text";
      if (hint && locale !== "en") errors[`text-${locale}`] = "question.errors.textForHint";
      continue;
    }
    const labels = labelsByLocale[locale];
    translations.push({ locale, text, hint, options: labels ? Object.fromEntries(keys.map((k, i) => [k, labels[i]])) : {} });
  }

  // Type-specific settings, checked again by the shared contract.
  let config = entry.config(str, keys, settings, errors);

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
  q: {
    type: QuestionType;
    required: boolean;
    outcomeId: number | null;
    config: Record<string, unknown>;
    conditionQuestionId: number | null;
    conditionValue: string | null;
  },
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
