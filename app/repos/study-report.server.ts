import { and, eq, sql } from "drizzle-orm";
import { studyReportTexts } from "../../db/tables";
import { row, rows, type DB } from "../db.server";

/** The officer's texts for the COS-STAR items, by checklist number. */
export async function listReportTexts(db: DB, consultationId: number): Promise<Record<string, { text: string; lang: string }>> {
  const rows = await db.select().from(studyReportTexts).where(eq(studyReportTexts.consultationId, consultationId));
  return Object.fromEntries(rows.map((r) => [r.item, { text: r.text, lang: r.locale }]));
}

/** Writes (or, with empty text, removes) the officer's text for one item. */
export async function putReportText(
  db: DB,
  values: { consultationId: number; item: string; text: string; locale: string; updatedBy: number; updatedAt: Date },
): Promise<void> {
  if (values.text === "") {
    await db.delete(studyReportTexts).where(and(eq(studyReportTexts.consultationId, values.consultationId), eq(studyReportTexts.item, values.item)));
    return;
  }
  await db
    .insert(studyReportTexts)
    .values(values)
    .onConflictDoUpdate({
      target: [studyReportTexts.consultationId, studyReportTexts.item],
      set: { text: values.text, locale: values.locale, updatedBy: values.updatedBy, updatedAt: values.updatedAt },
    });
}

/** The consultation's title and summary in `locale`, English where not translated (the summary with its language). */
export async function consultationWording(
  db: DB,
  consultationId: number,
  locale: string,
): Promise<{ title: string; summary: { text: string; lang: string } | null }> {
  const found = await row<{ title: string | null; summary: string | null; summaryLocale: string }>(
    db,
    sql`
    SELECT coalesce(l.title, e.title) AS title, coalesce(nullif(l.summary, ''), e.summary) AS summary,
           CASE WHEN nullif(l.summary, '') IS NOT NULL THEN cast(${locale} AS text) ELSE 'en' END AS "summaryLocale"
      FROM consultations c
      LEFT JOIN consultation_translations l ON l.consultation_id = c.id AND l.locale = ${locale}
      LEFT JOIN consultation_translations e ON e.consultation_id = c.id AND e.locale = 'en'
     WHERE c.id = ${consultationId}`,
  );
  return { title: found?.title ?? "", summary: found?.summary ? { text: found.summary, lang: found.summaryLocale } : null };
}

/** What the data holds about a consultation's study, beyond its results (for the COS-STAR report). */
export async function studyReportData(db: DB, consultationId: number, locale: string) {
  const consultation = (await row<{ audience: "group" | "public" | "both"; groupId: number | null; partnership: string }>(
    db,
    sql`
    SELECT c.audience AS audience, c.advisory_group_id AS "groupId", p.name AS partnership
      FROM consultations c JOIN partnerships p ON p.id = c.partnership_id
     WHERE c.id = ${consultationId}`,
  ))!;
  const group = consultation.groupId
    ? {
        name: (await row<{ name: string }>(db, sql`SELECT name FROM advisory_groups WHERE id = ${consultation.groupId}`))?.name ?? "",
        members: await rows<{ grp: string; n: number }>(
          db,
          sql`SELECT stakeholder_group AS grp, count(*) AS n FROM advisory_group_members WHERE group_id = ${consultation.groupId} AND left_at IS NULL GROUP BY 1 ORDER BY 1`,
        ),
        localities: (
          await rows<{ locality: string }>(
            db,
            sql`SELECT DISTINCT locality FROM advisory_group_members WHERE group_id = ${consultation.groupId} AND locality IS NOT NULL AND locality <> '' ORDER BY 1`,
          )
        ).map((r) => r.locality),
      }
    : null;
  const rounds = await rows<{
    id: number;
    number: number;
    showFeedback: number | boolean;
    feedbackBy: "overall" | "stakeholder-group";
    allowNew: number | boolean;
  }>(
    db,
    sql`
    SELECT r.id AS id, r.number AS number, r.show_feedback AS "showFeedback", r.feedback_by AS "feedbackBy", r.allow_new_participants AS "allowNew"
      FROM rounds r JOIN surveys s ON s.id = r.survey_id WHERE s.consultation_id = ${consultationId} ORDER BY r.number`,
  );
  const byGroup = async (roundId: number) =>
    Object.fromEntries(
      (
        await rows<{ grp: string; n: number }>(
          db,
          sql`SELECT coalesce(pp.stakeholder_group, 'not-stated') AS grp, count(*) AS n FROM responses r LEFT JOIN participant_profiles pp ON pp.participant_id = r.participant_id WHERE r.round_id = ${roundId} GROUP BY 1 ORDER BY 1`,
        )
      ).map((r) => [r.grp, r.n]),
    );
  const retained = async (fromRoundId: number, toRoundId: number) =>
    (await row<{ before: number; retained: number }>(
      db,
      sql`
      SELECT count(*) AS before, coalesce(sum(CASE WHEN EXISTS (SELECT 1 FROM responses b WHERE b.round_id = ${toRoundId} AND b.participant_id = a.participant_id) THEN 1 ELSE 0 END), 0) AS retained
        FROM responses a WHERE a.round_id = ${fromRoundId}`,
    ))!;
  const sources = await rows<{ source: string; n: number }>(
    db,
    sql`SELECT coalesce(nullif(source, ''), '–') AS source, count(*) AS n FROM candidate_outcomes WHERE consultation_id = ${consultationId} GROUP BY 1 ORDER BY 2 DESC, 1`,
  );
  const dropped = (
    await rows<{ code: string }>(
      db,
      sql`SELECT code FROM candidate_outcomes WHERE consultation_id = ${consultationId} AND status <> 'active' ORDER BY position, code`,
    )
  ).map((r) => r.code);
  const proposals =
    (await row<{ n: number }>(db, sql`SELECT count(*) AS n FROM moderation_decisions WHERE consultation_id = ${consultationId} AND decision = 'accepted'`))
      ?.n ?? 0;
  const themes = (await row<{ n: number }>(db, sql`SELECT count(*) AS n FROM codebook_themes WHERE consultation_id = ${consultationId}`))?.n ?? 0;
  const wording = await consultationWording(db, consultationId, locale);
  const roundsWithGroups = [];
  for (const r of rounds)
    roundsWithGroups.push({
      id: r.id,
      number: r.number,
      showFeedback: Boolean(r.showFeedback),
      feedbackBy: r.feedbackBy,
      allowNewParticipants: Boolean(r.allowNew),
      byGroup: await byGroup(r.id),
    });
  return {
    ...wording,
    partnership: consultation.partnership,
    audience: consultation.audience,
    group,
    rounds: roundsWithGroups,
    retained,
    sources: sources.map((s) => ({ source: s.source, outcomes: s.n })),
    dropped,
    proposals,
    themes,
  };
}
