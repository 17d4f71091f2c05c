/**
 * Agreement between coders (methods §7): Cohen's κ, Krippendorff's α (nominal, any number of
 * coders, missing codings), and per-theme precision, recall and F1 of one coder (the machine)
 * against another (a person), with macro-F1 and 95% percentile bootstrap intervals.
 */
import { mulberry32, randomIndex } from "./prng";

export interface Kappa {
  kappa: number;
  observed: number;
  expected: number;
  n: number;
}

/** Cohen's κ for two coders' nominal codes of the same units (one code each). */
export function cohenKappa(a: readonly string[], b: readonly string[]): Kappa {
  if (a.length !== b.length) throw new RangeError("both coders must code the same units");
  const n = a.length;
  if (n === 0) return { kappa: NaN, observed: NaN, expected: NaN, n };
  const ca = new Map<string, number>();
  const cb = new Map<string, number>();
  let agree = 0;
  for (let i = 0; i < n; i++) {
    if (a[i] === b[i]) agree++;
    ca.set(a[i], (ca.get(a[i]) ?? 0) + 1);
    cb.set(b[i], (cb.get(b[i]) ?? 0) + 1);
  }
  let pe = 0;
  for (const [code, k] of ca) pe += (k / n) * ((cb.get(code) ?? 0) / n);
  const po = agree / n;
  return { kappa: pe === 1 ? (po === 1 ? 1 : NaN) : (po - pe) / (1 - pe), observed: po, expected: pe, n };
}

export interface Alpha {
  alpha: number;
  /** Pairable values: codes in units with at least two codes. */
  pairable: number;
  observedDisagreement: number;
  expectedDisagreement: number;
}

/**
 * Krippendorff's α for nominal data (Krippendorff 2011, "Computing Krippendorff's
 * Alpha-Reliability", section C). `units[u]` lists the codes the coders gave unit u; a coder who
 * did not code it simply contributes nothing, and a unit with fewer than two codes is unpairable.
 */
export function krippendorffAlphaNominal(units: readonly (readonly string[])[]): Alpha {
  // Coincidence matrix o[c][k] = sum over units of (pairs c,k within the unit) / (m_u - 1).
  const o = new Map<string, Map<string, number>>();
  const add = (c: string, k: string, w: number) => {
    let row = o.get(c);
    if (!row) o.set(c, (row = new Map()));
    row.set(k, (row.get(k) ?? 0) + w);
  };
  let n = 0;
  for (const values of units) {
    const m = values.length;
    if (m < 2) continue;
    n += m;
    const counts = new Map<string, number>();
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
    for (const [c, nc] of counts) for (const [k, nk] of counts) add(c, k, (c === k ? nc * (nc - 1) : nc * nk) / (m - 1));
  }
  if (n === 0) return { alpha: NaN, pairable: 0, observedDisagreement: NaN, expectedDisagreement: NaN };
  const marg = new Map<string, number>();
  let diagonal = 0;
  for (const [c, row] of o) {
    let s = 0;
    for (const v of row.values()) s += v;
    marg.set(c, s);
    diagonal += row.get(c) ?? 0;
  }
  let sumSq = 0;
  for (const v of marg.values()) sumSq += v * v;
  const dObserved = (n - diagonal) / n;
  const dExpected = (n * n - sumSq) / (n * (n - 1));
  return {
    alpha: dExpected === 0 ? (dObserved === 0 ? 1 : NaN) : 1 - dObserved / dExpected,
    pairable: n,
    observedDisagreement: dObserved,
    expectedDisagreement: dExpected,
  };
}

export interface ThemeScore {
  theme: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
  ci95: { f1: [number, number] };
}

export interface F1Result {
  macro: number;
  ci95: [number, number];
  byTheme: ThemeScore[];
  resamples: number;
  seed: number;
}

interface Counts {
  tp: Float64Array;
  fp: Float64Array;
  fn: Float64Array;
}

function prf(tp: number, fp: number, fn: number) {
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = tp + fp + fn === 0 ? NaN : (2 * tp) / (2 * tp + fp + fn);
  return { precision, recall, f1 };
}

/** Macro-F1 over the themes present in either coder's codes (themes neither used are skipped). */
function macroOf(c: Counts): number {
  let s = 0;
  let k = 0;
  for (let t = 0; t < c.tp.length; t++) {
    const f = prf(c.tp[t], c.fp[t], c.fn[t]).f1;
    if (!Number.isNaN(f)) {
      s += f;
      k++;
    }
  }
  return k === 0 ? NaN : s / k;
}

function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  return sorted[lo] + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? sorted[lo]) - sorted[lo]);
}

/**
 * Precision, recall and F1 per theme of `machine` against `person` (each a set of themes per
 * answer, several or none allowed), macro-F1 over themes, and 95% percentile bootstrap intervals
 * from resampling answers (default 1,000 resamples, seed 1).
 */
export function f1Agreement(
  machine: readonly (readonly string[])[],
  person: readonly (readonly string[])[],
  options: { resamples?: number; seed?: number; themes?: readonly string[] } = {},
): F1Result {
  if (machine.length !== person.length) throw new RangeError("machine and person must code the same answers");
  const resamples = options.resamples ?? 1000;
  const seed = options.seed ?? 1;
  const themes = options.themes ? [...options.themes] : [...new Set([...machine.flat(), ...person.flat()])].sort();
  const index = new Map(themes.map((t, i) => [t, i]));
  const T = themes.length;
  const n = machine.length;
  // Per-answer contributions, so a resample only adds rows up.
  const rows = machine.map((m, i) => {
    const ms = new Set(m.filter((t) => index.has(t)));
    const ps = new Set(person[i].filter((t) => index.has(t)));
    const tp: number[] = [];
    const fp: number[] = [];
    const fn: number[] = [];
    for (const t of ms) (ps.has(t) ? tp : fp).push(index.get(t)!);
    for (const t of ps) if (!ms.has(t)) fn.push(index.get(t)!);
    return { tp, fp, fn };
  });
  const count = (pick: (i: number) => number): Counts => {
    const c = { tp: new Float64Array(T), fp: new Float64Array(T), fn: new Float64Array(T) };
    for (let j = 0; j < n; j++) {
      const r = rows[pick(j)];
      for (const t of r.tp) c.tp[t]++;
      for (const t of r.fp) c.fp[t]++;
      for (const t of r.fn) c.fn[t]++;
    }
    return c;
  };
  const full = count((j) => j);
  const rand = mulberry32(seed);
  const macros: number[] = [];
  const perTheme: number[][] = themes.map(() => []);
  for (let b = 0; b < resamples && n > 0; b++) {
    const c = count(() => randomIndex(rand, n));
    const m = macroOf(c);
    if (!Number.isNaN(m)) macros.push(m);
    for (let t = 0; t < T; t++) {
      const f = prf(c.tp[t], c.fp[t], c.fn[t]).f1;
      // A resample without the theme in either coder's codes leaves F1 undefined: skip it.
      if (!Number.isNaN(f)) perTheme[t].push(f);
    }
  }
  macros.sort((x, y) => x - y);
  return {
    macro: macroOf(full),
    ci95: [percentile(macros, 0.025), percentile(macros, 0.975)],
    resamples,
    seed,
    byTheme: themes.map((theme, t) => {
      const s = perTheme[t].sort((x, y) => x - y);
      return {
        theme,
        ...prf(full.tp[t], full.fp[t], full.fn[t]),
        support: full.tp[t] + full.fn[t],
        ci95: { f1: [percentile(s, 0.025), percentile(s, 0.975)] as [number, number] },
      };
    }),
  };
}
