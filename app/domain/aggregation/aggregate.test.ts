// aggregate(): group weighting, group combination, rounds, intervals, framework, method record.
import { describe, expect, it } from "vitest";
import { aggregate, ENGINE_VERSION, METHOD_NAME, type ResponseRow } from "./aggregate";
import { buildFramework, largestRemainder } from "./framework";
import { weightedProportion, wilsonInterval } from "./wilson";

const rows = (group: string, scores: Array<number | "U" | null>, round = 1, prefix = group): ResponseRow[] =>
  scores.map((s, i) => ({ respondentId: `${prefix}${i}`, round, group, profile: {}, ratings: { O1: s } }));
const fill = (n: number, s: number) => new Array<number>(n).fill(s);

describe("stakeholder group weighting", () => {
  // 30 professionals all score 9; 10 carers all score 2.
  const data = [...rows("professional", fill(30, 9)), ...rows("carer", fill(10, 2))];

  it("pooled: the larger group counts by its size", () => {
    const item = aggregate(data, { groupWeighting: "pooled" }).items[0];
    expect(item.percentCritical).toBe(75);
    expect(item.weightedPercentCritical).toBeCloseTo(75, 12);
    expect(item.weightedMean).toBeCloseTo(7.25, 12); // (30·9 + 10·2) / 40
    // Equal weights: n_eff = 40, Wilson(0.75, 40) = 0.5981–0.8581.
    expect(item.ci95!.lower).toBeCloseTo(59.80603857923197, 9);
    expect(item.ci95!.upper).toBeCloseTo(85.8128813609037, 9);
  });

  it("equal (default): each group counts the same, and the interval uses Kish's n_eff", () => {
    const result = aggregate(data);
    const item = result.items[0];
    expect(result.method.parameters.groupWeighting).toBe("equal");
    expect(item.percentCritical).toBe(75); // unweighted figures are unchanged
    expect(item.weightedPercentCritical).toBeCloseTo(50, 12);
    expect(item.weightedPercentLimited).toBeCloseTo(50, 12);
    expect(item.weightedMean).toBeCloseTo(5.5, 12);
    // Weights 2/3 (×30) and 2 (×10): Σw = 40, Σw² = 53.33…, n_eff = 30; Wilson(0.5, 30) = 0.3315–0.6685.
    expect(item.ci95!.lower).toBeCloseTo(33.154125640533766, 9);
    expect(item.ci95!.upper).toBeCloseTo(66.84587435946623, 9);
    expect(item.byGroup.professional.percentCritical).toBe(100);
    expect(item.byGroup.carer.percentLimited).toBe(100);
  });
});

describe("group combination through aggregate", () => {
  // Group A: 10 × 8 (100% critical). Group B: 5 × 8, 5 × 5 (50%). Pooled: 75%, none at 1–3.
  const data = [...rows("A", fill(10, 8)), ...rows("B", [...fill(5, 8), ...fill(5, 5)])];
  it.each([
    ["overall", "in"],
    ["every-group", "none"],
    ["any-group", "in"],
  ] as const)("%s → %s", (groups, expected) => {
    const item = aggregate(data, { groups }).items[0];
    expect(item.consensus).toBe(expected);
    expect(item.byGroup.A.consensus).toBe("in");
    expect(item.byGroup.B.consensus).toBe("none");
  });
  it("thresholds are parameters: 50% in makes group B 'in' too", () => {
    expect(aggregate(data, { groups: "every-group", thresholdIn: 50 }).items[0].consensus).toBe("in");
  });
});

describe("rounds, unable to score and the method record", () => {
  const data = [...rows("citizen", [8, 9, "U", null, 2], 1, "P"), ...rows("citizen", [7, 7, 7], 2, "P")];
  const result = aggregate(data);

  it("reports each round separately; U is a response but not in the percentages", () => {
    const r1 = result.items.find((i) => i.round === 1)!;
    expect(r1.n).toBe(4); // 8, 9, U, 2 (null is no answer)
    expect(r1.nUnable).toBe(1);
    expect(r1.distribution).toEqual([0, 1, 0, 0, 0, 0, 0, 1, 1]);
    expect(r1.percentCritical).toBeCloseTo(200 / 3, 12);
    expect(r1.median).toBe(8);
    const r2 = result.items.find((i) => i.round === 2)!;
    expect(r2.n).toBe(3);
    expect(r2.percentCritical).toBe(100);
    expect(r2.consensus).toBe("in");
    expect(r2.framework).toEqual({ rank: 1, priority: 100, included: true, proposedWeight: 100 });
  });

  it("records the method name, engine version and every parameter", () => {
    expect(result.method).toEqual({
      name: METHOD_NAME,
      version: ENGINE_VERSION,
      parameters: {
        rule: "comet",
        thresholdIn: 70,
        thresholdOut: 15,
        bound: "strict",
        groups: "overall",
        medianIn: 7,
        iqrMax: 2,
        groupWeighting: "equal",
        weighted: false,
      },
    });
    expect(result.weighting).toBeUndefined();
  });
});

describe("framework weights", () => {
  it("largest remainder: thirds become 33.34 + 33.33 + 33.33", () => {
    expect(largestRemainder([1, 1, 1])).toEqual([33.34, 33.33, 33.33]);
  });

  it("orders by priority, includes consensus-in only, weights proportional to priority summing to 100.00", () => {
    const f = buildFramework([
      { code: "O1", priority: 80, consensus: "in" },
      { code: "O2", priority: 60, consensus: "in" },
      { code: "O3", priority: 90, consensus: "none" },
      { code: "O4", priority: 70, consensus: "in" },
    ]);
    // 80 : 70 : 60 of 210 = 38.095…, 33.333…, 28.571… → floors 38.09, 33.33, 28.57 (99.99); the largest remainder (.52) gets the last 0.01.
    expect(f).toEqual([
      { code: "O3", rank: 1, priority: 90, included: false, proposedWeight: 0 },
      { code: "O1", rank: 2, priority: 80, included: true, proposedWeight: 38.1 },
      { code: "O4", rank: 3, priority: 70, included: true, proposedWeight: 33.33 },
      { code: "O2", rank: 4, priority: 60, included: true, proposedWeight: 28.57 },
    ]);
  });
});

describe("weighted proportion with a Kish-adjusted Wilson interval", () => {
  it("p̂ = Σwy / Σw and n replaced by n_eff", () => {
    const r = weightedProportion([1, 0, 1, 0], [1, 1, 2, 2])!;
    expect(r.p).toBeCloseTo(0.5, 15); // (1 + 2) / 6
    expect(r.nEff).toBeCloseTo(3.6, 12); // 36 / 10
    expect(r.lower).toBeCloseTo(0.14075638831899123, 12);
    expect(r.upper).toBeCloseTo(0.8592436116810087, 12);
    // n_eff < n widens the interval compared with the unadjusted one.
    expect(r.upper - r.lower).toBeGreaterThan(wilsonInterval(0.5, 4).upper - wilsonInterval(0.5, 4).lower);
    expect(weightedProportion([1], [0])).toBeNull();
  });
});
