/**
 * Scoring codebook-guided assignment and suggestions against a person's labels (the reference
 * sample's protocol, methods §7): macro-F1 of the machine's top theme, a second label also
 * counting as right, with a 95% bootstrap interval; and the adjusted Rand index of suggestions
 * against the primary labels.
 */
import { f1Agreement, type F1Result } from "./agreement";
import { assignThemes, effectiveGold, type AssignOptions, type AssignResult, type CodebookTheme, type Coding } from "./assign";
import { adjustedRandIndex, suggestThemes, type SuggestOptions } from "./cluster";
import { mulberry32 } from "./prng";

/** An assignment method with `assignThemes`'s signature (for comparing methods on the same protocol). */
export type Assigner = (
  responses: readonly { id: string; text: string }[],
  codebook: readonly CodebookTheme[],
  codings: readonly Coding[],
  options: AssignOptions,
) => Pick<AssignResult, "assignments">;

export interface LabelledAnswer {
  id: string;
  text: string;
  primary: string;
  secondary?: string;
}

/**
 * Gives the machine `perTheme` confirmed codings per theme (primary labels, chosen with a seeded
 * shuffle), scores every other answer, and returns macro-F1 of the top theme on those. With
 * `perTheme` = "leave-one-out" every answer is scored with all the others confirmed.
 */
export function scoreAssignment(
  sample: readonly LabelledAnswer[],
  codebook: readonly CodebookTheme[],
  perTheme: number | "leave-one-out",
  options: AssignOptions & { bootstrapSeed?: number; resamples?: number; assign?: Assigner } = {},
): F1Result & { scored: number; predictions: ScoredPrediction[] } {
  const assign = options.assign ?? assignThemes;
  const predicted: string[] = [];
  const confidence: number[] = [];
  const scored: LabelledAnswer[] = [];
  const responses = sample.map((s) => ({ id: s.id, text: s.text }));
  if (perTheme === "leave-one-out") {
    sample.forEach((s, i) => {
      const codings = sample.filter((_, j) => j !== i).map((o) => ({ respondentId: o.id, theme: o.primary }));
      const r = assign(responses, codebook, codings, options);
      predicted.push(r.assignments[i].themes[0]?.id ?? "");
      confidence.push(r.assignments[i].themes[0]?.confidence ?? 0);
      scored.push(s);
    });
  } else {
    const rand = mulberry32(options.seed ?? 1);
    const order = sample
      .map((_, i) => [rand(), i] as const)
      .sort((a, b) => a[0] - b[0])
      .map(([, i]) => i);
    const taken = new Map<string, number>();
    const confirmed = new Set<number>();
    for (const i of order) {
      const t = sample[i].primary;
      if ((taken.get(t) ?? 0) < perTheme) {
        taken.set(t, (taken.get(t) ?? 0) + 1);
        confirmed.add(i);
      }
    }
    const r = assign(
      responses,
      codebook,
      [...confirmed].map((i) => ({ respondentId: sample[i].id, theme: sample[i].primary })),
      options,
    );
    sample.forEach((s, i) => {
      if (confirmed.has(i)) return;
      predicted.push(r.assignments[i].themes[0]?.id ?? "");
      confidence.push(r.assignments[i].themes[0]?.confidence ?? 0);
      scored.push(s);
    });
  }
  const gold = effectiveGold(
    predicted,
    scored.map((s) => s.primary),
    scored.map((s) => s.secondary),
  );
  const f1 = f1Agreement(
    predicted.map((p) => [p]),
    gold.map((g) => [g]),
    { seed: options.bootstrapSeed ?? 1, resamples: options.resamples ?? 1000, themes: codebook.map((t) => t.id) },
  );
  const predictions = scored.map((s, i) => ({ id: s.id, predicted: predicted[i], gold: gold[i], confidence: confidence[i] }));
  return { ...f1, scored: scored.length, predictions };
}

/** One scored answer: the machine's top theme and its confidence, and the person's (effective) label. */
export interface ScoredPrediction {
  id: string;
  predicted: string;
  gold: string;
  confidence: number;
}

/** Macro-F1 of single-label predictions over `themes` (a theme absent from both sides is left out, as in `f1Agreement`). */
function macroF1(predicted: readonly string[], gold: readonly string[], themes: readonly string[], pick: (j: number) => number, n: number): number {
  const at = new Map(themes.map((t, i) => [t, i]));
  const tp = new Float64Array(themes.length);
  const fp = new Float64Array(themes.length);
  const fn = new Float64Array(themes.length);
  for (let j = 0; j < n; j++) {
    const i = pick(j);
    const p = at.get(predicted[i]);
    const g = at.get(gold[i]);
    if (p !== undefined && p === g) tp[p]++;
    else {
      if (p !== undefined) fp[p]++;
      if (g !== undefined) fn[g]++;
    }
  }
  let sum = 0;
  let k = 0;
  for (let t = 0; t < themes.length; t++)
    if (tp[t] + fp[t] + fn[t] > 0) {
      sum += (2 * tp[t]) / (2 * tp[t] + fp[t] + fn[t]);
      k++;
    }
  return k === 0 ? NaN : sum / k;
}

/**
 * Paired bootstrap of the difference in macro-F1 between two methods scored on the same answers
 * (b − a): both are resampled with the same answer indices, so the interval is of the difference
 * itself, much narrower than comparing the two methods' own intervals. An interval that excludes
 * 0 is a difference beyond resampling noise.
 */
export function pairedDifference(
  a: readonly ScoredPrediction[],
  b: readonly ScoredPrediction[],
  themes: readonly string[],
  options: { seed?: number; resamples?: number } = {},
): { difference: number; ci95: [number, number]; seed: number; resamples: number } {
  if (a.length !== b.length || a.some((x, i) => x.id !== b[i].id)) throw new RangeError("both methods must score the same answers in the same order");
  const seed = options.seed ?? 1;
  const resamples = options.resamples ?? 1000;
  const n = a.length;
  const f = (p: readonly ScoredPrediction[], pick: (j: number) => number) =>
    macroF1(
      p.map((x) => x.predicted),
      p.map((x) => x.gold),
      themes,
      pick,
      n,
    );
  const rand = mulberry32(seed);
  const diffs: number[] = [];
  for (let r = 0; r < resamples && n > 0; r++) {
    const idx = Array.from({ length: n }, () => Math.floor(rand() * n));
    const d = f(b, (j) => idx[j]) - f(a, (j) => idx[j]);
    if (!Number.isNaN(d)) diffs.push(d);
  }
  diffs.sort((x, y) => x - y);
  const q = (p: number) => (diffs.length ? diffs[Math.min(diffs.length - 1, Math.floor(p * diffs.length))] : NaN);
  return { difference: f(b, (j) => j) - f(a, (j) => j), ci95: [q(0.025), q(0.975)], seed, resamples };
}

/**
 * Reliability of the top theme's confidence (does "82% confident" mean right 82% of the time?):
 * the Brier score of the confidence against being right (0 is perfect; always saying 0.5 scores
 * 0.25), the expected calibration error (mean |accuracy − confidence| over equal-width bins,
 * weighted by the bin's answers), and the table of bins.
 */
export function reliability(predictions: readonly ScoredPrediction[], bins = 5) {
  const table = Array.from({ length: bins }, (_, b) => ({ from: b / bins, to: (b + 1) / bins, answers: 0, meanConfidence: 0, accuracy: 0 }));
  let brier = 0;
  for (const p of predictions) {
    const right = p.predicted === p.gold ? 1 : 0;
    brier += (p.confidence - right) ** 2;
    const bin = table[Math.min(bins - 1, Math.floor(p.confidence * bins))];
    bin.answers++;
    bin.meanConfidence += p.confidence;
    bin.accuracy += right;
  }
  let ece = 0;
  for (const b of table)
    if (b.answers) {
      b.meanConfidence /= b.answers;
      b.accuracy /= b.answers;
      ece += (b.answers / predictions.length) * Math.abs(b.accuracy - b.meanConfidence);
    }
  return { brier: predictions.length ? brier / predictions.length : NaN, ece, table };
}

/** Adjusted Rand index of suggested themes (no codebook) against the primary labels. */
export function scoreSuggestions(sample: readonly LabelledAnswer[], options: SuggestOptions = {}) {
  const r = suggestThemes(
    sample.map((s) => ({ id: s.id, text: s.text })),
    options,
  );
  return {
    ari: adjustedRandIndex(
      r.assignments.map((a) => a.themes[0].id),
      sample.map((s) => s.primary),
    ),
    k: r.k,
    silhouette: r.silhouette,
  };
}
