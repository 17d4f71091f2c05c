import { describe, expect, it } from "vitest";
import { aggregate, type ResponseRow } from "./aggregate";
import { equalGroupsGaps } from "./explain";
import type { Rating } from "./ratings";

const row = (id: string, group: string, ratings: Record<string, Rating>): ResponseRow => ({ respondentId: id, round: 1, group, profile: {}, ratings });

describe("why the overall % is not the mean of the groups' %", () => {
  // 10 citizens score A (8 critical: 80%); of 10 carers, 5 are unable to score A and 1 of the other 5 rates it critical (20%).
  // Groups count equally (each weighs 10 over the round), so citizens carry 10 scored weight on A and carers 5:
  // overall = (8 + 1) / 15 = 60%, while the mean of 80% and 20% is 50%. B is scored by everyone: overall = mean.
  const rows = [
    ...Array.from({ length: 10 }, (_, i) => row(`C${i}`, "citizen", { A: i < 8 ? 8 : 2, B: i < 5 ? 9 : 1 })),
    ...Array.from({ length: 10 }, (_, i) => row(`K${i}`, "carer", { A: i < 5 ? "U" : i === 5 ? 9 : 3, B: i < 5 ? 9 : 1 })),
  ];

  it("finds the outcome and the group that scored it less, and explains the figures", () => {
    const result = aggregate(rows, { groupWeighting: "equal" });
    const a = result.items.find((i) => i.code === "A")!;
    expect(a.weightedPercentCritical).toBeCloseTo(60, 10);
    expect(a.byGroup.citizen.weightedPercentCritical).toBeCloseTo(80, 10);
    expect(a.byGroup.carer.weightedPercentCritical).toBeCloseTo(20, 10);
    const gaps = equalGroupsGaps(result);
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toMatchObject({ code: "A", round: 1, groups: [{ group: "carer", scored: 5, answered: 10, unable: 5 }] });
    expect(gaps[0].overall).toBeCloseTo(60, 10);
    expect(gaps[0].meanOfGroups).toBeCloseTo(50, 10);
  });

  it("says nothing when groups are pooled (the overall is then everyone's answers together)", () => {
    expect(equalGroupsGaps(aggregate(rows, { groupWeighting: "pooled" }))).toEqual([]);
  });
});
