import { quantileType7 } from "./quantile";
import type { Rating, RatingSummary } from "./ratings";
import { histogramQuantile, summariseRatings } from "./ratings";

export type ConsensusStatus = "in" | "out" | "none";
/**
 * The consensus rules an officer can choose. Adding one: its status function in `STATUS_BY_RULE`
 * below, then the wording maps TypeScript will point at (results page, published summary,
 * COS-STAR report) and their translations.
 */
export const CONSENSUS_RULES = ["comet", "median-iqr", "rand-ucla"] as const;
export type ConsensusRule = (typeof CONSENSUS_RULES)[number];
export type GroupCombination = "overall" | "every-group" | "any-group";

export interface ConsensusParameters {
  rule: ConsensusRule;
  /** % scoring 7–9 (or 1–3) needed, 0–100. */
  thresholdIn: number;
  /** The bound on the opposite end, 0–100 ("fewer than 15%"). */
  thresholdOut: number;
  bound: "strict" | "inclusive";
  groups: GroupCombination;
  /** Median/IQR rule: median at least this for "in" (and at most 10 − this for "out"). */
  medianIn: number;
  /** Median/IQR rule: IQR at most this. */
  iqrMax: number;
}

export const DEFAULT_CONSENSUS: ConsensusParameters = {
  rule: "comet",
  thresholdIn: 70,
  thresholdOut: 15,
  bound: "strict",
  groups: "overall",
  medianIn: 7,
  iqrMax: 2,
};

/**
 * COMET rule on weighted sums. Compared by cross-multiplication, not by
 * dividing, so exactly 15% (3 of 20) is exactly 15 and not 15.000000000000002.
 */
export function cometStatus(
  sums: { scored: number; critical: number; limited: number },
  p: Pick<ConsensusParameters, "thresholdIn" | "thresholdOut" | "bound">,
): ConsensusStatus {
  if (!(sums.scored > 0)) return "none";
  const atLeast = (part: number, pct: number) => 100 * part >= pct * sums.scored;
  const below = (part: number, pct: number) => (p.bound === "strict" ? 100 * part < pct * sums.scored : 100 * part <= pct * sums.scored);
  if (atLeast(sums.critical, p.thresholdIn) && below(sums.limited, p.thresholdOut)) return "in";
  if (atLeast(sums.limited, p.thresholdIn) && below(sums.critical, p.thresholdOut)) return "out";
  return "none";
}

/** A quantile function of the scores (R type 7); null when there are none. */
type Quantile = (p: number) => number | null;
const ofSorted =
  (sorted: number[]): Quantile =>
  (p) =>
    sorted.length ? quantileType7(sorted, p) : null;

export function medianIqrStatus(sorted: number[], p: Pick<ConsensusParameters, "medianIn" | "iqrMax">): ConsensusStatus {
  return medianIqrWith(ofSorted(sorted), p);
}

function medianIqrWith(q: Quantile, p: Pick<ConsensusParameters, "medianIn" | "iqrMax">): ConsensusStatus {
  const median = q(0.5);
  if (median === null) return "none";
  const iqr = q(0.75)! - q(0.25)!;
  if (iqr > p.iqrMax) return "none";
  if (median >= p.medianIn) return "in";
  if (median <= 10 - p.medianIn) return "out";
  return "none";
}

export interface RandUclaResult {
  median: number;
  p30: number;
  p70: number;
  ipr: number;
  iprcp: number;
  ai: number;
  ipras: number;
  disagreement: boolean;
  /** appropriate (median 7–9), uncertain (4–6 or disagreement), inappropriate (1–3). */
  appropriateness: "appropriate" | "uncertain" | "inappropriate";
  status: ConsensusStatus;
}

/** RAND/UCLA appropriateness with the IPRAS disagreement test (Fitch et al. 2001), percentiles R type 7. */
export function randUcla(sorted: number[]): RandUclaResult | null {
  return randUclaWith(ofSorted(sorted));
}

function randUclaWith(q: Quantile): RandUclaResult | null {
  const median = q(0.5);
  if (median === null) return null;
  const p30 = q(0.3)!;
  const p70 = q(0.7)!;
  const ipr = p70 - p30;
  const iprcp = (p30 + p70) / 2;
  const ai = Math.abs(5 - iprcp);
  const ipras = 2.35 + 1.5 * ai;
  const disagreement = ipr > ipras;
  const appropriateness = disagreement ? "uncertain" : median >= 7 ? "appropriate" : median <= 3 ? "inappropriate" : "uncertain";
  const status = appropriateness === "appropriate" ? "in" : appropriateness === "inappropriate" ? "out" : "none";
  return { median, p30, p70, ipr, iprcp, ai, ipras, disagreement, appropriateness, status };
}

/** Status under the chosen rule: COMET on the weighted sums, the others on the (unweighted) scores. */
const STATUS_BY_RULE: Record<ConsensusRule, (summary: RatingSummary, p: ConsensusParameters) => ConsensusStatus> = {
  comet: (summary, p) => cometStatus(summary.sums, p),
  "median-iqr": (summary, p) => medianIqrWith((x) => histogramQuantile(summary.distribution, x), p),
  "rand-ucla": (summary) => randUclaWith((x) => histogramQuantile(summary.distribution, x))?.status ?? "none",
};

export function statusOf(summary: RatingSummary, p: ConsensusParameters): ConsensusStatus {
  return STATUS_BY_RULE[p.rule](summary, p);
}

/** Status of one set of ratings under the chosen rule (weights apply to the COMET rule). */
export function statusFor(ratings: readonly Rating[], weights: ArrayLike<number> | undefined, p: ConsensusParameters): ConsensusStatus {
  return statusOf(summariseRatings(ratings, weights), p);
}

/** Combines the overall status with the per-group statuses as the parameters say. */
export function combineGroups(overall: ConsensusStatus, byGroup: ConsensusStatus[], how: GroupCombination): ConsensusStatus {
  if (how === "overall" || byGroup.length === 0) return overall;
  if (how === "every-group") {
    if (byGroup.every((s) => s === "in")) return "in";
    if (byGroup.every((s) => s === "out")) return "out";
    return "none";
  }
  if (byGroup.some((s) => s === "in")) return "in";
  if (byGroup.some((s) => s === "out")) return "out";
  return "none";
}
