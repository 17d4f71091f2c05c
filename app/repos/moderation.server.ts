import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { answerThemes, approvedQuotes, candidateOutcomes, codebookThemes, moderationDecisions } from "../../db/tables";
import { changedRows, epochMs, groupConcat, rows, type DB } from "../db.server";
import { countThemes } from "../domain/participation/moderation";
import { recordPersonCoding } from "./themes.server";

export interface ModerationItem {
  answerId: number;
  kind: "free-text" | "propose-outcome";
  roundNumber: number;
  questionText: string;
  text: string;
  /** Stakeholder group from the participant's profile, else their advisory group membership; "not-stated" otherwise. */
  group: string;
  submittedAt: Date;
  decision: string | null;
  reason: string | null;
  outcomeCode: string | null;
  outcomeStatement: string | null;
  quote: string | null;
  themeIds: number[];
}

/** Free-text and proposed-outcome answers of submitted responses to the consultation's rounds. */
async function itemsQuery(db: DB, consultationId: number, locale: string, extra: ReturnType<typeof sql>) {
  return await rows<Record<string, unknown>>(
    db,
    sql`
    select a.id as answer_id, q.type as kind, r.number as round_number,
      coalesce((select t.text from question_translations t where t.question_id = q.id and t.locale = ${locale}),
               (select t.text from question_translations t where t.question_id = q.id and t.locale = 'en'), '') as question_text,
      a.text_value as text, ${epochMs(sql`s.submitted_at`)} as submitted_at,
      coalesce(pp.stakeholder_group, m.stakeholder_group, 'not-stated') as grp,
      d.decision, d.reason, co.code as outcome_code,
      coalesce((select ot.statement from candidate_outcome_translations ot where ot.outcome_id = co.id and ot.locale = ${locale}),
               (select ot.statement from candidate_outcome_translations ot where ot.outcome_id = co.id and ot.locale = 'en')) as outcome_statement,
      (select qt.text from approved_quotes qt where qt.answer_id = a.id and qt.withdrawn_at is null) as quote,
      (select ${groupConcat(sql`at.theme_id`, ",")} from answer_themes at where at.answer_id = a.id) as theme_ids
    from answers a
    join questions q on q.id = a.question_id
    join rounds r on r.id = q.round_id
    join surveys sv on sv.id = r.survey_id
    join responses s on s.id = a.response_id
    join participants p on p.id = s.participant_id
    left join participant_profiles pp on pp.participant_id = p.id
    left join advisory_group_members m on m.id = p.member_id
    left join moderation_decisions d on d.answer_id = a.id
    left join candidate_outcomes co on co.id = d.outcome_id
    where sv.consultation_id = ${consultationId}
      and q.type in ('free-text', 'propose-outcome')
      and a.text_value is not null and trim(a.text_value) <> ''
      ${extra}
    order by s.submitted_at, a.id`,
  );
}

function toItem(x: Record<string, unknown>): ModerationItem {
  return {
    answerId: Number(x.answer_id),
    kind: x.kind as ModerationItem["kind"],
    roundNumber: Number(x.round_number),
    questionText: String(x.question_text ?? ""),
    text: String(x.text ?? ""),
    group: String(x.grp),
    submittedAt: new Date(Number(x.submitted_at)),
    decision: (x.decision as string | null) ?? null,
    reason: (x.reason as string | null) ?? null,
    outcomeCode: (x.outcome_code as string | null) ?? null,
    outcomeStatement: (x.outcome_statement as string | null) ?? null,
    quote: (x.quote as string | null) ?? null,
    // Ascending, as SQLite's group_concat gives them (it reads answer_themes by its key); PostgreSQL's string_agg has no set order.
    themeIds: x.theme_ids
      ? String(x.theme_ids)
          .split(",")
          .map(Number)
          .sort((p, q) => p - q)
      : [],
  };
}

export async function listModerationItems(db: DB, consultationId: number, locale: string, state: "pending" | "decided" | "all"): Promise<ModerationItem[]> {
  const extra = state === "pending" ? sql`and d.id is null` : state === "decided" ? sql`and d.id is not null` : sql``;
  return (await itemsQuery(db, consultationId, locale, extra)).map(toItem);
}

export async function findModerationItem(db: DB, consultationId: number, answerId: number, locale: string): Promise<ModerationItem | undefined> {
  const row = (await itemsQuery(db, consultationId, locale, sql`and a.id = ${answerId}`))[0];
  return row ? toItem(row) : undefined;
}

export async function countPending(db: DB, consultationId: number): Promise<number> {
  return (await listModerationItems(db, consultationId, "en", "pending")).length;
}

export async function insertDecision(db: DB, v: typeof moderationDecisions.$inferInsert): Promise<boolean> {
  return changedRows(await db.insert(moderationDecisions).values(v).onConflictDoNothing()) > 0;
}

export async function upsertQuote(db: DB, v: { consultationId: number; answerId: number; text: string; approvedBy: number; approvedAt: Date }): Promise<void> {
  await db
    .insert(approvedQuotes)
    .values(v)
    .onConflictDoUpdate({ target: approvedQuotes.answerId, set: { text: v.text, approvedBy: v.approvedBy, approvedAt: v.approvedAt, withdrawnAt: null } });
}

export async function withdrawQuote(db: DB, consultationId: number, answerId: number, now: Date): Promise<boolean> {
  return (
    changedRows(
      await db
        .update(approvedQuotes)
        .set({ withdrawnAt: now })
        .where(and(eq(approvedQuotes.consultationId, consultationId), eq(approvedQuotes.answerId, answerId), isNull(approvedQuotes.withdrawnAt))),
    ) > 0
  );
}

export async function outcomeCodes(db: DB, consultationId: number): Promise<string[]> {
  return (await db.select({ code: candidateOutcomes.code }).from(candidateOutcomes).where(eq(candidateOutcomes.consultationId, consultationId))).map(
    (r) => r.code,
  );
}

export async function findActiveOutcome(db: DB, consultationId: number, code: string) {
  const [row] = await db
    .select({ id: candidateOutcomes.id, code: candidateOutcomes.code })
    .from(candidateOutcomes)
    .where(and(eq(candidateOutcomes.consultationId, consultationId), eq(candidateOutcomes.code, code), eq(candidateOutcomes.status, "active")));
  return row;
}

// ── Codebook ─────────────────────────────────────────────────────────────────
export async function listThemes(db: DB, consultationId: number) {
  return await db
    .select({ id: codebookThemes.id, name: codebookThemes.name, description: codebookThemes.description })
    .from(codebookThemes)
    .where(eq(codebookThemes.consultationId, consultationId))
    .orderBy(asc(codebookThemes.name));
}

export async function themeNameTaken(db: DB, consultationId: number, name: string, exceptId?: number): Promise<boolean> {
  const [row] = await db
    .select({ id: codebookThemes.id })
    .from(codebookThemes)
    .where(and(eq(codebookThemes.consultationId, consultationId), sql`lower(${codebookThemes.name}) = lower(${name})`))
    .limit(1);
  return !!row && row.id !== exceptId;
}

export async function insertTheme(db: DB, consultationId: number, name: string, description: string): Promise<number> {
  const [row] = await db.insert(codebookThemes).values({ consultationId, name, description }).returning({ id: codebookThemes.id });
  return row.id;
}

export async function updateTheme(db: DB, consultationId: number, id: number, name: string, description: string): Promise<boolean> {
  return (
    changedRows(
      await db
        .update(codebookThemes)
        .set({ name, description })
        .where(and(eq(codebookThemes.id, id), eq(codebookThemes.consultationId, consultationId))),
    ) > 0
  );
}

/** Deletes one of the consultation's themes (its tags go with it); the number of answers it was tagged on, or null if missing. */
export async function removeTheme(db: DB, consultationId: number, id: number): Promise<{ name: string; tagged: number } | null> {
  const [theme] = await db
    .select({ name: codebookThemes.name })
    .from(codebookThemes)
    .where(and(eq(codebookThemes.id, id), eq(codebookThemes.consultationId, consultationId)));
  if (!theme) return null;
  const [count] = await db
    .select({ n: sql<number>`count(*)` })
    .from(answerThemes)
    .where(eq(answerThemes.themeId, id));
  const tagged = count?.n ?? 0;
  await db.delete(codebookThemes).where(and(eq(codebookThemes.id, id), eq(codebookThemes.consultationId, consultationId)));
  return { name: theme.name, tagged };
}

/** Replaces an answer's themes with `themeIds` (only the consultation's own themes are kept) and marks it reviewed by a person. Returns the ids set. */
export async function setAnswerThemes(db: DB, consultationId: number, answerId: number, themeIds: number[], userId: number, now: Date): Promise<number[]> {
  return await recordPersonCoding(db, consultationId, answerId, themeIds, userId, now);
}

export interface PublishedTheme {
  id: number;
  name: string;
  description: string;
  /** Tagged answers from submitted responses. */
  count: number;
  /** Per stakeholder group ("citizen", "carer", "service-user", "professional", "not-stated"). */
  byGroup: Record<string, number>;
}

export interface PublishedQuote {
  id: number;
  /** As approved by an officer (trimmed or redacted); no identity of who said it. */
  text: string;
  roundNumber: number;
  themeIds: number[];
}

/**
 * For publication (CONTRACTS item 7): the consultation's themes with counts overall and per
 * stakeholder group, and the quotes officers approved for publication (not withdrawn).
 */
export async function listPublishedThemes(db: DB, consultationId: number): Promise<{ themes: PublishedTheme[]; quotes: PublishedQuote[] }> {
  const themes = await listThemes(db, consultationId);
  const items = await listModerationItems(db, consultationId, "en", "all");
  const counts = countThemes(
    themes.map((t) => t.id),
    items.map((i) => ({ group: i.group, themeIds: i.themeIds })),
  );
  const quoteRows = await db
    .select({ id: approvedQuotes.id, answerId: approvedQuotes.answerId, text: approvedQuotes.text })
    .from(approvedQuotes)
    .where(and(eq(approvedQuotes.consultationId, consultationId), isNull(approvedQuotes.withdrawnAt)))
    .orderBy(asc(approvedQuotes.id));
  const byAnswer = new Map(items.map((i) => [i.answerId, i]));
  return {
    themes: themes.map((t) => ({ ...t, count: counts.get(t.id)!.total, byGroup: counts.get(t.id)!.byGroup })),
    quotes: quoteRows
      .filter((q) => byAnswer.has(q.answerId))
      .map((q) => ({ id: q.id, text: q.text, roundNumber: byAnswer.get(q.answerId)!.roundNumber, themeIds: byAnswer.get(q.answerId)!.themeIds })),
  };
}

/** The consultation's outcome domains (for "accept as a new candidate outcome"), named in `locale`, English otherwise. */
export async function listDomains(db: DB, consultationId: number, locale: string) {
  return await rows<{ id: number; name: string }>(
    db,
    sql`
    select d.id as id, coalesce(l.name, e.name, d.code) as name
    from outcome_domains d
    left join outcome_domain_translations l on l.domain_id = d.id and l.locale = ${locale}
    left join outcome_domain_translations e on e.domain_id = d.id and e.locale = 'en'
    where d.consultation_id = ${consultationId}
    order by d.position, d.id`,
  );
}
