/**
 * Queries for the officer's side of consultations: settings, translations,
 * lifecycle facts, participation figures and history. Ownership is checked by
 * the routes (requireConsultationRole) before any of these run.
 */
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import {
  advisoryGroupMembers,
  advisoryGroups,
  auditLog,
  candidateOutcomes,
  candidateOutcomeTranslations,
  consultations,
  consultationTranslations,
  questions,
  questionTranslations,
  responses,
  rounds,
  surveys,
  users,
} from "../../db/tables";
import { row, rows, type DB } from "../db.server";
import type { ConsultationStatus, RoundStatus } from "../domain/consultation/lifecycle";

export type ConsultationSettings = {
  audience: "public" | "group" | "both";
  opensAt: Date | null;
  closesAt: Date | null;
  contactEmail: string | null;
  advisoryGroupId: number | null;
};

export type TranslationText = { title: string; summary: string; briefing: string; privacyNotice: string };

export async function slugTaken(db: DB, slug: string): Promise<boolean> {
  const [row] = await db.select({ id: consultations.id }).from(consultations).where(eq(consultations.slug, slug));
  return Boolean(row);
}

export async function insertConsultation(
  db: DB,
  values: ConsultationSettings & { partnershipId: number; slug: string; createdBy: number; updatedAt: Date },
): Promise<number> {
  const [row] = await db
    .insert(consultations)
    .values({ ...values, status: "draft" })
    .returning({ id: consultations.id });
  return row.id;
}

export async function updateConsultationSettings(db: DB, id: number, values: ConsultationSettings & { updatedAt: Date }) {
  await db.update(consultations).set(values).where(eq(consultations.id, id));
}

export async function setConsultationStatus(db: DB, id: number, status: ConsultationStatus, updatedAt: Date) {
  await db.update(consultations).set({ status, updatedAt }).where(eq(consultations.id, id));
}

export async function findConsultationSettings(db: DB, id: number) {
  const [row] = await db
    .select({
      id: consultations.id,
      slug: consultations.slug,
      status: consultations.status,
      audience: consultations.audience,
      opensAt: consultations.opensAt,
      closesAt: consultations.closesAt,
      contactEmail: consultations.contactEmail,
      advisoryGroupId: consultations.advisoryGroupId,
      partnershipId: consultations.partnershipId,
      updatedAt: consultations.updatedAt,
    })
    .from(consultations)
    .where(eq(consultations.id, id));
  return row;
}

export async function listConsultationTranslations(db: DB, consultationId: number) {
  return await db
    .select({
      locale: consultationTranslations.locale,
      title: consultationTranslations.title,
      summary: consultationTranslations.summary,
      briefing: consultationTranslations.briefing,
      privacyNotice: consultationTranslations.privacyNotice,
    })
    .from(consultationTranslations)
    .where(eq(consultationTranslations.consultationId, consultationId))
    // The primary key's order, in which SQLite reads them.
    .orderBy(asc(consultationTranslations.locale));
}

export async function upsertConsultationTranslation(db: DB, consultationId: number, locale: string, text: TranslationText) {
  await db
    .insert(consultationTranslations)
    .values({ consultationId, locale, ...text })
    .onConflictDoUpdate({ target: [consultationTranslations.consultationId, consultationTranslations.locale], set: text });
}

export async function deleteConsultationTranslation(db: DB, consultationId: number, locale: string) {
  await db
    .delete(consultationTranslations)
    .where(and(eq(consultationTranslations.consultationId, consultationId), eq(consultationTranslations.locale, locale)));
}

export async function listAdvisoryGroupsOfPartnership(db: DB, partnershipId: number) {
  return await db
    .select({ id: advisoryGroups.id, name: advisoryGroups.name })
    .from(advisoryGroups)
    .where(eq(advisoryGroups.partnershipId, partnershipId))
    .orderBy(asc(advisoryGroups.name));
}

export async function ensureSurvey(db: DB, consultationId: number): Promise<number> {
  const [existing] = await db.select({ id: surveys.id }).from(surveys).where(eq(surveys.consultationId, consultationId));
  if (existing) return existing.id;
  const [row] = await db.insert(surveys).values({ consultationId }).returning({ id: surveys.id });
  return row.id;
}

export interface RoundOverview {
  id: number;
  number: number;
  status: RoundStatus;
  opensAt: Date | null;
  closesAt: Date | null;
  showFeedback: boolean;
  feedbackBy: "overall" | "stakeholder-group";
  allowNewParticipants: boolean;
  questionCount: number;
  responseCount: number;
}

/** Every round of the consultations given, with its question and response counts. */
export async function listRoundOverviews(db: DB, consultationIds: number[]): Promise<Array<RoundOverview & { consultationId: number }>> {
  if (consultationIds.length === 0) return [];
  return await db
    .select({
      consultationId: surveys.consultationId,
      id: rounds.id,
      number: rounds.number,
      status: rounds.status,
      opensAt: rounds.opensAt,
      closesAt: rounds.closesAt,
      showFeedback: rounds.showFeedback,
      feedbackBy: rounds.feedbackBy,
      allowNewParticipants: rounds.allowNewParticipants,
      questionCount: sql<number>`(SELECT count(*) FROM ${questions} WHERE ${questions.roundId} = ${rounds.id})`,
      responseCount: sql<number>`(SELECT count(*) FROM ${responses} WHERE ${responses.roundId} = ${rounds.id})`,
    })
    .from(rounds)
    .innerJoin(surveys, eq(surveys.id, rounds.surveyId))
    .where(inArray(surveys.consultationId, consultationIds))
    .orderBy(asc(surveys.consultationId), asc(rounds.number));
}

/**
 * Response rate per stakeholder group for one round, against the make-up of the
 * advisory group (current members). Responses from people who are not members
 * (the public link) are counted apart, by the stakeholder group they gave.
 */
export async function responseRateByGroup(db: DB, roundId: number, advisoryGroupId: number | null) {
  const members = advisoryGroupId
    ? await rows<{ group: string; n: number }>(
        db,
        sql`
        SELECT stakeholder_group AS "group", count(*) AS n FROM ${advisoryGroupMembers}
         WHERE group_id = ${advisoryGroupId} AND left_at IS NULL GROUP BY stakeholder_group`,
      )
    : [];
  const responded = advisoryGroupId
    ? await rows<{ group: string; n: number }>(
        db,
        sql`
        SELECT m.stakeholder_group AS "group", count(DISTINCT r.participant_id) AS n
          FROM responses r JOIN participants p ON p.id = r.participant_id
          JOIN advisory_group_members m ON m.id = p.member_id
         WHERE r.round_id = ${roundId} AND m.group_id = ${advisoryGroupId} AND m.left_at IS NULL
         GROUP BY m.stakeholder_group`,
      )
    : [];
  const publicResponses = await rows<{ group: string | null; n: number }>(
    db,
    sql`
      SELECT pp.stakeholder_group AS "group", count(*) AS n
        FROM responses r JOIN participants p ON p.id = r.participant_id
        LEFT JOIN participant_profiles pp ON pp.participant_id = p.id
       WHERE r.round_id = ${roundId}
         AND (p.member_id IS NULL
              OR p.member_id NOT IN (SELECT id FROM advisory_group_members WHERE group_id = ${advisoryGroupId ?? -1} AND left_at IS NULL))
       GROUP BY pp.stakeholder_group
       ORDER BY pp.stakeholder_group ASC NULLS FIRST`,
  );
  return { members, responded, publicResponses };
}

/** The consultation's lifecycle history: status changes of it and its rounds, newest first. */
export async function listLifecycleHistory(db: DB, consultationId: number, roundIds: number[]) {
  const roundFilter = roundIds.length
    ? sql`(${auditLog.entityType} = 'round' AND ${auditLog.entityId} IN (${sql.join(
        roundIds.map((id) => sql`${String(id)}`),
        sql`, `,
      )}))`
    : sql`1 = 0`;
  return await db
    .select({ at: auditLog.at, action: auditLog.action, details: auditLog.details, actor: users.displayName })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(
      and(
        inArray(auditLog.action, ["consultation.created", "consultation.status-changed", "round.status-changed", "round.created"]),
        sql`((${auditLog.entityType} = 'consultation' AND ${auditLog.entityId} = ${String(consultationId)}) OR ${roundFilter})`,
      ),
    )
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(50);
}

/**
 * For the missing-translations view, per locale: how many rating questions and other questions
 * of the consultation have text in it, and how many active candidate outcomes have a statement
 * in it; with the totals.
 */
export async function translationCounts(db: DB, consultationId: number) {
  const byLocale = await rows<{ locale: string; rating: number; other: number }>(
    db,
    sql`
    SELECT qt.locale AS locale, sum(CASE WHEN q.type = 'rating' THEN 1 ELSE 0 END) AS rating, sum(CASE WHEN q.type <> 'rating' THEN 1 ELSE 0 END) AS other FROM ${questionTranslations} qt
      JOIN ${questions} q ON q.id = qt.question_id
      JOIN ${rounds} r ON r.id = q.round_id
      JOIN ${surveys} s ON s.id = r.survey_id
     WHERE s.consultation_id = ${consultationId} AND trim(qt.text) <> ''
     GROUP BY qt.locale`,
  );
  const statements = await rows<{ locale: string; n: number }>(
    db,
    sql`
    SELECT ot.locale AS locale, count(*) AS n FROM ${candidateOutcomeTranslations} ot
      JOIN ${candidateOutcomes} o ON o.id = ot.outcome_id
     WHERE o.consultation_id = ${consultationId} AND o.status = 'active' AND trim(ot.statement) <> ''
     GROUP BY ot.locale`,
  );
  const totals = (await row<{ rating: number; other: number }>(
    db,
    sql`
    SELECT coalesce(sum(CASE WHEN q.type = 'rating' THEN 1 ELSE 0 END), 0) AS rating, coalesce(sum(CASE WHEN q.type <> 'rating' THEN 1 ELSE 0 END), 0) AS other
      FROM ${questions} q JOIN ${rounds} r ON r.id = q.round_id JOIN ${surveys} s ON s.id = r.survey_id
     WHERE s.consultation_id = ${consultationId}`,
  )) ?? { rating: 0, other: 0 };
  const outcomes =
    (await row<{ n: number }>(db, sql`SELECT count(*) AS n FROM ${candidateOutcomes} WHERE consultation_id = ${consultationId} AND status = 'active'`))?.n ?? 0;
  return {
    totals: { ratingQuestions: totals.rating, otherQuestions: totals.other, statements: outcomes },
    of: (locale: string) => {
      const q = byLocale.find((x) => x.locale === locale);
      return { ratingQuestions: q?.rating ?? 0, otherQuestions: q?.other ?? 0, statements: statements.find((x) => x.locale === locale)?.n ?? 0 };
    },
  };
}
