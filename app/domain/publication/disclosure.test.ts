import { describe, expect, it } from "vitest";
import { discloseCount, discloseShares, discloseStatistic, discloseTable, rulesApplied, withoutExact } from "./disclosure";

describe("disclosure control (methods §6)", () => {
  it.each([
    [0, 0, "zero"],
    [3, null, "small"],
    [7, null, "small"],
    [8, 10, "rounded"],
    [12, 10, "rounded"],
    [13, 15, "rounded"],
    [1234, 1235, "rounded"],
  ] as const)("count %i is published as %s (%s)", (n, value, rule) => {
    expect(discloseCount(n)).toEqual({ value, rule });
  });

  it("keeps the exact figure only when asked (officers' preview)", () => {
    expect(discloseCount(3, { includeExact: true })).toEqual({ value: null, rule: "small", exact: 3 });
    expect(withoutExact({ a: discloseCount(3, { includeExact: true }) })).toEqual({ a: { value: null, rule: "small" } });
  });

  it("refuses what is not a count", () => {
    expect(() => discloseCount(-1)).toThrow(RangeError);
    expect(() => discloseCount(2.5)).toThrow(RangeError);
  });

  it("withholds percentages and means based on fewer than 8 people, and rounds the rest", () => {
    expect(discloseStatistic(83.333, 7)).toEqual({ value: null, rule: "withheld" });
    expect(discloseStatistic(83.333, 8)).toEqual({ value: 83, rule: "shown" });
    expect(discloseStatistic(6.25, 12, { decimals: 1 })).toEqual({ value: 6.3, rule: "shown" });
    expect(discloseStatistic(50, 0)).toEqual({ value: null, rule: "none" });
    expect(discloseStatistic(null, 20)).toEqual({ value: null, rule: "none" });
  });

  it("secondary suppression: a single suppressed cell cannot be recovered from the total", () => {
    // 3 + 12 + 20 = 35: without secondary suppression, 35 − 10 − 20 would give the hidden cell.
    const t = discloseTable([3, 12, 20]);
    expect(t.cells).toEqual([
      { value: null, rule: "small" },
      { value: null, rule: "secondary" },
      { value: 20, rule: "rounded" },
    ]);
    expect(t.total).toEqual({ value: 35, rule: "rounded" });
    const hidden = t.cells.filter((c) => c.value === null).length;
    expect(hidden).toBeGreaterThanOrEqual(2);
  });

  it("no secondary suppression when two cells are already hidden, or none", () => {
    expect(discloseTable([3, 5, 20]).cells.map((c) => c.rule)).toEqual(["small", "small", "rounded"]);
    expect(discloseTable([10, 12, 0]).cells.map((c) => c.rule)).toEqual(["rounded", "rounded", "zero"]);
  });

  it("zero cells are never picked for secondary suppression (they reveal nothing)", () => {
    expect(discloseTable([0, 4, 9]).cells.map((c) => c.rule)).toEqual(["zero", "small", "secondary"]);
  });

  it("the total comes from the unrounded cells, then is rounded", () => {
    // Rounded cells 10 + 10 + 10 = 30, but the true total 36 rounds to 35.
    expect(discloseTable([12, 12, 12]).total.value).toBe(35);
  });

  it("shares use the published counts, and are hidden with their cell", () => {
    const t = discloseTable([3, 12, 20]);
    expect(discloseShares(t)).toEqual([
      { value: null, rule: "withheld" },
      { value: null, rule: "withheld" },
      { value: 57, rule: "shown" },
    ]);
  });

  it("names the rules that changed at least one figure", () => {
    const t = discloseTable([3, 12, 20]);
    expect(rulesApplied([...t.cells, discloseStatistic(40, 5)])).toEqual(["small", "rounded", "withheld", "secondary"]);
    expect(rulesApplied([discloseCount(0)])).toEqual([]);
  });
});
