import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { type DB, inTransaction } from "../db.server";
import {
  aggregateColumns,
  compareRounds,
  marginsFromRows,
  RakingError,
  type AggregateOptions,
  type AggregateResult,
  type ResponseColumns,
  type ResponseRow,
  type RoundComparison,
} from "../domain/aggregation";
import { appendAudit } from "../repos/audit.server";
import { findMargins, findResultByHash, insertMargins, insertResult, iterateRatingAnswers, listRounds, ratedOutcomeCodes } from "../repos/results.server";

export const NOT_STATED = "not-stated";

/**
 * Reads a round's submitted ratings into the engine's columns, streaming
 * them from the database, and hashes exactly what was read.
 */
export async function loadRoundColumns(db: DB, roundId: number): Promise<{ columns: ResponseColumns; digest: string }> {
  const codes = await ratedOutcomeCodes(db, roundId);
  const codeIndex = new Map(codes.map((c, k) => [c, k]));
  const columns: ResponseColumns = { respondentIds: [], rounds: new Int32Array(0), groups: [], profiles: [], codes, scores: [] };
  const perCode: number[][] = codes.map(() => []);
  const hashInput: string[] = [];
  let current = -1;
  for await (const batch of iterateRatingAnswers(db, roundId)) {
    for (const row of batch) {
      if (row.participantId !== current) {
        current = row.participantId;
        columns.respondentIds.push(String(row.participantId));
        columns.groups.push(row.stakeholderGroup ?? NOT_STATED);
        columns.profiles.push({
          age_band: row.ageBand ?? NOT_STATED,
          sex: row.sex ?? NOT_STATED,
          locality: row.locality ?? NOT_STATED,
          ethnicity: row.ethnicity ?? NOT_STATED,
        });
        for (const list of perCode) list.push(0);
      }
      const k = codeIndex.get(row.code);
      if (k === undefined) continue;
      const score = row.unable ? -1 : row.value !== null && row.value >= 1 && row.value <= 9 ? Math.round(row.value) : 0;
      perCode[k][perCode[k].length - 1] = score;
      hashInput.push(`${row.participantId}|${row.stakeholderGroup}|${row.ageBand}|${row.sex}|${row.locality}|${row.code}|${score}`);
    }
  }
  columns.rounds = new Int32Array(columns.respondentIds.length).fill(1);
  columns.scores = perCode.map((list) => Int8Array.from(list));
  return { columns, digest: encodeHexLowerCase(sha256(new TextEncoder().encode(hashInput.join("\n")))) };
}

export type ComputeParameters = Pick<AggregateOptions, "rule" | "thresholdIn" | "thresholdOut" | "bound" | "groups" | "groupWeighting">;

export type ComputeOutcome =
  | { ok: true; version: number; reused: boolean }
  | { ok: false; reason: "no-responses" | "margins-not-found" }
  | { ok: false; reason: "weighting-failed"; message: string };

/**
 * Computes a round's result with the chosen parameters and margins and stores
 * it as a new version; identical inputs reuse the stored version.
 */
export async function computeRoundResult(
  db: DB,
  input: { consultationId: number; partnershipId: number; roundId: number; actorUserId: number; parameters: ComputeParameters; marginsId: number | null },
  now: Date,
): Promise<ComputeOutcome> {
  const { columns, digest } = await loadRoundColumns(db, input.roundId);
  if (columns.respondentIds.length === 0) return { ok: false, reason: "no-responses" };
  const margins = input.marginsId === null ? null : await findMargins(db, input.marginsId, input.consultationId);
  if (input.marginsId !== null && !margins) return { ok: false, reason: "margins-not-found" };
  const inputHash = encodeHexLowerCase(
    sha256(new TextEncoder().encode(JSON.stringify({ digest, parameters: input.parameters, margins: margins?.rows ?? null }))),
  );
  const existing = await findResultByHash(db, input.roundId, inputHash);
  if (existing) return { ok: true, version: existing.version, reused: true };
  let result: AggregateResult;
  try {
    result = aggregateColumns(columns, { ...input.parameters, margins: margins ? marginsFromRows(margins.rows) : undefined });
  } catch (e) {
    if (e instanceof RakingError) return { ok: false, reason: "weighting-failed", message: e.message };
    throw e;
  }
  const version = await inTransaction(db, async (tx) => {
    const v = await insertResult(tx, {
      roundId: input.roundId,
      inputHash,
      marginsId: margins?.id ?? null,
      parameters: { ...input.parameters, marginsName: margins?.name ?? null },
      result: result as unknown as Record<string, unknown>,
      responseCount: columns.respondentIds.length,
      createdBy: input.actorUserId,
      createdAt: now,
    });
    await appendAudit(tx, {
      at: now,
      actorUserId: input.actorUserId,
      partnershipId: input.partnershipId,
      action: "aggregation.computed",
      entityType: "round",
      entityId: input.roundId,
      details: { version: v, parameters: input.parameters, marginsId: margins?.id ?? null },
    });
    return v;
  });
  return { ok: true, version, reused: false };
}

/** Columns back to rows for the between-round report (small: one row per participant). */
function rowsOf(columns: ResponseColumns, round: number): ResponseRow[] {
  return columns.respondentIds.map((respondentId, i) => ({
    respondentId,
    round,
    group: columns.groups[i],
    profile: columns.profiles[i],
    ratings: Object.fromEntries(columns.codes.map((code, k) => [code, columns.scores[k][i] === -1 ? "U" : columns.scores[k][i] || null])),
  }));
}

/** Per outcome rated in both rounds: attrition, change in % critical, stability (methods §2). */
export async function compareWithPreviousRound(db: DB, previousRoundId: number, previousNumber: number, roundId: number, number: number): Promise<RoundComparison[]> {
  const before = (await loadRoundColumns(db, previousRoundId)).columns;
  const after = (await loadRoundColumns(db, roundId)).columns;
  if (before.respondentIds.length === 0 || after.respondentIds.length === 0) return [];
  const rows = [...rowsOf(before, previousNumber), ...rowsOf(after, number)];
  return after.codes.filter((c) => before.codes.includes(c)).map((code) => compareRounds(rows, code, previousNumber, number));
}

/** A consultation's round numbers, in order. */
export async function listRoundNumbers(db: DB, consultationId: number): Promise<number[]> {
  return (await listRounds(db, consultationId)).map((r) => r.number);
}

/** Stores uploaded population margins with their audit entry, in one transaction. */
export async function saveMargins(db: DB, input: { consultationId: number; partnershipId: number; actorUserId: number; name: string; rows: Parameters<typeof insertMargins>[1]["rows"] }, now: Date): Promise<number> {
  return await inTransaction(db, async (tx) => {
    const id = await insertMargins(tx, { consultationId: input.consultationId, name: input.name, rows: input.rows, uploadedBy: input.actorUserId });
    await appendAudit(tx, { at: now, actorUserId: input.actorUserId, partnershipId: input.partnershipId, action: "margins.uploaded", entityType: "population_margins", entityId: id, details: { rows: input.rows.length } });
    return id;
  });
}

// Reads the routes use, passed through unchanged: services are the routes' only way to the data.
export { findResult, listMargins, listResultVersions, listRounds, outcomeStatements } from "../repos/results.server";
