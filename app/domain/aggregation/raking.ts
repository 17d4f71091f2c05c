import { kish } from "./wilson";

/**
 * Raking (iterative proportional fitting, Deming and Stephan 1940) of
 * respondent weights to population margins, as methods §3 specifies. Agrees
 * with R survey's calibrate(..., calfun = "raking") at convergence.
 */

export interface Margin {
  /** One variable, or several for a joint (cross-classified) margin. */
  variables: string[];
  /** Target per category; joint categories are the values joined by ":". */
  targets: Map<string, number>;
}

export interface RakingOptions {
  /** Stop when every margin is within tolerance × total of its targets. */
  tolerance?: number;
  maxIterations?: number;
  /** Bounds as multiples of the mean weight, applied after convergence, then re-raked. */
  trim?: { lower: number; upper: number };
}

export interface RakingResult {
  weights: Float64Array;
  iterations: number;
  converged: boolean;
  /** Largest |achieved − target| over every category of every margin, relative to the total. */
  maxMarginError: number;
  trimRounds: number;
  total: number;
  deff: number;
  nEff: number;
  /** True when the margins' totals differed (within 0.1%) and were rescaled to the first. */
  rescaled: boolean;
}

export type RakingErrorCode = "totals-disagree" | "empty-category" | "no-target" | "not-converged" | "bad-input";

export class RakingError extends Error {
  constructor(
    readonly code: RakingErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "RakingError";
  }
}

export const RAKING_DEFAULTS = { tolerance: 1e-10, maxIterations: 1000 } as const;

interface CompiledMargin {
  label: string;
  categories: string[];
  targets: Float64Array;
  /** Category index of each respondent. */
  index: Int32Array;
}

export function marginKey(variables: string[]): string {
  return variables.join(":");
}

function compile(respondents: ReadonlyArray<Record<string, string>>, margins: Margin[]): CompiledMargin[] {
  return margins.map((margin) => {
    const label = marginKey(margin.variables);
    const categories = [...margin.targets.keys()];
    const position = new Map(categories.map((c, i) => [c, i]));
    const targets = Float64Array.from(categories.map((c) => margin.targets.get(c)!));
    for (let k = 0; k < targets.length; k++) {
      if (!Number.isFinite(targets[k]) || targets[k] < 0) {
        throw new RakingError("bad-input", `Margin ${label}: target for ${categories[k]} must be a non-negative number`, {
          margin: label,
          category: categories[k],
        });
      }
    }
    const index = new Int32Array(respondents.length);
    const seen = new Uint8Array(categories.length);
    const single = margin.variables.length === 1 ? margin.variables[0] : null;
    for (let i = 0; i < respondents.length; i++) {
      const key = single !== null ? (respondents[i][single] ?? "") : margin.variables.map((v) => respondents[i][v] ?? "").join(":");
      const k = position.get(key);
      if (k === undefined) {
        throw new RakingError("no-target", `Respondent ${i + 1} is in category "${key}" of margin ${label}, which has no target`, {
          margin: label,
          category: key,
          respondent: i,
        });
      }
      index[i] = k;
      seen[k] = 1;
    }
    for (let k = 0; k < categories.length; k++) {
      if (!seen[k] && targets[k] > 0) {
        throw new RakingError("empty-category", `Margin ${label}: category "${categories[k]}" has a target but no respondents`, {
          margin: label,
          category: categories[k],
        });
      }
    }
    return { label, categories, targets, index };
  });
}

function sumOf(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}

/** Weighted counts of every category of every margin, in one pass over the respondents. */
function allSums(w: Float64Array, margins: CompiledMargin[], sums: Float64Array[]): void {
  for (const s of sums) s.fill(0);
  for (let i = 0; i < w.length; i++) for (let m = 0; m < margins.length; m++) sums[m][margins[m].index[i]] += w[i];
}

/** Largest |achieved − target| of any category, relative to the total. */
function worstError(margins: CompiledMargin[], sums: Float64Array[], total: number): number {
  let worst = 0;
  for (let m = 0; m < margins.length; m++) {
    const t = margins[m].targets;
    for (let k = 0; k < t.length; k++) worst = Math.max(worst, Math.abs(sums[m][k] - t[k]) / total);
  }
  return worst;
}

/**
 * One iteration adjusts every margin in turn. The pass that applies margin m's
 * factors also accumulates the counts margin m + 1 needs (and, after the last
 * margin, every margin's counts for the convergence test), so an iteration
 * reads the respondents once per margin.
 */
function rakeLoop(w: Float64Array, margins: CompiledMargin[], total: number, tolerance: number, maxIterations: number) {
  const M = margins.length;
  const sums = margins.map((m) => new Float64Array(m.targets.length));
  const check = margins.map((m) => new Float64Array(m.targets.length));
  allSums(w, margins, sums);
  let error = worstError(margins, sums, total);
  let iterations = 0;
  while (error > tolerance && iterations < maxIterations) {
    for (let m = 0; m < M; m++) {
      const { index, targets } = margins[m];
      const f = new Float64Array(targets.length);
      for (let k = 0; k < targets.length; k++) f[k] = sums[m][k] > 0 ? targets[k] / sums[m][k] : 0;
      if (m < M - 1) {
        const next = margins[m + 1].index;
        const s = sums[m + 1];
        s.fill(0);
        for (let i = 0; i < w.length; i++) {
          const v = (w[i] *= f[index[i]]);
          s[next[i]] += v;
        }
      } else {
        for (const c of check) c.fill(0);
        for (let i = 0; i < w.length; i++) {
          const v = (w[i] *= f[index[i]]);
          for (let mm = 0; mm < M; mm++) check[mm][margins[mm].index[i]] += v;
        }
      }
    }
    iterations++;
    error = worstError(margins, check, total);
    for (let mm = 0; mm < M; mm++) sums[mm].set(check[mm]);
  }
  return { iterations, error, converged: error <= tolerance };
}

/**
 * Every factor raking applies depends only on a respondent's categories, so within one cell
 * of the cross-classification of all margins w_i / b_i stays constant. Raking the cell totals
 * and then scaling each respondent by its cell's factor is therefore the same computation as
 * raking respondent by respondent, with one pass over the respondents instead of one per
 * margin per iteration. Returns null when the cross-classification is too large to index.
 */
function collapseToCells(w: Float64Array, margins: CompiledMargin[]): { cellOf: Int32Array; cellWeights: Float64Array; cellMargins: CompiledMargin[] } | null {
  const n = w.length;
  let radix = 1;
  for (const m of margins) radix *= Math.max(1, m.targets.length);
  if (radix > 2 ** 52) return null;
  const cellOf = new Int32Array(n);
  const direct = radix <= Math.max(1 << 20, 4 * n) ? new Int32Array(radix).fill(-1) : null;
  const byKey = direct ? null : new Map<number, number>();
  const first: number[] = [];
  for (let i = 0; i < n; i++) {
    let key = 0;
    let mult = 1;
    for (let m = 0; m < margins.length; m++) {
      key += margins[m].index[i] * mult;
      mult *= margins[m].targets.length;
    }
    let cell = direct ? direct[key] : (byKey!.get(key) ?? -1);
    if (cell < 0) {
      cell = first.length;
      first.push(i);
      if (direct) direct[key] = cell;
      else byKey!.set(key, cell);
    }
    cellOf[i] = cell;
  }
  const cellWeights = new Float64Array(first.length);
  for (let i = 0; i < n; i++) cellWeights[cellOf[i]] += w[i];
  const cellMargins = margins.map((m) => ({ ...m, index: Int32Array.from(first, (i) => m.index[i]) }));
  return { cellOf, cellWeights, cellMargins };
}

/** Rakes respondent weights in place, through the cell totals when they can be indexed. */
function rakeWeights(w: Float64Array, margins: CompiledMargin[], total: number, tolerance: number, maxIterations: number) {
  const cells = collapseToCells(w, margins);
  if (!cells) return rakeLoop(w, margins, total, tolerance, maxIterations);
  const before = Float64Array.from(cells.cellWeights);
  const outcome = rakeLoop(cells.cellWeights, cells.cellMargins, total, tolerance, maxIterations);
  const factor = cells.cellWeights.map((x, c) => x / before[c]);
  for (let i = 0; i < w.length; i++) w[i] *= factor[cells.cellOf[i]];
  // The convergence test is repeated on the respondents' own weights, summed respondent by respondent.
  const sums = margins.map((m) => new Float64Array(m.targets.length));
  allSums(w, margins, sums);
  const error = worstError(margins, sums, total);
  return { iterations: outcome.iterations, error, converged: error <= tolerance };
}

/**
 * Rakes `baseWeights` (default 1 each) so that the weighted counts of every
 * margin match its targets. Targets summing to 1 are proportions, scaled to
 * the sum of the base weights.
 */
export function rake(
  respondents: ReadonlyArray<Record<string, string>>,
  margins: Margin[],
  options: RakingOptions = {},
  baseWeights?: ArrayLike<number>,
): RakingResult {
  const tolerance = options.tolerance ?? RAKING_DEFAULTS.tolerance;
  const maxIterations = options.maxIterations ?? RAKING_DEFAULTS.maxIterations;
  if (respondents.length === 0) throw new RakingError("bad-input", "There are no respondents to weight");
  if (margins.length === 0) throw new RakingError("bad-input", "There are no margins to weight to");
  const w = new Float64Array(respondents.length);
  for (let i = 0; i < w.length; i++) {
    const b = baseWeights ? baseWeights[i] : 1;
    if (!(b > 0) || !Number.isFinite(b))
      throw new RakingError("bad-input", `Respondent ${i + 1} has base weight ${b}; base weights must be positive`, { respondent: i });
    w[i] = b;
  }
  const compiled = compile(respondents, margins);
  const baseTotal = sumOf(w);
  const totals = compiled.map((m) => sumOf(m.targets));
  const proportions = totals.every((t) => Math.abs(t - 1) < 1e-9);
  if (proportions) for (const m of compiled) for (let k = 0; k < m.targets.length; k++) m.targets[k] *= baseTotal;
  const total = proportions ? baseTotal : totals[0];
  let rescaled = false;
  compiled.forEach((m, j) => {
    const t = proportions ? baseTotal : totals[j];
    if (Math.abs(t - total) > 0.001 * total) {
      throw new RakingError(
        "totals-disagree",
        `Margin ${m.label} totals ${t}, but margin ${compiled[0].label} totals ${total}: they differ by more than 0.1%`,
        {
          margin: m.label,
          total: t,
          expected: total,
        },
      );
    }
    if (t !== total) {
      rescaled = true;
      for (let k = 0; k < m.targets.length; k++) m.targets[k] *= total / t;
    }
  });
  let { iterations, error, converged } = rakeWeights(w, compiled, total, tolerance, maxIterations);
  let trimRounds = 0;
  if (options.trim && converged) {
    const { lower, upper } = options.trim;
    if (!(lower > 0 && upper > lower)) throw new RakingError("bad-input", "Trim bounds must satisfy 0 < lower < upper");
    const slack = 1e-9;
    for (;;) {
      const mean = sumOf(w) / w.length;
      let outside = false;
      for (let i = 0; i < w.length; i++) {
        if (w[i] < lower * mean * (1 - slack)) ((w[i] = lower * mean), (outside = true));
        else if (w[i] > upper * mean * (1 + slack)) ((w[i] = upper * mean), (outside = true));
      }
      if (!outside) break;
      if (trimRounds >= maxIterations) {
        converged = false;
        break;
      }
      trimRounds++;
      const again = rakeWeights(w, compiled, total, tolerance, maxIterations);
      iterations += again.iterations;
      error = again.error;
      converged = again.converged;
    }
  }
  if (!converged) {
    const message =
      options.trim && error <= tolerance
        ? `Trimming to ${options.trim.lower}–${options.trim.upper} times the mean weight and matching the margins could not both hold after ${trimRounds} rounds`
        : `Raking did not converge in ${maxIterations} iterations (largest margin error ${error.toExponential(3)} of the total)`;
    throw new RakingError("not-converged", message, { iterations, trimRounds, maxMarginError: error });
  }
  const { total: weightTotal, deff, nEff } = kish(w);
  return { weights: w, iterations, converged, maxMarginError: error, trimRounds, total: weightTotal, deff, nEff, rescaled };
}
