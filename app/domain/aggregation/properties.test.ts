// Property-based checks (fast-check) of the invariants the method promises.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aggregate, type ResponseRow } from "./aggregate";
import { cometStatus } from "./consensus";
import { largestRemainder } from "./framework";
import { rake, type Margin } from "./raking";
import { summariseRatings } from "./ratings";

const AGES = ["18-44", "45-64", "65+"];
const SEXES = ["female", "male"];
const PLACES = ["City", "North", "West", "Rushcliffe"];

/** A panel with someone in every age × sex × locality cell, so any positive targets are attainable. */
const panelArb = fc
  .array(fc.tuple(fc.nat(AGES.length - 1), fc.nat(SEXES.length - 1), fc.nat(PLACES.length - 1), fc.integer({ min: 1, max: 9 })), {
    minLength: 12,
    maxLength: 80,
  })
  .map((rows) => {
    const cover = AGES.flatMap((_, a) => SEXES.flatMap((_, s) => PLACES.map((_, p) => [a, s, p, 5] as [number, number, number, number])));
    return [...cover, ...rows].map(([a, s, p, r], i) => ({ id: `R${i}`, age_band: AGES[a], sex: SEXES[s], locality: PLACES[p], rating: String(r) }));
  });

const targetsArb = fc.record({
  age: fc.tuple(...AGES.map(() => fc.integer({ min: 50, max: 5000 }))),
  placeShares: fc.tuple(...PLACES.map(() => fc.integer({ min: 1, max: 100 }))),
  sexShare: fc.integer({ min: 20, max: 80 }),
});

function marginsFor(t: { age: number[]; placeShares: number[]; sexShare: number }, scale = 1): Margin[] {
  const total = t.age.reduce((a, b) => a + b, 0);
  const shareSum = t.placeShares.reduce((a, b) => a + b, 0);
  return [
    { variables: ["age_band"], targets: new Map(AGES.map((c, i) => [c, t.age[i] * scale])) },
    {
      variables: ["sex"],
      targets: new Map([
        ["female", (total * t.sexShare * scale) / 100],
        ["male", (total * (100 - t.sexShare) * scale) / 100],
      ]),
    },
    { variables: ["locality"], targets: new Map(PLACES.map((c, i) => [c, (total * t.placeShares[i] * scale) / shareSum])) },
  ];
}

const relClose = (a: number, b: number, tol: number) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

/** Same structure and strings; numbers equal to 1e-9 (summation order moves the last bits). */
function expectDeepClose(actual: unknown, expected: unknown, where = "$"): void {
  if (typeof expected === "number" && typeof actual === "number") {
    expect(relClose(actual, expected, 1e-9), `${where}: ${actual} vs ${expected}`).toBe(true);
  } else if (expected && typeof expected === "object") {
    expect(Object.keys(actual as object).sort(), where).toEqual(Object.keys(expected).sort());
    for (const [k, v] of Object.entries(expected)) expectDeepClose((actual as Record<string, unknown>)[k], v, `${where}.${k}`);
  } else {
    expect(actual, where).toEqual(expected);
  }
}

describe("raking properties", () => {
  it("weights reproduce every margin", () => {
    fc.assert(
      fc.property(panelArb, targetsArb, (panel, t) => {
        const margins = marginsFor(t);
        const { weights } = rake(panel, margins, { maxIterations: 5000 });
        for (const m of margins) {
          for (const [category, target] of m.targets) {
            let s = 0;
            panel.forEach((r, i) => {
              if ((r as Record<string, unknown>)[m.variables[0]] === category) s += weights[i];
            });
            expect(relClose(s, target, 1e-7)).toBe(true);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it("weights reproduce a joint (age × sex) margin mixed with a single one, from any positive base weights", () => {
    fc.assert(
      fc.property(
        panelArb,
        fc.tuple(...AGES.flatMap(() => SEXES.map(() => fc.integer({ min: 10, max: 1000 })))),
        fc.tuple(...PLACES.map(() => fc.integer({ min: 1, max: 100 }))),
        fc.array(fc.double({ min: 0.1, max: 10, noNaN: true }), { minLength: 200, maxLength: 200 }),
        (panel, cells, shares, base) => {
          const total = cells.reduce((a, b) => a + b, 0);
          const shareSum = shares.reduce((a, b) => a + b, 0);
          const joint = new Map(AGES.flatMap((a, i) => SEXES.map((s, j) => [`${a}:${s}`, cells[i * SEXES.length + j]] as [string, number])));
          const place = new Map(PLACES.map((c, i) => [c, (total * shares[i]) / shareSum]));
          const { weights, converged } = rake(
            panel,
            [
              { variables: ["age_band", "sex"], targets: joint },
              { variables: ["locality"], targets: place },
            ],
            { maxIterations: 5000 },
            base.slice(0, panel.length),
          );
          expect(converged).toBe(true);
          const sums = new Map<string, number>();
          panel.forEach((r, i) => {
            for (const key of [`${r.age_band}:${r.sex}`, r.locality]) sums.set(key, (sums.get(key) ?? 0) + weights[i]);
          });
          for (const [k, t] of [...joint, ...place]) expect(relClose(sums.get(k)!, t, 1e-8 * total)).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("equals a plain respondent-by-respondent IPF (the engine rakes cell totals)", () => {
    /** Methods §3 step by step: for each margin, each category, multiply by target / current sum. */
    const naive = (rows: Array<Record<string, string>>, margins: Margin[], base: number[]) => {
      const w = base.slice(0, rows.length);
      for (let it = 0; it < 5000; it++) {
        for (const m of margins) {
          const sums = new Map<string, number>();
          rows.forEach((r, i) => sums.set(r[m.variables[0]], (sums.get(r[m.variables[0]]) ?? 0) + w[i]));
          rows.forEach((r, i) => (w[i] *= m.targets.get(r[m.variables[0]])! / sums.get(r[m.variables[0]])!));
        }
        const worst = Math.max(
          ...margins.flatMap((m) => [...m.targets].map(([c, t]) => Math.abs(rows.reduce((a, r, i) => a + (r[m.variables[0]] === c ? w[i] : 0), 0) - t))),
        );
        if (worst < 1e-11 * w.reduce((a, b) => a + b, 0)) break;
      }
      return w;
    };
    fc.assert(
      fc.property(panelArb, targetsArb, fc.array(fc.double({ min: 0.1, max: 10, noNaN: true }), { minLength: 200, maxLength: 200 }), (panel, t, base) => {
        const margins = marginsFor(t);
        const engine = rake(panel, margins, { tolerance: 1e-12, maxIterations: 5000 }, base.slice(0, panel.length)).weights;
        const reference = naive(panel, margins, base);
        engine.forEach((w, i) => expect(relClose(w, reference[i], 1e-8)).toBe(true));
      }),
      { numRuns: 30 },
    );
  });

  it("results do not depend on row order", () => {
    fc.assert(
      fc.property(panelArb, targetsArb, fc.integer(), (panel, t, seed) => {
        const margins = marginsFor(t);
        const a = rake(panel, margins, { maxIterations: 5000 }).weights;
        const order = panel.map((_, i) => i).sort((x, y) => (((x * 2654435761 + seed) >>> 0) % 97) - (((y * 2654435761 + seed) >>> 0) % 97) || x - y);
        const b = rake(
          order.map((i) => panel[i]),
          margins,
          { maxIterations: 5000 },
        ).weights;
        order.forEach((i, k) => expect(relClose(b[k], a[i], 1e-7)).toBe(true));
      }),
      { numRuns: 40 },
    );
  });

  it("scaling all targets scales all weights", () => {
    fc.assert(
      fc.property(panelArb, targetsArb, fc.double({ min: 0.01, max: 100, noNaN: true }), (panel, t, k) => {
        const a = rake(panel, marginsFor(t), { maxIterations: 5000 }).weights;
        const b = rake(panel, marginsFor(t, k), { maxIterations: 5000 }).weights;
        a.forEach((w, i) => expect(relClose(b[i], w * k, 1e-7)).toBe(true));
      }),
      { numRuns: 40 },
    );
  });
});

describe("estimate properties", () => {
  const ratingArb = fc.oneof(fc.integer({ min: 1, max: 9 }), fc.constant("U" as const), fc.constant(null));

  it("weighted equals unweighted when all weights are equal", () => {
    fc.assert(
      fc.property(fc.array(ratingArb, { minLength: 1, maxLength: 60 }), fc.double({ min: 0.001, max: 1000, noNaN: true }), (ratings, w) => {
        const s = summariseRatings(ratings, new Float64Array(ratings.length).fill(w));
        if (s.percentCritical === null) return;
        expect(s.weightedPercentCritical!).toBeCloseTo(s.percentCritical, 9);
        expect(s.weightedPercentLimited!).toBeCloseTo(s.percentLimited!, 9);
      }),
    );
  });

  it("aggregate results do not depend on row order", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom("citizen", "carer"), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 })), {
          minLength: 2,
          maxLength: 40,
        }),
        (rows) => {
          const data: ResponseRow[] = rows.map(([group, a, b], i) => ({ respondentId: `R${i}`, round: 1, group, profile: {}, ratings: { O1: a, O2: b } }));
          const forward = aggregate(data);
          const backward = aggregate([...data].reverse());
          expectDeepClose(backward, forward);
        },
      ),
      { numRuns: 50 },
    );
  });

  it("COMET consensus flips exactly at the thresholds", () => {
    fc.assert(
      // Thresholds as protocols use them: "in" above one half, the opposite bound below it.
      fc.property(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 51, max: 99 }), fc.integer({ min: 1, max: 49 }), (n, tIn, tOut) => {
        // The smallest count that reaches tIn% is ceil(tIn·n/100): one fewer must not.
        const need = Math.ceil((tIn * n) / 100);
        const sums = (critical: number, limited: number) => ({ scored: n, critical, limited });
        const p = { thresholdIn: tIn, thresholdOut: tOut, bound: "strict" as const };
        if (need <= n) expect(cometStatus(sums(need, 0), p)).toBe("in");
        if (need - 1 >= 0) expect(cometStatus(sums(need - 1, 0), p)).not.toBe("in");
        // The out-bound: limited exactly at tOut% blocks "in" when strict, allows it when inclusive.
        if ((tOut * n) % 100 === 0 && need + (tOut * n) / 100 <= n) {
          const atBound = (tOut * n) / 100;
          expect(cometStatus(sums(need, atBound), p)).toBe("none");
          expect(cometStatus(sums(need, atBound), { ...p, bound: "inclusive" })).toBe("in");
        }
      }),
      { numRuns: 500 },
    );
  });

  it("proposed weights always sum to exactly 100.00", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.01, max: 100, noNaN: true }), { minLength: 1, maxLength: 40 }), (values) => {
        const w = largestRemainder(values);
        expect(Math.round(w.reduce((a, b) => a + b, 0) * 100)).toBe(10000);
        w.forEach((x) => expect(Math.round(x * 100)).toBeCloseTo(x * 100, 6));
      }),
    );
  });
});
