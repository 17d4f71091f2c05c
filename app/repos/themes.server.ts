/**
 * Queries for theming free text: the answers a question's themes are drawn from, the
 * engine's background runs, and the machine's and people's codings of those answers.
 */
import { and, asc, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import {
  agreementSampleItems,
  agreementSamples,
  answerThemes,
  codebookThemes,
  codingReviews,
  machineCodings,
  themeRuns,
  themeSuggestions,
  users,
  THEME_RUN_KINDS,
} from "../../db/tables";
import { changedRows, type DB, inTransaction, instant, rows as rawRows, skipLocked } from "../db.server";

/** Question types whose answers are free text a person wrote (or a proposed outcome). */
export const THEMABLE_TYPES = ["free-text", "propose-outcome"] as const;

export interface ThemableQuestion {
  id: number;
  roundNumber: number;
  type: (typeof THEMABLE_TYPES)[number];
  text: string;
  answers: number;
  reviewed: number;
}

/** The consultation's free-text and proposed-outcome questions, round by round, with answers and how many a person has reviewed. */
export async function themableQuestions(db: DB, consultationId: number, locale: string): Promise<ThemableQuestion[]> {
  const rows = await rawRows<Record<string, unknown>>(
    db,
    sql`
    select q.id, r.number as round_number, q.type,
      coalesce((select t.text from question_translations t where t.question_id = q.id and t.locale = ${locale}),
               (select t.text from question_translations t where t.question_id = q.id and t.locale = 'en'), '') as text,
      (select count(*) from answers a join responses s on s.id = a.response_id
        where a.question_id = q.id and a.text_value is not null and trim(a.text_value) <> '') as answers,
      (select count(*) from answers a join responses s on s.id = a.response_id join coding_reviews cr on cr.answer_id = a.id
        where a.question_id = q.id and a.text_value is not null and trim(a.text_value) <> '') as reviewed
    from questions q
    join rounds r on r.id = q.round_id
    join surveys sv on sv.id = r.survey_id
    where sv.consultation_id = ${consultationId} and q.type in ('free-text', 'propose-outcome')
    order by r.number, q.position, q.id`,
  );
  return rows.map((x) => ({
    id: Number(x.id),
    roundNumber: Number(x.round_number),
    type: x.type as ThemableQuestion["type"],
    text: String(x.text ?? ""),
    answers: Number(x.answers),
    reviewed: Number(x.reviewed),
  }));
}

export interface ThemableAnswer {
  answerId: number;
  text: string;
  /** Stakeholder group from the participant's profile, else their advisory group membership; "not-stated" otherwise. */
  group: string;
  /** "online", or the channel of an import (paper, phone, event…). */
  channel: string;
  locale: string;
}

/**
 * Every non-empty answer to one of the consultation's themable questions, from submitted
 * responses of any channel (online, imported paper forms…), in answer id order. Empty when the
 * question is not the consultation's or not themable.
 */
export async function themableAnswers(db: DB, consultationId: number, questionId: number, answerIds?: readonly number[]): Promise<ThemableAnswer[]> {
  if (answerIds && answerIds.length === 0) return [];
  const only = answerIds
    ? sql`and a.id in (${sql.join(
        answerIds.map((id) => sql`${id}`),
        sql`, `,
      )})`
    : sql``;
  const rows = await rawRows<Record<string, unknown>>(
    db,
    sql`
    select a.id as answer_id, a.text_value as text, s.channel, s.locale,
      coalesce(pp.stakeholder_group, m.stakeholder_group, 'not-stated') as grp
    from answers a
    join questions q on q.id = a.question_id
    join rounds r on r.id = q.round_id
    join surveys sv on sv.id = r.survey_id
    join responses s on s.id = a.response_id
    join participants p on p.id = s.participant_id
    left join participant_profiles pp on pp.participant_id = p.id
    left join advisory_group_members m on m.id = p.member_id
    where sv.consultation_id = ${consultationId} and q.id = ${questionId}
      and q.type in ('free-text', 'propose-outcome')
      and a.text_value is not null and trim(a.text_value) <> ''
      ${only}
    order by a.id`,
  );
  return rows.map((x) => ({ answerId: Number(x.answer_id), text: String(x.text), group: String(x.grp), channel: String(x.channel), locale: String(x.locale) }));
}

export type ThemeRunKind = (typeof THEME_RUN_KINDS)[number];
export type ThemeRun = typeof themeRuns.$inferSelect;

/**
 * Queues a run. An `assign` run already queued for the question is reused (one re-scoring
 * catches up with any number of confirmations made meanwhile); `suggest` runs always queue.
 */
export async function enqueueThemeRun(
  db: DB,
  v: { consultationId: number; questionId: number; kind: ThemeRunKind; requestedBy: number | null; parameters?: Record<string, unknown> },
  now: Date,
): Promise<number> {
  return await inTransaction(db, async (tx) => {
    if (v.kind === "assign") {
      const [queued] = await tx
        .select({ id: themeRuns.id })
        .from(themeRuns)
        .where(
          and(
            eq(themeRuns.consultationId, v.consultationId),
            eq(themeRuns.questionId, v.questionId),
            eq(themeRuns.kind, "assign"),
            eq(themeRuns.status, "queued"),
          ),
        )
        .limit(1);
      if (queued) return queued.id;
    }
    const [inserted] = await tx
      .insert(themeRuns)
      .values({
        consultationId: v.consultationId,
        questionId: v.questionId,
        kind: v.kind,
        parameters: v.parameters ?? {},
        requestedBy: v.requestedBy,
        requestedAt: now,
      })
      .returning({ id: themeRuns.id });
    return inserted!.id;
  });
}

/** The question's latest run of a kind (any state), or undefined. */
export async function latestThemeRun(db: DB, consultationId: number, questionId: number, kind: ThemeRunKind): Promise<ThemeRun | undefined> {
  const [row] = await db
    .select()
    .from(themeRuns)
    .where(and(eq(themeRuns.consultationId, consultationId), eq(themeRuns.questionId, questionId), eq(themeRuns.kind, kind)))
    .orderBy(desc(themeRuns.id))
    .limit(1);
  return row;
}

export async function findThemeRun(db: DB, consultationId: number, runId: number): Promise<ThemeRun | undefined> {
  const [row] = await db
    .select()
    .from(themeRuns)
    .where(and(eq(themeRuns.id, runId), eq(themeRuns.consultationId, consultationId)));
  return row;
}

/** The machine's themes for each answer, most confident first. */
export async function machineCodingsFor(
  db: DB,
  answerIds: readonly number[],
): Promise<Map<number, { themeId: number; confidence: number; runId: number; codedAt: Date }[]>> {
  const out = new Map<number, { themeId: number; confidence: number; runId: number; codedAt: Date }[]>();
  for (let i = 0; i < answerIds.length; i += 500) {
    const chunk = answerIds.slice(i, i + 500);
    const rows = await db
      .select({
        answerId: machineCodings.answerId,
        themeId: machineCodings.themeId,
        confidence: machineCodings.confidence,
        rank: machineCodings.rank,
        runId: machineCodings.runId,
        codedAt: machineCodings.codedAt,
      })
      .from(machineCodings)
      .where(inArray(machineCodings.answerId, chunk))
      .orderBy(machineCodings.answerId, machineCodings.rank);
    for (const r of rows) {
      const list = out.get(r.answerId) ?? [];
      list.push({ themeId: r.themeId, confidence: r.confidence, runId: r.runId, codedAt: r.codedAt });
      out.set(r.answerId, list);
    }
  }
  return out;
}

/** Replaces the machine's codings of the given answers with a run's (rank 1 = most confident). */
export async function replaceMachineCodings(
  db: DB,
  runId: number,
  rows: readonly { answerId: number; themes: readonly { themeId: number; confidence: number }[] }[],
  now: Date,
): Promise<void> {
  await inTransaction(db, async (tx) => {
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      await tx.delete(machineCodings).where(
        inArray(
          machineCodings.answerId,
          chunk.map((r) => r.answerId),
        ),
      );
      const values = chunk.flatMap((r) =>
        r.themes.map((t, k) => ({ answerId: r.answerId, themeId: t.themeId, confidence: t.confidence, rank: k + 1, runId, codedAt: now })),
      );
      for (let j = 0; j < values.length; j += 200) await tx.insert(machineCodings).values(values.slice(j, j + 200));
    }
  });
}

export interface PersonCoding {
  themeIds: number[];
  reviewedBy: number | null;
  reviewedAt: Date;
}

/** A person's codings of the given answers: only answers a person has reviewed appear (with no themes for "none"). */
export async function personCodingsFor(db: DB, answerIds: readonly number[]): Promise<Map<number, PersonCoding>> {
  const out = new Map<number, PersonCoding>();
  for (let i = 0; i < answerIds.length; i += 500) {
    const chunk = answerIds.slice(i, i + 500);
    for (const r of await db.select().from(codingReviews).where(inArray(codingReviews.answerId, chunk)))
      out.set(r.answerId, { themeIds: [], reviewedBy: r.reviewedBy, reviewedAt: r.reviewedAt });
    // In key order, as SQLite reads them (PostgreSQL would give them in the order they were stored).
    for (const r of await db
      .select({ answerId: answerThemes.answerId, themeId: answerThemes.themeId, taggedBy: answerThemes.taggedBy, taggedAt: answerThemes.taggedAt })
      .from(answerThemes)
      .where(inArray(answerThemes.answerId, chunk))
      .orderBy(asc(answerThemes.answerId), asc(answerThemes.themeId))) {
      // Tags made on the moderation page before review existed count as a person's review.
      const c = out.get(r.answerId) ?? { themeIds: [], reviewedBy: r.taggedBy, reviewedAt: r.taggedAt };
      c.themeIds.push(r.themeId);
      out.set(r.answerId, c);
    }
  }
  return out;
}

/**
 * Records a person's review of an answer: its themes become `themeIds` (only the consultation's
 * own themes are kept; none is allowed) and the answer counts as reviewed. Returns the ids set.
 */
export async function recordPersonCoding(
  db: DB,
  consultationId: number,
  answerId: number,
  themeIds: readonly number[],
  userId: number,
  now: Date,
): Promise<number[]> {
  return await inTransaction(db, async (tx) => {
    const own = themeIds.length
      ? (
          await tx
            .select({ id: codebookThemes.id })
            .from(codebookThemes)
            .where(and(eq(codebookThemes.consultationId, consultationId), inArray(codebookThemes.id, [...themeIds])))
            // By name, the order SQLite reads them in (its (consultation, name) index); PostgreSQL has no set order otherwise.
            .orderBy(asc(codebookThemes.name))
        ).map((r) => r.id)
      : [];
    await tx.delete(answerThemes).where(eq(answerThemes.answerId, answerId));
    for (const themeId of own) await tx.insert(answerThemes).values({ answerId, themeId, taggedBy: userId, taggedAt: now });
    await tx
      .insert(codingReviews)
      .values({ answerId, reviewedBy: userId, reviewedAt: now })
      .onConflictDoUpdate({ target: codingReviews.answerId, set: { reviewedBy: userId, reviewedAt: now } });
    return own;
  });
}

// ── Runs: claiming and progress (the background runner) ───────────────────────
/**
 * Claims the oldest queued run; one claimant wins each run (the update is a single statement that
 * re-checks `status = 'queued'`). On PostgreSQL several servers' runners may claim at once: the
 * oldest queued run is picked `FOR UPDATE SKIP LOCKED`, so a runner passes over a run another is
 * claiming that moment and takes the next one (or none), never the same one.
 */
export async function claimThemeRun(db: DB, now: Date): Promise<ThemeRun | undefined> {
  const oldest = sql`(select id from theme_runs where status = 'queued' order by id limit 1${skipLocked()})`;
  const [row] = await db
    .update(themeRuns)
    .set({ status: "running", startedAt: now, heartbeatAt: now, phase: "starting" })
    .where(and(eq(themeRuns.status, "queued"), eq(themeRuns.id, oldest)))
    .returning();
  return row;
}

/**
 * Whether any run waits to be claimed or re-queued: a read, so the idle poll never takes the
 * write lock (nor waits on it while another process writes).
 */
export async function themeRunsWaiting(db: DB, staleBefore: Date): Promise<boolean> {
  const [row] = await db
    .select({ id: themeRuns.id })
    .from(themeRuns)
    .where(sql`${themeRuns.status} = 'queued' or (${themeRuns.status} = 'running' and ${themeRuns.heartbeatAt} < ${instant(staleBefore)})`)
    .limit(1);
  return !!row;
}

/** Runs whose process stopped sending heartbeats (it died) go back to the queue. */
export async function requeueStaleThemeRuns(db: DB, staleBefore: Date): Promise<number> {
  return changedRows(
    await db
      .update(themeRuns)
      .set({ status: "queued", phase: "", processed: 0 })
      .where(and(eq(themeRuns.status, "running"), sql`${themeRuns.heartbeatAt} < ${instant(staleBefore)}`)),
  );
}

export async function updateThemeRun(db: DB, id: number, set: Partial<typeof themeRuns.$inferInsert>): Promise<void> {
  await db.update(themeRuns).set(set).where(eq(themeRuns.id, id));
}

export async function insertThemeSuggestions(db: DB, rows: (typeof themeSuggestions.$inferInsert)[]): Promise<void> {
  if (rows.length) await db.insert(themeSuggestions).values(rows);
}

/** Open suggestions of the question's runs (the latest suggest run and splits made from it), largest first. */
export async function openSuggestions(db: DB, consultationId: number, questionId: number) {
  return (
    await db
      .select({ s: themeSuggestions })
      .from(themeSuggestions)
      .innerJoin(themeRuns, eq(themeRuns.id, themeSuggestions.runId))
      .where(and(eq(themeRuns.consultationId, consultationId), eq(themeRuns.questionId, questionId), eq(themeSuggestions.status, "open")))
      .orderBy(desc(themeSuggestions.size), themeSuggestions.id)
  ).map((r) => r.s);
}

export async function closeOpenSuggestions(db: DB, consultationId: number, questionId: number, now: Date, userId: number | null): Promise<void> {
  const ids = (await openSuggestions(db, consultationId, questionId)).map((s) => s.id);
  if (ids.length) await db.update(themeSuggestions).set({ status: "discarded", decidedAt: now, decidedBy: userId }).where(inArray(themeSuggestions.id, ids));
}

export async function findSuggestion(db: DB, consultationId: number, questionId: number, id: number) {
  const [row] = await db
    .select({ s: themeSuggestions })
    .from(themeSuggestions)
    .innerJoin(themeRuns, eq(themeRuns.id, themeSuggestions.runId))
    .where(and(eq(themeSuggestions.id, id), eq(themeRuns.consultationId, consultationId), eq(themeRuns.questionId, questionId)));
  return (row as typeof row | undefined)?.s;
}

export async function decideSuggestions(
  db: DB,
  ids: readonly number[],
  v: { status: (typeof themeSuggestions.$inferSelect)["status"]; themeId: number | null; decidedBy: number; decidedAt: Date },
): Promise<number> {
  if (!ids.length) return 0;
  return changedRows(
    await db
      .update(themeSuggestions)
      .set(v)
      .where(and(inArray(themeSuggestions.id, [...ids]), eq(themeSuggestions.status, "open"))),
  );
}

/** Runs of a kind queued or running for the question. */
export async function activeThemeRun(db: DB, consultationId: number, questionId: number, kind: ThemeRunKind): Promise<ThemeRun | undefined> {
  const [row] = await db
    .select()
    .from(themeRuns)
    .where(
      and(
        eq(themeRuns.consultationId, consultationId),
        eq(themeRuns.questionId, questionId),
        eq(themeRuns.kind, kind),
        inArray(themeRuns.status, ["queued", "running"]),
      ),
    )
    .orderBy(desc(themeRuns.id))
    .limit(1);
  return row;
}

// ── review & agreement ───────────────────────────────────────────────────────
export interface CodingRow {
  answerId: number;
  theme: string;
  source: "machine" | "person" | "second-coder";
  /** The staff member's name, or null for the machine (and for a deleted account). */
  coder: string | null;
  confidence: number | null;
  codedAt: Date;
}

/**
 * Every coding of the question's answers, one row per answer and theme: the machine's (with its
 * confidence), the person's who reviewed it, and each blind second coder's. Answer ids only: no
 * participant data. "None of these" leaves no row (an answer with no theme has no coding).
 */
export async function codingsOf(db: DB, consultationId: number, questionId: number): Promise<CodingRow[]> {
  const ids = (await themableAnswers(db, consultationId, questionId)).map((a) => a.answerId);
  if (!ids.length) return [];
  const names = new Map(
    (await db.select({ id: codebookThemes.id, name: codebookThemes.name }).from(codebookThemes).where(eq(codebookThemes.consultationId, consultationId))).map(
      (t) => [t.id, t.name],
    ),
  );
  const staff = new Map((await db.select({ id: users.id, name: users.displayName }).from(users)).map((u) => [u.id, u.name]));
  const out: CodingRow[] = [];
  for (const [answerId, list] of await machineCodingsFor(db, ids))
    for (const m of list)
      if (names.has(m.themeId))
        out.push({ answerId, theme: names.get(m.themeId)!, source: "machine", coder: null, confidence: m.confidence, codedAt: m.codedAt });
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    for (const r of await db.select().from(answerThemes).where(inArray(answerThemes.answerId, chunk)))
      if (names.has(r.themeId))
        out.push({
          answerId: r.answerId,
          theme: names.get(r.themeId)!,
          source: "person",
          coder: r.taggedBy === null ? null : (staff.get(r.taggedBy) ?? null),
          confidence: null,
          codedAt: r.taggedAt,
        });
  }
  const seconds = await db
    .select({
      answerId: agreementSampleItems.answerId,
      themeIds: agreementSampleItems.themeIds,
      codedAt: agreementSampleItems.codedAt,
      coderId: agreementSamples.coderId,
    })
    .from(agreementSampleItems)
    .innerJoin(agreementSamples, eq(agreementSamples.id, agreementSampleItems.sampleId))
    .where(and(eq(agreementSamples.consultationId, consultationId), eq(agreementSamples.questionId, questionId), isNotNull(agreementSampleItems.codedAt)))
    .orderBy(asc(agreementSamples.id), asc(agreementSampleItems.position));
  for (const r of seconds)
    for (const themeId of r.themeIds ?? [])
      if (names.has(themeId))
        out.push({
          answerId: r.answerId,
          theme: names.get(themeId)!,
          source: "second-coder",
          coder: r.coderId === null ? null : (staff.get(r.coderId) ?? null),
          confidence: null,
          codedAt: r.codedAt!,
        });
  const order = { machine: 0, person: 1, "second-coder": 2 } as const;
  return out.sort(
    (a, b) => a.answerId - b.answerId || order[a.source] - order[b.source] || a.codedAt.getTime() - b.codedAt.getTime() || a.theme.localeCompare(b.theme),
  );
}
