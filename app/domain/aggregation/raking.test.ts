import { describe, expect, it } from "vitest";
import { equaliseGroups } from "./aggregate";
import { rake, RakingError, type Margin } from "./raking";

const people = [
  { age: "young", sex: "f", place: "A" },
  { age: "young", sex: "m", place: "B" },
  { age: "old", sex: "f", place: "A" },
  { age: "old", sex: "f", place: "B" },
  { age: "old", sex: "m", place: "A" },
  { age: "young", sex: "f", place: "B" },
];
const m = (variables: string[], targets: Record<string, number>): Margin => ({ variables, targets: new Map(Object.entries(targets)) });
const sumWhere = (w: Float64Array, pred: (p: (typeof people)[number]) => boolean) => people.reduce((s, p, i) => s + (pred(p) ? w[i] : 0), 0);
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof RakingError ? e.code : String(e);
  }
  return "no error";
};

describe("raking", () => {
  it("mixes a joint margin (age × sex) with a single one and matches both", () => {
    const { weights, converged } = rake(people, [
      m(["age", "sex"], { "young:f": 30, "young:m": 20, "old:f": 25, "old:m": 25 }),
      m(["place"], { A: 60, B: 40 }),
    ]);
    expect(converged).toBe(true);
    // Within the default tolerance: 1e-10 of the total (100).
    expect(sumWhere(weights, (p) => p.age === "young" && p.sex === "f")).toBeCloseTo(30, 7);
    expect(sumWhere(weights, (p) => p.age === "old" && p.sex === "m")).toBeCloseTo(25, 7);
    expect(sumWhere(weights, (p) => p.place === "A")).toBeCloseTo(60, 7);
  });

  it("scales proportions to the base weights' total", () => {
    const { weights, total } = rake(people, [m(["sex"], { f: 0.5, m: 0.5 })], {}, [2, 2, 2, 2, 2, 2]);
    expect(total).toBeCloseTo(12, 10);
    expect(sumWhere(weights, (p) => p.sex === "m")).toBeCloseTo(6, 10);
  });

  it("trims weights to the bounds (multiples of the mean) and re-rakes until both hold", () => {
    const margins = [m(["sex"], { f: 45, m: 55 }), m(["place"], { A: 70, B: 30 })];
    const untrimmed = rake(people, margins);
    expect(Math.max(...untrimmed.weights) / (untrimmed.total / people.length)).toBeCloseTo(2.31, 2);
    const trimmed = rake(people, margins, { trim: { lower: 0.1, upper: 2 } });
    const mean = trimmed.total / people.length;
    expect(trimmed.trimRounds).toBeGreaterThan(0);
    for (const w of trimmed.weights) {
      expect(w / mean).toBeGreaterThanOrEqual(0.1 * (1 - 1e-6));
      expect(w / mean).toBeLessThanOrEqual(2 * (1 + 1e-6));
    }
    expect(sumWhere(trimmed.weights, (p) => p.sex === "m")).toBeCloseTo(55, 6);
    expect(sumWhere(trimmed.weights, (p) => p.place === "B")).toBeCloseTo(30, 6);
    // Bounds no weighting can meet (the men's average alone is 1.65 × the mean) are an error.
    expect(codeOf(() => rake(people, margins, { trim: { lower: 0.3, upper: 1.6 }, maxIterations: 200 }))).toBe("not-converged");
  });

  it("reports each failure with its own error", () => {
    expect(codeOf(() => rake(people, [m(["sex"], { f: 50, m: 50 }), m(["place"], { A: 50, B: 60 })]))).toBe("totals-disagree");
    expect(codeOf(() => rake(people, [m(["sex"], { f: 50, m: 50, x: 10 })]))).toBe("empty-category");
    expect(codeOf(() => rake(people, [m(["sex"], { f: 50 })]))).toBe("no-target");
    expect(
      codeOf(() =>
        rake(people, [m(["sex"], { f: 50, m: 50 }), m(["place"], { A: 50, B: 50 })], {
          maxIterations: 1,
          tolerance: 1e-15,
          trim: { lower: 0.99, upper: 1.01 },
        }),
      ),
    ).toMatch(/not-converged/);
    expect(codeOf(() => rake(people, [m(["sex"], { f: -1, m: 50 })]))).toBe("bad-input");
    // Within 0.1% the totals are rescaled to agree, and the result says so.
    expect(rake(people, [m(["sex"], { f: 50, m: 50 }), m(["place"], { A: 50, B: 50.05 })]).rescaled).toBe(true);
  });
});

describe("stakeholder group weighting", () => {
  it("gives each group the same total, keeping the total and the proportions within groups", () => {
    const w = equaliseGroups(["a", "a", "a", "b"], Float64Array.from([1, 1, 2, 1]));
    expect(Array.from(w)).toEqual([0.625, 0.625, 1.25, 2.5]);
  });
});
