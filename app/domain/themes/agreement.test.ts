import { describe, expect, it } from "vitest";
import { cohenKappa, f1Agreement, krippendorffAlphaNominal } from "./agreement";
import { chiSquareTest, fisherExact, themesByGroup } from "./independence";

const rep = <T>(v: T, n: number): T[] => Array.from({ length: n }, () => v);

describe("Cohen's kappa", () => {
  it("reproduces the worked example of methods §7 (Cohen 1960; Wikipedia 'Cohen's kappa'): p_o 0.70, p_e 0.50, κ 0.40", () => {
    // 50 proposals: both yes 20, both no 15, A yes/B no 5, A no/B yes 10.
    const a = [...rep("yes", 20), ...rep("no", 15), ...rep("yes", 5), ...rep("no", 10)];
    const b = [...rep("yes", 20), ...rep("no", 15), ...rep("no", 5), ...rep("yes", 10)];
    const k = cohenKappa(a, b);
    expect(k.observed).toBeCloseTo(0.7, 12);
    expect(k.expected).toBeCloseTo(0.5, 12);
    expect(k.kappa).toBeCloseTo(0.4, 12);
    expect(k.n).toBe(50);
  });
  it("is 1 for perfect agreement and refuses unequal lengths", () => {
    expect(cohenKappa(["a", "b", "a"], ["a", "b", "a"]).kappa).toBe(1);
    expect(() => cohenKappa(["a"], [])).toThrow(RangeError);
  });
});

describe("Krippendorff's alpha (nominal)", () => {
  it("reproduces Krippendorff (2011) 'Computing Krippendorff's Alpha-Reliability', section C: 4 observers, 12 units, missing data, α = 0.743", () => {
    // Rows are observers A–D, columns units 1–12; null = not coded (the paper's '*').
    const A = [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null];
    const B = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3];
    const C = [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null];
    const D = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null];
    const units = A.map((_, u) =>
      [A, B, C, D]
        .map((o) => o[u])
        .filter((v) => v !== null)
        .map(String),
    );
    const r = krippendorffAlphaNominal(units);
    expect(r.pairable).toBe(40); // the paper's n.. = 40 (unit 12 has one value and is unpairable)
    expect(r.alpha).toBeCloseTo(0.743, 3);
  });
  it("for two coders with no missing data it is Scott's π corrected for sample size: α = π + (1 − π)/2n", () => {
    const a = ["x", "x", "y", "y", "z", "x", "y", "z", "z", "x"];
    const b = ["x", "y", "y", "y", "z", "x", "x", "z", "y", "x"];
    const alpha = krippendorffAlphaNominal(a.map((v, i) => [v, b[i]])).alpha;
    const n = a.length;
    const po = a.filter((v, i) => v === b[i]).length / n;
    const pooled = new Map<string, number>();
    for (const v of [...a, ...b]) pooled.set(v, (pooled.get(v) ?? 0) + 1);
    const pe = [...pooled.values()].reduce((s, c) => s + (c / (2 * n)) ** 2, 0);
    const pi = (po - pe) / (1 - pe);
    expect(alpha).toBeCloseTo(pi + (1 - pi) / (2 * n), 10);
  });
});

describe("F1 of machine against person", () => {
  const person = [["a"], ["a"], ["b"], ["b"], ["c"], ["a", "c"], [], ["b"]];
  const machine = [["a"], ["b"], ["b"], ["b"], ["c"], ["a"], ["c"], []];
  it("computes precision, recall and F1 per theme and their macro mean", () => {
    const r = f1Agreement(machine, person, { resamples: 200, seed: 7 });
    const by = Object.fromEntries(r.byTheme.map((t) => [t.theme, t]));
    // a: tp 2 (1,6), fp 0, fn 1 (2) → P 1, R 2/3, F1 0.8
    expect(by.a.precision).toBe(1);
    expect(by.a.recall).toBeCloseTo(2 / 3, 12);
    expect(by.a.f1).toBeCloseTo(0.8, 12);
    // b: tp 2 (3,4), fp 1 (2), fn 1 (8) → F1 4/6
    expect(by.b.f1).toBeCloseTo(2 / 3, 12);
    // c: tp 1 (5), fp 1 (7), fn 1 (6) → F1 0.5
    expect(by.c.f1).toBeCloseTo(0.5, 12);
    expect(r.macro).toBeCloseTo((0.8 + 2 / 3 + 0.5) / 3, 12);
    expect(r.ci95[0]).toBeLessThanOrEqual(r.macro);
    expect(r.ci95[1]).toBeGreaterThanOrEqual(r.macro);
    expect(r.ci95[1]).toBeGreaterThan(r.ci95[0]);
  });
  it("is deterministic for a seed and changes with the seed", () => {
    const a = f1Agreement(machine, person, { seed: 11 });
    expect(f1Agreement(machine, person, { seed: 11 })).toEqual(a);
    expect(a.resamples).toBe(1000);
    expect(f1Agreement(machine, person, { seed: 12 }).ci95).not.toEqual(a.ci95);
  });
  it("gives 1 with a degenerate interval when the coders agree entirely", () => {
    const r = f1Agreement(person, person, { resamples: 100 });
    expect(r.macro).toBe(1);
    expect(r.ci95).toEqual([1, 1]);
  });
});

describe("themes by stakeholder group", () => {
  it("Fisher's exact test reproduces Wikipedia 'Fisher's exact test' (dieting by sex): observed table 0.001346, one-sided 0.001346 + 0.000034, two-sided 0.002759", () => {
    // dieting: men 1, women 9; not dieting: men 11, women 3
    const r = fisherExact(1, 9, 11, 3);
    expect(r.pLess).toBeCloseTo(0.001346 + 0.000034, 6);
    expect(r.p).toBeCloseTo(0.002759, 6);
  });
  it("χ² reproduces Wikipedia 'Pearson's chi-squared test' (occupation by neighbourhood): χ² ≈ 24.6, df 6, p ≈ 0.0004", () => {
    const r = chiSquareTest([
      [90, 60, 104, 95],
      [30, 50, 51, 20],
      [30, 40, 45, 35],
    ]);
    expect(r.statistic).toBeCloseTo(24.57, 2);
    expect(r.df).toBe(6);
    expect(r.p).toBeGreaterThan(0.0003);
    expect(r.p).toBeLessThan(0.0005);
  });
  it("χ² p-value is the upper tail of the χ² distribution (χ² = 8 at df 1 → p = erfc(2) = 0.0046777)", () => {
    expect(
      chiSquareTest([
        [60, 40],
        [40, 60],
      ]).p,
    ).toBeCloseTo(0.004677734981047177, 8); // χ² = 8, df 1
  });
  it("gives share, lift and picks Fisher for two groups with small expected counts", () => {
    const answers = [
      ...rep({ group: "carers", themes: ["respite"] }, 4),
      ...rep({ group: "carers", themes: [] as string[] }, 1),
      ...rep({ group: "residents", themes: [] as string[] }, 5),
    ];
    const [r] = themesByGroup(answers, ["respite"]);
    expect(r.overallShare).toBeCloseTo(0.4, 12);
    expect(r.groups.map((g) => [g.group, g.share, g.lift])).toEqual([
      ["carers", 0.8, 2],
      ["residents", 0, 0],
    ]);
    expect(r.test.method).toBe("fisher-exact");
    expect(r.test.p).toBeCloseTo(fisherExact(4, 0, 1, 5).p, 12);
    expect(r.test.p).toBeCloseTo(0.047619, 5); // 2·(5 choose 4)(5 choose 0)/(10 choose 4) = 10/210
  });
});
