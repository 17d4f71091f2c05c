import { wilsonInterval } from "./wilson";

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
 * The sufficient statistics of one item for one set of respondents: counts and
 * weight sums per score, Σw² (for Kish's n_eff) and the number unable to score.
 * Groups add up, so overall figures are the sum of the groups' histograms.
 */
export interface RatingHistogram {
  counts: Float64Array;
  weights: Float64Array;
  weightSquares: number;
  unable: number;
}

export function emptyHistogram(): RatingHistogram {
  return { counts: new Float64Array(9), weights: new Float64Array(9), weightSquares: 0, unable: 0 };
}

export function addRating(h: RatingHistogram, r: Rating, w = 1): void {
  if (r === "U") h.unable++;
  else if (isScore(r)) {
    h.counts[r - 1]++;
    h.weights[r - 1] += w;
    h.weightSquares += w * w;
  }
}

export function addHistogram(into: RatingHistogram, from: RatingHistogram): void {
  for (let k = 0; k < 9; k++) {
    into.counts[k] += from.counts[k];
    into.weights[k] += from.weights[k];
  }
  into.weightSquares += from.weightSquares;
  into.unable += from.unable;
}

/** Quantile (R type 7) of the scores a histogram holds, without sorting them. */
export function histogramQuantile(counts: ArrayLike<number>, p: number): number | null {
  let n = 0;
  for (let k = 0; k < 9; k++) n += counts[k];
  if (n === 0) return null;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const at = (index: number) => {
    let cumulative = 0;
    for (let k = 0; k < 9; k++) {
      cumulative += counts[k];
      if (index < cumulative) return k + 1;
    }
    return 9;
  };
  const a = at(lo);
  const b = at(Math.min(lo + 1, n - 1));
  return a + (h - lo) * (b - a);
}

/**
 * Summarises one item. "Unable to score" counts as a response (n) but not in
 * the denominators of the percentages; unanswered items are ignored.
 */
export function summariseHistogram(h: RatingHistogram): RatingSummary {
  const distribution = Array.from(h.counts);
  let m = 0;
  let wScored = 0;
  let wSum = 0;
  for (let k = 0; k < 9; k++) {
    m += h.counts[k];
    wScored += h.weights[k];
    wSum += h.weights[k] * (k + 1);
  }
  const countCritical = h.counts[6] + h.counts[7] + h.counts[8];
  const countLimited = h.counts[0] + h.counts[1] + h.counts[2];
  const wCritical = h.weights[6] + h.weights[7] + h.weights[8];
  const wLimited = h.weights[0] + h.weights[1] + h.weights[2];
  const nEff = h.weightSquares > 0 ? (wScored * wScored) / h.weightSquares : 0;
  const wp = wScored > 0 ? wCritical / wScored : null;
  const interval = wp === null ? null : wilsonInterval(wp, nEff);
  return {
    n: m + h.unable,
    nUnable: h.unable,
    distribution,
    median: histogramQuantile(h.counts, 0.5),
    p25: histogramQuantile(h.counts, 0.25),
    p75: histogramQuantile(h.counts, 0.75),
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

export function histogramOf(ratings: readonly Rating[], weights?: ArrayLike<number>): RatingHistogram {
  const h = emptyHistogram();
  for (let i = 0; i < ratings.length; i++) addRating(h, ratings[i], weights ? weights[i] : 1);
  return h;
}

export function summariseRatings(ratings: readonly Rating[], weights?: ArrayLike<number>): RatingSummary {
  return summariseHistogram(histogramOf(ratings, weights));
}
