/**
 * From rating responses to a weighted candidate outcome framework (methods
 * §§1–4): per outcome and round, distributions, quartiles, weighted % critical
 * with Kish-adjusted Wilson intervals, consensus, and the framework.
 */
import { combineGroups, DEFAULT_CONSENSUS, statusOf, type ConsensusParameters, type ConsensusStatus } from "./consensus";
import { buildFramework, type FrameworkEntry } from "./framework";
import { rake, RakingError, type Margin, type RakingOptions } from "./raking";
import { addHistogram, emptyHistogram, summariseHistogram, type Rating, type RatingSummary } from "./ratings";

export const ENGINE_VERSION = "1.0.0";
export const METHOD_NAME = "outcomes-codesign/delphi-aggregation";

export interface ResponseRow {
  respondentId: string;
  round: number;
  /** Stakeholder group: citizen, carer, service-user, professional… */
  group: string;
  /** Profile values the margins name (age_band, sex, locality…). */
  profile: Record<string, string>;
  /** Rating per outcome code. */
  ratings: Record<string, Rating>;
}

export interface AggregateOptions extends Partial<ConsensusParameters> {
  /** equal: each stakeholder group's weights scaled to the same total; pooled: as they are. */
  groupWeighting?: "equal" | "pooled";
  margins?: Margin[];
  raking?: RakingOptions;
}

/** What the engine reports per item and group: the rating summary without its internals, plus consensus. */
export type ItemStats = Omit<RatingSummary, "nEff" | "sums"> & { consensus: ConsensusStatus };

export interface ItemResult extends ItemStats {
  code: string;
  round: number;
  byGroup: Record<string, ItemStats>;
  framework: Omit<FrameworkEntry, "code">;
}

export interface AggregateResult {
  method: {
    name: string;
    version: string;
    parameters: ConsensusParameters & { groupWeighting: "equal" | "pooled"; weighted: boolean; raking?: RakingOptions };
  };
  weighting?: {
    deff: number;
    nEff: number;
    iterations: number;
    converged: boolean;
    byRound: Record<string, { deff: number; nEff: number; iterations: number; converged: boolean; total: number }>;
  };
  items: ItemResult[];
}

function stats(summary: RatingSummary, consensus: ConsensusStatus): ItemStats {
  const { nEff: _nEff, sums: _sums, ...rest } = summary;
  return { ...rest, consensus };
}

/** Scales each group's weights to the same total (the overall total ÷ number of groups). */
export function equaliseGroups(groups: readonly string[], weights: Float64Array): Float64Array {
  const totals = new Map<string, number>();
  let all = 0;
  for (let i = 0; i < weights.length; i++) {
    totals.set(groups[i], (totals.get(groups[i]) ?? 0) + weights[i]);
    all += weights[i];
  }
  const share = all / totals.size;
  const out = new Float64Array(weights.length);
  for (let i = 0; i < weights.length; i++) out[i] = (weights[i] * share) / totals.get(groups[i])!;
  return out;
}

export function codesOf(rows: readonly ResponseRow[]): string[] {
  const codes = new Set<string>();
  // Rows nearly always share one set of keys: skip the Set when a row's keys are the previous row's.
  let previous: string[] = [];
  for (const r of rows) {
    const keys = Object.keys(r.ratings);
    let same = keys.length === previous.length;
    for (let k = 0; same && k < keys.length; k++) same = keys[k] === previous[k];
    if (!same) for (const c of keys) codes.add(c);
    previous = keys;
  }
  return [...codes].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
}

/**
 * Responses by column, the engine's working form: one Int8Array of scores per
 * outcome (1–9; −1 for "unable to score"; 0 for not answered).
 */
export interface ResponseColumns {
  respondentIds: string[];
  rounds: Int32Array;
  groups: string[];
  profiles: Array<Record<string, string>>;
  codes: string[];
  scores: Int8Array[];
}

export function toColumns(rows: readonly ResponseRow[], codes = codesOf(rows)): ResponseColumns {
  const n = rows.length;
  const scores = codes.map(() => new Int8Array(n));
  const respondentIds = new Array<string>(n);
  const groups = new Array<string>(n);
  const profiles = new Array<Record<string, string>>(n);
  const rounds = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    respondentIds[i] = row.respondentId;
    groups[i] = row.group;
    profiles[i] = row.profile;
    rounds[i] = row.round;
    const ratings = row.ratings;
    for (let k = 0; k < codes.length; k++) {
      const r = ratings[codes[k]];
      if (r === "U") scores[k][i] = -1;
      else if (typeof r === "number" && r >= 1 && r <= 9 && Number.isInteger(r)) scores[k][i] = r;
    }
  }
  return { respondentIds, rounds, groups, profiles, codes, scores };
}

export function aggregate(rows: readonly ResponseRow[], options: AggregateOptions = {}, codes = codesOf(rows)): AggregateResult {
  return aggregateColumns(toColumns(rows, codes), options);
}

export function aggregateColumns(data: ResponseColumns, options: AggregateOptions = {}): AggregateResult {
  const { codes } = data;
  const consensus: ConsensusParameters = {
    rule: options.rule ?? DEFAULT_CONSENSUS.rule,
    thresholdIn: options.thresholdIn ?? DEFAULT_CONSENSUS.thresholdIn,
    thresholdOut: options.thresholdOut ?? DEFAULT_CONSENSUS.thresholdOut,
    bound: options.bound ?? DEFAULT_CONSENSUS.bound,
    groups: options.groups ?? DEFAULT_CONSENSUS.groups,
    medianIn: options.medianIn ?? DEFAULT_CONSENSUS.medianIn,
    iqrMax: options.iqrMax ?? DEFAULT_CONSENSUS.iqrMax,
  };
  const groupWeighting = options.groupWeighting ?? "equal";
  const rounds = [...new Set(data.rounds)].sort((a, b) => a - b);
  const items: ItemResult[] = [];
  const byRound: NonNullable<AggregateResult["weighting"]>["byRound"] = {};
  for (const round of rounds) {
    const index: number[] = [];
    for (let i = 0; i < data.rounds.length; i++) if (data.rounds[i] === round) index.push(i);
    const groups = index.map((i) => data.groups[i]);
    let weights: Float64Array = new Float64Array(index.length).fill(1);
    if (options.margins?.length) {
      let raked;
      try {
        raked = rake(
          index.map((i) => data.profiles[i]),
          options.margins,
          options.raking,
        );
      } catch (e) {
        // Name the respondent by id and by position in the whole input, not in this round.
        if (e instanceof RakingError && typeof e.details.respondent === "number") {
          const row = index[e.details.respondent];
          const message = e.message.replace(/^Respondent \d+/, `Respondent ${data.respondentIds[row]} (round ${round})`);
          throw new RakingError(e.code, message, { ...e.details, respondent: row, round });
        }
        throw e;
      }
      weights = raked.weights;
      byRound[String(round)] = { deff: raked.deff, nEff: raked.nEff, iterations: raked.iterations, converged: raked.converged, total: raked.total };
    }
    if (groupWeighting === "equal") weights = equaliseGroups(groups, weights);
    const groupNames = [...new Set(groups)].sort();
    const groupOf = Int32Array.from(groups, (g) => groupNames.indexOf(g));
    const roundItems: ItemResult[] = [];
    codes.forEach((code, c) => {
      // One pass per outcome into a histogram per group; overall is their sum.
      const column = data.scores[c];
      const perGroup = groupNames.map(() => emptyHistogram());
      for (let j = 0; j < index.length; j++) {
        const v = column[index[j]];
        if (v === 0) continue;
        const h = perGroup[groupOf[j]];
        if (v < 0) h.unable++;
        else {
          const w = weights[j];
          h.counts[v - 1]++;
          h.weights[v - 1] += w;
          h.weightSquares += w * w;
        }
      }
      const overallHistogram = emptyHistogram();
      const byGroup: Record<string, ItemStats> = {};
      const groupStatuses: ConsensusStatus[] = [];
      groupNames.forEach((g, k) => {
        addHistogram(overallHistogram, perGroup[k]);
        const summary = summariseHistogram(perGroup[k]);
        const status = statusOf(summary, consensus);
        if (summary.sums.countScored > 0) groupStatuses.push(status);
        byGroup[g] = stats(summary, status);
      });
      const overallSummary = summariseHistogram(overallHistogram);
      const status = combineGroups(statusOf(overallSummary, consensus), groupStatuses, consensus.groups);
      roundItems.push({ code, round, ...stats(overallSummary, status), byGroup, framework: { rank: 0, priority: null, included: false, proposedWeight: 0 } });
    });
    const framework = buildFramework(roundItems.map((i) => ({ code: i.code, priority: i.weightedPercentCritical, consensus: i.consensus })));
    const entry = new Map(framework.map((f) => [f.code, f]));
    for (const item of roundItems) {
      const { code: _code, ...f } = entry.get(item.code)!;
      item.framework = f;
    }
    items.push(...roundItems);
  }
  const firstRound = byRound[String(rounds[0])];
  return {
    method: {
      name: METHOD_NAME,
      version: ENGINE_VERSION,
      parameters: { ...consensus, groupWeighting, weighted: Boolean(options.margins?.length), ...(options.raking ? { raking: options.raking } : {}) },
    },
    ...(firstRound
      ? { weighting: { deff: firstRound.deff, nEff: firstRound.nEff, iterations: firstRound.iterations, converged: firstRound.converged, byRound } }
      : {}),
    items,
  };
}
