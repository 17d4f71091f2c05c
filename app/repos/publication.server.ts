import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { consultations, publicationDrafts, publicationImages, publicationTexts, publicationVersions } from "../../db/schema";
import type { DB } from "../db.server";

export function findDraft(db: DB, consultationId: number) {
  return db.select().from(publicationDrafts).where(eq(publicationDrafts.consultationId, consultationId)).get();
}

export function upsertDraft(db: DB, values: typeof publicationDrafts.$inferInsert) {
  const { consultationId: _id, ...set } = values;
  db.insert(publicationDrafts).values(values).onConflictDoUpdate({ target: publicationDrafts.consultationId, set }).run();
}

export function listTexts(db: DB, consultationId: number) {
  return db.select().from(publicationTexts).where(eq(publicationTexts.consultationId, consultationId)).all();
}

export function upsertText(db: DB, values: typeof publicationTexts.$inferInsert) {
  const { consultationId: _id, locale: _l, ...set } = values;
  db.insert(publicationTexts)
    .values(values)
    .onConflictDoUpdate({ target: [publicationTexts.consultationId, publicationTexts.locale], set })
    .run();
}

/** The current picture per Easy Read point. */
export function currentImages(db: DB, consultationId: number): Record<string, number> {
  const rows = db
    .select({ id: publicationImages.id, point: publicationImages.point })
    .from(publicationImages)
    .where(and(eq(publicationImages.consultationId, consultationId), isNull(publicationImages.replacedAt)))
    .all();
  return Object.fromEntries(rows.map((r) => [r.point, r.id]));
}

export function replaceImages(db: DB, consultationId: number, point: string, now: Date) {
  db.update(publicationImages)
    .set({ replacedAt: now })
    .where(and(eq(publicationImages.consultationId, consultationId), eq(publicationImages.point, point), isNull(publicationImages.replacedAt)))
    .run();
}

export function insertImage(db: DB, values: typeof publicationImages.$inferInsert): number {
  return db.insert(publicationImages).values(values).returning({ id: publicationImages.id }).get().id;
}

export function findImage(db: DB, id: number, consultationId: number) {
  return db
    .select({ id: publicationImages.id, mime: publicationImages.mime, data: publicationImages.data, sha256: publicationImages.sha256 })
    .from(publicationImages)
    .where(and(eq(publicationImages.id, id), eq(publicationImages.consultationId, consultationId)))
    .get();
}

export function listVersions(db: DB, consultationId: number) {
  return db
    .select({
      version: publicationVersions.version,
      changeNote: publicationVersions.changeNote,
      changeNoteLang: publicationVersions.changeNoteLang,
      publishedAt: publicationVersions.publishedAt,
      withdrawnAt: publicationVersions.withdrawnAt,
    })
    .from(publicationVersions)
    .where(eq(publicationVersions.consultationId, consultationId))
    .orderBy(desc(publicationVersions.version))
    .all();
}

export function findVersion(db: DB, consultationId: number, version: number) {
  return db
    .select()
    .from(publicationVersions)
    .where(and(eq(publicationVersions.consultationId, consultationId), eq(publicationVersions.version, version)))
    .get();
}

export function insertVersion(db: DB, values: Omit<typeof publicationVersions.$inferInsert, "version">): number {
  const next =
    (db.select({ v: sql<number>`max(${publicationVersions.version})` }).from(publicationVersions).where(eq(publicationVersions.consultationId, values.consultationId)).get()?.v ?? 0) + 1;
  db.insert(publicationVersions).values({ ...values, version: next }).run();
  return next;
}

export function withdrawVersion(db: DB, consultationId: number, version: number, now: Date) {
  db.update(publicationVersions)
    .set({ withdrawnAt: now })
    .where(and(eq(publicationVersions.consultationId, consultationId), eq(publicationVersions.version, version)))
    .run();
}

export function setConsultationStatus(db: DB, consultationId: number, status: "closed" | "published", now: Date) {
  db.update(consultations).set({ status, updatedAt: now }).where(eq(consultations.id, consultationId)).run();
}

/** Latest published (not withdrawn) version number per consultation. */
export function latestPublishedVersions(db: DB, consultationIds: number[]): Map<number, { version: number; publishedAt: Date }> {
  if (consultationIds.length === 0) return new Map();
  const rows = db
    .select({ consultationId: publicationVersions.consultationId, version: sql<number>`max(${publicationVersions.version})`, publishedAt: sql<number>`max(${publicationVersions.publishedAt})` })
    .from(publicationVersions)
    .where(and(inArray(publicationVersions.consultationId, consultationIds), isNull(publicationVersions.withdrawnAt)))
    .groupBy(publicationVersions.consultationId)
    .all();
  return new Map(rows.map((r) => [r.consultationId, { version: r.version, publishedAt: new Date(r.publishedAt) }]));
}

/** People who answered any of the rounds (each counted once), by stakeholder group and by locality. */
export function participationCountsAcrossRounds(db: DB, roundIds: readonly number[]): { byGroup: Record<string, number>; byLocality: Record<string, number> } {
  if (roundIds.length === 0) return { byGroup: {}, byLocality: {} };
  const rows = db.all<{ grp: string; locality: string; n: number }>(
    sql`SELECT coalesce(pp.stakeholder_group, 'not-stated') AS grp, coalesce(pp.locality, 'not-stated') AS locality, count(DISTINCT r.participant_id) AS n
          FROM responses r LEFT JOIN participant_profiles pp ON pp.participant_id = r.participant_id
         WHERE r.round_id IN (${sql.join(
           roundIds.map((id) => sql`${id}`),
           sql`, `,
         )})
         GROUP BY 1, 2`,
  );
  const byGroup: Record<string, number> = {};
  const byLocality: Record<string, number> = {};
  for (const r of rows) {
    byGroup[r.grp] = (byGroup[r.grp] ?? 0) + r.n;
    byLocality[r.locality] = (byLocality[r.locality] ?? 0) + r.n;
  }
  return { byGroup, byLocality };
}

/** A consultation's title in every locale it has. */
export function consultationTitles(db: DB, consultationId: number): Record<string, string> {
  const rows = db.all<{ locale: string; title: string }>(
    sql`SELECT locale, title FROM consultation_translations WHERE consultation_id = ${consultationId}`,
  );
  return Object.fromEntries(rows.map((r) => [r.locale, r.title]));
}

export function contactEmailOf(db: DB, consultationId: number): string | null {
  return db.select({ email: consultations.contactEmail }).from(consultations).where(eq(consultations.id, consultationId)).get()?.email ?? null;
}
