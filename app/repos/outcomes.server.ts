import { and, eq, ne, sql } from "drizzle-orm";
import {
  candidateOutcomes,
  candidateOutcomeTranslations,
  outcomeDomains,
  outcomeDomainTranslations,
  questions,
  questionTranslations,
  ratingWordings,
  rounds,
  surveys,
} from "../../db/schema";
import type { DB } from "../db.server";
import type { OutcomeStatus } from "../domain/outcome-form";

export interface LibraryOutcome {
  code: string;
  domain: string;
  statement: string;
  description: string;
  source: string;
  status: OutcomeStatus;
}

/** The library in `locale`, English where a translation is missing, domains in order. */
export function listLibrary(db: DB, consultationId: number, locale: string): LibraryOutcome[] {
  return db.all<LibraryOutcome>(sql`
    SELECT co.code AS code,
           coalesce(dl.name, de.name, '') AS domain,
           coalesce(ol.statement, oe.statement, '') AS statement,
           coalesce(ol.description, oe.description, '') AS description,
           co.source AS source, co.status AS status
      FROM ${candidateOutcomes} co
      LEFT JOIN ${outcomeDomains} d ON d.id = co.domain_id
      LEFT JOIN ${outcomeDomainTranslations} dl ON dl.domain_id = d.id AND dl.locale = ${locale}
      LEFT JOIN ${outcomeDomainTranslations} de ON de.domain_id = d.id AND de.locale = 'en'
      LEFT JOIN ${candidateOutcomeTranslations} ol ON ol.outcome_id = co.id AND ol.locale = ${locale}
      LEFT JOIN ${candidateOutcomeTranslations} oe ON oe.outcome_id = co.id AND oe.locale = 'en'
     WHERE co.consultation_id = ${consultationId}
     ORDER BY coalesce(d.position, 1e9), co.position, co.code`);
}

/** The domain with this English name, created (at the end) when new. */
export function ensureDomain(db: DB, consultationId: number, name: string, code: string): number {
  const existing = db
    .select({ id: outcomeDomains.id })
    .from(outcomeDomains)
    .innerJoin(outcomeDomainTranslations, and(eq(outcomeDomainTranslations.domainId, outcomeDomains.id), eq(outcomeDomainTranslations.locale, "en")))
    .where(and(eq(outcomeDomains.consultationId, consultationId), sql`lower(${outcomeDomainTranslations.name}) = lower(${name})`))
    .get();
  if (existing) return existing.id;
  const position = db.select({ n: sql<number>`count(*)` }).from(outcomeDomains).where(eq(outcomeDomains.consultationId, consultationId)).get()?.n ?? 0;
  let unique = code;
  for (let k = 2; db.select({ id: outcomeDomains.id }).from(outcomeDomains).where(and(eq(outcomeDomains.consultationId, consultationId), eq(outcomeDomains.code, unique))).get(); k++) unique = `${code}-${k}`;
  const id = db.insert(outcomeDomains).values({ consultationId, code: unique, position }).returning({ id: outcomeDomains.id }).get().id;
  db.insert(outcomeDomainTranslations).values({ domainId: id, locale: "en", name }).run();
  return id;
}

/** Creates the outcome or updates its domain and English text; returns whether it was new. */
export function upsertOutcome(
  db: DB,
  consultationId: number,
  values: { code: string; domainId: number; statement: string; description: string; source: string; position: number },
): "created" | "updated" {
  const existing = db
    .select({ id: candidateOutcomes.id })
    .from(candidateOutcomes)
    .where(and(eq(candidateOutcomes.consultationId, consultationId), eq(candidateOutcomes.code, values.code)))
    .get();
  if (existing) {
    db.update(candidateOutcomes).set({ domainId: values.domainId, ...(values.source ? { source: values.source } : {}) }).where(eq(candidateOutcomes.id, existing.id)).run();
    db.insert(candidateOutcomeTranslations)
      .values({ outcomeId: existing.id, locale: "en", statement: values.statement, description: values.description })
      .onConflictDoUpdate({ target: [candidateOutcomeTranslations.outcomeId, candidateOutcomeTranslations.locale], set: { statement: values.statement, description: values.description } })
      .run();
    return "updated";
  }
  const id = db
    .insert(candidateOutcomes)
    .values({ consultationId, domainId: values.domainId, code: values.code, source: values.source, position: values.position })
    .returning({ id: candidateOutcomes.id })
    .get().id;
  db.insert(candidateOutcomeTranslations).values({ outcomeId: id, locale: "en", statement: values.statement, description: values.description }).run();
  return "created";
}

export function countOutcomes(db: DB, consultationId: number): number {
  return db.select({ n: sql<number>`count(*)` }).from(candidateOutcomes).where(eq(candidateOutcomes.consultationId, consultationId)).get()?.n ?? 0;
}


export interface OutcomeRow {
  id: number;
  code: string;
  status: OutcomeStatus;
  source: string;
  domainId: number | null;
}

export function findOutcomeByCode(db: DB, consultationId: number, code: string): OutcomeRow | undefined {
  return db
    .select({ id: candidateOutcomes.id, code: candidateOutcomes.code, status: candidateOutcomes.status, source: candidateOutcomes.source, domainId: candidateOutcomes.domainId })
    .from(candidateOutcomes)
    .where(and(eq(candidateOutcomes.consultationId, consultationId), eq(candidateOutcomes.code, code)))
    .get();
}

/** Whether another outcome of the consultation has this code (codes are compared without case, as the import does). */
export function codeTaken(db: DB, consultationId: number, code: string, exceptId: number | null): boolean {
  return Boolean(
    db
      .select({ id: candidateOutcomes.id })
      .from(candidateOutcomes)
      .where(and(eq(candidateOutcomes.consultationId, consultationId), sql`lower(${candidateOutcomes.code}) = lower(${code})`, exceptId === null ? sql`1` : ne(candidateOutcomes.id, exceptId)))
      .get(),
  );
}

export function insertOutcome(db: DB, consultationId: number, values: { code: string; domainId: number; source: string; position: number }): number {
  return db.insert(candidateOutcomes).values({ consultationId, ...values }).returning({ id: candidateOutcomes.id }).get().id;
}

export function updateOutcomeRow(db: DB, consultationId: number, id: number, values: Partial<{ code: string; domainId: number; source: string; status: OutcomeStatus }>) {
  db.update(candidateOutcomes).set(values).where(and(eq(candidateOutcomes.consultationId, consultationId), eq(candidateOutcomes.id, id))).run();
}

/** The outcome's text in `locale`; a blank statement removes that translation. */
export function setOutcomeText(db: DB, outcomeId: number, locale: string, statement: string, description: string) {
  if (!statement) {
    db.delete(candidateOutcomeTranslations).where(and(eq(candidateOutcomeTranslations.outcomeId, outcomeId), eq(candidateOutcomeTranslations.locale, locale))).run();
    return;
  }
  db.insert(candidateOutcomeTranslations)
    .values({ outcomeId, locale, statement, description })
    .onConflictDoUpdate({ target: [candidateOutcomeTranslations.outcomeId, candidateOutcomeTranslations.locale], set: { statement, description } })
    .run();
}

/** Every statement and description of the consultation's outcomes, in every language. */
export function listOutcomeTexts(db: DB, consultationId: number) {
  return db
    .select({ outcomeId: candidateOutcomeTranslations.outcomeId, locale: candidateOutcomeTranslations.locale, statement: candidateOutcomeTranslations.statement, description: candidateOutcomeTranslations.description })
    .from(candidateOutcomeTranslations)
    .innerJoin(candidateOutcomes, eq(candidateOutcomes.id, candidateOutcomeTranslations.outcomeId))
    .where(eq(candidateOutcomes.consultationId, consultationId))
    .all();
}

/** The consultation's domains in order, with their names in every language. */
export function listDomainsWithNames(db: DB, consultationId: number) {
  const domains = db.select({ id: outcomeDomains.id, code: outcomeDomains.code }).from(outcomeDomains).where(eq(outcomeDomains.consultationId, consultationId)).orderBy(outcomeDomains.position, outcomeDomains.id).all();
  const names = db
    .select({ domainId: outcomeDomainTranslations.domainId, locale: outcomeDomainTranslations.locale, name: outcomeDomainTranslations.name })
    .from(outcomeDomainTranslations)
    .innerJoin(outcomeDomains, eq(outcomeDomains.id, outcomeDomainTranslations.domainId))
    .where(eq(outcomeDomains.consultationId, consultationId))
    .all();
  return domains.map((d) => ({ ...d, names: Object.fromEntries(names.filter((n) => n.domainId === d.id).map((n) => [n.locale, n.name])) as Record<string, string> }));
}

/** A domain's name in `locale` (never English, which names it); blank removes the translation. */
export function setDomainName(db: DB, domainId: number, locale: string, name: string) {
  if (!name) {
    db.delete(outcomeDomainTranslations).where(and(eq(outcomeDomainTranslations.domainId, domainId), eq(outcomeDomainTranslations.locale, locale))).run();
    return;
  }
  db.insert(outcomeDomainTranslations)
    .values({ domainId, locale, name })
    .onConflictDoUpdate({ target: [outcomeDomainTranslations.domainId, outcomeDomainTranslations.locale], set: { name } })
    .run();
}

export function listRatingWordings(db: DB, consultationId: number) {
  return db.select({ locale: ratingWordings.locale, text: ratingWordings.text, hint: ratingWordings.hint }).from(ratingWordings).where(eq(ratingWordings.consultationId, consultationId)).all();
}

/** The consultation's own rating question wording in `locale`; blank text goes back to the standard wording. */
export function setRatingWording(db: DB, consultationId: number, locale: string, text: string, hint: string) {
  if (!text) {
    db.delete(ratingWordings).where(and(eq(ratingWordings.consultationId, consultationId), eq(ratingWordings.locale, locale))).run();
    return;
  }
  db.insert(ratingWordings)
    .values({ consultationId, locale, text, hint })
    .onConflictDoUpdate({ target: [ratingWordings.consultationId, ratingWordings.locale], set: { text, hint } })
    .run();
}

/** Every rating question of the consultation (all rounds), with its round and its text in `locale` (null when it has none). */
export function listRatingQuestions(db: DB, consultationId: number, locale: string) {
  return db.all<{ questionId: number; outcomeId: number; roundId: number; roundNumber: number; text: string | null; hint: string | null }>(sql`
    SELECT q.id AS questionId, q.outcome_id AS outcomeId, r.id AS roundId, r.number AS roundNumber, qt.text AS text, qt.hint AS hint
      FROM ${questions} q
      JOIN ${rounds} r ON r.id = q.round_id
      JOIN ${surveys} s ON s.id = r.survey_id
      LEFT JOIN ${questionTranslations} qt ON qt.question_id = q.id AND qt.locale = ${locale}
     WHERE s.consultation_id = ${consultationId} AND q.type = 'rating' AND q.outcome_id IS NOT NULL
     ORDER BY r.number, q.position`);
}

/** Sets one language of a question (a rating question's text and hint; it has no choices). */
export function setQuestionText(db: DB, questionId: number, locale: string, text: string, hint: string) {
  db.insert(questionTranslations)
    .values({ questionId, locale, text, hint, options: {} })
    .onConflictDoUpdate({ target: [questionTranslations.questionId, questionTranslations.locale], set: { text, hint } })
    .run();
}

export function removeQuestionText(db: DB, questionId: number, locale: string) {
  db.delete(questionTranslations).where(and(eq(questionTranslations.questionId, questionId), eq(questionTranslations.locale, locale))).run();
}
