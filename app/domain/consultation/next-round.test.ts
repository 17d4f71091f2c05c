import { describe, expect, it } from "vitest";
import { defaultNextRoundOutcomes, selectNextRoundOutcomes, type OutcomeForNextRound } from "./next-round";

const outcomes: OutcomeForNextRound[] = [
  { id: 1, code: "O1", status: "active", inPreviousRound: true, consensus: "in" },
  { id: 2, code: "O2", status: "active", inPreviousRound: true, consensus: "none" },
  { id: 3, code: "O3", status: "active", inPreviousRound: true, consensus: "out" },
  { id: 4, code: "P1", status: "active", inPreviousRound: false, consensus: null },
  { id: 5, code: "P2", status: "rejected", inPreviousRound: false, consensus: null },
  { id: 6, code: "O6", status: "active", inPreviousRound: true, consensus: null },
];

describe("next round defaults", () => {
  it("carries forward outcomes without consensus and adds accepted new ones", () => {
    expect(defaultNextRoundOutcomes(outcomes).map((d) => [d.code, d.include, d.reason])).toEqual([
      ["O1", false, "consensus-in"],
      ["O2", true, "no-consensus"],
      ["O3", false, "consensus-out"],
      ["P1", true, "new-outcome"],
      ["P2", false, "not-active"],
      ["O6", true, "no-result"],
    ]);
  });
  it("lets the officer override, within active outcomes, in library order", () => {
    expect(selectNextRoundOutcomes(outcomes, [4, 1])).toEqual({ ok: true, ids: [1, 4] });
    expect(selectNextRoundOutcomes(outcomes, [5])).toEqual({ ok: false, reason: "unknown-outcome" });
    expect(selectNextRoundOutcomes(outcomes, [99])).toEqual({ ok: false, reason: "unknown-outcome" });
    expect(selectNextRoundOutcomes(outcomes, [])).toEqual({ ok: false, reason: "none-selected" });
  });
});
