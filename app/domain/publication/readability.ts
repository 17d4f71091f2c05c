/**
 * Readability of English text: Flesch Reading Ease and the Flesch–Kincaid grade.
 *
 *   reading ease = 206.835 − 1.015 × (words ÷ sentences) − 84.6 × (syllables ÷ words)
 *   grade        = 0.39 × (words ÷ sentences) + 11.8 × (syllables ÷ words) − 15.59
 *
 * Sentences end at ".", "!", "?" or a line break (each Easy Read point is one
 * sentence per line). Words are runs of letters, digits and apostrophes.
 *
 * Syllables are estimated (no dictionary): lower-case the word, drop
 * apostrophes; words of up to 3 letters have 1; a final silent "e" (but not
 * "-le" after a consonant), and "-es" (not after c, g, s, x, z) and "-ed" (not
 * after d, t) endings that do not add a sound, are dropped; a leading "y" is a consonant; each run of vowels (a, e, i, o, u, y) counts 1; at least 1.
 * A number counts as 1 syllable per digit group read aloud (at most 3). The
 * heuristic is within one syllable of a dictionary for most plain English
 * words, which is enough for a limit checked in tests.
 */

export interface Readability {
  sentences: number;
  words: number;
  syllables: number;
  readingEase: number;
  grade: number;
}

export function countSyllables(word: string): number {
  if (/^\d[\d,.]*$/.test(word)) return Math.min(3, word.replace(/[^\d]/g, "").length);
  let w = word.toLowerCase().replace(/[^a-z]/g, "");
  if (w.length === 0) return 0;
  if (w.length <= 3) return 1;
  if (/[^aeiouy]le$/.test(w)) {
    // "table", "people": the final -le is its own syllable; keep it.
  } else {
    // "-es" is sounded after c, g, s, x, z ("services", "changes", "boxes").
    w = w.replace(/(?:[^laeiouycgsxz]es|[^dt]ed|[^laeiouy]e)$/, (m) => m[0]);
  }
  w = w.replace(/^y/, "");
  const groups = w.match(/[aeiouy]+/g);
  return Math.max(1, groups ? groups.length : 0);
}

export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => /[A-Za-z0-9]/.test(s));
}

export function wordsOf(sentence: string): string[] {
  return sentence.match(/[A-Za-z0-9][A-Za-z0-9'’]*/g) ?? [];
}

export function readability(text: string): Readability {
  const sentences = splitSentences(text);
  const words = sentences.flatMap(wordsOf);
  const syllables = words.reduce((sum, w) => sum + countSyllables(w), 0);
  if (words.length === 0) return { sentences: 0, words: 0, syllables: 0, readingEase: 100, grade: 0 };
  const wps = words.length / sentences.length;
  const spw = syllables / words.length;
  return {
    sentences: sentences.length,
    words: words.length,
    syllables,
    readingEase: 206.835 - 1.015 * wps - 84.6 * spw,
    grade: 0.39 * wps + 11.8 * spw - 15.59,
  };
}
