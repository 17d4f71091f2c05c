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
} from "../../db/tables";
import { rows, type DB } from "../db.server";
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
export async function listLibrary(db: DB, consultationId: number, locale: string): Promise<LibraryOutcome[]> {
  return await rows<LibraryOutcome>(
    db,
    sql`
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
     ORDER BY coalesce(d.position, 1e9), co.position, co.code`,
  );
}

/** The domain with this English name, created (at the end) when new. */
export async function ensureDomain(db: DB, consultationId: number, name: string, code: string): Promise<number> {
  const [existing] = await db
    .select({ id: outcomeDomains.id })
    .from(outcomeDomains)
    .innerJoin(outcomeDomainTranslations, and(eq(outcomeDomainTranslations.domainId, outcomeDomains.id), eq(outcomeDomainTranslations.locale, "en")))
    .where(and(eq(outcomeDomains.consultationId, consultationId), sql`lower(${outcomeDomainTranslations.name}) = lower(${name})`))
    .limit(1);
  if (existing) return existing.id;
  const position =
    (
      await db
        .select({ n: sql<number>`count(*)` })
        .from(outcomeDomains)
        .where(eq(outcomeDomains.consultationId, consultationId))
    )[0]?.n ?? 0;
  let unique = code;
  for (
    let k = 2;
    (
      await db
        .select({ id: outcomeDomains.id })
        .from(outcomeDomains)
        .where(and(eq(outcomeDomains.consultationId, consultationId), eq(outcomeDomains.code, unique)))
    )[0];
    k++
  )
    unique = `${code}-${k}`;
  const [inserted] = await db.insert(outcomeDomains).values({ consultationId, code: unique, position }).returning({ id: outcomeDomains.id });
  const id = inserted.id;
  await db.insert(outcomeDomainTranslations).values({ domainId: id, locale: "en", name });
  return id;
}

/** Creates the outcome or updates its domain and English text; returns whether it was new. */
export async function upsertOutcome(
  db: DB,
  consultationId: number,
  values: { code: string; domainId: number; statement: string; description: string; source: string; position: number },
): Promise<"created" | "updated"> {
  const [existing] = await db
    .select({ id: candidateOutcomes.id })
    .from(candidateOutcomes)
    .where(and(eq(candidateOutcomes.consultationId, consultationId), eq(candidateOutcomes.code, values.code)));
  if (existing) {
    await db
      .update(candidateOutcomes)
      .set({ domainId: values.domainId, ...(values.source ? { source: values.source } : {}) })
      .where(eq(candidateOutcomes.id, existing.id));
    await db
      .insert(candidateOutcomeTranslations)
      .values({ outcomeId: existing.id, locale: "en", statement: values.statement, description: values.description })
      .onConflictDoUpdate({
        target: [candidateOutcomeTranslations.outcomeId, candidateOutcomeTranslations.locale],
        set: { statement: values.statement, description: values.description },
      });
    return "updated";
  }
  const [inserted] = await db
    .insert(candidateOutcomes)
    .values({ consultationId, domainId: values.domainId, code: values.code, source: values.source, position: values.position })
    .returning({ id: candidateOutcomes.id });
  const id = inserted.id;
  await db.insert(candidateOutcomeTranslations).values({ outcomeId: id, locale: "en", statement: values.statement, description: values.description });
  return "created";
}

export async function countOutcomes(db: DB, consultationId: number): Promise<number> {
  return (
    (
      await db
        .select({ n: sql<number>`count(*)` })
        .from(candidateOutcomes)
        .where(eq(candidateOutcomes.consultationId, consultationId))
    )[0]?.n ?? 0
  );
}

export interface OutcomeRow {
  id: number;
  code: string;
  status: OutcomeStatus;
  source: string;
  domainId: number | null;
}

export async function findOutcomeByCode(db: DB, consultationId: number, code: string): Promise<OutcomeRow | undefined> {
  const [row] = await db
    .select({
      id: candidateOutcomes.id,
      code: candidateOutcomes.code,
      status: candidateOutcomes.status,
      source: candidateOutcomes.source,
      domainId: candidateOutcomes.domainId,
    })
    .from(candidateOutcomes)
    .where(and(eq(candidateOutcomes.consultationId, consultationId), eq(candidateOutcomes.code, code)));
  return row;
}

/** Whether another outcome of the consultation has this code (codes are compared without case, as the import does). */
export async function codeTaken(db: DB, consultationId: number, code: string, exceptId: number | null): Promise<boolean> {
  const [row] = await db
    .select({ id: candidateOutcomes.id })
    .from(candidateOutcomes)
    .where(
      and(
        eq(candidateOutcomes.consultationId, consultationId),
        sql`lower(${candidateOutcomes.code}) = lower(${code})`,
        exceptId === null ? undefined : ne(candidateOutcomes.id, exceptId),
      ),
    )
    .limit(1);
  return Boolean(row);
}

export async function insertOutcome(
  db: DB,
  consultationId: number,
  values: { code: string; domainId: number; source: string; position: number },
): Promise<number> {
  const [row] = await db
    .insert(candidateOutcomes)
    .values({ consultationId, ...values })
    .returning({ id: candidateOutcomes.id });
  return row.id;
}

export async function updateOutcomeRow(
  db: DB,
  consultationId: number,
  id: number,
  values: Partial<{ code: string; domainId: number; source: string; status: OutcomeStatus }>,
): Promise<void> {
  await db
    .update(candidateOutcomes)
    .set(values)
    .where(and(eq(candidateOutcomes.consultationId, consultationId), eq(candidateOutcomes.id, id)));
}

/** The outcome's text in `locale`; a blank statement removes that translation. */
export async function setOutcomeText(db: DB, outcomeId: number, locale: string, statement: string, description: string): Promise<void> {
  if (!statement) {
    await db
      .delete(candidateOutcomeTranslations)
      .where(and(eq(candidateOutcomeTranslations.outcomeId, outcomeId), eq(candidateOutcomeTranslations.locale, locale)));
    return;
  }
  await db
    .insert(candidateOutcomeTranslations)
    .values({ outcomeId, locale, statement, description })
    .onConflictDoUpdate({ target: [candidateOutcomeTranslations.outcomeId, candidateOutcomeTranslations.locale], set: { statement, description } });
}

/** Every statement and description of the consultation's outcomes, in every language. */
export async function listOutcomeTexts(db: DB, consultationId: number) {
  return await db
    .select({
      outcomeId: candidateOutcomeTranslations.outcomeId,
      locale: candidateOutcomeTranslations.locale,
      statement: candidateOutcomeTranslations.statement,
      description: candidateOutcomeTranslations.description,
    })
    .from(candidateOutcomeTranslations)
    .innerJoin(candidateOutcomes, eq(candidateOutcomes.id, candidateOutcomeTranslations.outcomeId))
    .where(eq(candidateOutcomes.consultationId, consultationId));
}

/** The consultation's domains in order, with their names in every language. */
export async function listDomainsWithNames(db: DB, consultationId: number) {
  const domains = await db
    .select({ id: outcomeDomains.id, code: outcomeDomains.code })
    .from(outcomeDomains)
    .where(eq(outcomeDomains.consultationId, consultationId))
    .orderBy(outcomeDomains.position, outcomeDomains.id);
  const names = await db
    .select({ domainId: outcomeDomainTranslations.domainId, locale: outcomeDomainTranslations.locale, name: outcomeDomainTranslations.name })
    .from(outcomeDomainTranslations)
    .innerJoin(outcomeDomains, eq(outcomeDomains.id, outcomeDomainTranslations.domainId))
    .where(eq(outcomeDomains.consultationId, consultationId));
  return domains.map((d) => ({
    ...d,
    names: Object.fromEntries(names.filter((n) => n.domainId === d.id).map((n) => [n.locale, n.name])) as Record<string, string>,
  }));
}

/** A domain's name in `locale` (never English, which names it); blank removes the translation. */
export async function setDomainName(db: DB, domainId: number, locale: string, name: string): Promise<void> {
  if (!name) {
    await db.delete(outcomeDomainTranslations).where(and(eq(outcomeDomainTranslations.domainId, domainId), eq(outcomeDomainTranslations.locale, locale)));
    return;
  }
  await db
    .insert(outcomeDomainTranslations)
    .values({ domainId, locale, name })
    .onConflictDoUpdate({ target: [outcomeDomainTranslations.domainId, outcomeDomainTranslations.locale], set: { name } });
}

export async function listRatingWordings(db: DB, consultationId: number) {
  return await db
    .select({ locale: ratingWordings.locale, text: ratingWordings.text, hint: ratingWordings.hint })
    .from(ratingWordings)
    .where(eq(ratingWordings.consultationId, consultationId));
}

/** The consultation's own rating question wording in `locale`; blank text goes back to the standard wording. */
export async function setRatingWording(db: DB, consultationId: number, locale: string, text: string, hint: string): Promise<void> {
  if (!text) {
    await db.delete(ratingWordings).where(and(eq(ratingWordings.consultationId, consultationId), eq(ratingWordings.locale, locale)));
    return;
  }
  await db
    .insert(ratingWordings)
    .values({ consultationId, locale, text, hint })
    .onConflictDoUpdate({ target: [ratingWordings.consultationId, ratingWordings.locale], set: { text, hint } });
}

/** Every rating question of the consultation (all rounds), with its round and its text in `locale` (null when it has none). */
export async function listRatingQuestions(db: DB, consultationId: number, locale: string) {
  return await rows<{ questionId: number; outcomeId: number; roundId: number; roundNumber: number; text: string | null; hint: string | null }>(
    db,
    sql`
    SELECT q.id AS "questionId", q.outcome_id AS "outcomeId", r.id AS "roundId", r.number AS "roundNumber", qt.text AS text, qt.hint AS hint
      FROM ${questions} q
      JOIN ${rounds} r ON r.id = q.round_id
      JOIN ${surveys} s ON s.id = r.survey_id
      LEFT JOIN ${questionTranslations} qt ON qt.question_id = q.id AND qt.locale = ${locale}
     WHERE s.consultation_id = ${consultationId} AND q.type = 'rating' AND q.outcome_id IS NOT NULL
     ORDER BY r.number, q.position`,
  );
}

/** Sets one language of a question (a rating question's text and hint; it has no choices). */
export async function setQuestionText(db: DB, questionId: number, locale: string, text: string, hint: string): Promise<void> {
  await db
    .insert(questionTranslations)
    .values({ questionId, locale, text, hint, options: {} })
    .onConflictDoUpdate({ target: [questionTranslations.questionId, questionTranslations.locale], set: { text, hint } });
}

export async function removeQuestionText(db: DB, questionId: number, locale: string): Promise<void> {
  await db.delete(questionTranslations).where(and(eq(questionTranslations.questionId, questionId), eq(questionTranslations.locale, locale)));
}
