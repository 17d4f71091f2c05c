import { describe, expect, it } from "vitest";
import { aggregate, type ResponseRow } from "./aggregate";
import { roundsOf, studyFramework, studyResult } from "./study";
import type { Rating } from "./ratings";

const row = (id: string, round: number, group: string, ratings: Record<string, Rating>): ResponseRow => ({
  respondentId: id,
  round,
  group,
  profile: {},
  ratings,
});

/**
 * Methods §4 "Across rounds": H1 rated only in round 1 (100% critical, consensus in) and C1
 * rated in rounds 1 and 2 (53% → 89%, consensus in at round 2) are both in the framework,
 * H1 with round-1 figures and C1 with round-2 figures. D1 is decided out in round 1 and
 * dropped; N1 is a proposal accepted for round 2; S1 stays without consensus in both.
 */
function study() {
  const r1 = Array.from({ length: 15 }, (_, i) =>
    row(`P${i}`, 1, i < 8 ? "citizen" : "carer", { H1: 8, C1: i < 8 ? 8 : 5, D1: i < 12 ? 2 : 5, S1: i < 7 ? 8 : 5 }),
  );
  // Nine of the fifteen return; H1 and D1 are not asked again (empty cells).
  const r2 = Array.from({ length: 9 }, (_, i) => row(`P${i}`, 2, i < 5 ? "citizen" : "carer", { C1: i < 8 ? 8 : 5, S1: i < 4 ? 8 : 5, N1: i < 7 ? 9 : 4 }));
  return aggregate([...r1, ...r2], { groupWeighting: "pooled" });
}

describe("study-level result across rounds", () => {
  it("keeps round-1 consensus in the framework and takes later figures from the round that decided them", () => {
    const s = studyResult(roundsOf(study()));
    const by = Object.fromEntries(s.outcomes.map((o) => [o.code, o]));
    expect(by.H1.round).toBe(1);
    expect(by.H1.item.weightedPercentCritical).toBe(100);
    expect(by.H1.item.n).toBe(15);
    expect(by.H1.item.consensus).toBe("in");
    expect(by.H1.framework.included).toBe(true);

    expect(by.C1.round).toBe(2);
    expect(by.C1.item.n).toBe(9);
    expect(by.C1.item.weightedPercentCritical).toBeCloseTo((100 * 8) / 9, 10);
    expect(by.C1.history.map((h) => [h.round, h.consensus])).toEqual([
      [1, "none"],
      [2, "in"],
    ]);
    expect(by.C1.history[0].percentCritical).toBeCloseTo((100 * 8) / 15, 10);
    expect(by.C1.history[1].change).toBeCloseTo((100 * 8) / 9 - (100 * 8) / 15, 10);
    expect(by.C1.history[0].change).toBeNull();

    expect(by.D1.round).toBe(1);
    expect(by.D1.item.consensus).toBe("out");
    expect(by.D1.framework.included).toBe(false);

    expect(by.N1.firstRound).toBe(2);
    expect(by.N1.history).toHaveLength(1);
    expect(by.N1.item.weightedPercentCritical).toBeCloseTo((100 * 7) / 9, 10);
    expect(by.N1.framework.included).toBe(true);

    expect(by.S1.round).toBe(2);
    expect(by.S1.item.consensus).toBe("none");
    expect(by.S1.framework.included).toBe(false);
  });

  it("proposes weights over every included outcome of the study, exactly 100.00 by largest remainder", () => {
    const s = studyResult(roundsOf(study()));
    const included = s.outcomes.filter((o) => o.framework.included);
    expect(included.map((o) => o.code)).toEqual(["H1", "C1", "N1"]);
    // Priorities 100, 88.89, 77.78: shares 100/266.67 = 37.5%, 33.33…%, 29.17%
    expect(included.map((o) => o.framework.proposedWeight)).toEqual([37.5, 33.33, 29.17]);
    expect(Math.round(included.reduce((a, o) => a + o.framework.proposedWeight * 100, 0))).toBe(10000);
    expect(s.outcomes.map((o) => o.framework.rank)).toEqual([1, 2, 3, 4, 5]);
  });

  it("says what each round decided", () => {
    const s = studyResult(roundsOf(study()));
    expect(s.rounds.map((r) => r.round)).toEqual([1, 2]);
    expect(s.rounds[0]).toMatchObject({
      rated: ["C1", "D1", "H1", "S1"],
      consensusIn: ["H1"],
      consensusOut: ["D1"],
      noConsensus: ["C1", "S1"],
      added: [],
      carried: [],
    });
    expect(s.rounds[1]).toMatchObject({
      rated: ["C1", "N1", "S1"],
      consensusIn: ["C1", "N1"],
      consensusOut: [],
      noConsensus: ["S1"],
      added: ["N1"],
      carried: ["D1", "H1"],
    });
  });

  it("is the single round's own framework when there is one round", () => {
    const one = aggregate(Array.from({ length: 10 }, (_, i) => row(`P${i}`, 1, "citizen", { A: i < 8 ? 9 : 2, B: i < 9 ? 7 : 1 })));
    const s = studyResult(roundsOf(one));
    for (const item of one.items) {
      const o = s.outcomes.find((x) => x.code === item.code)!;
      expect(o.framework).toEqual(item.framework);
    }
  });

  it("builds the command line's framework entries with each outcome's round and history", () => {
    const f = studyFramework(studyResult(roundsOf(study())));
    const h1 = f.find((e) => e.code === "H1")!;
    expect(h1).toMatchObject({
      round: 1,
      consensus: "in",
      included: true,
      proposedWeight: 37.5,
      priority: 100,
      history: [{ round: 1, n: 15, percentCritical: 100, consensus: "in" }],
    });
    const c1 = f.find((e) => e.code === "C1")!;
    expect(c1.round).toBe(2);
    expect(c1.history.map((h) => h.round)).toEqual([1, 2]);
  });

  it("refuses the same round twice", () => {
    const r = roundsOf(study());
    expect(() => studyResult([r[0], r[0]])).toThrow(/round 1 given twice/);
  });
});
