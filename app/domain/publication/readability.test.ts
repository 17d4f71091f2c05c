import { describe, expect, it } from "vitest";
import { countSyllables, readability, splitSentences } from "./readability";

describe("readability", () => {
  it.each([
    ["cat", 1],
    ["the", 1],
    ["care", 1],
    ["table", 2],
    ["people", 2],
    ["outcomes", 2],
    ["important", 3],
    ["services", 3],
    ["asked", 1],
    ["wanted", 2],
    ["everyone", 3],
    ["changes", 2],
    ["independent", 4],
    ["2026", 3],
  ])("%s has about %i syllables", (word, n) => {
    expect(countSyllables(word)).toBe(n);
  });

  it("splits sentences at full stops and line breaks", () => {
    expect(splitSentences("One idea. Another idea!\nA third")).toEqual(["One idea.", "Another idea!", "A third"]);
  });

  it("matches Flesch's formulas on a worked example", () => {
    // 2 sentences, 8 words, 8 syllables.
    const r = readability("The cat sat down. The dog ran off.");
    expect(r).toMatchObject({ sentences: 2, words: 8, syllables: 8 });
    expect(r.readingEase).toBeCloseTo(206.835 - 1.015 * 4 - 84.6 * 1, 6);
    expect(r.grade).toBeCloseTo(0.39 * 4 + 11.8 * 1 - 15.59, 6);
  });

  it("scores dense prose as harder than short plain sentences", () => {
    const plain = readability("We asked you about care. You told us what matters. We will tell you what we decide.");
    const dense = readability(
      "Commissioners will operationalise the consensus-derived outcome framework through contractual mechanisms incorporating performance-related remuneration contingent upon demonstrable improvements.",
    );
    expect(plain.grade).toBeLessThan(4);
    expect(dense.grade).toBeGreaterThan(15);
    expect(plain.readingEase).toBeGreaterThan(dense.readingEase);
  });
});
