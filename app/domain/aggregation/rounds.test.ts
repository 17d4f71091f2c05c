import { describe, expect, it } from "vitest";
import type { ResponseRow } from "./aggregate";
import { compareRounds } from "./rounds";

const row = (id: string, round: number, group: string, score: number | "U" | null): ResponseRow => ({
  respondentId: id,
  round,
  group,
  profile: {},
  ratings: { O1: score },
});

describe("between rounds", () => {
  // 20 carers in round 1; 16 return. Of the 16, 2 move band (7→5, 2→8), 1 moves within a band (7→9).
  const r1 = Array.from({ length: 20 }, (_, i) => row(`C${i}`, 1, "carer", i < 12 ? 7 : i < 16 ? 2 : 8));
  const r2 = Array.from({ length: 16 }, (_, i) => row(`C${i}`, 2, "carer", i === 0 ? 5 : i === 1 ? 9 : i === 12 ? 8 : i < 12 ? 7 : 2));

  it("reports attrition, change in % critical and score changes", () => {
    const c = compareRounds([...r1, ...r2], "O1", 1, 2);
    expect(c.responseByGroup.carer).toEqual({ from: 20, to: 16, retained: 16, retentionRate: 80 });
    expect(c.percentCriticalFrom).toBe(80); // 12 sevens + 4 eights of 20
    expect(c.percentCriticalTo).toBe(75); // 12 of 16
    expect(c.changeInPercentCritical).toBe(-5);
    expect(c.pairedN).toBe(16);
    expect(c.percentChangedScore).toBe(18.75); // 3 of 16
    expect(c.percentChangedBand).toBe(12.5); // 2 of 16
    expect(c.stable).toBe(true);
    expect(c.leaversPercentCritical).toBe(100); // the 4 who left all scored 8
    expect(c.stayersPercentCritical).toBe(75); // 12 of 16 stayers scored 7
  });

  it("is not stable at exactly 15% changing band (fewer than 15% is required)", () => {
    const a = Array.from({ length: 20 }, (_, i) => row(`P${i}`, 1, "citizen", 8));
    const b = Array.from({ length: 20 }, (_, i) => row(`P${i}`, 2, "citizen", i < 3 ? 5 : 8));
    expect(compareRounds([...a, ...b], "O1", 1, 2).stable).toBe(false);
    const c = Array.from({ length: 20 }, (_, i) => row(`P${i}`, 2, "citizen", i < 2 ? 5 : 8));
    expect(compareRounds([...a, ...c], "O1", 1, 2).stable).toBe(true);
  });
});
