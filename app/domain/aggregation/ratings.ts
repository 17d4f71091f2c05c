import { kish, quantileType7, wilsonInterval } from "./stats";

/** One answer to a 1–9 rating: a score, "U" (unable to score) or null (not answered). */
export type Rating = number | "U" | null;

export interface RatingSummary {
  /** Responses to the item: scores plus "unable to score". */
  n: number;
  nUnable: number;
  /** Counts of 1..9 (index 0 is score 1). */
  distribution: number[];
  median: number | null;
  p25: number | null;
  p75: number | null;
  percentCritical: number | null;
  percentLimited: number | null;
  weightedPercentCritical: number | null;
  weightedPercentLimited: number | null;
  weightedMean: number | null;
  /** 95% Kish-adjusted Wilson interval for the weighted % critical (0–100). */
  ci95: { lower: number; upper: number } | null;
  nEff: number;
  /** Weighted sums behind the percentages, for exact threshold comparisons. */
  sums: { scored: number; critical: number; limited: number; countScored: number; countCritical: number; countLimited: number };
}

const isScore = (r: Rating): r is number => typeof r === "number" && Number.isInteger(r) && r >= 1 && r <= 9;

/**
 * Summarises one item. "Unable to score" counts as a response (n) but not in
 * the denominators of the percentages; unanswered items are ignored.
 */
export function summariseRatings(ratings: readonly Rating[], weights?: ArrayLike<number>): RatingSummary {
  const distribution = new Array(9).fill(0);
  const scores: number[] = [];
  const scoreWeights: number[] = [];
  let nUnable = 0;
  let wScored = 0;
  let wCritical = 0;
  let wLimited = 0;
  let wSum = 0;
  for (let i = 0; i < ratings.length; i++) {
    const r = ratings[i];
    if (r === "U") {
      nUnable++;
      continue;
    }
    if (!isScore(r)) continue;
    const w = weights ? weights[i] : 1;
    distribution[r - 1]++;
    scores.push(r);
    scoreWeights.push(w);
    wScored += w;
    wSum += w * r;
    if (r >= 7) wCritical += w;
    else if (r <= 3) wLimited += w;
  }
  const m = scores.length;
  const countCritical = distribution[6] + distribution[7] + distribution[8];
  const countLimited = distribution[0] + distribution[1] + distribution[2];
  scores.sort((a, b) => a - b);
  const { nEff } = kish(scoreWeights);
  const wp = wScored > 0 ? wCritical / wScored : null;
  const interval = wp === null ? null : wilsonInterval(wp, nEff);
  return {
    n: m + nUnable,
    nUnable,
    distribution,
    median: m ? quantileType7(scores, 0.5) : null,
    p25: m ? quantileType7(scores, 0.25) : null,
    p75: m ? quantileType7(scores, 0.75) : null,
    percentCritical: m ? (100 * countCritical) / m : null,
    percentLimited: m ? (100 * countLimited) / m : null,
    weightedPercentCritical: wp === null ? null : 100 * wp,
    weightedPercentLimited: wScored > 0 ? (100 * wLimited) / wScored : null,
    weightedMean: wScored > 0 ? wSum / wScored : null,
    ci95: interval ? { lower: 100 * interval.lower, upper: 100 * interval.upper } : null,
    nEff,
    sums: { scored: wScored, critical: wCritical, limited: wLimited, countScored: m, countCritical, countLimited },
  };
}

/** Sorted scores (no "U", no blanks), for quantile-based rules. */
export function sortedScores(ratings: readonly Rating[]): number[] {
  return ratings.filter(isScore).sort((a, b) => a - b);
}
