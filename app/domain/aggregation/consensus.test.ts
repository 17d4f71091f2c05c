// The alternative consensus rules and how groups combine (methods §2).
// Expected values are worked by hand from R's type-7 definition:
// h = (n − 1)p, Q(p) = x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]) with x 0-indexed and sorted.
import { describe, expect, it } from "vitest";
import { combineGroups, medianIqrStatus, randUcla, statusOf, DEFAULT_CONSENSUS } from "./consensus";
import { quantileType7 } from "./quantile";
import { histogramOf, histogramQuantile, summariseRatings } from "./ratings";

describe("R type 7 quantiles", () => {
  it("interpolates between order statistics", () => {
    const x = [5, 7, 7, 8, 9, 9];
    expect(quantileType7(x, 0.25)).toBe(7); // h = 1.25 → 7 + 0.25·0
    expect(quantileType7(x, 0.5)).toBe(7.5); // h = 2.5 → 7 + 0.5·1
    expect(quantileType7(x, 0.75)).toBe(8.75); // h = 3.75 → 8 + 0.75·1
    expect(quantileType7([3], 0.3)).toBe(3);
    expect(Number.isNaN(quantileType7([], 0.5))).toBe(true);
  });
  it("gives the same answer from a histogram as from the sorted scores", () => {
    const x = [1, 1, 2, 4, 4, 4, 6, 7, 9, 9, 9];
    const counts = histogramOf(x).counts;
    for (const p of [0, 0.1, 0.25, 0.3, 0.5, 0.7, 0.75, 0.9, 1]) expect(histogramQuantile(counts, p)).toBeCloseTo(quantileType7(x, p), 12);
  });
});

describe("median/IQR rule (median ≥ 7 and IQR ≤ 2)", () => {
  const p = { medianIn: 7, iqrMax: 2 };
  it("in when the median is at least 7 and the IQR at most 2", () => {
    expect(medianIqrStatus([5, 7, 7, 8, 9, 9], p)).toBe("in"); // median 7.5, IQR 1.75
    expect(medianIqrStatus([5, 7, 7, 9, 9], p)).toBe("in"); // median 7, IQR exactly 2
  });
  it("none when the IQR exceeds 2, even with a high median", () => {
    expect(medianIqrStatus([1, 5, 7, 8, 9], p)).toBe("none"); // IQR 8 − 5 = 3
  });
  it("none when the median is below 7", () => {
    expect(medianIqrStatus([5, 6, 6, 7, 7], p)).toBe("none"); // median 6, IQR 1
  });
  it("out when the median is at most 3 with a narrow IQR", () => {
    expect(medianIqrStatus([1, 2, 2, 3, 3], p)).toBe("out"); // median 2, IQR 1
  });
  it("is applied by statusOf from the item summary", () => {
    const params = { ...DEFAULT_CONSENSUS, rule: "median-iqr" as const };
    expect(statusOf(summariseRatings([5, 7, 7, 9, 9, "U"]), params)).toBe("in");
    expect(statusOf(summariseRatings([1, 5, 7, 8, 9]), params)).toBe("none");
  });
});

describe("RAND/UCLA with IPRAS", () => {
  it("finds disagreement in a polarised panel (IPR 7.6 > IPRAS 2.35)", () => {
    const r = randUcla([1, 1, 1, 1, 1, 2, 2, 5, 8, 8, 9, 9, 9, 9, 9])!;
    expect(r.median).toBe(5);
    expect(r.p30).toBeCloseTo(1.2, 10); // h = 4.2 → 1 + 0.2·(2 − 1)
    expect(r.p70).toBeCloseTo(8.8, 10); // h = 9.8 → 8 + 0.8·(9 − 8)
    expect(r.ipr).toBeCloseTo(7.6, 10);
    expect(r.iprcp).toBeCloseTo(5, 10);
    expect(r.ai).toBeCloseTo(0, 10);
    expect(r.ipras).toBeCloseTo(2.35, 10);
    expect(r.disagreement).toBe(true);
    expect(r.appropriateness).toBe("uncertain");
    expect(r.status).toBe("none");
  });
  it("rates a low median without disagreement as inappropriate (consensus out)", () => {
    const r = randUcla([1, 1, 2, 2, 2, 3, 3, 4])!;
    expect(r.median).toBe(2);
    expect(r.disagreement).toBe(false);
    expect(r.appropriateness).toBe("inappropriate");
    expect(r.status).toBe("out");
  });
  it("returns null for no scores", () => expect(randUcla([])).toBeNull());
});

describe("combining stakeholder groups", () => {
  it("overall uses the pooled status", () => expect(combineGroups("in", ["in", "none"], "overall")).toBe("in"));
  it("every-group needs the same status in each group", () => {
    expect(combineGroups("in", ["in", "none"], "every-group")).toBe("none");
    expect(combineGroups("in", ["in", "in"], "every-group")).toBe("in");
    expect(combineGroups("out", ["out", "out"], "every-group")).toBe("out");
  });
  it("any-group needs it in one group", () => {
    expect(combineGroups("none", ["none", "in"], "any-group")).toBe("in");
    expect(combineGroups("none", ["out", "none"], "any-group")).toBe("out");
    expect(combineGroups("in", ["none", "none"], "any-group")).toBe("none");
  });
});
