/**
 * The `themes` command's document (README "Themes"; docs/schemas/themes-output.schema.json):
 * with a codebook, codebook-guided assignment; without one, suggestions by clustering.
 */
import { assignThemes, type CodebookTheme, type Coding } from "./assign";
import { suggestThemes } from "./cluster";
import { buildVocabulary, displayTerms, features, tfidf, type Language } from "./text";

export const THEMES_VERSION = "1.0.0";

export interface ThemesOptions {
  codebook?: readonly CodebookTheme[];
  codings?: readonly Coding[];
  /** Number of themes to suggest (no codebook); chosen by silhouette when absent. */
  k?: number;
  seed?: number;
  language?: Language;
  lsaRank?: number;
}

export interface ThemesDocument {
  method: { name: string; version: string; parameters: Record<string, unknown> };
  themes: { id: string; label: string; keywords: string[]; size: number; exemplars: string[] }[];
  assignments: { respondent_id: string; themes: { id: string; confidence: number }[]; source: "machine" | "person" }[];
  reviewOrder: string[];
}

export function themesDocument(responses: readonly { id: string; text: string }[], options: ThemesOptions = {}): ThemesDocument {
  const seed = options.seed ?? 1;
  const language = options.language ?? "en";
  if (!options.codebook) {
    const lsaRank = options.lsaRank ?? 20;
    const r = suggestThemes(responses, { k: options.k, seed, language, lsaRank });
    return {
      method: {
        name: "tfidf-lsa-kmeans-silhouette",
        version: THEMES_VERSION,
        parameters: { ...r.parameters, k: r.k, silhouette: Number.isFinite(r.silhouette) ? r.silhouette : null, features: "porter2 stems and bigrams, TF-IDF" },
      },
      themes: r.themes,
      assignments: r.assignments.map((a) => ({ respondent_id: a.respondentId, themes: a.themes, source: "machine" as const })),
      // Without a codebook the review starts with the answers that fit their suggested theme least.
      reviewOrder: r.assignments
        .map((a, i) => ({ id: a.respondentId, c: a.themes[0]?.confidence ?? 0, i }))
        .sort((x, y) => x.c - y.c || x.i - y.i)
        .map((x) => x.id),
    };
  }
  const codebook = options.codebook;
  const r = assignThemes(responses, codebook, options.codings ?? [], { seed, language, lsaRank: options.lsaRank ?? 0 });
  // Keywords: the heaviest TF-IDF terms of the answers whose top theme it is, with the seed document.
  const feats = responses.map((x) => features(x.text, { language }));
  const seedFeats = codebook.map((t) => features(`${t.label}. ${t.description}`, { language }));
  const vocab = buildVocabulary([...feats, ...seedFeats]);
  const display = displayTerms([...responses.map((x) => x.text), ...codebook.map((t) => `${t.label}. ${t.description}`)], { language });
  const themes = codebook.map((t, k) => {
    const members = r.assignments.map((a, i) => ({ a, i })).filter(({ a }) => a.themes.some((x) => x.id === t.id));
    const weight = new Map<number, number>();
    const addVector = (f: string[]) => {
      const v = tfidf(f, vocab);
      v.index.forEach((term, j) => weight.set(term, (weight.get(term) ?? 0) + v.value[j]));
    };
    addVector(seedFeats[k]);
    for (const { a, i } of members) if (a.themes[0].id === t.id) addVector(feats[i]);
    const keywords = [...weight.entries()]
      .sort((x, y) => y[1] - x[1] || x[0] - y[0])
      .slice(0, 8)
      .map(([term]) => display(vocab.terms[term]));
    const conf = (m: (typeof members)[number]) => m.a.themes.find((x) => x.id === t.id)!.confidence;
    const exemplars = members
      .slice()
      .sort((x, y) => conf(y) - conf(x) || x.i - y.i)
      .slice(0, 3)
      .map((m) => m.a.respondentId);
    return { id: t.id, label: t.label, keywords, size: members.length, exemplars };
  });
  const { expanded: _expanded, ...parameters } = r.parameters;
  return {
    method: {
      name: "tfidf-nearest-centroid",
      version: THEMES_VERSION,
      parameters: { ...parameters, confirmedCodings: r.assignments.filter((a) => a.confirmed).length },
    },
    themes,
    assignments: r.assignments.map((a) => ({
      respondent_id: a.respondentId,
      themes: a.themes,
      source: a.confirmed ? ("person" as const) : ("machine" as const),
    })),
    reviewOrder: r.reviewOrder,
  };
}
