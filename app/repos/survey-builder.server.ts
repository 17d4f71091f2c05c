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
} from "../../db/schema";
import type { DB } from "../db.server";
import type { RoundStatus } from "../domain/consultation/lifecycle";
import type { QuestionType } from "../domain/survey/questions";
import type { OutcomeStatus } from "../domain/outcome-form";

export function insertRound(
  db: DB,
  values: { surveyId: number; number: number; showFeedback?: boolean; feedbackBy?: "overall" | "stakeholder-group"; allowNewParticipants?: boolean },
): number {
  return db.insert(rounds).values({ ...values, status: "draft" }).returning({ id: rounds.id }).get().id;
}

export function setRoundStatus(db: DB, id: number, status: RoundStatus, _now: Date) {
  db.update(rounds).set({ status }).where(eq(rounds.id, id)).run();
}

export function updateRoundSettings(
  db: DB,
  id: number,
  values: { showFeedback: boolean; feedbackBy: "overall" | "stakeholder-group"; allowNewParticipants: boolean; opensAt: Date | null; closesAt: Date | null },
) {
  db.update(rounds).set(values).where(eq(rounds.id, id)).run();
}

export function findSurveyId(db: DB, consultationId: number): number | null {
  return db.select({ id: surveys.id }).from(surveys).where(eq(surveys.consultationId, consultationId)).get()?.id ?? null;
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

export function listQuestionsOfRound(db: DB, roundId: number): QuestionRow[] {
  return db.select(questionColumns).from(questions).where(eq(questions.roundId, roundId)).orderBy(asc(questions.position), asc(questions.id)).all();
}

export function findQuestionInRound(db: DB, roundId: number, questionId: number): QuestionRow | undefined {
  return db.select(questionColumns).from(questions).where(and(eq(questions.roundId, roundId), eq(questions.id, questionId))).get();
}

export interface QuestionTranslationRow {
  questionId: number;
  locale: string;
  text: string;
  hint: string;
  options: Record<string, string>;
}

export function listQuestionTranslationsOfRound(db: DB, roundId: number): QuestionTranslationRow[] {
  return db
    .select({ questionId: questionTranslations.questionId, locale: questionTranslations.locale, text: questionTranslations.text, hint: questionTranslations.hint, options: questionTranslations.options })
    .from(questionTranslations)
    .innerJoin(questions, eq(questions.id, questionTranslations.questionId))
    .where(eq(questions.roundId, roundId))
    .all();
}

export type QuestionValues = Omit<QuestionRow, "id" | "position">;

export function insertQuestion(db: DB, roundId: number, values: QuestionValues): number {
  const position = (db.select({ p: sql<number | null>`max(${questions.position})` }).from(questions).where(eq(questions.roundId, roundId)).get()?.p ?? -1) + 1;
  return db.insert(questions).values({ roundId, position, ...values }).returning({ id: questions.id }).get().id;
}

export function updateQuestion(db: DB, roundId: number, questionId: number, values: QuestionValues) {
  db.update(questions).set(values).where(and(eq(questions.roundId, roundId), eq(questions.id, questionId))).run();
}

/** Replaces a question's translations with exactly these locales. */
export function replaceQuestionTranslations(db: DB, questionId: number, rows: Array<Omit<QuestionTranslationRow, "questionId">>) {
  db.delete(questionTranslations).where(eq(questionTranslations.questionId, questionId)).run();
  if (rows.length) db.insert(questionTranslations).values(rows.map((r) => ({ ...r, questionId }))).run();
}

/** Deletes a question; conditions that pointed at it are removed, positions closed up. */
export function deleteQuestion(db: DB, roundId: number, questionId: number) {
  db.update(questions).set({ conditionQuestionId: null, conditionValue: null }).where(and(eq(questions.roundId, roundId), eq(questions.conditionQuestionId, questionId))).run();
  db.delete(questions).where(and(eq(questions.roundId, roundId), eq(questions.id, questionId))).run();
  renumber(db, roundId);
}

export function renumber(db: DB, roundId: number) {
  listQuestionsOfRound(db, roundId).forEach((q, i) => {
    if (q.position !== i) db.update(questions).set({ position: i }).where(eq(questions.id, q.id)).run();
  });
}

/** Swaps a question with its neighbour; returns false at either end. */
export function moveQuestion(db: DB, roundId: number, questionId: number, direction: "up" | "down"): boolean {
  renumber(db, roundId);
  const q = findQuestionInRound(db, roundId, questionId);
  if (!q) return false;
  const neighbour = db
    .select({ id: questions.id, position: questions.position })
    .from(questions)
    .where(and(eq(questions.roundId, roundId), direction === "up" ? lt(questions.position, q.position) : gt(questions.position, q.position)))
    .orderBy(direction === "up" ? desc(questions.position) : asc(questions.position))
    .limit(1)
    .get();
  if (!neighbour) return false;
  db.update(questions).set({ position: neighbour.position }).where(eq(questions.id, q.id)).run();
  db.update(questions).set({ position: q.position }).where(eq(questions.id, neighbour.id)).run();
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
export function listOutcomesForBuilder(db: DB, consultationId: number): OutcomeForBuilder[] {
  const rows = db
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
    .orderBy(sql`coalesce(${outcomeDomains.position}, 1e9)`, asc(candidateOutcomes.position), asc(candidateOutcomes.code))
    .all();
  const texts = db
    .select({ outcomeId: candidateOutcomeTranslations.outcomeId, locale: candidateOutcomeTranslations.locale, statement: candidateOutcomeTranslations.statement })
    .from(candidateOutcomeTranslations)
    .innerJoin(candidateOutcomes, eq(candidateOutcomes.id, candidateOutcomeTranslations.outcomeId))
    .where(eq(candidateOutcomes.consultationId, consultationId))
    .all();
  return rows.map((r) => ({ ...r, statements: Object.fromEntries(texts.filter((t) => t.outcomeId === r.id).map((t) => [t.locale, t.statement])) }));
}
