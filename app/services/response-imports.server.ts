/**
 * Importing a round's responses collected another way (paper, phone, event…), all or nothing,
 * once per file; and counting every round's responses by channel (decision 0029).
 */
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { type DB, inTransaction } from "../db.server";
import type { Actor } from "../domain/actor";
import { allow, refuse, type Refusal } from "../domain/decision";
import { CsvError, parseCsv, type CsvTable } from "../domain/csv";
import { validateResponseImport, type ImportChannel, type ImportProblem } from "../domain/survey/response-import";
import { appendAudit } from "../repos/audit.server";
import { insertAnswers, insertResponse, upsertProfile } from "../repos/journey.server";
import {
  countResponsesByChannel,
  externalParticipant,
  findImportOfFile,
  insertImport,
  listImportQuestions,
  listImports,
  respondedExternalIds,
} from "../repos/response-imports.server";
import { newReference } from "./journey.server";

export interface ImportTarget {
  consultationId: number;
  round: { id: number; number: number };
  actor: Actor;
}

/** The responses stored, or why not: the file's problems by line, or the earlier import of the same file. */
export type ImportOutcome =
  | { ok: true; value: { count: number; fileName: string } }
  | (Refusal<"problems"> & { problems: ImportProblem[] })
  | (Refusal<"already-imported"> & { previous: { fileName: string; responseCount: number; createdAt: Date; importedBy: string | null } });

const fileHash = (text: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(text)));

/** The questions an import file can answer for this round (the page lists the columns from it). */
export const importQuestions = listImportQuestions;
export { listImports };

/**
 * Validates the file against the round and, when it has no problem, stores every response in
 * one transaction with its channel, the import it came from and the import in the audit log.
 * The same file (same bytes) is imported at most once per round; a respondent id with a
 * response in the round already is a problem on its line.
 */
export async function importRoundResponses(
  db: DB,
  target: ImportTarget,
  file: { name: string; text: string; channel: ImportChannel },
  now: Date,
): Promise<ImportOutcome> {
  const hash = fileHash(file.text);
  let table: CsvTable;
  try {
    table = parseCsv(file.text);
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    return { ...refuse("problems"), problems: [{ line: e.line, column: e.column, key: "csv", params: { message: e.message } }] };
  }
  // Checks and writes in one (immediate) transaction: two submits at once, of this file or of
  // another with the same respondents, cannot both pass the checks.
  return await inTransaction(db, async (tx): Promise<ImportOutcome> => {
    const previous = await findImportOfFile(tx, target.round.id, hash);
    if (previous) return { ...refuse("already-imported"), previous };
    const validated = validateResponseImport(table, {
      roundNumber: target.round.number,
      questions: await listImportQuestions(tx, target.round.id),
      channel: file.channel,
      alreadyResponded: await respondedExternalIds(tx, target.consultationId, target.round.id),
    });
    if (validated.problems.length) return { ...refuse("problems"), problems: validated.problems };
    const importId = await insertImport(tx, {
      roundId: target.round.id,
      fileName: file.name,
      fileSha256: hash,
      responseCount: validated.rows.length,
      importedBy: target.actor.userId,
      createdAt: now,
    });
    const channels: Partial<Record<ImportChannel, number>> = {};
    for (const row of validated.rows) {
      const participantId = await externalParticipant(tx, target.consultationId, row.respondentId);
      const responseId = await insertResponse(tx, {
        roundId: target.round.id,
        participantId,
        reference: await newReference(tx),
        locale: "en",
        submittedAt: now,
        channel: row.channel,
        importId,
      });
      await insertAnswers(
        tx,
        row.answers.map((a) => ({ responseId, ...a })),
      );
      // Profile columns are filled only for people who agreed on their form to give them.
      if (Object.keys(row.profile).length) await upsertProfile(tx, participantId, row.profile, now);
      channels[row.channel] = (channels[row.channel] ?? 0) + 1;
    }
    await appendAudit(tx, {
      at: now,
      actorUserId: target.actor.userId,
      partnershipId: target.actor.partnershipId,
      action: "responses.imported",
      entityType: "round",
      entityId: target.round.id,
      details: { importId, round: target.round.number, fileName: file.name, fileSha256: hash, count: validated.rows.length, channels },
    });
    return allow({ count: validated.rows.length, fileName: file.name });
  });
}

/**
 * Every round's submitted responses by channel ("online" for the journey; "paper", "phone",
 * "event", "email", "other" for imports), for the results and reporting pages.
 */
export async function responsesByChannel(db: DB, consultationId: number): Promise<Array<{ round: number; channels: Record<string, number>; total: number }>> {
  const byRound = new Map<number, Record<string, number>>();
  for (const row of await countResponsesByChannel(db, consultationId)) {
    const channels = byRound.get(row.round) ?? {};
    channels[row.channel] = row.count;
    byRound.set(row.round, channels);
  }
  return [...byRound].map(([round, channels]) => ({ round, channels, total: Object.values(channels).reduce((a, b) => a + b, 0) }));
}
