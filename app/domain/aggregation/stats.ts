/** Descriptive statistics used by the engine. Pure, deterministic. */

/** Quantile by R's type 7 (linear interpolation between order statistics). `sorted` ascending. */
export function quantileType7(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

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
