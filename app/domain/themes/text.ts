/**
 * Text pipeline for themes (methods §7): Unicode NFKC normalisation, lower-casing, word
 * tokenising (Intl.Segmenter), stop words and stemming per language, word and bigram features
 * weighted by TF-IDF, cosine similarity, and an optional low-rank projection (LSA).
 *
 * English: stop words from `stopword` (its `eng` list), Porter2 (Snowball English) stems from
 * `porter2`. Polish and Urdu: `stopword`'s lists, unstemmed. Welsh: no maintained library has a
 * stop list or stemmer, so Welsh words stay as they are (IDF still down-weights common words).
 */
import { stem as porter2 } from "porter2";
import { eng, pol, urd } from "stopword";
import { CHARGRAM, chargrams } from "./chargrams";
import { mulberry32 } from "./prng";

export type Language = "en" | "cy" | "pl" | "ur";

export interface PipelineOptions {
  language?: Language;
  /** Remove stop words (default true). */
  stopWords?: boolean;
  /** Stem English words (default true). */
  stem?: boolean;
  /** Add bigrams of adjacent kept words (default true). */
  bigrams?: boolean;
}

export interface FeatureOptions extends PipelineOptions {
  /**
   * Add character n-grams (3–5, `chargrams.ts`) of each kept word, unstemmed (default false:
   * measured in decision 0030, they did not help). They form a block of their own in `tfidf`.
   */
  chargrams?: boolean;
}

const STOP: Record<Language, Set<string>> = {
  en: new Set([...eng, "i'm", "don't", "can't", "won't", "it's", "i've", "i'd", "we're", "they're", "you're", "didn't", "doesn't", "isn't"]),
  cy: new Set(),
  pl: new Set(pol),
  ur: new Set(urd),
};

const segmenters = new Map<string, Intl.Segmenter>();
function segmenter(language: Language): Intl.Segmenter {
  let s = segmenters.get(language);
  if (!s) segmenters.set(language, (s = new Intl.Segmenter(language, { granularity: "word" })));
  return s;
}

/** NFKC, lower case, typographic apostrophes made plain. */
export function normalise(text: string, language: Language = "en"): string {
  return text
    .normalize("NFKC")
    .toLocaleLowerCase(language)
    .replace(/[\u2018\u2019\u02bc]/g, "'");
}

/** The words of a text (Intl.Segmenter word granularity), normalised; digits-only tokens kept. */
export function words(text: string, language: Language = "en"): string[] {
  const out: string[] = [];
  for (const s of segmenter(language).segment(normalise(text, language))) if (s.isWordLike) out.push(s.segment);
  return out;
}

/** The features of a text: kept (and stemmed) words, bigrams of adjacent kept words, and optionally character n-grams. */
export function features(text: string, options: FeatureOptions = {}): string[] {
  const language = options.language ?? "en";
  const stop = options.stopWords === false ? undefined : STOP[language];
  const kept: string[] = [];
  const grams: string[] = [];
  for (const w of words(text, language)) {
    if (stop?.has(w)) continue;
    const bare = w.replace(/'s$/, "");
    if (bare.length === 0) continue;
    kept.push(language === "en" && options.stem !== false ? porter2(bare) : bare);
    if (options.chargrams) chargrams(bare, grams);
  }
  const out = kept.slice();
  if (options.bigrams !== false) for (let i = 1; i < kept.length; i++) out.push(`${kept[i - 1]} ${kept[i]}`);
  return grams.length ? [...out, ...grams] : out;
}

/**
 * For readable keywords: each stem's most frequent surface word in the texts (ties to the
 * alphabetically first), applied to both halves of a bigram.
 */
export function displayTerms(texts: readonly string[], options: PipelineOptions = {}): (term: string) => string {
  const language = options.language ?? "en";
  const counts = new Map<string, Map<string, number>>();
  const featureOf = new Map<string, string | undefined>();
  for (const text of texts)
    for (const w of words(text, language)) {
      const bare = w.replace(/'s$/, "");
      let f = featureOf.get(bare);
      if (!featureOf.has(bare)) featureOf.set(bare, (f = features(bare, { ...options, bigrams: false })[0]));
      if (f === undefined) continue;
      const m = counts.get(f) ?? new Map<string, number>();
      m.set(bare, (m.get(bare) ?? 0) + 1);
      counts.set(f, m);
    }
  const best = new Map<string, string>();
  for (const [f, m] of counts) best.set(f, [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0]);
  return (term) =>
    term
      .split(" ")
      .map((p) => best.get(p) ?? p)
      .join(" ");
}

/** A sparse vector: parallel arrays of term indices (ascending) and weights. */
export interface SparseVector {
  index: Int32Array;
  value: Float64Array;
}

export interface Vocabulary {
  terms: string[];
  idf: Float64Array;
  lookup: Map<string, number>;
}

/**
 * Builds a vocabulary with smoothed IDF, ln((1 + N) / (1 + df)) + 1, over documents given as
 * feature lists; terms in fewer than `minDf` documents are dropped.
 */
export function buildVocabulary(docs: readonly (readonly string[])[], minDf = 1): Vocabulary {
  const df = new Map<string, number>();
  for (const d of docs) for (const t of new Set(d)) df.set(t, (df.get(t) ?? 0) + 1);
  const terms = [...df.keys()].filter((t) => df.get(t)! >= minDf).sort();
  const N = docs.length;
  const idf = Float64Array.from(terms, (t) => Math.log((1 + N) / (1 + df.get(t)!)) + 1);
  return { terms, idf, lookup: new Map(terms.map((t, i) => [t, i])) };
}

/**
 * TF-IDF vector of one document (sublinear tf 1 + ln tf), L2-normalised; unknown terms ignored.
 * Character n-grams (terms starting with `CHARGRAM`, which sort first) are a block of their own:
 * each block is normalised to length 1/√2, so the cosine of two documents is the mean of their
 * word cosine and their character n-gram cosine, and the many n-grams of a word do not drown its
 * stem.
 */
export function tfidf(doc: readonly string[], vocab: Vocabulary): SparseVector {
  const tf = new Map<number, number>();
  for (const t of doc) {
    const i = vocab.lookup.get(t);
    if (i !== undefined) tf.set(i, (tf.get(i) ?? 0) + 1);
  }
  const index = Int32Array.from([...tf.keys()].sort((a, b) => a - b));
  const value = Float64Array.from(index, (i) => (1 + Math.log(tf.get(i)!)) * vocab.idf[i]);
  let split = 0;
  while (split < index.length && vocab.terms[index[split]].startsWith(CHARGRAM)) split++;
  if (split === 0 || split === index.length) return { index, value: normalised(value) };
  normalised(value.subarray(0, split));
  normalised(value.subarray(split));
  for (let k = 0; k < value.length; k++) value[k] *= Math.SQRT1_2;
  return { index, value };
}

function normalised(v: Float64Array): Float64Array {
  let s = 0;
  for (const x of v) s += x * x;
  const n = Math.sqrt(s);
  if (n > 0) for (let i = 0; i < v.length; i++) v[i] /= n;
  return v;
}

/** Dot product of two sparse vectors (the cosine, as both are unit length). */
export function sparseDot(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let s = 0;
  while (i < a.index.length && j < b.index.length) {
    const x = a.index[i];
    const y = b.index[j];
    if (x === y) s += a.value[i++] * b.value[j++];
    else if (x < y) i++;
    else j++;
  }
  return s;
}

/** Dot product of a sparse vector with a dense one. */
export function sparseDenseDot(a: SparseVector, b: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.index.length; k++) s += a.value[k] * b[a.index[k]];
  return s;
}

/** Sparse vector to dense. */
export function densify(v: SparseVector, dimension: number): Float64Array {
  const d = new Float64Array(dimension);
  for (let k = 0; k < v.index.length; k++) d[v.index[k]] = v.value[k];
  return d;
}

export function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

export function unit(v: Float64Array): Float64Array {
  return normalised(v);
}

/**
 * Truncated SVD of the documents × terms matrix (rows = sparse vectors) by block power
 * iteration on X Xᵀ with re-orthonormalisation (rank + 10 columns, 8 iterations by default),
 * started from a seeded random block: the top
 * `rank` right singular directions. Returns a projection that maps a sparse vector to its
 * unit-length coordinates in that space (LSA).
 */
export function lsa(
  rows: readonly SparseVector[],
  dimension: number,
  rank: number,
  seed = 1,
  iterations = 8,
): { project: (v: SparseVector) => Float64Array; rank: number } {
  const n = rows.length;
  const r = Math.max(1, Math.min(rank, n, dimension));
  const rand = mulberry32(seed);
  // Q: n × (r + oversampling), start random (randomised subspace iteration, Halko, Martinsson & Tropp 2011).
  const block = Math.min(n, dimension, r + 10);
  let Q: Float64Array[] = Array.from({ length: block }, () => Float64Array.from({ length: n }, () => rand() - 0.5));
  const xtq = (q: Float64Array) => {
    const out = new Float64Array(dimension);
    rows.forEach((row, i) => {
      const w = q[i];
      if (w !== 0) for (let k = 0; k < row.index.length; k++) out[row.index[k]] += w * row.value[k];
    });
    return out;
  };
  const xv = (v: Float64Array) =>
    Float64Array.from(rows, (row) => {
      let s = 0;
      for (let k = 0; k < row.index.length; k++) s += row.value[k] * v[row.index[k]];
      return s;
    });
  const orthonormalise = (block: Float64Array[]) => {
    for (let j = 0; j < block.length; j++) {
      for (let i = 0; i < j; i++) {
        const p = dot(block[i], block[j]);
        for (let k = 0; k < block[j].length; k++) block[j][k] -= p * block[i][k];
      }
      normalised(block[j]);
    }
    return block;
  };
  orthonormalise(Q);
  for (let it = 0; it < iterations; it++) Q = orthonormalise(Q.map((q) => xv(xtq(q))));
  // Right singular directions V = Xᵀ Q normalised (columns), ordered by singular value.
  const V = Q.map((q) => xtq(q));
  const sigma = V.map((v) => Math.sqrt(dot(v, v)));
  const order = sigma
    .map((s, i) => [s, i] as const)
    .sort((a, b) => b[0] - a[0])
    .map(([, i]) => i);
  const basis = orthonormalise(order.slice(0, r).map((i) => V[i]));
  return {
    rank: r,
    project: (v) => {
      const out = new Float64Array(r);
      for (let j = 0; j < r; j++) {
        let s = 0;
        for (let k = 0; k < v.index.length; k++) s += v.value[k] * basis[j][v.index[k]];
        out[j] = s;
      }
      return normalised(out);
    },
  };
}
