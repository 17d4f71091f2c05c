/**
 * Theme suggestions without a codebook (methods §7): spherical k-means (k-means++ seeding from
 * a seeded PRNG, cosine on unit LSA vectors of TF-IDF, rank 20 by default), the number of themes chosen by the mean
 * silhouette (cosine distance) over k = 2 … kMax unless set (on a seeded sample for large sets), each theme labelled by its most
 * distinctive terms (centroid weight within the cluster against the rest), with keywords, size
 * and its 3 answers nearest the centroid. Ids are `t1`, `t2`, … by decreasing size, stable for a seed.
 */
import { mulberry32, randomIndex } from "./prng";
import { buildVocabulary, densify, displayTerms, dot, features, lsa, tfidf, unit, type PipelineOptions } from "./text";

export interface SuggestOptions extends PipelineOptions {
  /** Number of themes; when absent chosen by silhouette over 2 … kMax. */
  k?: number;
  kMax?: number;
  seed?: number;
  lsaRank?: number;
  /** k-means restarts per k (best inertia kept). */
  restarts?: number;
  /** Above this many answers, k is chosen on a seeded sample of this size (default 1,000). */
  sampleSize?: number;
  /** Told where the work is: phase "features", "choosing-k" (done/total = k values tried), "clustering", "labelling". Does not change the result. */
  onProgress?: (phase: "features" | "choosing-k" | "clustering" | "labelling", done: number, total: number) => void;
}

export interface SuggestedTheme {
  id: string;
  label: string;
  keywords: string[];
  size: number;
  exemplars: string[];
}

export interface SuggestResult {
  themes: SuggestedTheme[];
  /** Per answer, in input order: its theme id and confidence (cosine to the centroid, clipped to 0–1). */
  assignments: { respondentId: string; themes: { id: string; confidence: number }[] }[];
  k: number;
  silhouette: number;
  silhouetteByK: { k: number; silhouette: number }[];
  parameters: { seed: number; lsaRank: number; restarts: number; kMax: number; sampleSize: number; language: string; chosen: "set" | "silhouette" };
}

function kmeans(points: Float64Array[], k: number, rand: () => number, iterations = 50) {
  const n = points.length;
  const dim = points[0].length;
  // k-means++ seeding on cosine distance.
  const centres: Float64Array[] = [points[randomIndex(rand, n)].slice()];
  const d2 = new Float64Array(n).fill(Infinity);
  while (centres.length < k) {
    const last = centres[centres.length - 1];
    let total = 0;
    for (let i = 0; i < n; i++) {
      const d = Math.max(0, 1 - dot(points[i], last));
      if (d < d2[i]) d2[i] = d;
      total += d2[i] * d2[i];
    }
    let r = rand() * total;
    let pick = n - 1;
    for (let i = 0; i < n; i++) {
      r -= d2[i] * d2[i];
      if (r <= 0) {
        pick = i;
        break;
      }
    }
    centres.push(points[pick].slice());
  }
  const label = new Int32Array(n).fill(-1);
  for (let it = 0; it < iterations; it++) {
    let changed = false;
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestSim = -Infinity;
      for (let c = 0; c < k; c++) {
        const s = dot(points[i], centres[c]);
        if (s > bestSim) {
          bestSim = s;
          best = c;
        }
      }
      if (label[i] !== best) {
        label[i] = best;
        changed = true;
      }
    }
    const sums = Array.from({ length: k }, () => new Float64Array(dim));
    const counts = new Int32Array(k);
    for (let i = 0; i < n; i++) {
      counts[label[i]]++;
      const s = sums[label[i]];
      for (let d = 0; d < dim; d++) s[d] += points[i][d];
    }
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) {
        // An empty cluster takes the point farthest from its centre.
        let far = 0;
        let farSim = Infinity;
        for (let i = 0; i < n; i++) {
          const s = dot(points[i], centres[label[i]]);
          if (s < farSim) {
            farSim = s;
            far = i;
          }
        }
        centres[c] = points[far].slice();
        label[far] = c;
        changed = true;
      } else centres[c] = unit(sums[c]);
    }
    if (!changed) break;
  }
  let inertia = 0;
  for (let i = 0; i < n; i++) inertia += 1 - dot(points[i], centres[label[i]]);
  return { label, centres, inertia };
}

function seededSample(n: number, size: number, rand: () => number): number[] {
  // Partial Fisher–Yates shuffle, then back to input order.
  const idx = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < size; i++) {
    const j = i + randomIndex(rand, n - i);
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  return idx.slice(0, size).sort((a, b) => a - b);
}

/** Mean silhouette with cosine distance (a point alone in its cluster scores 0). */
export function silhouette(points: Float64Array[], label: Int32Array, k: number): number {
  const n = points.length;
  if (n < 2 || k < 2) return 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const sum = new Float64Array(k);
    const cnt = new Int32Array(k);
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      sum[label[j]] += 1 - dot(points[i], points[j]);
      cnt[label[j]]++;
    }
    const own = label[i];
    if (cnt[own] === 0) continue;
    const a = sum[own] / cnt[own];
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && cnt[c] > 0) b = Math.min(b, sum[c] / cnt[c]);
    if (Number.isFinite(b)) total += (b - a) / Math.max(a, b) || 0;
  }
  return total / n;
}

export function suggestThemes(responses: readonly { id: string; text: string }[], options: SuggestOptions = {}): SuggestResult {
  const seed = options.seed ?? 1;
  const lsaRank = options.lsaRank ?? 20;
  const sampleSize = options.sampleSize ?? 1000;
  const restarts = options.restarts ?? 3;
  const n = responses.length;
  const kMax = Math.max(2, Math.min(options.kMax ?? 20, Math.floor(n / 2)));
  const progress = options.onProgress ?? (() => {});
  progress("features", 0, n);
  const feats = responses.map((r) => features(r.text, options));
  const vocab = buildVocabulary(feats);
  const sparse = feats.map((f) => tfidf(f, vocab));
  progress("features", n, n);
  const project = lsaRank > 0 ? lsa(sparse, vocab.terms.length, lsaRank, seed).project : (v: (typeof sparse)[number]) => densify(v, vocab.terms.length);
  const points = sparse.map(project);
  const parameters = {
    seed,
    lsaRank,
    restarts,
    kMax,
    sampleSize,
    language: options.language ?? "en",
    chosen: (options.k ? "set" : "silhouette") as "set" | "silhouette",
  };
  if (n === 0) return { themes: [], assignments: [], k: 0, silhouette: 0, silhouetteByK: [], parameters };
  const best = (k: number, on: Float64Array[] = points) => {
    const rand = mulberry32(seed * 1000003 + k);
    let run = kmeans(on, k, rand);
    for (let r = 1; r < restarts; r++) {
      const other = kmeans(on, k, rand);
      if (other.inertia < run.inertia) run = other;
    }
    return run;
  };
  const silhouetteByK: { k: number; silhouette: number }[] = [];
  let chosen: ReturnType<typeof best>;
  let k: number;
  if (options.k) {
    k = Math.max(1, Math.min(options.k, n));
    chosen = best(k);
  } else if (n < 4) {
    k = 1;
    chosen = best(1);
  } else {
    // Silhouette costs n² distances: on a large set, k is chosen on a seeded sample, then the
    // whole set is clustered with that k.
    const sampled = n > sampleSize ? seededSample(n, sampleSize, mulberry32(seed)).map((i) => points[i]) : points;
    let top = -Infinity;
    k = 2;
    let run2: ReturnType<typeof best> | undefined;
    for (let kk = 2; kk <= kMax; kk++) {
      progress("choosing-k", kk - 2, kMax - 1);
      const run = best(kk, sampled);
      const s = silhouette(sampled, run.label, kk);
      silhouetteByK.push({ k: kk, silhouette: s });
      if (s > top + 1e-12) {
        top = s;
        k = kk;
        run2 = run;
      }
    }
    progress("clustering", 0, n);
    chosen = sampled === points ? run2! : best(k);
  }
  progress("labelling", 0, n);
  // Distinctive terms: mean TF-IDF weight in the cluster minus the mean outside it.
  const T = vocab.terms.length;
  const inSum = Array.from({ length: k }, () => new Float64Array(T));
  const size = new Int32Array(k);
  const all = new Float64Array(T);
  sparse.forEach((v, i) => {
    size[chosen.label[i]]++;
    for (let j = 0; j < v.index.length; j++) {
      inSum[chosen.label[i]][v.index[j]] += v.value[j];
      all[v.index[j]] += v.value[j];
    }
  });
  const display = displayTerms(
    responses.map((r) => r.text),
    options,
  );
  const clusters = Array.from({ length: k }, (_, c) => {
    const score = Float64Array.from(inSum[c], (s, t) => s / size[c] - (n > size[c] ? (all[t] - s) / (n - size[c]) : 0));
    const keywords = [...score.keys()]
      .filter((t) => inSum[c][t] > 0)
      .sort((a, b) => score[b] - score[a] || a - b)
      .slice(0, 8)
      .map((t) => display(vocab.terms[t]));
    const members = [...chosen.label.keys()].filter((i) => chosen.label[i] === c);
    const exemplars = members
      .sort((a, b) => dot(points[b], chosen.centres[c]) - dot(points[a], chosen.centres[c]) || a - b)
      .slice(0, 3)
      .map((i) => responses[i].id);
    return { c, size: size[c], keywords, exemplars, first: Math.min(...members) };
  });
  const order = clusters.filter((x) => x.size > 0).sort((a, b) => b.size - a.size || a.first - b.first);
  const idOf = new Map(order.map((x, j) => [x.c, `t${j + 1}`]));
  const themes = order.map((x) => ({
    id: idOf.get(x.c)!,
    label: x.keywords.slice(0, 3).join(", "),
    keywords: x.keywords,
    size: x.size,
    exemplars: x.exemplars,
  }));
  const assignments = responses.map((r, i) => ({
    respondentId: r.id,
    themes: [{ id: idOf.get(chosen.label[i])!, confidence: Math.round(Math.min(1, Math.max(0, dot(points[i], chosen.centres[chosen.label[i]]))) * 1e6) / 1e6 }],
  }));
  const sil = silhouetteByK.find((s) => s.k === k)?.silhouette ?? (n <= sampleSize ? silhouette(points, chosen.label, k) : NaN);
  return { themes, assignments, k, silhouette: sil, silhouetteByK, parameters };
}

/** Adjusted Rand index of two labellings of the same items (Hubert & Arabie 1985). */
export function adjustedRandIndex(a: readonly string[], b: readonly string[]): number {
  const n = a.length;
  const c2 = (x: number) => (x * (x - 1)) / 2;
  const joint = new Map<string, number>();
  const ra = new Map<string, number>();
  const rb = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    joint.set(`${a[i]}\u0000${b[i]}`, (joint.get(`${a[i]}\u0000${b[i]}`) ?? 0) + 1);
    ra.set(a[i], (ra.get(a[i]) ?? 0) + 1);
    rb.set(b[i], (rb.get(b[i]) ?? 0) + 1);
  }
  let index = 0;
  for (const v of joint.values()) index += c2(v);
  let sa = 0;
  for (const v of ra.values()) sa += c2(v);
  let sb = 0;
  for (const v of rb.values()) sb += c2(v);
  const expected = (sa * sb) / c2(n);
  const max = (sa + sb) / 2;
  return max === expected ? (index === expected ? 1 : 0) : (index - expected) / (max - expected);
}
