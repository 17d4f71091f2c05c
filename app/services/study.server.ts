/**
 * The whole study: the latest calculated result of every round combined into the
 * study-level result (methods §4, "Across rounds"; app/domain/aggregation/study),
 * with what is known about each round's calculation: when it ran, on how many
 * responses, and whether responses have arrived (or gone) since.
 */
import type { DB } from "../db.server";
import { studyResult, type AggregateResult, type ItemResult, type StudyResult } from "../domain/aggregation";
import type { RoundBasis } from "../domain/outcome-sets";
import { findMargins, findResult, listRounds, outcomeStatements, roundResponseCounts } from "../repos/results.server";

export interface StudyRoundState {
  roundId: number;
  number: number;
  status: string;
  /** Submitted responses now. */
  responses: number;
  /** The calculation the study uses for this round (its latest, unless another was asked for). */
  calculation: {
    version: number;
    responseCount: number;
    computedAt: Date;
    method: AggregateResult["method"];
    weighting: RoundBasis["weighting"];
    marginsName: string | null;
  } | null;
  /** Responses submitted after that calculation. */
  newerResponses: number;
  /** Responses have arrived or been removed since the calculation, or there are responses and no calculation. */
  stale: boolean;
}

export interface LoadedStudy {
  study: StudyResult;
  rounds: StudyRoundState[];
  /** The rounds whose calculation is out of date (see StudyRoundState.stale). */
  stale: StudyRoundState[];
}

export interface StudyOptions {
  /** Only rounds up to this one (an interim summary after round 1, say). */
  upToRound?: number | null;
  /** Use this stored version for that round instead of its latest. */
  version?: { round: number; version: number } | null;
}

export async function loadStudy(db: DB, consultationId: number, options: StudyOptions = {}): Promise<LoadedStudy> {
  const rounds: StudyRoundState[] = [];
  const inputs = [];
  for (const r of await listRounds(db, consultationId)) {
    if (options.upToRound != null && r.number > options.upToRound) continue;
    const wanted = options.version && options.version.round === r.number ? options.version.version : undefined;
    const stored = await findResult(db, r.id, wanted);
    const counts = await roundResponseCounts(db, r.id, stored?.createdAt ?? null);
    const result = stored ? (stored.result as unknown as AggregateResult) : null;
    const parameters = (stored?.parameters ?? {}) as { marginsName?: string | null };
    const marginsName = parameters.marginsName ?? (stored?.marginsId ? ((await findMargins(db, stored.marginsId, consultationId))?.name ?? null) : null);
    rounds.push({
      roundId: r.id,
      number: r.number,
      status: r.status,
      responses: counts.total,
      calculation:
        stored && result
          ? {
              version: stored.version,
              responseCount: stored.responseCount,
              computedAt: stored.createdAt,
              method: result.method,
              weighting: result.weighting
                ? { deff: result.weighting.deff, nEff: result.weighting.nEff, iterations: result.weighting.iterations, converged: result.weighting.converged }
                : null,
              marginsName,
            }
          : null,
      newerResponses: counts.newer,
      stale: stored ? counts.newer > 0 || counts.total !== stored.responseCount : counts.total > 0,
    });
    if (stored && result) {
      inputs.push({
        round: r.number,
        items: result.items.map((i): ItemResult => ({ ...i, round: r.number })),
        method: result.method,
        responseCount: stored.responseCount,
        resultVersion: stored.version,
        computedAt: stored.createdAt.toISOString(),
      });
    }
  }
  return { study: studyResult(inputs), rounds, stale: rounds.filter((r) => r.stale) };
}

/** The calculations a study-level outcome set records as its basis, in round order. */
export function roundBases(loaded: LoadedStudy): RoundBasis[] {
  return loaded.rounds
    .filter((r) => r.calculation)
    .map((r) => ({
      roundId: r.roundId,
      roundNumber: r.number,
      resultVersion: r.calculation!.version,
      responseCount: r.calculation!.responseCount,
      computedAt: r.calculation!.computedAt.toISOString(),
      method: { name: r.calculation!.method.name, version: r.calculation!.method.version, parameters: { ...r.calculation!.method.parameters } },
      weighting: r.calculation!.weighting,
      marginsName: r.calculation!.marginsName,
    }));
}

/** The whole-study page's view: every round's state and decisions, every outcome's path and the framework. */
export async function studyView(db: DB, consultationId: number, locale: string) {
  const loaded = await loadStudy(db, consultationId);
  const decided = new Map(loaded.study.rounds.map((r) => [r.round, r]));
  const included = loaded.study.outcomes.filter((o) => o.framework.included);
  return {
    statements: await outcomeStatements(db, consultationId, locale),
    rounds: loaded.rounds.map((r) => {
      const d = decided.get(r.number);
      return {
        round: r.number,
        status: r.status,
        responses: r.responses,
        calculation: r.calculation
          ? {
              version: r.calculation.version,
              responseCount: r.calculation.responseCount,
              computedAt: r.calculation.computedAt.toISOString(),
              method: `${r.calculation.method.name} ${r.calculation.method.version}`,
              rule: r.calculation.method.parameters.rule,
              groupWeighting: r.calculation.method.parameters.groupWeighting,
            }
          : null,
        stale: r.stale,
        newer: r.newerResponses,
        rated: d?.rated ?? [],
        consensusIn: d?.consensusIn ?? [],
        consensusOut: d?.consensusOut ?? [],
        noConsensus: d?.noConsensus ?? [],
        added: d?.added ?? [],
        carried: d?.carried ?? [],
      };
    }),
    outcomes: loaded.study.outcomes.map((o) => ({
      code: o.code,
      round: o.round,
      firstRound: o.firstRound,
      rank: o.framework.rank,
      consensus: o.item.consensus,
      n: o.item.n,
      percentCritical: o.item.weightedPercentCritical,
      ci95: o.item.ci95,
      included: o.framework.included,
      proposedWeight: o.framework.proposedWeight,
      history: o.history.map((h) => ({ round: h.round, n: h.n, percentCritical: h.percentCritical, consensus: h.consensus })),
    })),
    totalProposed: included.reduce((a, o) => a + Math.round(o.framework.proposedWeight * 100), 0) / 100,
  };
}
