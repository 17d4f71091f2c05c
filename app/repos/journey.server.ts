/**
 * Queries for the citizen journey. Every query that touches a participant's
 * answers names the participant in its WHERE clause: nobody reads another
 * participant's draft or response through these functions.
 */
import { and, asc, eq, getTableColumns, gte, isNull, lt, or, sql } from "drizzle-orm";
import * as s from "../../db/tables";
import { dialect, type DB } from "../db.server";

/**
 * Every page of the journey runs these reads, so they are prepared once per database
 * connection (SQL built and compiled once) instead of on every request.
 */
function preparedPer<T>(build: (db: DB) => T): (db: DB) => T {
  const byConnection = new WeakMap<object, T>();
  return (db) => {
    // A transaction object is new each time but runs on the same connection: key by the
    // connection, so statements are not prepared again inside every transaction. (PostgreSQL:
    // the pool outside a transaction, the transaction's pooled connection inside one.)
    const connection = (db as unknown as { session?: { client?: object } }).session?.client ?? db;
    let statements = byConnection.get(connection);
    if (!statements) {
      statements = build(db);
      byConnection.set(connection, statements);
    }
    return statements;
  };
}
const ph = sql.placeholder;

/** A prepared read: its rows, or its first row, for the placeholders' values. */
interface Read<R> {
  all(params?: Record<string, unknown>): Promise<R[]>;
  get(params?: Record<string, unknown>): Promise<R | undefined>;
}

/**
 * Prepares a select. SQLite: better-sqlite3's statement, compiled once. PostgreSQL: a named
 * statement (`journey_<name>`), which node-postgres parses once on each pooled connection.
 */
function prepared<Q extends PromiseLike<unknown[]>>(query: Q, name: string): Read<Awaited<Q>[number]> {
  type R = Awaited<Q>[number];
  if (dialect === "postgres") {
    const statement = (query as unknown as { prepare(name: string): { execute(params?: Record<string, unknown>): Promise<R[]> } }).prepare(`journey_${name}`);
    return { all: (params) => statement.execute(params), get: async (params) => (await statement.execute(params))[0] };
  }
  const statement = (
    query as unknown as { prepare(): { all(params?: Record<string, unknown>): R[]; get(params?: Record<string, unknown>): R | undefined } }
  ).prepare();
  return { all: async (params) => statement.all(params), get: async (params) => statement.get(params) };
}

const reads = preparedPer((db: DB) => ({
  contentVersion: prepared(db.select({ version: s.contentVersion.version }).from(s.contentVersion).where(eq(s.contentVersion.id, 1)), "contentVersion"),
  consultationBySlug: prepared(
    db
      .select({
        id: s.consultations.id,
        slug: s.consultations.slug,
        status: s.consultations.status,
        audience: s.consultations.audience,
        opensAt: s.consultations.opensAt,
        closesAt: s.consultations.closesAt,
        contactEmail: s.consultations.contactEmail,
        partnershipId: s.consultations.partnershipId,
        partnershipName: s.partnerships.name,
      })
      .from(s.consultations)
      .innerJoin(s.partnerships, eq(s.partnerships.id, s.consultations.partnershipId))
      .where(eq(s.consultations.slug, ph("slug"))),
    "consultationBySlug",
  ),
  consultationTexts: prepared(
    db
      .select()
      .from(s.consultationTranslations)
      .where(
        and(
          eq(s.consultationTranslations.consultationId, ph("consultationId")),
          or(eq(s.consultationTranslations.locale, ph("locale")), eq(s.consultationTranslations.locale, "en")),
        ),
      ),
    "consultationTexts",
  ),
  rounds: prepared(
    db
      .select({
        id: s.rounds.id,
        number: s.rounds.number,
        status: s.rounds.status,
        opensAt: s.rounds.opensAt,
        closesAt: s.rounds.closesAt,
        showFeedback: s.rounds.showFeedback,
        feedbackBy: s.rounds.feedbackBy,
        allowNewParticipants: s.rounds.allowNewParticipants,
      })
      .from(s.rounds)
      .innerJoin(s.surveys, eq(s.surveys.id, s.rounds.surveyId))
      .where(eq(s.surveys.consultationId, ph("consultationId")))
      .orderBy(asc(s.rounds.number)),
    "rounds",
  ),
  questions: prepared(
    db
      .select({
        id: s.questions.id,
        position: s.questions.position,
        type: s.questions.type,
        required: s.questions.required,
        outcomeId: s.questions.outcomeId,
        config: s.questions.config,
        conditionQuestionId: s.questions.conditionQuestionId,
        conditionValue: s.questions.conditionValue,
      })
      .from(s.questions)
      .where(eq(s.questions.roundId, ph("roundId")))
      .orderBy(asc(s.questions.position), asc(s.questions.id)),
    "questions",
  ),
  questionTexts: prepared(
    db
      .select(getTableColumns(s.questionTranslations))
      .from(s.questionTranslations)
      .innerJoin(s.questions, eq(s.questions.id, s.questionTranslations.questionId))
      .where(and(eq(s.questions.roundId, ph("roundId")), or(eq(s.questionTranslations.locale, ph("locale")), eq(s.questionTranslations.locale, "en")))),
    "questionTexts",
  ),
  outcomeTexts: prepared(
    db
      .selectDistinct(getTableColumns(s.candidateOutcomeTranslations))
      .from(s.candidateOutcomeTranslations)
      .innerJoin(s.questions, eq(s.questions.outcomeId, s.candidateOutcomeTranslations.outcomeId))
      .where(
        and(
          eq(s.questions.roundId, ph("roundId")),
          or(eq(s.candidateOutcomeTranslations.locale, ph("locale")), eq(s.candidateOutcomeTranslations.locale, "en")),
        ),
      ),
    "outcomeTexts",
  ),
  participantByTokenHash: prepared(
    db
      .select({ id: s.participants.id, memberId: s.participants.memberId, consultationId: s.participants.consultationId })
      .from(s.participants)
      .where(and(eq(s.participants.consultationId, ph("consultationId")), eq(s.participants.resumeTokenHash, ph("tokenHash")))),
    "participantByTokenHash",
  ),
  draft: prepared(
    db
      .select({ answers: s.responseDrafts.answers, locale: s.responseDrafts.locale, updatedAt: s.responseDrafts.updatedAt })
      .from(s.responseDrafts)
      .where(and(eq(s.responseDrafts.roundId, ph("roundId")), eq(s.responseDrafts.participantId, ph("participantId")))),
    "draft",
  ),
  response: prepared(
    db
      .select({ id: s.responses.id, reference: s.responses.reference, submittedAt: s.responses.submittedAt, locale: s.responses.locale })
      .from(s.responses)
      .where(and(eq(s.responses.roundId, ph("roundId")), eq(s.responses.participantId, ph("participantId")))),
    "response",
  ),
}));

export type JourneyConsultation = NonNullable<Awaited<ReturnType<typeof findJourneyConsultation>>>;

/** Moved by triggers whenever journey content changes (migration 0010); see journey-cache.server. */
export async function contentVersion(db: DB): Promise<number | null> {
  return (await reads(db).contentVersion.get())?.version ?? null;
}

/** The consultation with its text in `locale`, each field falling back to English. */
export async function findJourneyConsultation(db: DB, slug: string, locale: string) {
  const row = await reads(db).consultationBySlug.get({ slug });
  if (!row) return undefined;
  const texts = await reads(db).consultationTexts.all({ consultationId: row.id, locale });
  const local = texts.find((t) => t.locale === locale);
  const en = texts.find((t) => t.locale === "en");
  const pick = (field: "title" | "summary" | "briefing" | "privacyNotice") => {
    if (local && local[field].trim() !== "") return { value: local[field], lang: locale };
    return { value: en?.[field] ?? "", lang: "en" };
  };
  return { ...row, title: pick("title"), summary: pick("summary"), briefing: pick("briefing"), privacyNotice: pick("privacyNotice") };
}

export async function listRounds(db: DB, consultationId: number) {
  return await reads(db).rounds.all({ consultationId });
}
export type JourneyRound = Awaited<ReturnType<typeof listRounds>>[number];

/** A round's questions in order, with text in `locale` (falling back to English) and the rated outcome's statement. */
export async function listQuestions(db: DB, roundId: number, locale: string) {
  const q = reads(db);
  const rows = await q.questions.all({ roundId });
  if (rows.length === 0) return [];
  const texts = await q.questionTexts.all({ roundId, locale });
  const outcomes = rows.some((r) => r.outcomeId != null) ? await q.outcomeTexts.all({ roundId, locale }) : [];
  return rows.map((r) => {
    const local = texts.find((t) => t.questionId === r.id && t.locale === locale);
    const en = texts.find((t) => t.questionId === r.id && t.locale === "en");
    const text = local ?? en;
    const outcome =
      outcomes.find((o) => o.outcomeId === r.outcomeId && o.locale === locale) ?? outcomes.find((o) => o.outcomeId === r.outcomeId && o.locale === "en");
    return {
      ...r,
      // Questions about the participant are always optional.
      required: r.type === "profile" ? false : r.required,
      text: text?.text ?? "",
      hint: text?.hint ?? "",
      options: { ...(en?.options ?? {}), ...(local?.options ?? {}) } as Record<string, string>,
      lang: local ? locale : "en",
      outcomeStatement: outcome?.statement ?? null,
      outcomeDescription: outcome?.description ?? null,
      /** The statement's language: `locale`, or English where it has no translation. */
      outcomeLang: outcome?.locale ?? locale,
    };
  });
}
export type JourneyQuestionRow = Awaited<ReturnType<typeof listQuestions>>[number];

export async function findParticipantByTokenHash(db: DB, consultationId: number, tokenHash: string) {
  return await reads(db).participantByTokenHash.get({ consultationId, tokenHash });
}

export async function findParticipantByResumeHash(db: DB, tokenHash: string) {
  const [row] = await db
    .select({ id: s.participants.id, memberId: s.participants.memberId, consultationId: s.participants.consultationId, slug: s.consultations.slug })
    .from(s.participants)
    .innerJoin(s.consultations, eq(s.consultations.id, s.participants.consultationId))
    .where(eq(s.participants.resumeTokenHash, tokenHash));
  return row;
}

export async function insertParticipant(db: DB, consultationId: number, tokenHash: string, memberId: number | null = null): Promise<number> {
  const [row] = await db.insert(s.participants).values({ consultationId, memberId, resumeTokenHash: tokenHash }).returning({ id: s.participants.id });
  return row.id;
}

export async function findParticipantOfMember(db: DB, consultationId: number, memberId: number) {
  const [row] = await db
    .select({ id: s.participants.id, resumeTokenHash: s.participants.resumeTokenHash })
    .from(s.participants)
    .where(and(eq(s.participants.consultationId, consultationId), eq(s.participants.memberId, memberId)))
    .orderBy(asc(s.participants.id))
    .limit(1);
  return row;
}

export async function setParticipantTokenHash(db: DB, participantId: number, tokenHash: string) {
  await db.update(s.participants).set({ resumeTokenHash: tokenHash }).where(eq(s.participants.id, participantId));
}

export async function findDraft(db: DB, roundId: number, participantId: number) {
  return await reads(db).draft.get({ roundId, participantId });
}

export async function upsertDraft(db: DB, roundId: number, participantId: number, answers: Record<string, unknown>, locale: string, now: Date) {
  await db
    .insert(s.responseDrafts)
    .values({ roundId, participantId, answers, locale, updatedAt: now })
    .onConflictDoUpdate({ target: [s.responseDrafts.roundId, s.responseDrafts.participantId], set: { answers, locale, updatedAt: now } });
}

export async function deleteDraft(db: DB, roundId: number, participantId: number) {
  await db.delete(s.responseDrafts).where(and(eq(s.responseDrafts.roundId, roundId), eq(s.responseDrafts.participantId, participantId)));
}

export async function findResponse(db: DB, roundId: number, participantId: number) {
  return await reads(db).response.get({ roundId, participantId });
}

export async function listAnswersOfResponse(db: DB, responseId: number) {
  return await db
    .select({ questionId: s.answers.questionId, numericValue: s.answers.numericValue, unable: s.answers.unable, textValue: s.answers.textValue })
    .from(s.answers)
    .where(eq(s.answers.responseId, responseId));
}

export async function referenceExists(db: DB, reference: string): Promise<boolean> {
  const [row] = await db.select({ id: s.responses.id }).from(s.responses).where(eq(s.responses.reference, reference));
  return Boolean(row);
}

export async function insertResponse(
  db: DB,
  values: {
    roundId: number;
    participantId: number;
    reference: string;
    locale: string;
    submittedAt: Date;
    channel?: (typeof s.responses.$inferInsert)["channel"];
    importId?: number;
  },
): Promise<number> {
  const [row] = await db.insert(s.responses).values(values).returning({ id: s.responses.id });
  return row.id;
}

export async function insertAnswers(
  db: DB,
  rows: Array<{ responseId: number; questionId: number; numericValue: number | null; unable: boolean; textValue: string | null }>,
) {
  if (rows.length) await db.insert(s.answers).values(rows);
}

export async function deleteResponse(db: DB, responseId: number, participantId: number) {
  await db.delete(s.responses).where(and(eq(s.responses.id, responseId), eq(s.responses.participantId, participantId)));
}

export async function countResponsesOfParticipant(db: DB, participantId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(s.responses)
    .where(eq(s.responses.participantId, participantId));
  return row?.n ?? 0;
}

export async function findProfile(db: DB, participantId: number) {
  const [row] = await db.select().from(s.participantProfiles).where(eq(s.participantProfiles.participantId, participantId));
  return row;
}

export async function upsertProfile(
  db: DB,
  participantId: number,
  values: Partial<Record<"stakeholderGroup" | "ageBand" | "sex" | "locality" | "ethnicity", string | null>>,
  now: Date,
) {
  const row = { ...values, stakeholderGroup: values.stakeholderGroup as (typeof s.STAKEHOLDER_GROUPS)[number] | null | undefined };
  await db
    .insert(s.participantProfiles)
    .values({ participantId, ...row, consentedAt: now })
    .onConflictDoUpdate({ target: s.participantProfiles.participantId, set: { ...row, consentedAt: now } });
}

export async function deleteProfile(db: DB, participantId: number) {
  await db.delete(s.participantProfiles).where(eq(s.participantProfiles.participantId, participantId));
}

export async function findMember(db: DB, memberId: number) {
  const [row] = await db.select().from(s.advisoryGroupMembers).where(eq(s.advisoryGroupMembers.id, memberId));
  return row;
}

export async function findInvitationByTokenHash(db: DB, tokenHash: string) {
  const [row] = await db
    .select({
      id: s.invitations.id,
      consultationId: s.invitations.consultationId,
      memberId: s.invitations.memberId,
      roundId: s.invitations.roundId,
      completedAt: s.invitations.completedAt,
      revokedAt: s.invitations.revokedAt,
      slug: s.consultations.slug,
    })
    .from(s.invitations)
    .innerJoin(s.consultations, eq(s.consultations.id, s.invitations.consultationId))
    .where(eq(s.invitations.tokenHash, tokenHash));
  return row;
}

/** Marks the member's invitations to this round complete (or open again after a withdrawal). */
export async function setInvitationsCompleted(db: DB, memberId: number, roundId: number, at: Date | null) {
  await db
    .update(s.invitations)
    .set({ completedAt: at })
    .where(and(eq(s.invitations.memberId, memberId), eq(s.invitations.roundId, roundId), isNull(s.invitations.revokedAt)));
}

/**
 * Previous-round scores for the rated outcomes: every submitted answer to a rating
 * question of `roundId`, with the answering participant's stakeholder group.
 * Only used to build aggregate distributions (and the viewer's own score).
 */
export async function listRatingAnswersOfRound(db: DB, roundId: number) {
  return await db
    .select({
      participantId: s.responses.participantId,
      outcomeId: s.questions.outcomeId,
      numericValue: s.answers.numericValue,
      unable: s.answers.unable,
      stakeholderGroup: s.participantProfiles.stakeholderGroup,
    })
    .from(s.answers)
    .innerJoin(s.responses, eq(s.responses.id, s.answers.responseId))
    .innerJoin(s.questions, eq(s.questions.id, s.answers.questionId))
    .leftJoin(s.participantProfiles, eq(s.participantProfiles.participantId, s.responses.participantId))
    .where(and(eq(s.responses.roundId, roundId), eq(s.questions.type, "rating")));
}

export async function hasResponseInRound(db: DB, roundId: number, participantId: number): Promise<boolean> {
  return Boolean(await findResponse(db, roundId, participantId));
}

// ── Staff previews (never drafts or responses) ──────────────────────────────────
export async function findPreview(db: DB, key: string, notBefore: Date) {
  const [row] = await db
    .select({ answers: s.previewSessions.answers, roundNumber: s.previewSessions.roundNumber, reference: s.previewSessions.reference })
    .from(s.previewSessions)
    .where(and(eq(s.previewSessions.key, key), gte(s.previewSessions.touchedAt, notBefore)));
  return row;
}

export async function savePreview(
  db: DB,
  key: string,
  values: { answers: Record<string, unknown>; roundNumber: number | null; reference: string | null },
  now: Date,
) {
  await db
    .insert(s.previewSessions)
    .values({ key, ...values, touchedAt: now })
    .onConflictDoUpdate({ target: s.previewSessions.key, set: { ...values, touchedAt: now } });
}

export async function deletePreviewsBefore(db: DB, before: Date) {
  await db.delete(s.previewSessions).where(lt(s.previewSessions.touchedAt, before));
}
