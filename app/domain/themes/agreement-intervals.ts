/**
 * 95% percentile bootstrap intervals for Cohen's κ and Krippendorff's α (answers resampled with
 * replacement, a stated seed), and the seeded random sample a second coder codes blind.
 */
import { cohenKappa, krippendorffAlphaNominal } from "./agreement";
import { mulberry32, randomIndex } from "./prng";

function percentile(sorted: number[], q: number): number {
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (i - lo);
}

function interval(values: number[]): [number, number] | null {
  const finite = values.filter(Number.isFinite).sort((a, b) => a - b);
  return finite.length ? [percentile(finite, 0.025), percentile(finite, 0.975)] : null;
}

/** κ of two coders' codes of the same units, with its 95% bootstrap interval (null when undefined). */
export function kappaWithInterval(a: readonly string[], b: readonly string[], options: { seed?: number; resamples?: number } = {}) {
  const k = cohenKappa(a, b);
  const rand = mulberry32(options.seed ?? 1);
  const draws: number[] = [];
  for (let r = 0; r < (options.resamples ?? 1000); r++) {
    const ra: string[] = [];
    const rb: string[] = [];
    for (let i = 0; i < a.length; i++) {
      const j = randomIndex(rand, a.length);
      ra.push(a[j]);
      rb.push(b[j]);
    }
    draws.push(cohenKappa(ra, rb).kappa);
  }
  return { kappa: Number.isFinite(k.kappa) ? k.kappa : null, observed: k.observed, expected: k.expected, n: k.n, ci95: a.length ? interval(draws) : null };
}

/** Nominal α over units (each unit: the codes it got), with its 95% bootstrap interval over units. */
export function alphaWithInterval(units: readonly (readonly string[])[], options: { seed?: number; resamples?: number } = {}) {
  const a = krippendorffAlphaNominal(units);
  const rand = mulberry32(options.seed ?? 1);
  const draws: number[] = [];
  for (let r = 0; r < (options.resamples ?? 1000); r++) {
    const sample: (readonly string[])[] = [];
    for (let i = 0; i < units.length; i++) sample.push(units[randomIndex(rand, units.length)]);
    draws.push(krippendorffAlphaNominal(sample).alpha);
  }
  return { alpha: Number.isFinite(a.alpha) ? a.alpha : null, pairable: a.pairable, ci95: units.length ? interval(draws) : null };
}

/** `size` distinct items of `ids`, drawn by a seeded Fisher–Yates shuffle, in drawn order. */
export function seededSample<T>(ids: readonly T[], size: number, seed: number): T[] {
  const pool = [...ids];
  const rand = mulberry32(seed);
  const n = Math.min(size, pool.length);
  for (let i = 0; i < n; i++) {
    const j = i + randomIndex(rand, pool.length - i);
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, n);
}

/** Landis & Koch's (1977) words for a κ or α value. */
export function landisKoch(value: number): "poor" | "slight" | "fair" | "moderate" | "substantial" | "almost-perfect" {
  if (value < 0) return "poor";
  if (value <= 0.2) return "slight";
  if (value <= 0.4) return "fair";
  if (value <= 0.6) return "moderate";
  if (value <= 0.8) return "substantial";
  return "almost-perfect";
}
