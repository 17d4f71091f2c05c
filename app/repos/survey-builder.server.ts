/**
 * Rounds and questions for the survey builder. Routes check the partnership
 * first; every query here also names the round, so a question id from another
 * round (or consultation) matches nothing.
 */
import { and, asc, eq, gt, lt, desc, sql } from "drizzle-orm";
import {
  candidateOutcomes,
  candidateOutcomeTranslations,
  outcomeDomains,
  outcomeDomainTranslations,
  questions,
  questionTranslations,
  rounds,
  surveys,
} from "../../db/tables";
import type { DB } from "../db.server";
import type { RoundStatus } from "../domain/consultation/lifecycle";
import type { QuestionType } from "../domain/survey/questions";
import type { OutcomeStatus } from "../domain/outcome-form";

export async function insertRound(
  db: DB,
  values: { surveyId: number; number: number; showFeedback?: boolean; feedbackBy?: "overall" | "stakeholder-group"; allowNewParticipants?: boolean },
): Promise<number> {
  const [row] = await db
    .insert(rounds)
    .values({ ...values, status: "draft" })
    .returning({ id: rounds.id });
  return row.id;
}

export async function setRoundStatus(db: DB, id: number, status: RoundStatus, _now: Date) {
  await db.update(rounds).set({ status }).where(eq(rounds.id, id));
}

export async function updateRoundSettings(
  db: DB,
  id: number,
  values: { showFeedback: boolean; feedbackBy: "overall" | "stakeholder-group"; allowNewParticipants: boolean; opensAt: Date | null; closesAt: Date | null },
) {
  await db.update(rounds).set(values).where(eq(rounds.id, id));
}

export async function findSurveyId(db: DB, consultationId: number): Promise<number | null> {
  const [row] = await db.select({ id: surveys.id }).from(surveys).where(eq(surveys.consultationId, consultationId));
  return row?.id ?? null;
}

export interface QuestionRow {
  id: number;
  position: number;
  type: QuestionType;
  required: boolean;
  outcomeId: number | null;
  config: Record<string, unknown>;
  conditionQuestionId: number | null;
  conditionValue: string | null;
}

const questionColumns = {
  id: questions.id,
  position: questions.position,
  type: questions.type,
  required: questions.required,
  outcomeId: questions.outcomeId,
  config: questions.config,
  conditionQuestionId: questions.conditionQuestionId,
  conditionValue: questions.conditionValue,
};

export async function listQuestionsOfRound(db: DB, roundId: number): Promise<QuestionRow[]> {
  return await db.select(questionColumns).from(questions).where(eq(questions.roundId, roundId)).orderBy(asc(questions.position), asc(questions.id));
}

export async function findQuestionInRound(db: DB, roundId: number, questionId: number): Promise<QuestionRow | undefined> {
  const [row] = await db
    .select(questionColumns)
    .from(questions)
    .where(and(eq(questions.roundId, roundId), eq(questions.id, questionId)));
  return row;
}

export interface QuestionTranslationRow {
  questionId: number;
  locale: string;
  text: string;
  hint: string;
  options: Record<string, string>;
}

export async function listQuestionTranslationsOfRound(db: DB, roundId: number): Promise<QuestionTranslationRow[]> {
  return await db
    .select({
      questionId: questionTranslations.questionId,
      locale: questionTranslations.locale,
      text: questionTranslations.text,
      hint: questionTranslations.hint,
      options: questionTranslations.options,
    })
    .from(questionTranslations)
    .innerJoin(questions, eq(questions.id, questionTranslations.questionId))
    .where(eq(questions.roundId, roundId))
    // Questions in order, each one's languages by code: the order SQLite reads them in (its indexes).
    .orderBy(asc(questions.position), asc(questions.id), asc(questionTranslations.locale));
}

export type QuestionValues = Omit<QuestionRow, "id" | "position">;

export async function insertQuestion(db: DB, roundId: number, values: QuestionValues): Promise<number> {
  const [max] = await db
    .select({ p: sql<number | null>`max(${questions.position})` })
    .from(questions)
    .where(eq(questions.roundId, roundId));
  const position = (max?.p ?? -1) + 1;
  const [row] = await db
    .insert(questions)
    .values({ roundId, position, ...values })
    .returning({ id: questions.id });
  return row.id;
}

export async function updateQuestion(db: DB, roundId: number, questionId: number, values: QuestionValues) {
  await db
    .update(questions)
    .set(values)
    .where(and(eq(questions.roundId, roundId), eq(questions.id, questionId)));
}

/** Replaces a question's translations with exactly these locales. */
export async function replaceQuestionTranslations(db: DB, questionId: number, rows: Array<Omit<QuestionTranslationRow, "questionId">>) {
  await db.delete(questionTranslations).where(eq(questionTranslations.questionId, questionId));
  if (rows.length) await db.insert(questionTranslations).values(rows.map((r) => ({ ...r, questionId })));
}

/** Deletes a question; conditions that pointed at it are removed, positions closed up. */
export async function deleteQuestion(db: DB, roundId: number, questionId: number) {
  await db
    .update(questions)
    .set({ conditionQuestionId: null, conditionValue: null })
    .where(and(eq(questions.roundId, roundId), eq(questions.conditionQuestionId, questionId)));
  await db.delete(questions).where(and(eq(questions.roundId, roundId), eq(questions.id, questionId)));
  await renumber(db, roundId);
}

export async function renumber(db: DB, roundId: number) {
  for (const [i, q] of (await listQuestionsOfRound(db, roundId)).entries()) {
    if (q.position !== i) await db.update(questions).set({ position: i }).where(eq(questions.id, q.id));
  }
}

/** Swaps a question with its neighbour; returns false at either end. */
export async function moveQuestion(db: DB, roundId: number, questionId: number, direction: "up" | "down"): Promise<boolean> {
  await renumber(db, roundId);
  const q = await findQuestionInRound(db, roundId, questionId);
  if (!q) return false;
  const [neighbour] = await db
    .select({ id: questions.id, position: questions.position })
    .from(questions)
    .where(and(eq(questions.roundId, roundId), direction === "up" ? lt(questions.position, q.position) : gt(questions.position, q.position)))
    .orderBy(direction === "up" ? desc(questions.position) : asc(questions.position))
    .limit(1);
  if (!neighbour) return false;
  await db.update(questions).set({ position: neighbour.position }).where(eq(questions.id, q.id));
  await db.update(questions).set({ position: q.position }).where(eq(questions.id, neighbour.id));
  return true;
}

export interface OutcomeForBuilder {
  id: number;
  code: string;
  status: OutcomeStatus;
  source: string;
  domainId: number | null;
  domainName: string;
  /** Statement per locale. */
  statements: Record<string, string>;
}

/** The consultation's candidate outcomes in library order (domain, then position), with statements per locale. */
export async function listOutcomesForBuilder(db: DB, consultationId: number): Promise<OutcomeForBuilder[]> {
  const rows = await db
    .select({
      id: candidateOutcomes.id,
      code: candidateOutcomes.code,
      status: candidateOutcomes.status,
      source: candidateOutcomes.source,
      domainId: candidateOutcomes.domainId,
      domainName: sql<string>`coalesce((SELECT ${outcomeDomainTranslations.name} FROM ${outcomeDomainTranslations} WHERE ${outcomeDomainTranslations.domainId} = ${candidateOutcomes.domainId} AND ${outcomeDomainTranslations.locale} = 'en'), '')`,
    })
    .from(candidateOutcomes)
    .leftJoin(outcomeDomains, eq(outcomeDomains.id, candidateOutcomes.domainId))
    .where(eq(candidateOutcomes.consultationId, consultationId))
    .orderBy(sql`coalesce(${outcomeDomains.position}, 1e9)`, asc(candidateOutcomes.position), asc(candidateOutcomes.code));
  const texts = await db
    .select({
      outcomeId: candidateOutcomeTranslations.outcomeId,
      locale: candidateOutcomeTranslations.locale,
      statement: candidateOutcomeTranslations.statement,
    })
    .from(candidateOutcomeTranslations)
    .innerJoin(candidateOutcomes, eq(candidateOutcomes.id, candidateOutcomeTranslations.outcomeId))
    .where(eq(candidateOutcomes.consultationId, consultationId));
  return rows.map((r) => ({ ...r, statements: Object.fromEntries(texts.filter((t) => t.outcomeId === r.id).map((t) => [t.locale, t.statement])) }));
}
