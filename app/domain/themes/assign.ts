/**
 * Codebook-guided assignment (methods §7): every answer is scored against each codebook theme's
 * centroid — the theme's label and description as a seed document, plus every answer a person
 * has confirmed under it — by cosine similarity of TF-IDF (optionally LSA) vectors. Confidences
 * are a softmax of the similarities; an answer whose best similarity is under the "none"
 * threshold goes to the codebook's `none` theme (or to no theme). The review queue is ordered
 * least-confident first. Deterministic: no randomness except LSA's seeded start.
 */
import { buildVocabulary, dot, features, lsa, sparseDenseDot, tfidf, unit, type PipelineOptions, type SparseVector } from "./text";

export interface CodebookTheme {
  id: string;
  label: string;
  description: string;
}

export interface Coding {
  respondentId: string;
  theme: string;
}

export interface AssignOptions extends PipelineOptions {
  /** LSA rank; 0 (default) uses the TF-IDF space itself. */
  lsaRank?: number;
  seed?: number;
  /** Best cosine under this → `none` (default 0.02). */
  noneThreshold?: number;
  /** Softmax temperature over cosines (default 0.05). */
  temperature?: number;
  /** A further theme is listed when its confidence is at least this share of the top one's (default 0.5). */
  secondShare?: number;
  /** Weight of the seed document against one confirmed answer (default 1). */
  seedWeight?: number;
  /** Extra words for a feature list (e.g. synonyms); applied to answers and seed documents alike. */
  expand?: (features: string[]) => string[];
  /** Expand the answers and the seed documents ("all", default) or only the seed documents. */
  expandScope?: "all" | "seeds";
}

export interface Assignment {
  respondentId: string;
  themes: { id: string; confidence: number }[];
  /** Whether a person confirmed these themes (confidence 1) rather than the machine suggesting them. */
  confirmed: boolean;
}

export interface AssignResult {
  assignments: Assignment[];
  /** Respondent ids of unconfirmed answers, least-confident first. */
  reviewOrder: string[];
  parameters: Required<Omit<AssignOptions, "expand" | "expandScope" | "language">> & { language: string; expanded: boolean };
}

export const NONE = "none";

export function assignThemes(
  responses: readonly { id: string; text: string }[],
  codebook: readonly CodebookTheme[],
  codings: readonly Coding[],
  options: AssignOptions = {},
): AssignResult {
  const parameters = {
    language: options.language ?? "en",
    stopWords: options.stopWords ?? true,
    stem: options.stem ?? true,
    bigrams: options.bigrams ?? true,
    lsaRank: options.lsaRank ?? 0,
    seed: options.seed ?? 1,
    noneThreshold: options.noneThreshold ?? 0.02,
    temperature: options.temperature ?? 0.05,
    secondShare: options.secondShare ?? 0.5,
    seedWeight: options.seedWeight ?? 1,
    expanded: options.expand !== undefined,
  };
  const feat = (text: string, seed: boolean) => {
    const f = features(text, options);
    return options.expand && (seed || options.expandScope !== "seeds") ? options.expand(f) : f;
  };
  const answerFeatures = responses.map((r) => feat(r.text, false));
  const seedFeatures = codebook.map((t) => feat(`${t.label}. ${t.description.replace(/[;/]/g, ".")}`, true));
  const vocab = buildVocabulary([...answerFeatures, ...seedFeatures]);
  const answerVectors = answerFeatures.map((f) => tfidf(f, vocab));
  const seedVectors = seedFeatures.map((f) => tfidf(f, vocab));
  // Without LSA the answers stay sparse (a dense copy of 100,000 answers over the whole vocabulary
  // would not fit in memory); centroids are dense over the vocabulary or the LSA space.
  const space = parameters.lsaRank > 0 ? lsa([...answerVectors, ...seedVectors], vocab.terms.length, parameters.lsaRank, parameters.seed) : undefined;
  const dimension = space ? space.rank : vocab.terms.length;
  const projected = space ? answerVectors.map(space.project) : undefined;
  const addTo = (c: Float64Array, v: SparseVector, i: number | undefined, w: number) => {
    if (space) {
      const p = i === undefined ? space.project(v) : projected![i];
      for (let d = 0; d < dimension; d++) c[d] += w * p[d];
    } else for (let k = 0; k < v.index.length; k++) c[v.index[k]] += w * v.value[k];
  };
  const similarity = (c: Float64Array, i: number) => (space ? dot(c, projected![i]) : sparseDenseDot(answerVectors[i], c));
  const rowOf = new Map(responses.map((r, i) => [r.id, i]));
  const themeIndex = new Map(codebook.map((t, i) => [t.id, i]));
  const confirmed = new Map<string, string[]>();
  for (const c of codings) {
    if (!themeIndex.has(c.theme) || !rowOf.has(c.respondentId)) continue;
    const list = confirmed.get(c.respondentId) ?? [];
    if (!list.includes(c.theme)) list.push(c.theme);
    confirmed.set(c.respondentId, list);
  }
  const centroids = codebook.map((t, k) => {
    const c = new Float64Array(dimension);
    addTo(c, seedVectors[k], undefined, parameters.seedWeight);
    for (const [id, themes] of confirmed)
      if (themes.includes(t.id)) {
        const i = rowOf.get(id)!;
        addTo(c, answerVectors[i], i, 1);
      }
    return unit(c);
  });
  const noneAt = themeIndex.get(NONE);
  const assignments: Assignment[] = responses.map((r, i) => {
    const mine = confirmed.get(r.id);
    if (mine) return { respondentId: r.id, themes: mine.map((id) => ({ id, confidence: 1 })), confirmed: true };
    const sims = centroids.map((c) => similarity(c, i));
    return { respondentId: r.id, themes: rank(codebook, sims, noneAt, parameters), confirmed: false };
  });
  const reviewOrder = assignments
    .map((a, i) => ({ a, i }))
    .filter(({ a }) => !a.confirmed)
    .sort((x, y) => (x.a.themes[0]?.confidence ?? 0) - (y.a.themes[0]?.confidence ?? 0) || x.i - y.i)
    .map(({ a }) => a.respondentId);
  return { assignments, reviewOrder, parameters };
}

function rank(
  codebook: readonly CodebookTheme[],
  sims: number[],
  noneAt: number | undefined,
  p: { noneThreshold: number; temperature: number; secondShare: number },
) {
  const real = sims.map((s, k) => [s, k] as const).filter(([, k]) => k !== noneAt);
  const best = Math.max(...real.map(([s]) => s), 0);
  if (best < p.noneThreshold) {
    // Too little in common with any real theme: "no real content" (confidence grows as similarity falls).
    return noneAt !== undefined ? [{ id: NONE, confidence: round(1 - best / p.noneThreshold / 2) }] : [];
  }
  const max = Math.max(...sims);
  const exp = sims.map((s) => Math.exp((s - max) / p.temperature));
  const total = exp.reduce((a, b) => a + b, 0);
  const conf = exp.map((e) => e / total);
  const order = sims.map((_, k) => k).sort((a, b) => conf[b] - conf[a] || a - b);
  const top = conf[order[0]];
  return order.filter((k, j) => j === 0 || conf[k] >= p.secondShare * top).map((k) => ({ id: codebook[k].id, confidence: round(conf[k]) }));
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * Macro-F1 of the top theme against a person's labels where a second label also counts as right
 * (the reference sample's scoring): the gold label of an answer is the predicted one when it is
 * among the person's labels, otherwise the person's primary label.
 */
export function effectiveGold(predicted: readonly string[], primary: readonly string[], secondary: readonly (string | undefined)[]): string[] {
  return predicted.map((p, i) => (p === primary[i] || (secondary[i] && p === secondary[i]) ? p : primary[i]));
}
