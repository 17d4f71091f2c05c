/** Queries for responses imported from other channels (paper, phone, event…) into a round. */
import { and, asc, desc, eq, isNotNull, sql } from "drizzle-orm";
import * as s from "../../db/tables";
import { rows, type DB } from "../db.server";
import type { ImportQuestion } from "../domain/survey/response-import";

/** A round's questions in order, numbered as on the round page, with the outcome each rating rates. */
export async function listImportQuestions(db: DB, roundId: number): Promise<ImportQuestion[]> {
  const rows = await db
    .select({ id: s.questions.id, type: s.questions.type, config: s.questions.config, outcomeCode: s.candidateOutcomes.code })
    .from(s.questions)
    .leftJoin(s.candidateOutcomes, eq(s.candidateOutcomes.id, s.questions.outcomeId))
    .where(eq(s.questions.roundId, roundId))
    .orderBy(asc(s.questions.position), asc(s.questions.id));
  return rows.map((q, i) => ({ ...q, number: i + 1 }));
}

/** Respondent ids of earlier imports that already have a response in this round. */
export async function respondedExternalIds(db: DB, consultationId: number, roundId: number): Promise<Set<string>> {
  const rows = await db
    .select({ externalId: s.participants.externalId })
    .from(s.participants)
    .innerJoin(s.responses, and(eq(s.responses.participantId, s.participants.id), eq(s.responses.roundId, roundId)))
    .where(and(eq(s.participants.consultationId, consultationId), isNotNull(s.participants.externalId)));
  return new Set(rows.map((r) => r.externalId!));
}

/** The earlier import of the same file into the round, if any. */
export async function findImportOfFile(db: DB, roundId: number, fileSha256: string) {
  const [row] = await db
    .select({
      fileName: s.responseImports.fileName,
      responseCount: s.responseImports.responseCount,
      createdAt: s.responseImports.createdAt,
      importedBy: s.users.displayName,
    })
    .from(s.responseImports)
    .leftJoin(s.users, eq(s.users.id, s.responseImports.importedBy))
    .where(and(eq(s.responseImports.roundId, roundId), eq(s.responseImports.fileSha256, fileSha256)));
  return row;
}

export async function insertImport(db: DB, values: typeof s.responseImports.$inferInsert): Promise<number> {
  const [row] = await db.insert(s.responseImports).values(values).returning({ id: s.responseImports.id });
  return row.id;
}

/** The participant an imported respondent id stands for in this consultation, made on first use. */
export async function externalParticipant(db: DB, consultationId: number, externalId: string): Promise<number> {
  const [found] = await db
    .select({ id: s.participants.id })
    .from(s.participants)
    .where(and(eq(s.participants.consultationId, consultationId), eq(s.participants.externalId, externalId)));
  if (found) return found.id;
  const [inserted] = await db.insert(s.participants).values({ consultationId, externalId }).returning({ id: s.participants.id });
  return inserted.id;
}

/** A round's imports, newest first, with who imported each. */
export async function listImports(db: DB, roundId: number) {
  return await db
    .select({
      id: s.responseImports.id,
      fileName: s.responseImports.fileName,
      responseCount: s.responseImports.responseCount,
      createdAt: s.responseImports.createdAt,
      importedBy: s.users.displayName,
    })
    .from(s.responseImports)
    .leftJoin(s.users, eq(s.users.id, s.responseImports.importedBy))
    .where(eq(s.responseImports.roundId, roundId))
    .orderBy(desc(s.responseImports.id));
}

/** Submitted responses of each round of a consultation, counted per channel. */
export async function countResponsesByChannel(db: DB, consultationId: number): Promise<Array<{ round: number; channel: string; count: number }>> {
  return await rows<{ round: number; channel: string; count: number }>(
    db,
    sql`SELECT ro.number AS round, r.channel AS channel, count(*) AS count
          FROM ${s.responses} r
          JOIN ${s.rounds} ro ON ro.id = r.round_id
          JOIN ${s.surveys} su ON su.id = ro.survey_id
         WHERE su.consultation_id = ${consultationId}
         GROUP BY ro.number, r.channel
         ORDER BY ro.number, r.channel`,
  );
}
