// The engine against worked examples whose answers someone else computed
// (test/fixtures/reference/README.md names each source).
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../csv";
import { aggregate, type ResponseRow } from "./aggregate";
import { cometStatus, randUcla } from "./consensus";
import { publishCount, publishStatistic, publishTable } from "./disclosure";
import { borda, bradleyTerry, parseRanking, schulze } from "./ranking";
import { parseMarginsCsv } from "./margins-csv";
import { rake } from "./raking";
import { summariseRatings } from "./ratings";
import { wilsonInterval } from "./wilson";

const fixture = (name: string) => parseCsv(readFileSync(path.resolve(__dirname, "../../../test/fixtures/reference", name), "utf8")).rows.map((r) => r.values);

const panel = fixture("panel_a.csv");
const margins = parseMarginsCsv(readFileSync(path.resolve(__dirname, "../../../test/fixtures/reference/margins.csv"), "utf8")).margins;

describe("raking: panel A against R survey 4.1-1 calibrate(calfun = 'raking')", () => {
  const result = rake(panel, margins, { tolerance: 1e-12 });
  const expected = fixture("panel_a_expected_weights.csv");

  it("reproduces every weight to better than 1e-9 relative", () => {
    let worst = 0;
    expected.forEach((row, i) => {
      expect(panel[i].respondent_id).toBe(row.respondent_id);
      worst = Math.max(worst, Math.abs(result.weights[i] - Number(row.weight)) / Number(row.weight));
    });
    expect(worst).toBeLessThan(1e-9);
  });

  it("reports Kish deff 1.516828, n_eff 263.7082 and total weight 150000", () => {
    expect(result.converged).toBe(true);
    expect(result.deff).toBeCloseTo(1.516828, 6);
    expect(result.nEff).toBeCloseTo(263.7082, 4);
    expect(result.total).toBeCloseTo(150000, 6);
  });

  it("gives the published unweighted and weighted % 7–9, % 1–3 and weighted mean per outcome", () => {
    const agg = aggregate(
      panel.map((r): ResponseRow => ({
        respondentId: r.respondent_id,
        round: 1,
        group: r.group,
        profile: r,
        ratings: Object.fromEntries(["O1", "O2", "O3", "O4", "O5"].map((c) => [c, Number(r[c])])),
      })),
      { margins, groupWeighting: "pooled", raking: { tolerance: 1e-12 } },
    );
    for (const row of fixture("panel_a_expected_items.csv")) {
      const item = agg.items.find((i) => i.code === row.code)!;
      expect(item.n).toBe(Number(row.n));
      expect(item.percentCritical).toBeCloseTo(Number(row.pct_critical), 5);
      expect(item.percentLimited).toBeCloseTo(Number(row.pct_limited), 5);
      expect(item.weightedPercentCritical).toBeCloseTo(Number(row.weighted_pct_critical), 5);
      expect(item.weightedPercentLimited).toBeCloseTo(Number(row.weighted_pct_limited), 5);
      expect(item.weightedMean).toBeCloseTo(Number(row.weighted_mean), 5);
    }
    expect(agg.weighting?.deff).toBeCloseTo(1.516828, 6);
    expect(agg.method).toMatchObject({ version: expect.any(String), parameters: { rule: "comet", groupWeighting: "pooled", weighted: true } });
  });
});

describe("Wilson score interval: Newcombe (1998)", () => {
  it.each(fixture("wilson_newcombe1998.csv"))("$successes of $n", (row) => {
    const n = Number(row.n);
    const { lower, upper } = wilsonInterval(Number(row.successes) / n, n);
    expect(lower.toFixed(4)).toBe(Number(row.wilson95_lower).toFixed(4));
    expect(upper.toFixed(4)).toBe(Number(row.wilson95_upper).toFixed(4));
  });
});

describe("RAND/UCLA with IPRAS: BMJ Open 2012;2:e001431, Table 1", () => {
  it("median 7, P30 7, P70 8, IPR 1, IPRCP 7.5, AI 2.5, IPRAS 6.1: appropriate, no disagreement", () => {
    const scores = fixture("rand_ucla_bmjopen2012_example.csv").flatMap((r) => new Array(Number(r.n_panellists)).fill(Number(r.rating)));
    expect(scores).toHaveLength(15);
    const r = randUcla([...scores].sort((a, b) => a - b))!;
    expect(r.median).toBe(7);
    expect(r.p30).toBeCloseTo(7, 10);
    expect(r.p70).toBeCloseTo(8, 10);
    expect(r.ipr).toBeCloseTo(1, 10);
    expect(r.iprcp).toBeCloseTo(7.5, 10);
    expect(r.ai).toBeCloseTo(2.5, 10);
    expect(r.ipras).toBeCloseTo(6.1, 10);
    expect(r.disagreement).toBe(false);
    expect(r.appropriateness).toBe("appropriate");
  });
});

describe("COMET consensus boundary cases (methods §2)", () => {
  const ratings = (critical: number, limited: number) => [
    ...new Array(critical).fill(8),
    ...new Array(limited).fill(2),
    ...new Array(20 - critical - limited).fill(5),
  ];
  const status = (critical: number, limited: number, bound: "strict" | "inclusive" = "strict") =>
    cometStatus(summariseRatings(ratings(critical, limited)).sums, { thresholdIn: 70, thresholdOut: 15, bound });
  it("14 of 20 at 7–9 and 2 of 20 at 1–3 is consensus in", () => expect(status(14, 2)).toBe("in"));
  it("14 of 20 and exactly 3 of 20 (15%) is none when strict, in when inclusive", () => {
    expect(status(14, 3)).toBe("none");
    expect(status(14, 3, "inclusive")).toBe("in");
  });
  it("13 of 20 at 7–9 is no consensus", () => expect(status(13, 0)).toBe("none"));
  it("mirrors for consensus out", () =>
    expect(cometStatus(summariseRatings(ratings(2, 14)).sums, { thresholdIn: 70, thresholdOut: 15, bound: "strict" })).toBe("out"));
  it("'unable to score' counts as a response but not in the denominator", () => {
    const s = summariseRatings([...ratings(14, 2), "U", "U", null]);
    expect(s.n).toBe(22);
    expect(s.nUnable).toBe(2);
    expect(s.percentCritical).toBe(70);
  });
});

describe("Borda: Tennessee capital example", () => {
  it("Nashville 194, Chattanooga 173, Memphis 126, Knoxville 107", () => {
    const ballots = fixture("tennessee_ballots.csv").map((r) => ({ count: Number(r.percent_of_voters), tiers: parseRanking(r.ranking) }));
    expect(borda(ballots)).toEqual([
      { item: "Nashville", points: 194 },
      { item: "Chattanooga", points: 173 },
      { item: "Memphis", points: 126 },
      { item: "Knoxville", points: 107 },
    ]);
    expect(schulze(ballots).ranking.map((r) => r.item)).toEqual(["Nashville", "Chattanooga", "Knoxville", "Memphis"]);
  });

  it("tied items share the points of the ranks they span; unranked items get 0", () => {
    expect(borda([{ count: 1, tiers: [["A"], ["B", "C"]] }], ["A", "B", "C", "D"])).toEqual([
      { item: "A", points: 3 },
      { item: "B", points: 1.5 },
      { item: "C", points: 1.5 },
      { item: "D", points: 0 },
    ]);
  });
});

describe("Schulze: Wikipedia 45-voter example", () => {
  const result = schulze(fixture("schulze_wikipedia_ballots.csv").map((r) => ({ count: Number(r.count), tiers: parseRanking(r.ranking) })));
  it("pairwise preferences d", () => {
    const d = result.d.map((row, i) => row.map((v, j) => (i === j ? null : v)));
    expect(d).toEqual([
      [null, 20, 26, 30, 22],
      [25, null, 16, 33, 18],
      [19, 29, null, 17, 24],
      [15, 12, 28, null, 14],
      [23, 27, 21, 31, null],
    ]);
  });
  it("strongest paths p", () => {
    const p = result.p.map((row, i) => row.map((v, j) => (i === j ? null : v)));
    expect(p).toEqual([
      [null, 28, 28, 30, 24],
      [25, null, 28, 33, 24],
      [25, 29, null, 29, 24],
      [25, 28, 28, null, 24],
      [25, 28, 28, 31, null],
    ]);
  });
  it("ranking E > A > C > B > D", () => expect(result.ranking.map((r) => r.item)).toEqual(["E", "A", "C", "B", "D"]));
});

describe("Bradley–Terry (MM iteration)", () => {
  it("matches the closed form for two items and normalises to geometric mean 1", () => {
    const r = bradleyTerry([
      { winner: "A", loser: "B", wins: 3 },
      { winner: "B", loser: "A", wins: 1 },
    ]);
    // ML estimate: sA/sB = 3, with sA·sB = 1.
    expect(r.strengths.A).toBeCloseTo(Math.sqrt(3), 9);
    expect(r.strengths.B).toBeCloseTo(1 / Math.sqrt(3), 9);
    expect(r.pseudoWinsAdded).toBe(false);
    expect(r.converged).toBe(true);
  });
  it("adds pseudo-wins and says so when one item never loses", () => {
    const r = bradleyTerry([
      { winner: "A", loser: "B", wins: 2 },
      { winner: "B", loser: "C", wins: 2 },
    ]);
    expect(r.pseudoWinsAdded).toBe(true);
    expect(r.strengths.A).toBeGreaterThan(r.strengths.B);
    expect(r.strengths.B).toBeGreaterThan(r.strengths.C);
    expect(Math.log(r.strengths.A) + Math.log(r.strengths.B) + Math.log(r.strengths.C)).toBeCloseTo(0, 9);
  });
});

describe("NHS Digital disclosure rule", () => {
  it("0 → 0, 3 → *, 7 → *, 8 → 10, 12 → 10, 13 → 15, 1234 → 1235", () => {
    expect([0, 3, 7, 8, 12, 13, 1234].map(publishCount)).toEqual([0, "*", "*", 10, 10, 15, 1235]);
  });
  it("suppresses percentages, means and medians based on 1–7 people", () => {
    expect([publishStatistic(42.5, 7), publishStatistic(42.5, 8), publishStatistic(0, 0), publishStatistic(null, 3)]).toEqual(["*", 42.5, 0, null]);
  });
  it("suppresses a second cell so a lone suppressed cell cannot be recovered from the total", () => {
    expect(publishTable([5, 40, 22])).toEqual({ cells: ["*", 40, "*"], total: 65 });
    expect(publishTable([9, 40])).toEqual({ cells: [10, 40], total: 50 });
  });
});
