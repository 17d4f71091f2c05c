import { describe, expect, it } from "vitest";
import { participationBreakdown } from "./participation";

describe("participation against the group's make-up", () => {
  it("compares who completed with who is in the group", () => {
    const members = [
      ...Array.from({ length: 6 }, (_, i) => ({ key: "citizen", invited: true, completed: i < 3 })),
      ...Array.from({ length: 3 }, (_, i) => ({ key: "carer", invited: true, completed: i < 3 })),
      { key: null, invited: false, completed: false },
    ];
    const { rows, total } = participationBreakdown(members, ["citizen", "carer"]);
    expect(rows).toEqual([
      { key: "citizen", members: 6, shareOfGroup: 60, invited: 6, completed: 3, responseRate: 50, shareOfCompleted: 50, difference: -10 },
      { key: "carer", members: 3, shareOfGroup: 30, invited: 3, completed: 3, responseRate: 100, shareOfCompleted: 50, difference: 20 },
      { key: null, members: 1, shareOfGroup: 10, invited: 0, completed: 0, responseRate: null, shareOfCompleted: 0, difference: -10 },
    ]);
    expect(total).toEqual({ members: 10, shareOfGroup: 100, invited: 9, completed: 6, responseRate: 66.7, shareOfCompleted: 100 });
  });
  it("has no rates before anyone is invited or has answered", () => {
    const { rows, total } = participationBreakdown([{ key: "carer", invited: false, completed: false }]);
    expect(rows[0]).toMatchObject({ responseRate: null, shareOfCompleted: null, difference: null });
    expect(total.responseRate).toBeNull();
    expect(participationBreakdown([]).rows).toEqual([]);
  });
});
