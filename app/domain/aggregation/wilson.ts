/** Weighted proportions, Kish's effective sample size and the Wilson score interval. Pure. */

export const Z95 = 1.959963984540054;

/** Wilson score interval for a proportion; with weights pass Kish's effective n as `n`. */
export function wilsonInterval(p: number, n: number, z = Z95): { lower: number; upper: number } {
  if (!(n > 0)) return { lower: Number.NaN, upper: Number.NaN };
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) };
}

/** Kish's effective sample size (Σw)² / Σw² and design effect n·Σw² / (Σw)². */
export function kish(weights: ArrayLike<number>): { nEff: number; deff: number; total: number } {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < weights.length; i++) {
    s += weights[i];
    s2 += weights[i] * weights[i];
  }
  return { nEff: s2 > 0 ? (s * s) / s2 : 0, deff: s > 0 ? (weights.length * s2) / (s * s) : Number.NaN, total: s };
}

/**
 * Weighted proportion p̂ = Σ w·y / Σ w of a 0/1 outcome, with its Kish-adjusted
 * Wilson interval (n replaced by n_eff = (Σw)² / Σw²). Null when Σw is 0.
 */
export function weightedProportion(
  y: ArrayLike<number | boolean>,
  weights: ArrayLike<number>,
  z = Z95,
): { p: number; nEff: number; lower: number; upper: number } | null {
  let sw = 0;
  let swy = 0;
  let sw2 = 0;
  for (let i = 0; i < y.length; i++) {
    const w = weights[i];
    sw += w;
    sw2 += w * w;
    if (y[i]) swy += w;
  }
  if (!(sw > 0)) return null;
  const p = swy / sw;
  const nEff = (sw * sw) / sw2;
  return { p, nEff, ...wilsonInterval(p, nEff, z) };
}
