import { createInstance } from "i18next";
import { describe, expect, it } from "vitest";
import { DOMAINS } from "../../../db/demo-content";
import { i18nOptions } from "../../i18n/config";
import { withoutExact } from "./disclosure";
import { easyReadSections, easyReadText, HARD_WORDS } from "./easy-read";
import { readability } from "./readability";
import { buildSummary, figuresOf, openDataRows, pickText, populationShares, type ResultItemInput, type SummaryInput } from "./summary";

const statements = Object.fromEntries(DOMAINS.flatMap((d) => d.outcomes.map((o) => [o.code, o.statement.en])));

function item(code: string, rank: number, consensus: "in" | "out" | "none", n = 24, unable = 0, pct: number | null = 80): ResultItemInput {
  return { code, n, nUnable: unable, consensus, percentCritical: pct, weightedPercentCritical: pct, framework: { rank, included: consensus === "in" } };
}

function input(overrides: Partial<SummaryInput> = {}): SummaryInput {
  return {
    slug: "joined-up-care",
    partnershipName: "South Nottinghamshire Transformation Partnership",
    contactEmail: "engagement@south-notts.example",
    licence: "OGL-3.0",
    titles: { en: "What matters to you about joined-up health and social care?", cy: "Beth sy'n bwysig i chi?" },
    narrative: { en: { whatWeAsked: "Why we asked.", whatWeDid: "", method: "", contact: "" } },
    round: 1,
    participation: {
      byGroup: { citizen: 9, carer: 6, "service-user": 5, professional: 4 },
      byLocality: { "Nottingham City": 6, Rushcliffe: 6, "Nottingham West": 6, "Nottingham North and East": 6 },
    },
    population: { name: "ONS 2021", locality: { "Nottingham City": 0.4, Rushcliffe: 0.2, "Nottingham West": 0.2, "Nottingham North and East": 0.2 } },
    result: {
      parameters: { rule: "comet", thresholdIn: 70, thresholdOut: 15, bound: "strict", groups: "overall", groupWeighting: "equal" },
      weighting: null,
      items: [item("O9", 1, "in", 24, 0, 91.7), item("O1", 2, "in", 24, 2, 86.4), item("O8", 13, "out"), item("O4", 9, "none"), item("O6", 3, "in", 7, 0, 100)],
    },
    statements: { en: statements, cy: { O9: "Rwy'n cael cymorth i aros yn annibynnol gartref" } },
    themes: [],
    outcomeSet: null,
    easyRead: {
      asked: { imageId: null, alt: {} },
      who: { imageId: 4, alt: { en: "Three people talking" } },
      said: { imageId: null, alt: {} },
      did: { imageId: null, alt: {} },
      contact: { imageId: null, alt: {} },
    },
    ...overrides,
  };
}

describe("summary model", () => {
  it("lists the outcomes that reached consensus in priority order, % critical withheld under 8 people", () => {
    const s = buildSummary(input());
    expect(s.consensus.map((c) => c.code)).toEqual(["O9", "O1", "O6"]);
    expect(s.consensus[0].percentCritical).toEqual({ value: 92, rule: "shown" });
    expect(s.consensus[1].answered).toEqual({ value: 20, rule: "rounded" });
    expect(s.consensus[2].percentCritical).toEqual({ value: null, rule: "withheld" });
    expect(s.consensus[0].statements.cy).toBe("Rwy'n cael cymorth i aros yn annibynnol gartref");
  });

  it("discloses who took part by group and locality against the population, with secondary suppression", () => {
    const s = buildSummary(input());
    expect(s.participation.total).toEqual({ value: 25, rule: "rounded" });
    // 9 is the only cell of 8 or more: the three small cells hide it too, so no cell can be recovered.
    expect(s.participation.byGroup.map((g) => [g.key, g.count.value, g.count.rule])).toEqual([
      ["citizen", 10, "rounded"],
      ["carer", null, "small"],
      ["service-user", null, "small"],
      ["professional", null, "small"],
    ]);
    expect(s.participation.byLocality.map((l) => l.population)).toEqual([40, 20, 20, 20]);
    expect(s.participation.byLocality.every((l) => l.count.value === null && l.share.value === null)).toBe(true);
    expect(s.rules).toEqual(["small", "rounded", "withheld"]);
  });

  it("applies secondary suppression when exactly one group is small", () => {
    const s = buildSummary(input({ participation: { byGroup: { citizen: 30, carer: 12, professional: 3 }, byLocality: {} } }));
    expect(s.participation.byGroup.map((g) => g.count.rule)).toEqual(["rounded", "secondary", "small"]);
    expect(s.rules).toContain("secondary");
  });

  it("keeps exact figures only in the preview, never in what is published", () => {
    const preview = buildSummary(input(), { includeExact: true });
    expect(preview.participation.byGroup[1].count.exact).toBe(6);
    expect(JSON.stringify(buildSummary(input()))).not.toContain("exact");
    expect(withoutExact(preview)).toEqual(buildSummary(input()));
  });

  it("every published count is 0, hidden or a multiple of 5 of at least 8", () => {
    const s = buildSummary(input());
    for (const f of figuresOf(s)) {
      if ("rule" in f && (f.rule === "rounded" || f.rule === "zero")) expect(f.value! % 5).toBe(0);
    }
  });

  it("open data rows hold only the disclosed aggregates", () => {
    const rows = openDataRows(buildSummary(input()));
    expect(rows.find((r) => r.table === "participation-total")).toEqual({
      table: "participation-total",
      category: "all",
      measure: "people",
      value: 25,
      rule: "rounded",
    });
    expect(rows.filter((r) => r.measure === "people" && r.value !== null && r.value !== 0).every((r) => r.value! % 5 === 0)).toBe(true);
  });

  it("publishes a theme's counts per stakeholder group under the small-number rule (0→0, 3→*, 7→*, 8→10, 12→10, 13→15)", () => {
    const s = buildSummary(
      input({
        themes: [
          { key: "a", labels: { en: "A" }, count: 13, byGroup: { carer: 3, citizen: 8, "not-stated": 2 }, quotes: [] },
          { key: "b", labels: { en: "B" }, count: 35, byGroup: { citizen: 12, carer: 13, professional: 7, "service-user": 0, "not-stated": 3 }, quotes: [] },
        ],
      }),
    );
    const a = Object.fromEntries(s.themes.find((t) => t.key === "a")!.byGroup!.map((g) => [g.key, g.count]));
    expect(a.carer).toEqual({ value: null, rule: "small" });
    expect(a.citizen).toEqual({ value: 10, rule: "rounded" });
    expect(a["not-stated"]).toEqual({ value: null, rule: "small" });
    const b = Object.fromEntries(s.themes.find((t) => t.key === "b")!.byGroup!.map((g) => [g.key, g.count.value]));
    expect(b).toEqual({ citizen: 10, carer: 15, professional: null, "service-user": 0, "not-stated": null });
    expect(JSON.stringify(s)).not.toContain('"exact"');
  });

  it("hides a second group when a single suppressed group could be worked out from the theme's total", () => {
    const s = buildSummary(input({ themes: [{ key: "a", labels: { en: "A" }, count: 23, byGroup: { carer: 3, citizen: 8, professional: 12 }, quotes: [] }] }));
    const a = Object.fromEntries(s.themes[0].byGroup!.map((g) => [g.key, g.count.rule]));
    expect(a).toMatchObject({ carer: "small", citizen: "secondary", professional: "rounded" });
    expect(s.rules).toContain("secondary");
  });

  it("shows the main free-text themes, most frequent first, with their counts disclosed", () => {
    const themes = Array.from({ length: 10 }, (_, i) => ({
      key: String(i),
      labels: { en: `Theme ${i}` },
      count: i * 3,
      quotes: i === 9 ? [{ text: "In my own words", lang: "" }] : [],
    }));
    const s = buildSummary(input({ themes }));
    expect(s.themes.map((t) => t.key)).toEqual(["9", "8", "7", "6", "5", "4", "3", "2"]);
    expect(s.themes[0].count).toEqual({ value: 25, rule: "rounded" });
    expect(s.themes.at(-1)!.count).toEqual({ value: null, rule: "small" });
    expect(s.themes[0].quotes).toEqual([{ text: "In my own words", lang: "" }]);
  });

  it("derives population shares from margins and picks text by locale with English fallback", () => {
    expect(
      populationShares(
        [
          { variable: "locality", category: "A", target: 300 },
          { variable: "locality", category: "B", target: 100 },
          { variable: "sex", category: "f", target: 1 },
        ],
        "locality",
      ),
    ).toEqual({ A: 0.75, B: 0.25 });
    expect(populationShares([], "locality")).toBeNull();
    expect(pickText({ en: "Hello", cy: "" }, "cy")).toEqual({ text: "Hello", lang: "en" });
    expect(pickText({ en: "Hello", cy: "Helo" }, "cy")).toEqual({ text: "Helo", lang: "cy" });
  });
});

/**
 * The Easy Read text must stay easy: Flesch–Kincaid grade at most 5 (a reading
 * age of about 10) and Flesch Reading Ease at least 70 ("fairly easy" or
 * easier), measured on the English text with the demo consultation's outcomes.
 */
const EASY_READ_MAX_GRADE = 5;
const EASY_READ_MIN_EASE = 70;

describe("Easy Read", () => {
  const i18n = createInstance();
  void i18n.init({ ...i18nOptions, lng: "en" });
  const t = (key: string, values?: Record<string, unknown>) => i18n.t(key, values ?? {}) as string;

  it(`reads at Flesch–Kincaid grade ${EASY_READ_MAX_GRADE} or below`, () => {
    const s = buildSummary(input());
    const text = easyReadText(easyReadSections(s, "en", t));
    const r = readability(text);
    expect(r.sentences).toBeGreaterThan(10);
    expect(r.grade, text).toBeLessThanOrEqual(EASY_READ_MAX_GRADE);
    expect(r.readingEase, text).toBeGreaterThanOrEqual(EASY_READ_MIN_EASE);
  });

  it("every sentence is short (at most 15 words) and the key words are bold", () => {
    const s = buildSummary(input({ outcomeSet: { version: 1, agreedOn: "2027-03-01", agreedBy: ["Nottinghamshire County Council"], outcomes: [] } }));
    const sections = easyReadSections(s, "en", t);
    for (const sec of sections) for (const sentence of sec.sentences) expect(sentence.split(/\s+/).length, sentence).toBeLessThanOrEqual(15);
    expect(sections.every((sec) => sec.sentences.some((x) => x.includes("**")))).toBe(true);
    expect(sections.find((x) => x.point === "said")!.list!.map((i) => i.text)).toEqual([statements.O9, statements.O1, statements.O6]);
  });

  it("the generated sentences use plain words; a hard word in the officers' text is explained once, Easy Read style", () => {
    const agreed = { outcomeSet: { version: 1, agreedOn: "2027-03-01", agreedBy: ["Nottinghamshire County Council"], outcomes: [] } };
    for (const locale of ["en", "cy", "pl", "ur"]) {
      const lt = (key: string, values?: Record<string, unknown>) => i18n.getFixedT(locale)(key, values ?? {}) as string;
      for (const s of [buildSummary(input()), buildSummary(input(agreed))]) {
        const sections = easyReadSections(s, locale, lt);
        const generated = sections.flatMap((sec) => sec.sentences).join("\n");
        for (const word of HARD_WORDS) expect(generated, `${locale}: ${word.key}`).not.toMatch(word.pattern);
      }
    }
    // The demo's question says "joined-up": the "What we asked" point explains it, once.
    const sections = easyReadSections(buildSummary(input()), "en", t);
    const notes = sections.flatMap((sec) => sec.notes ?? []);
    expect(notes).toEqual(["**Joined-up** care means the people who help you work together."]);
    expect(sections.find((x) => x.point === "asked")!.notes).toEqual(notes);
    expect(easyReadText(sections)).toContain("Joined-up care means the people who help you work together.");
    const plain = easyReadSections(buildSummary(input({ titles: { en: "What matters to you?" } })), "en", t);
    expect(plain.flatMap((sec) => sec.notes ?? [])).toEqual([]);
  });
});

describe("outcomes from citizens' words", () => {
  it("carries each outcome's theme, quotes and a disclosed count of answers, and nothing when there are none", () => {
    const s = buildSummary(
      input({
        provenance: [
          { code: "O9", themeName: "Staying at home", answers: 3, quotes: [{ text: "I want to stay in my own home", lang: "en" }] },
          { code: "O1", themeName: "Telling my story once", answers: 12, quotes: [] },
        ],
      }),
    );
    expect(s.provenance?.map((p) => [p.code, p.theme, p.answers.value, p.statements.en])).toEqual([
      ["O9", "Staying at home", null, statements.O9],
      ["O1", "Telling my story once", 10, statements.O1],
    ]);
    expect(s.provenance?.[0].quotes).toEqual([{ text: "I want to stay in my own home", lang: "en" }]);
    expect(JSON.stringify(s.provenance)).not.toContain('"exact"');
    expect(buildSummary(input()).provenance).toBeUndefined();
  });
});
