import { describe, expect, it } from "vitest";
import { buildVocabulary, densify, dot, features, lsa, normalise, sparseDot, tfidf, words } from "./text";

describe("text pipeline", () => {
  it("normalises with NFKC and lower case, and makes curly apostrophes plain", () => {
    expect(normalise("Ｃａｒｅ ﬁne Don\u2019t")).toBe("care fine don't");
    expect(words("The GP’s phone-queue, 27th!")).toEqual(["the", "gp's", "phone", "queue", "27th"]);
  });
  it("drops English stop words, stems with Porter2 and adds bigrams", () => {
    expect(features("The carers were caring for me", { bigrams: false })).toEqual(["carer", "care"]);
    expect(features("waiting for appointments")).toEqual(["wait", "appoint", "wait appoint"]);
    expect(features("the waiting", { stopWords: false, stem: false, bigrams: false })).toEqual(["the", "waiting"]);
  });
  it("keeps Welsh words unstemmed (no library serves Welsh)", () => {
    expect(features("Mae angen gofalwyr", { language: "cy", bigrams: false })).toEqual(["mae", "angen", "gofalwyr"]);
  });
  it("TF-IDF vectors are unit length and rarer shared terms weigh more in the cosine", () => {
    const docs = [["bus", "late"], ["bus", "cost"], ["bus", "late", "cost"], ["lonely"]];
    const vocab = buildVocabulary(docs);
    const v = docs.map((d) => tfidf(d, vocab));
    for (const x of v) expect(sparseDot(x, x)).toBeCloseTo(1, 12);
    expect(sparseDot(v[0], v[3])).toBe(0);
    expect(sparseDot(v[0], v[2])).toBeGreaterThan(sparseDot(v[0], v[1]));
  });
  it("LSA of full rank keeps the cosines between documents, and is deterministic for a seed", () => {
    const texts = ["bus late again", "bus costs too much", "lonely since dad died", "no friends lonely", "hospital parking costs", "late bus to hospital"];
    const docs = texts.map((t) => features(t));
    const vocab = buildVocabulary(docs);
    const v = docs.map((d) => tfidf(d, vocab));
    const space = lsa(v, vocab.terms.length, v.length, 3, 200);
    const p = v.map(space.project);
    for (let i = 0; i < v.length; i++) for (let j = 0; j < v.length; j++) expect(dot(p[i], p[j])).toBeCloseTo(sparseDot(v[i], v[j]), 6);
    expect(lsa(v, vocab.terms.length, 2, 3).project(v[0])).toEqual(lsa(v, vocab.terms.length, 2, 3).project(v[0]));
    expect(densify(v[0], vocab.terms.length).length).toBe(vocab.terms.length);
  });
});
