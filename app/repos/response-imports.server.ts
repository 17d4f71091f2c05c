/** Queries for responses imported from other channels (paper, phone, event…) into a round. */
import { and, asc, desc, eq, isNotNull, sql } from "drizzle-orm";
import * as s from "../../db/schema";
import type { DB } from "../db.server";
import type { ImportQuestion } from "../domain/survey/response-import";

/** A round's questions in order, numbered as on the round page, with the outcome each rating rates. */
export function listImportQuestions(db: DB, roundId: number): ImportQuestion[] {
  return db
    .select({ id: s.questions.id, type: s.questions.type, config: s.questions.config, outcomeCode: s.candidateOutcomes.code })
    .from(s.questions)
    .leftJoin(s.candidateOutcomes, eq(s.candidateOutcomes.id, s.questions.outcomeId))
    .where(eq(s.questions.roundId, roundId))
    .orderBy(asc(s.questions.position), asc(s.questions.id))
    .all()
    .map((q, i) => ({ ...q, number: i + 1 }));
}

/** Respondent ids of earlier imports that already have a response in this round. */
export function respondedExternalIds(db: DB, consultationId: number, roundId: number): Set<string> {
  const rows = db
    .select({ externalId: s.participants.externalId })
    .from(s.participants)
    .innerJoin(s.responses, and(eq(s.responses.participantId, s.participants.id), eq(s.responses.roundId, roundId)))
    .where(and(eq(s.participants.consultationId, consultationId), isNotNull(s.participants.externalId)))
    .all();
  return new Set(rows.map((r) => r.externalId!));
}

/** The earlier import of the same file into the round, if any. */
export function findImportOfFile(db: DB, roundId: number, fileSha256: string) {
  return db
    .select({ fileName: s.responseImports.fileName, responseCount: s.responseImports.responseCount, createdAt: s.responseImports.createdAt, importedBy: s.users.displayName })
    .from(s.responseImports)
    .leftJoin(s.users, eq(s.users.id, s.responseImports.importedBy))
    .where(and(eq(s.responseImports.roundId, roundId), eq(s.responseImports.fileSha256, fileSha256)))
    .get();
}

export function insertImport(db: DB, values: typeof s.responseImports.$inferInsert): number {
  return db.insert(s.responseImports).values(values).returning({ id: s.responseImports.id }).get().id;
}

/** The participant an imported respondent id stands for in this consultation, made on first use. */
export function externalParticipant(db: DB, consultationId: number, externalId: string): number {
  const found = db
    .select({ id: s.participants.id })
    .from(s.participants)
    .where(and(eq(s.participants.consultationId, consultationId), eq(s.participants.externalId, externalId)))
    .get();
  return found?.id ?? db.insert(s.participants).values({ consultationId, externalId }).returning({ id: s.participants.id }).get().id;
}

/** A round's imports, newest first, with who imported each. */
export function listImports(db: DB, roundId: number) {
  return db
    .select({ id: s.responseImports.id, fileName: s.responseImports.fileName, responseCount: s.responseImports.responseCount, createdAt: s.responseImports.createdAt, importedBy: s.users.displayName })
    .from(s.responseImports)
    .leftJoin(s.users, eq(s.users.id, s.responseImports.importedBy))
    .where(eq(s.responseImports.roundId, roundId))
    .orderBy(desc(s.responseImports.id))
    .all();
}

/** Submitted responses of each round of a consultation, counted per channel. */
export function countResponsesByChannel(db: DB, consultationId: number): Array<{ round: number; channel: string; count: number }> {
  return db.all<{ round: number; channel: string; count: number }>(
    sql`SELECT ro.number AS round, r.channel AS channel, count(*) AS count
          FROM ${s.responses} r
          JOIN ${s.rounds} ro ON ro.id = r.round_id
          JOIN ${s.surveys} su ON su.id = ro.survey_id
         WHERE su.consultation_id = ${consultationId}
         GROUP BY ro.number, r.channel
         ORDER BY ro.number, r.channel`,
  );
}
