/**
 * Moderation rules (pure): quotes stay the participant's own words, codes for accepted
 * proposals, and counts per theme and stakeholder group.
 */

/** Words of a text for comparison: letters and digits, lower case, accents kept. */
function words(text: string): string[] {
  return text
    .toLowerCase()
    .normalize("NFC")
    .split(/[^\p{L}\p{N}']+/u)
    .map((w) => w.replace(/^'+|'+$/g, ""))
    .filter(Boolean);
}

/**
 * A quote for publication may only shorten or redact what the participant wrote: every
 * word outside [square brackets] must appear in the original, in the same order. Bracketed
 * text ("[…]", "[name removed]", "[the hospital]") marks an officer's cut or replacement.
 */
export function isFaithfulQuote(original: string, quote: string): boolean {
  if (/[[\]]/.test(quote.replace(/\[[^[\]]{0,80}\]/g, ""))) return false; // unbalanced or nested brackets
  const kept = words(quote.replace(/\[[^[\]]{0,80}\]/g, " "));
  if (kept.length === 0) return false;
  const source = words(original);
  let i = 0;
  for (const w of kept) {
    while (i < source.length && source[i] !== w) i++;
    if (i === source.length) return false;
    i++;
  }
  return true;
}

/** The next free code for an outcome proposed by a participant: P1, P2, … */
export function nextProposalCode(existingCodes: readonly string[]): string {
  let max = 0;
  for (const code of existingCodes) {
    const m = /^P(\d{1,6})$/i.exec(code);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `P${max + 1}`;
}

export const PROPOSED_SOURCE = "Proposed by a participant";

export interface TaggedAnswer {
  group: string;
  themeIds: readonly number[];
}

/** Answers per theme, overall and by stakeholder group (an answer with two themes counts once in each). */
export function countThemes(themeIds: readonly number[], answers: readonly TaggedAnswer[]): Map<number, { total: number; byGroup: Record<string, number> }> {
  const out = new Map(themeIds.map((id) => [id, { total: 0, byGroup: {} as Record<string, number> }]));
  for (const a of answers) {
    for (const id of new Set(a.themeIds)) {
      const c = out.get(id);
      if (!c) continue;
      c.total++;
      c.byGroup[a.group] = (c.byGroup[a.group] ?? 0) + 1;
    }
  }
  return out;
}
