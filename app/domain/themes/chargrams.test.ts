import { describe, expect, it } from "vitest";
import { CHARGRAM, chargrams } from "./chargrams";
import { buildVocabulary, features, sparseDot, tfidf } from "./text";

describe("character n-grams", () => {
  it("are the 3- to 5-character runs of the word padded with < and >", () => {
    expect(chargrams("gp").map((g) => g.slice(CHARGRAM.length))).toEqual(["<gp", "gp>", "<gp>"]);
    expect(chargrams("bus")).toHaveLength(3 + 2 + 1);
    // Code points, not UTF-16 units: a Welsh ŵ is one character.
    expect(chargrams("dŵr").map((g) => g.slice(1))).toContain("dŵr");
  });
  it("are added after the words and bigrams only when asked for", () => {
    expect(features("waiting list")).toEqual(["wait", "list", "wait list"]);
    const f = features("waiting list", { chargrams: true });
    expect(f.slice(0, 3)).toEqual(["wait", "list", "wait list"]);
    expect(f.slice(3).every((g) => g.startsWith(CHARGRAM))).toBe(true);
  });
  it("let a misspelt word meet the right one, with words and n-grams weighted equally in the cosine", () => {
    const docs = [
      features("deeling with the social worker", { chargrams: true }),
      features("dealing with one person", { chargrams: true }),
      features("bus fares", { chargrams: true }),
    ];
    const vocab = buildVocabulary(docs);
    const v = docs.map((d) => tfidf(d, vocab));
    for (const x of v) expect(sparseDot(x, x)).toBeCloseTo(1, 12);
    expect(sparseDot(v[0], v[1])).toBeGreaterThan(0);
    expect(sparseDot(v[0], v[2])).toBe(0);
    // Each block has length 1/√2.
    const chars = v[0].index.reduce((s, term, k) => (vocab.terms[term].startsWith(CHARGRAM) ? s + v[0].value[k] ** 2 : s), 0);
    expect(chars).toBeCloseTo(0.5, 12);
  });
});
