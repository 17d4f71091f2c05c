import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { consultations, publicationDrafts, publicationImages, publicationTexts, publicationVersions } from "../../db/tables";
import { rows, type DB } from "../db.server";

export async function findDraft(db: DB, consultationId: number) {
  const [row] = await db.select().from(publicationDrafts).where(eq(publicationDrafts.consultationId, consultationId));
  return row as typeof row | undefined;
}

export async function upsertDraft(db: DB, values: typeof publicationDrafts.$inferInsert) {
  const { consultationId: _id, ...set } = values;
  await db.insert(publicationDrafts).values(values).onConflictDoUpdate({ target: publicationDrafts.consultationId, set });
}

export async function listTexts(db: DB, consultationId: number) {
  return await db.select().from(publicationTexts).where(eq(publicationTexts.consultationId, consultationId));
}

export async function upsertText(db: DB, values: typeof publicationTexts.$inferInsert) {
  const { consultationId: _id, locale: _l, ...set } = values;
  await db
    .insert(publicationTexts)
    .values(values)
    .onConflictDoUpdate({ target: [publicationTexts.consultationId, publicationTexts.locale], set });
}

/** The current picture per Easy Read point. */
export async function currentImages(db: DB, consultationId: number): Promise<Record<string, number>> {
  const rows = await db
    .select({ id: publicationImages.id, point: publicationImages.point })
    .from(publicationImages)
    .where(and(eq(publicationImages.consultationId, consultationId), isNull(publicationImages.replacedAt)));
  return Object.fromEntries(rows.map((r) => [r.point, r.id]));
}

export async function replaceImages(db: DB, consultationId: number, point: string, now: Date) {
  await db
    .update(publicationImages)
    .set({ replacedAt: now })
    .where(and(eq(publicationImages.consultationId, consultationId), eq(publicationImages.point, point), isNull(publicationImages.replacedAt)));
}

export async function insertImage(db: DB, values: typeof publicationImages.$inferInsert): Promise<number> {
  const [row] = await db.insert(publicationImages).values(values).returning({ id: publicationImages.id });
  return row!.id;
}

export async function findImage(db: DB, id: number, consultationId: number) {
  const [row] = await db
    .select({ id: publicationImages.id, mime: publicationImages.mime, data: publicationImages.data, sha256: publicationImages.sha256 })
    .from(publicationImages)
    .where(and(eq(publicationImages.id, id), eq(publicationImages.consultationId, consultationId)));
  return row as typeof row | undefined;
}

export async function listVersions(db: DB, consultationId: number) {
  return await db
    .select({
      version: publicationVersions.version,
      changeNote: publicationVersions.changeNote,
      changeNoteLang: publicationVersions.changeNoteLang,
      publishedAt: publicationVersions.publishedAt,
      withdrawnAt: publicationVersions.withdrawnAt,
    })
    .from(publicationVersions)
    .where(eq(publicationVersions.consultationId, consultationId))
    .orderBy(desc(publicationVersions.version));
}

export async function findVersion(db: DB, consultationId: number, version: number) {
  const [row] = await db
    .select()
    .from(publicationVersions)
    .where(and(eq(publicationVersions.consultationId, consultationId), eq(publicationVersions.version, version)));
  return row as typeof row | undefined;
}

export async function insertVersion(db: DB, values: Omit<typeof publicationVersions.$inferInsert, "version">): Promise<number> {
  const [max] = await db
    .select({ v: sql<number>`max(${publicationVersions.version})` })
    .from(publicationVersions)
    .where(eq(publicationVersions.consultationId, values.consultationId));
  const next = (max?.v ?? 0) + 1;
  await db.insert(publicationVersions).values({ ...values, version: next });
  return next;
}

export async function withdrawVersion(db: DB, consultationId: number, version: number, now: Date) {
  await db
    .update(publicationVersions)
    .set({ withdrawnAt: now })
    .where(and(eq(publicationVersions.consultationId, consultationId), eq(publicationVersions.version, version)));
}

export async function setConsultationStatus(db: DB, consultationId: number, status: "closed" | "published", now: Date) {
  await db.update(consultations).set({ status, updatedAt: now }).where(eq(consultations.id, consultationId));
}

/** Latest published (not withdrawn) version number per consultation. */
export async function latestPublishedVersions(db: DB, consultationIds: number[]): Promise<Map<number, { version: number; publishedAt: Date }>> {
  if (consultationIds.length === 0) return new Map();
  const rows = await db
    .select({
      consultationId: publicationVersions.consultationId,
      version: sql<number>`max(${publicationVersions.version})`,
      publishedAt: sql<Date>`max(${publicationVersions.publishedAt})`.mapWith(publicationVersions.publishedAt),
    })
    .from(publicationVersions)
    .where(and(inArray(publicationVersions.consultationId, consultationIds), isNull(publicationVersions.withdrawnAt)))
    .groupBy(publicationVersions.consultationId);
  return new Map(rows.map((r) => [r.consultationId, { version: r.version, publishedAt: new Date(r.publishedAt) }]));
}

/** People who answered any of the rounds (each counted once), by stakeholder group and by locality. */
export async function participationCountsAcrossRounds(
  db: DB,
  roundIds: readonly number[],
): Promise<{ byGroup: Record<string, number>; byLocality: Record<string, number> }> {
  if (roundIds.length === 0) return { byGroup: {}, byLocality: {} };
  const found = await rows<{ grp: string; locality: string; n: number }>(
    db,
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
  for (const r of found) {
    byGroup[r.grp] = (byGroup[r.grp] ?? 0) + r.n;
    byLocality[r.locality] = (byLocality[r.locality] ?? 0) + r.n;
  }
  return { byGroup, byLocality };
}

/** A consultation's title in every locale it has. */
export async function consultationTitles(db: DB, consultationId: number): Promise<Record<string, string>> {
  const found = await rows<{ locale: string; title: string }>(
    db,
    sql`SELECT locale, title FROM consultation_translations WHERE consultation_id = ${consultationId}`,
  );
  return Object.fromEntries(found.map((r) => [r.locale, r.title]));
}

export async function contactEmailOf(db: DB, consultationId: number): Promise<string | null> {
  const [row] = await db.select({ email: consultations.contactEmail }).from(consultations).where(eq(consultations.id, consultationId));
  return row?.email ?? null;
}
