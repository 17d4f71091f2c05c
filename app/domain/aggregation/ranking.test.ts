// Ranking and pairwise methods (methods §5) beyond the published examples in reference.test.ts.
import { describe, expect, it } from "vitest";
import { borda, bradleyTerry, parseRanking, schulze } from "./ranking";

describe("ranking input", () => {
  it("parses tiers with = for ties", () => expect(parseRanking("A > B=C >D")).toEqual([["A"], ["B", "C"], ["D"]]));
});

describe("Schulze", () => {
  it("ties unranked items last", () => {
    const r = schulze(
      [
        { count: 3, tiers: [["A"]] },
        { count: 1, tiers: [["B"], ["A"]] },
      ],
      ["A", "B", "C"],
    );
    // d[A][B] = 3, d[B][A] = 1, A and B each beat the unranked C on every ballot that ranks them.
    expect(r.d).toEqual([
      [0, 3, 4],
      [1, 0, 1],
      [0, 0, 0],
    ]);
    expect(r.ranking).toEqual([
      { item: "A", wins: 2, rank: 1 },
      { item: "B", wins: 1, rank: 2 },
      { item: "C", wins: 0, rank: 3 },
    ]);
  });
  it("gives a Condorcet cycle with equal strengths a shared rank", () => {
    const r = schulze([
      { count: 1, tiers: [["A"], ["B"], ["C"]] },
      { count: 1, tiers: [["B"], ["C"], ["A"]] },
      { count: 1, tiers: [["C"], ["A"], ["B"]] },
    ]);
    expect(r.ranking.map((x) => x.rank)).toEqual([1, 1, 1]);
  });
});

describe("Borda", () => {
  it("weights each ballot by its count", () => {
    expect(
      borda([
        { count: 2, tiers: [["X"], ["Y"], ["Z"]] },
        { count: 1, tiers: [["Z"], ["Y"], ["X"]] },
      ]),
    ).toEqual([
      { item: "X", points: 4 }, // 2·2 + 1·0
      { item: "Y", points: 3 }, // 2·1 + 1·1
      { item: "Z", points: 2 }, // 2·0 + 1·2
    ]);
  });
});

describe("Bradley–Terry", () => {
  const wins = [
    { winner: "A", loser: "B", wins: 7 },
    { winner: "B", loser: "A", wins: 3 },
    { winner: "B", loser: "C", wins: 6 },
    { winner: "C", loser: "B", wins: 4 },
    { winner: "A", loser: "C", wins: 8 },
    { winner: "C", loser: "A", wins: 2 },
  ];
  it("satisfies the likelihood equations: each item's wins equal Σ n_ij · s_i / (s_i + s_j)", () => {
    const r = bradleyTerry(wins);
    expect(r.converged).toBe(true);
    expect(r.pseudoWinsAdded).toBe(false);
    const s = r.strengths;
    const expectedWins = (i: string) =>
      ["A", "B", "C"]
        .filter((j) => j !== i)
        .reduce((acc, j) => {
          const games = wins.filter((w) => (w.winner === i && w.loser === j) || (w.winner === j && w.loser === i)).reduce((a, w) => a + w.wins, 0);
          return acc + (games * s[i]) / (s[i] + s[j]);
        }, 0);
    expect(expectedWins("A")).toBeCloseTo(15, 8);
    expect(expectedWins("B")).toBeCloseTo(9, 8);
    expect(expectedWins("C")).toBeCloseTo(6, 8);
    expect(s.A * s.B * s.C).toBeCloseTo(1, 10);
    expect(s.A).toBeGreaterThan(s.B);
    expect(s.B).toBeGreaterThan(s.C);
  });
});
