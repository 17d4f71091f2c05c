import { and, asc, desc, eq, sql } from "drizzle-orm";
import { aggregationResults, populationMargins, rounds, surveys } from "../../db/tables";
import { dialect, instant, row, rows, type DB } from "../db.server";

export interface RatingAnswerRow {
  participantId: number;
  stakeholderGroup: string | null;
  ageBand: string | null;
  sex: string | null;
  locality: string | null;
  ethnicity: string | null;
  code: string;
  value: number | null;
  unable: number;
}

/** Rows per page when PostgreSQL reads a round's ratings (see iterateRatingAnswers). */
const RATING_PAGE_ROWS = 5000;

/**
 * Streams the submitted rating answers of a round, ordered by participant (then outcome code,
 * in byte order), without loading them all into memory, as batches of rows. On SQLite one batch:
 * better-sqlite3's iterate() over the whole read. On PostgreSQL keyset pages of a few thousand
 * rows: the next participants of the round (by id) whose answers make about RATING_PAGE_ROWS
 * rows, each page one query, so a response submitted while the pages are read is counted or not
 * by where its participant falls (the result records the responses it read, and the study page
 * flags a round whose responses changed since).
 */
export async function* iterateRatingAnswers(db: DB, roundId: number): AsyncIterable<Iterable<RatingAnswerRow>> {
  if (dialect !== "postgres") {
    yield db.$client
      .prepare(
        `SELECT r.participant_id AS participantId, pp.stakeholder_group AS stakeholderGroup, pp.age_band AS ageBand,
              pp.sex AS sex, pp.locality AS locality, pp.ethnicity AS ethnicity,
              co.code AS code, a.numeric_value AS value, a.unable AS unable
         FROM responses r
         JOIN answers a ON a.response_id = r.id
         JOIN questions q ON q.id = a.question_id AND q.type = 'rating'
         JOIN candidate_outcomes co ON co.id = q.outcome_id
         LEFT JOIN participant_profiles pp ON pp.participant_id = r.participant_id
        WHERE r.round_id = ?
        ORDER BY r.participant_id, co.code`,
      )
      .iterate(roundId) as IterableIterator<RatingAnswerRow>;
    return;
  }
  const rated = (await row<{ n: number }>(db, sql`SELECT count(*) AS n FROM questions WHERE round_id = ${roundId} AND type = 'rating'`))?.n ?? 0;
  if (rated === 0) return;
  const participantsPerPage = Math.max(1, Math.floor(RATING_PAGE_ROWS / rated));
  for (let after = -1; ;) {
    const page = await rows<{ id: number }>(
      db,
      sql`SELECT participant_id AS id FROM responses WHERE round_id = ${roundId} AND participant_id > ${after} ORDER BY participant_id LIMIT ${participantsPerPage}`,
    );
    if (page.length === 0) return;
    const first = page[0].id;
    const last = page[page.length - 1].id;
    yield await rows<RatingAnswerRow>(
      db,
      sql`SELECT r.participant_id AS "participantId", pp.stakeholder_group AS "stakeholderGroup", pp.age_band AS "ageBand",
                 pp.sex AS sex, pp.locality AS locality, pp.ethnicity AS ethnicity,
                 co.code AS code, a.numeric_value AS value, CASE WHEN a.unable THEN 1 ELSE 0 END AS unable
            FROM responses r
            JOIN answers a ON a.response_id = r.id
            JOIN questions q ON q.id = a.question_id AND q.type = 'rating'
            JOIN candidate_outcomes co ON co.id = q.outcome_id
            LEFT JOIN participant_profiles pp ON pp.participant_id = r.participant_id
           WHERE r.round_id = ${roundId} AND r.participant_id BETWEEN ${first} AND ${last}
           ORDER BY r.participant_id, co.code COLLATE "C"`,
    );
    if (page.length < participantsPerPage) return;
    after = last;
  }
}

/** Outcome codes rated in a round, in question order. */
export async function ratedOutcomeCodes(db: DB, roundId: number): Promise<string[]> {
  const found = await rows<{ code: string }>(
    db,
    sql`SELECT co.code AS code FROM questions q JOIN candidate_outcomes co ON co.id = q.outcome_id
         WHERE q.round_id = ${roundId} AND q.type = 'rating' ORDER BY q.position`,
  );
  return found.map((r) => r.code);
}

/** A consultation's rounds, in order. */
export async function listRounds(db: DB, consultationId: number) {
  return await db
    .select({ id: rounds.id, number: rounds.number, status: rounds.status })
    .from(rounds)
    .innerJoin(surveys, eq(surveys.id, rounds.surveyId))
    .where(eq(surveys.consultationId, consultationId))
    .orderBy(asc(rounds.number));
}

/** Statement of each outcome code in `locale`, English where not translated. */
export async function outcomeStatements(db: DB, consultationId: number, locale: string): Promise<Record<string, string>> {
  const found = await rows<{ code: string; statement: string }>(
    db,
    sql`SELECT co.code AS code, coalesce(l.statement, e.statement, co.code) AS statement
          FROM candidate_outcomes co
          LEFT JOIN candidate_outcome_translations l ON l.outcome_id = co.id AND l.locale = ${locale}
          LEFT JOIN candidate_outcome_translations e ON e.outcome_id = co.id AND e.locale = 'en'
         WHERE co.consultation_id = ${consultationId}`,
  );
  return Object.fromEntries(found.map((r) => [r.code, r.statement]));
}

export async function insertMargins(db: DB, values: typeof populationMargins.$inferInsert): Promise<number> {
  const [row] = await db.insert(populationMargins).values(values).returning({ id: populationMargins.id });
  return row.id;
}

export async function listMargins(db: DB, consultationId: number) {
  return await db
    .select({ id: populationMargins.id, name: populationMargins.name, rows: populationMargins.rows, createdAt: populationMargins.createdAt })
    .from(populationMargins)
    .where(eq(populationMargins.consultationId, consultationId))
    .orderBy(desc(populationMargins.id));
}

export async function findMargins(db: DB, id: number, consultationId: number) {
  const [row] = await db
    .select({ id: populationMargins.id, name: populationMargins.name, rows: populationMargins.rows })
    .from(populationMargins)
    .where(and(eq(populationMargins.id, id), eq(populationMargins.consultationId, consultationId)));
  return row;
}

export async function findResultByHash(db: DB, roundId: number, inputHash: string) {
  const [row] = await db
    .select({ version: aggregationResults.version })
    .from(aggregationResults)
    .where(and(eq(aggregationResults.roundId, roundId), eq(aggregationResults.inputHash, inputHash)));
  return row;
}

export async function insertResult(db: DB, values: Omit<typeof aggregationResults.$inferInsert, "version">): Promise<number> {
  const next =
    ((
      await db
        .select({ v: sql<number>`max(${aggregationResults.version})` })
        .from(aggregationResults)
        .where(eq(aggregationResults.roundId, values.roundId))
    )[0]?.v ?? 0) + 1;
  await db.insert(aggregationResults).values({ ...values, version: next });
  return next;
}

export async function listResultVersions(db: DB, roundId: number) {
  return await db
    .select({
      version: aggregationResults.version,
      createdAt: aggregationResults.createdAt,
      responseCount: aggregationResults.responseCount,
      parameters: aggregationResults.parameters,
    })
    .from(aggregationResults)
    .where(eq(aggregationResults.roundId, roundId))
    .orderBy(desc(aggregationResults.version));
}

export async function findResult(db: DB, roundId: number, version?: number) {
  const q = db
    .select({
      version: aggregationResults.version,
      result: aggregationResults.result,
      parameters: aggregationResults.parameters,
      responseCount: aggregationResults.responseCount,
      marginsId: aggregationResults.marginsId,
      createdAt: aggregationResults.createdAt,
    })
    .from(aggregationResults);
  const [row] =
    version === undefined
      ? await q.where(eq(aggregationResults.roundId, roundId)).orderBy(desc(aggregationResults.version)).limit(1)
      : await q.where(and(eq(aggregationResults.roundId, roundId), eq(aggregationResults.version, version)));
  return row;
}

/** Submitted responses to a round, and how many of them were submitted after `since`. */
export async function roundResponseCounts(db: DB, roundId: number, since: Date | null): Promise<{ total: number; newer: number }> {
  const newer = since ? sql`coalesce(sum(CASE WHEN submitted_at > ${instant(since)} THEN 1 ELSE 0 END), 0)` : sql`0`;
  const counts = await row<{ total: number; newer: number }>(db, sql`SELECT count(*) AS total, ${newer} AS newer FROM responses WHERE round_id = ${roundId}`);
  return { total: counts?.total ?? 0, newer: counts?.newer ?? 0 };
}
