/**
 * Character n-grams inside word boundaries (as in fastText, Bojanowski et al. 2017): the word
 * padded with `<` and `>`, and every run of 3 to 5 characters of it. A misspelt word
 * ("deeling", "apointment") still shares most of its n-grams with the right one, and related
 * forms share theirs without a stemmer, which matters for Welsh (no stemmer in any library).
 * Lengths 3–5 are the usual range for English text classification (3 is the shortest that is
 * not mostly noise; above 5 the n-grams are nearly whole words, which the word features have).
 */

/** Prefix that marks a character n-gram feature; words never contain it (not word-like for Intl.Segmenter). */
export const CHARGRAM = "#";

export const CHARGRAM_MIN = 3;
export const CHARGRAM_MAX = 5;

/** Appends the word's character n-grams (code points, 3–5, padded with < and >) to `out`. */
export function chargrams(word: string, out: string[] = []): string[] {
  const chars = [...`<${word}>`];
  for (let n = CHARGRAM_MIN; n <= CHARGRAM_MAX; n++) for (let i = 0; i + n <= chars.length; i++) out.push(CHARGRAM + chars.slice(i, i + n).join(""));
  return out;
}
