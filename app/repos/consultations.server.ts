import { eq, inArray, sql } from "drizzle-orm";
import { consultations, consultationTranslations, partnerships } from "../../db/tables";
import type { DB } from "../db.server";

/**
 * Consultation rows with their text in `locale`, falling back to English
 * where a translation is missing (the `lang` column says which was used).
 */
function withText(db: DB, locale: string) {
  const local = sql`(SELECT ${consultationTranslations.title} FROM ${consultationTranslations} WHERE ${consultationTranslations.consultationId} = ${consultations.id} AND ${consultationTranslations.locale} = ${locale})`;
  const en = sql`(SELECT ${consultationTranslations.title} FROM ${consultationTranslations} WHERE ${consultationTranslations.consultationId} = ${consultations.id} AND ${consultationTranslations.locale} = 'en')`;
  const localSummary = sql`(SELECT ${consultationTranslations.summary} FROM ${consultationTranslations} WHERE ${consultationTranslations.consultationId} = ${consultations.id} AND ${consultationTranslations.locale} = ${locale})`;
  const enSummary = sql`(SELECT ${consultationTranslations.summary} FROM ${consultationTranslations} WHERE ${consultationTranslations.consultationId} = ${consultations.id} AND ${consultationTranslations.locale} = 'en')`;
  return db
    .select({
      id: consultations.id,
      slug: consultations.slug,
      status: consultations.status,
      opensAt: consultations.opensAt,
      closesAt: consultations.closesAt,
      partnershipId: consultations.partnershipId,
      partnershipName: partnerships.name,
      partnershipSlug: partnerships.slug,
      title: sql<string>`coalesce(${local}, ${en}, '')`,
      summary: sql<string>`coalesce(${localSummary}, ${enSummary}, '')`,
      lang: sql<string>`CASE WHEN ${local} IS NOT NULL THEN cast(${locale} AS text) ELSE 'en' END`,
    })
    .from(consultations)
    .innerJoin(partnerships, eq(partnerships.id, consultations.partnershipId));
}

/** What anyone may see: consultations that are open, closed or published. */
export async function listPublicConsultations(db: DB, locale: string) {
  return await withText(db, locale)
    .where(inArray(consultations.status, ["open", "closed", "published"]))
    // No closing date first, as SQLite orders NULLs (PostgreSQL would put them last); ties in the order they were made.
    .orderBy(sql`${consultations.closesAt} asc nulls first`, consultations.id);
}

export async function listConsultationsForPartnerships(db: DB, partnershipIds: number[], locale: string) {
  if (partnershipIds.length === 0) return [];
  return await withText(db, locale)
    .where(inArray(consultations.partnershipId, partnershipIds))
    // Ties (PostgreSQL stamps rows made in one transaction with one instant) in the order they were made.
    .orderBy(partnerships.name, consultations.createdAt, consultations.id);
}

export async function findConsultationBySlug(db: DB, slug: string, locale: string) {
  const [row] = await withText(db, locale).where(eq(consultations.slug, slug));
  return row;
}

/** The partnership of each consultation named (for the mail capture's scoping). */
export async function findConsultationPartnerships(db: DB, consultationIds: number[]): Promise<Map<number, number>> {
  if (consultationIds.length === 0) return new Map();
  return new Map(
    (
      await db
        .select({ id: consultations.id, partnershipId: consultations.partnershipId })
        .from(consultations)
        .where(inArray(consultations.id, consultationIds))
    ).map((r) => [r.id, r.partnershipId]),
  );
}
