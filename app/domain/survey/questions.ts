/**
 * The contract between the survey builder (officers) and the citizen journey:
 * what each question type's `config` holds (question-config.ts), what an answer to it
 * looks like in a draft, how it is stored in the `answers` table (each type's entry in
 * question-types.ts), and when a question is shown.
 *
 * Pure TypeScript (zod only): no Remix, React, drizzle, i18next or node built-ins.
 * Labels (choice text, question text, hints) are per-locale data in
 * `question_translations`; `config` holds only keys and numbers.
 */
import type { z } from "zod";
import { type DraftAnswer, type QuestionForAnswer, type QuestionType, type StoredAnswer } from "./question-config";
import { questionTypeOf } from "./question-types";

export * from "./question-config";
export { questionTypes, questionTypeOf, SCORE_WORD, type AnswerSummary } from "./question-types";

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
    schema = questionTypeOf(q.type).answerSchema(q.config);
    if (schemaCache.size >= SCHEMA_CACHE_LIMIT) schemaCache.clear();
    schemaCache.set(key, schema);
  }
  return schema;
}

export function toStoredAnswer(type: QuestionType, a: DraftAnswer): StoredAnswer {
  return questionTypeOf(type).toStored(a);
}

export function fromStoredAnswer(type: QuestionType, s: StoredAnswer): DraftAnswer | null {
  if (s.unable) return { unable: true };
  return questionTypeOf(type).fromStored(s);
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
  if (
    !isQuestionShown(
      parent,
      all.filter((x) => x !== q),
      answers,
    )
  )
    return false;
  return conditionValuesOf(answers[String(parent.id)]).includes(q.conditionValue);
}
