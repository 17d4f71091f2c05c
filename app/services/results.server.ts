import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { type DB, inTransaction } from "../db.server";
import type { Actor } from "../domain/actor";
import { allow, refuse, type Decision, type Refusal } from "../domain/decision";
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
  equalGroupsGaps,
} from "../domain/aggregation";
import { formatDate } from "../i18n/format.server";
import { appendAudit } from "../repos/audit.server";
import {
  findMargins,
  findResult,
  findResultByHash,
  insertMargins,
  insertResult,
  iterateRatingAnswers,
  listMargins,
  listResultVersions,
  listRounds,
  outcomeStatements,
  ratedOutcomeCodes,
} from "../repos/results.server";

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

/** The stored version (`reused` when identical inputs had been computed before), or why not; a failed weighting says why in the engine's words. */
export type ComputeOutcome =
  Decision<"no-responses" | "margins-not-found", { version: number; reused: boolean }> | (Refusal<"weighting-failed"> & { message: string });

/**
 * Computes a round's result with the chosen parameters and margins and stores
 * it as a new version; identical inputs reuse the stored version.
 */
export async function computeRoundResult(
  db: DB,
  input: { consultationId: number; roundId: number; actor: Actor; parameters: ComputeParameters; marginsId: number | null },
  now: Date,
): Promise<ComputeOutcome> {
  const { columns, digest } = await loadRoundColumns(db, input.roundId);
  if (columns.respondentIds.length === 0) return refuse("no-responses");
  const margins = input.marginsId === null ? null : await findMargins(db, input.marginsId, input.consultationId);
  if (input.marginsId !== null && !margins) return refuse("margins-not-found");
  const inputHash = encodeHexLowerCase(
    sha256(new TextEncoder().encode(JSON.stringify({ digest, parameters: input.parameters, margins: margins?.rows ?? null }))),
  );
  const existing = await findResultByHash(db, input.roundId, inputHash);
  if (existing) return allow({ version: existing.version, reused: true });
  let result: AggregateResult;
  try {
    result = aggregateColumns(columns, { ...input.parameters, margins: margins ? marginsFromRows(margins.rows) : undefined });
  } catch (e) {
    if (e instanceof RakingError) return { ...refuse("weighting-failed"), message: e.message };
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
      createdBy: input.actor.userId,
      createdAt: now,
    });
    await appendAudit(tx, {
      at: now,
      actorUserId: input.actor.userId,
      partnershipId: input.actor.partnershipId,
      action: "aggregation.computed",
      entityType: "round",
      entityId: input.roundId,
      details: { version: v, parameters: input.parameters, marginsId: margins?.id ?? null },
    });
    return v;
  });
  return allow({ version, reused: false });
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
export async function compareWithPreviousRound(
  db: DB,
  previousRoundId: number,
  previousNumber: number,
  roundId: number,
  number: number,
): Promise<RoundComparison[]> {
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
export async function saveMargins(
  db: DB,
  input: { consultationId: number; actor: Actor; name: string; rows: Parameters<typeof insertMargins>[1]["rows"] },
  now: Date,
): Promise<number> {
  return await inTransaction(db, async (tx) => {
    const id = await insertMargins(tx, { consultationId: input.consultationId, name: input.name, rows: input.rows, uploadedBy: input.actor.userId });
    await appendAudit(tx, {
      at: now,
      actorUserId: input.actor.userId,
      partnershipId: input.actor.partnershipId,
      action: "margins.uploaded",
      entityType: "population_margins",
      entityId: id,
      details: { rows: input.rows.length },
    });
    return id;
  });
}

/**
 * A round's results page: the stored result (the latest, or `version`), how it was computed, the
 * change since the round before, the other versions and the margins to weight by. Null when the
 * asked-for version does not exist.
 */
export async function resultsPage(
  db: DB,
  input: {
    consultation: { id: number; slug: string; title: string };
    rounds: ReadonlyArray<{ id: number; number: number }>;
    round: { id: number; number: number };
    version?: number;
    locale: string;
    canCompute: boolean;
  },
) {
  const { consultation, round, locale } = input;
  const stored = await findResult(db, round.id, input.version);
  if (input.version !== undefined && !stored) return null;
  const previous = input.rounds.filter((r) => r.number < round.number).at(-1);
  const result = stored ? (stored.result as unknown as AggregateResult) : null;
  return {
    consultation: { slug: consultation.slug, title: consultation.title },
    rounds: input.rounds.map((r) => r.number),
    round: round.number,
    canCompute: input.canCompute,
    statements: await outcomeStatements(db, consultation.id, locale),
    versions: (await listResultVersions(db, round.id)).map((v) => ({
      version: v.version,
      responseCount: v.responseCount,
      createdAt: formatDate(v.createdAt.toISOString(), locale),
    })),
    result:
      stored && result
        ? { version: stored.version, responseCount: stored.responseCount, parameters: stored.parameters as { marginsName?: string | null }, data: result }
        : null,
    gaps: result ? equalGroupsGaps(result) : [],
    previousRound: previous?.number ?? null,
    comparison: previous ? await compareWithPreviousRound(db, previous.id, previous.number, round.id, round.number) : [],
    margins: (await listMargins(db, consultation.id)).map((m) => ({ id: m.id, name: m.name, variables: [...new Set(m.rows.map((r) => r.variable))] })),
  };
}

export type ResultsPage = NonNullable<Awaited<ReturnType<typeof resultsPage>>>;

// Reads the routes use, passed through unchanged: services are the routes' only way to the data.
export { listRounds, outcomeStatements } from "../repos/results.server";
