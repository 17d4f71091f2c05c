import { describe, expect, it } from "vitest";
import { cohenKappa } from "./agreement";
import { alphaWithInterval, kappaWithInterval, landisKoch, seededSample } from "./agreement-intervals";

// Cohen's worked example (methods §7; Wikipedia "Cohen's kappa"): 50 proposals, both yes 20,
// both no 15, A yes B no 5, A no B yes 10: p_o 0.70, p_e 0.50, κ 0.40.
const a = [...Array(20).fill("yes"), ...Array(15).fill("no"), ...Array(5).fill("yes"), ...Array(10).fill("no")];
const b = [...Array(20).fill("yes"), ...Array(15).fill("no"), ...Array(5).fill("no"), ...Array(10).fill("yes")];

describe("agreement with intervals", () => {
  it("gives Cohen's κ 0.40 with a bootstrap interval around it, the same for a seed", () => {
    const k = kappaWithInterval(a, b, { seed: 7 });
    expect(k.kappa).toBeCloseTo(0.4, 10);
    expect(k.kappa).toBe(cohenKappa(a, b).kappa);
    expect(k.ci95![0]).toBeLessThan(0.4);
    expect(k.ci95![1]).toBeGreaterThan(0.4);
    expect(k.ci95![0]).toBeGreaterThan(0);
    expect(kappaWithInterval(a, b, { seed: 7 }).ci95).toEqual(k.ci95);
    expect(kappaWithInterval(a, b, { seed: 8 }).ci95).not.toEqual(k.ci95);
  });

  it("gives α for two coders with no missing codes close to κ (α corrects for small samples), with an interval", () => {
    const r = alphaWithInterval(a.map((x, i) => [x, b[i]]));
    // Krippendorff (2011) section C for two coders and no missing codes, worked by hand from the table.
    const n = 100; // pairable values
    const dObserved = 15 / 50;
    const yes = 20 * 2 + 5 + 10;
    const no = n - yes;
    const dExpected = (n * n - yes * yes - no * no) / (n * (n - 1));
    expect(r.alpha).toBeCloseTo(1 - dObserved / dExpected, 10);
    expect(r.ci95![0]).toBeLessThan(r.alpha!);
    expect(r.ci95![1]).toBeGreaterThan(r.alpha!);
  });

  it("draws a seeded sample of distinct items", () => {
    const ids = Array.from({ length: 100 }, (_, i) => i);
    const s = seededSample(ids, 20, 3);
    expect(new Set(s).size).toBe(20);
    expect(seededSample(ids, 20, 3)).toEqual(s);
    expect(seededSample(ids, 20, 4)).not.toEqual(s);
    expect(seededSample(ids, 500, 3).length).toBe(100);
  });

  it("names Landis and Koch's bands", () => {
    expect([-0.1, 0.1, 0.3, 0.5, 0.7, 0.9].map(landisKoch)).toEqual(["poor", "slight", "fair", "moderate", "substantial", "almost-perfect"]);
  });
});
