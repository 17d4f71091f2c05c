/**
 * Scoring codebook-guided assignment and suggestions against a person's labels (the reference
 * sample's protocol, methods §7): macro-F1 of the machine's top theme, a second label also
 * counting as right, with a 95% bootstrap interval; and the adjusted Rand index of suggestions
 * against the primary labels.
 */
import { f1Agreement, type F1Result } from "./agreement";
import { assignThemes, effectiveGold, type AssignOptions, type CodebookTheme } from "./assign";
import { adjustedRandIndex, suggestThemes, type SuggestOptions } from "./cluster";
import { mulberry32 } from "./prng";

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
  options: AssignOptions & { bootstrapSeed?: number; resamples?: number } = {},
): F1Result & { scored: number } {
  const predicted: string[] = [];
  const scored: LabelledAnswer[] = [];
  const responses = sample.map((s) => ({ id: s.id, text: s.text }));
  if (perTheme === "leave-one-out") {
    sample.forEach((s, i) => {
      const codings = sample.filter((_, j) => j !== i).map((o) => ({ respondentId: o.id, theme: o.primary }));
      const r = assignThemes(responses, codebook, codings, options);
      predicted.push(r.assignments[i].themes[0]?.id ?? "");
      scored.push(s);
    });
  } else {
    const rand = mulberry32(options.seed ?? 1);
    const order = sample.map((_, i) => [rand(), i] as const).sort((a, b) => a[0] - b[0]).map(([, i]) => i);
    const taken = new Map<string, number>();
    const confirmed = new Set<number>();
    for (const i of order) {
      const t = sample[i].primary;
      if ((taken.get(t) ?? 0) < perTheme) {
        taken.set(t, (taken.get(t) ?? 0) + 1);
        confirmed.add(i);
      }
    }
    const r = assignThemes(responses, codebook, [...confirmed].map((i) => ({ respondentId: sample[i].id, theme: sample[i].primary })), options);
    sample.forEach((s, i) => {
      if (confirmed.has(i)) return;
      predicted.push(r.assignments[i].themes[0]?.id ?? "");
      scored.push(s);
    });
  }
  const gold = effectiveGold(predicted, scored.map((s) => s.primary), scored.map((s) => s.secondary));
  const f1 = f1Agreement(predicted.map((p) => [p]), gold.map((g) => [g]), { seed: options.bootstrapSeed ?? 1, resamples: options.resamples ?? 1000, themes: codebook.map((t) => t.id) });
  return { ...f1, scored: scored.length };
}

/** Adjusted Rand index of suggested themes (no codebook) against the primary labels. */
export function scoreSuggestions(sample: readonly LabelledAnswer[], options: SuggestOptions = {}) {
  const r = suggestThemes(sample.map((s) => ({ id: s.id, text: s.text })), options);
  return { ari: adjustedRandIndex(r.assignments.map((a) => a.themes[0].id), sample.map((s) => s.primary)), k: r.k, silhouette: r.silhouette };
}
