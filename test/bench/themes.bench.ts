/**
 * `npm run bench -- themes`: the free-text engine (app/domain/themes, methods §7) on the public
 * labelled sample (test/fixtures/reference/themes_sample.csv: 65 answers, 5 per theme, labelled
 * by a person) and its speed on larger synthetic sets made from the sample's words.
 *
 * - Codebook-guided assignment: macro-F1 of the machine's top theme (the person's secondary label
 *   also counting as right) with a 95% bootstrap interval (1,000 resamples, seed 1), when 1, 2 or
 *   4 confirmed codings per theme are given and the rest scored, and leave-one-out. The sample has
 *   5 answers per theme, so the 5, 10 and 20 codings per theme cannot be run on it.
 * - Suggestions without a codebook: adjusted Rand index against the primary labels, seeds 1–10.
 * - Speed: wall time and peak resident memory for suggesting themes and for assignment with a
 *   codebook, at 1,000 and 10,000 answers (100,000 with BENCH_THEMES_LARGE=1).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseCsv } from "../../app/domain/csv";
import { assignThemes, scoreAssignment, scoreSuggestions, suggestThemes, type LabelledAnswer } from "../../app/domain/themes";
import { mulberry32 } from "../../app/domain/themes/prng";

const dir = path.resolve("test/fixtures/reference");
const codebook = parseCsv(readFileSync(path.join(dir, "themes_codebook.csv"), "utf8")).rows.map((r) => ({ id: r.values.theme, label: r.values.label, description: r.values.description }));
const sample: LabelledAnswer[] = parseCsv(readFileSync(path.join(dir, "themes_sample.csv"), "utf8")).rows.map((r) => ({ id: r.values.respondent_id, text: r.values.text, primary: r.values.primary, secondary: r.values.secondary || undefined }));

export interface ThemesReport {
  assignment: Array<{ perTheme: string; scored: number; macro: number; lower: number; upper: number }>;
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
  const assignment = ([1, 2, 4, "leave-one-out"] as const).map((perTheme) => {
    const r = scoreAssignment(sample, codebook, perTheme);
    return { perTheme: String(perTheme), scored: r.scored, macro: r.macro, lower: r.ci95[0], upper: r.ci95[1] };
  });
  const aris = Array.from({ length: 10 }, (_, k) => scoreSuggestions(sample, { seed: k + 1 }));
  const sizes = process.env.BENCH_THEMES_LARGE ? [1000, 10000, 100000] : [1000, 10000];
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
    suggestions: { mean: aris.reduce((a, r) => a + r.ari, 0) / aris.length, min: Math.min(...aris.map((r) => r.ari)), max: Math.max(...aris.map((r) => r.ari)), k: aris.map((r) => r.k) },
    speed,
  };
}

export function formatThemesReport(r: ThemesReport): string {
  const f = (x: number) => x.toFixed(2);
  return [
    "## Free-text themes (methods §7) on the public labelled sample",
    "",
    "| confirmed codings per theme | answers scored | macro-F1 of the top theme | 95% interval |",
    "| --- | --- | --- | --- |",
    ...r.assignment.map((a) => `| ${a.perTheme} | ${a.scored} | ${f(a.macro)} | ${f(a.lower)}–${f(a.upper)} |`),
    "",
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
