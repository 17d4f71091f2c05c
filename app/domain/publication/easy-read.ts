/**
 * The Easy Read version of a published summary: one point per idea, each a few
 * short sentences, key words marked **like this** (bold when rendered). The
 * words come from the translation files through `t`, so this module stays pure.
 */
import type { DisclosedCount } from "./disclosure";
import { EASY_READ_POINTS, pickText, type EasyReadPoint, type PublishedSummary } from "./summary";

export type Translate = (key: string, values?: Record<string, unknown>) => string;

export interface EasyReadSection {
  point: EasyReadPoint;
  sentences: string[];
  /** Shown after the first sentence, in bold, in its own language (the consultation's question). */
  lead?: { text: string; lang: string };
  /** Outcomes that matter most, each a sentence of its own, with its language. */
  list?: Array<{ text: string; lang: string }>;
  /** Shown last: what a hard word in the officers' text means (see HARD_WORDS). */
  notes?: string[];
}

/** How many of the top outcomes the Easy Read version names. */
export const EASY_READ_TOP = 5;

function people(t: Translate, c: DisclosedCount): string {
  if (c.value === null) return t("publication:easyRead.peopleFew");
  return t("publication:easyRead.peopleAbout", { count: c.value });
}

export function easyReadSections(s: PublishedSummary, locale: string, t: Translate): EasyReadSection[] {
  const title = pickText(s.titles, locale);
  const top = s.consensus.slice(0, EASY_READ_TOP);
  const out: Record<EasyReadPoint, EasyReadSection> = {
    asked: { point: "asked", sentences: [t("publication:easyRead.asked1"), t("publication:easyRead.asked2"), t("publication:easyRead.asked3")], lead: title },
    who: {
      point: "who",
      sentences: [t("publication:easyRead.who1", { people: people(t, s.participation.total) }), t("publication:easyRead.who2"), t("publication:easyRead.who3")],
    },
    said: {
      point: "said",
      sentences: top.length > 0 ? [t("publication:easyRead.said1")] : [t("publication:easyRead.saidNone")],
      list: top.map((c) => {
        const p = pickText(c.statements, locale);
        return { text: p.text.replace(/[.\s]+$/, ""), lang: p.lang };
      }),
    },
    did: {
      point: "did",
      sentences: s.outcomeSet
        ? [t("publication:easyRead.didAgreed1"), t("publication:easyRead.didAgreed2")]
        : [t("publication:easyRead.didNext1"), t("publication:easyRead.didNext2")],
    },
    contact: {
      point: "contact",
      sentences: s.contactEmail
        ? [t("publication:easyRead.contact1"), t("publication:easyRead.contact2", { email: s.contactEmail })]
        : [t("publication:easyRead.contact1"), t("publication:easyRead.contactNoEmail", { partnership: s.partnershipName })],
    },
  };
  explainHardWords(Object.values(out), t);
  return EASY_READ_POINTS.map((p) => out[p]);
}

/**
 * Words that Easy Read readers stumble on. The generated sentences never use them; when the
 * officers' own words shown in a point (the consultation's question, the outcomes named) do,
 * the point ends with a short explanation, once per word.
 */
export const HARD_WORDS: ReadonlyArray<{ key: string; pattern: RegExp }> = [
  { key: "outcomes", pattern: /\boutcomes?\b/i },
  { key: "joinedUp", pattern: /\bjoined[-\s]up\b/i },
  { key: "coordinated", pattern: /\bco-?ordinat(?:ed|ion)\b/i },
];

function explainHardWords(sections: EasyReadSection[], t: Translate): void {
  const explained = new Set<string>();
  for (const section of sections) {
    const shown = [section.lead?.text ?? "", ...(section.list ?? []).map((i) => i.text)].join("\n");
    for (const word of HARD_WORDS) {
      if (explained.has(word.key) || !word.pattern.test(shown)) continue;
      explained.add(word.key);
      (section.notes ??= []).push(t(`publication:easyRead.explain.${word.key}`));
    }
  }
}

/** The Easy Read text as plain sentences, one per line (for the readability check). */
export function easyReadText(sections: EasyReadSection[]): string {
  return sections
    .flatMap((s) => [s.sentences[0], ...(s.lead ? [s.lead.text] : []), ...s.sentences.slice(1), ...(s.list ?? []).map((i) => `${i.text}.`), ...(s.notes ?? [])])
    .map((line) => line.replace(/\*\*/g, ""))
    .join("\n");
}

/** Splits "a **b** c" into plain and bold parts. */
export function boldParts(sentence: string): Array<{ text: string; bold: boolean }> {
  return sentence
    .split("**")
    .map((text, i) => ({ text, bold: i % 2 === 1 }))
    .filter((p) => p.text.length > 0);
}
