import { describe, expect, it } from "vitest";
import { aggregate, type ResponseRow } from "../aggregation";
import {
  citizenWeights,
  initialContent,
  outcomesWithoutWeight,
  setInclusion,
  setWeights,
  shareWeightsByPriority,
  weightsByPriority,
  type OutcomeSetContent,
} from "./index";

// A and B reach consensus in; C (7 of 20 critical) has none; D is out (nobody critical).
function start(): OutcomeSetContent {
  const rows: ResponseRow[] = Array.from({ length: 20 }, (_, r) => ({
    respondentId: `p${r}`,
    round: 1,
    group: "citizen",
    profile: {},
    ratings: { A: 9, B: r < 17 ? 8 : 5, C: r < 7 ? 8 : 5, D: 2 },
  }));
  const result = aggregate(rows);
  const d = { domainCode: "d", domainName: "Care", domainPosition: 0 };
  return initialContent(
    result,
    {
      roundId: 1,
      roundNumber: 1,
      resultVersion: 1,
      responseCount: 20,
      computedAt: "2026-11-25T09:00:00.000Z",
      method: { ...result.method, parameters: { ...result.method.parameters } },
      weighting: null,
      marginsName: null,
    },
    ["A", "B", "C", "D"].map((code, k) => ({ id: k + 1, code, statement: `Outcome ${code}`, ...d })),
  );
}

function ok<T extends { ok: boolean }>(edit: T): Extract<T, { ok: true }> {
  if (!edit.ok) throw new Error(JSON.stringify(edit));
  return edit as Extract<T, { ok: true }>;
}

const sumHundredths = (c: OutcomeSetContent) => c.outcomes.filter((o) => o.included).reduce((a, o) => a + Math.round(o.finalWeight! * 100), 0);

describe("sharing the weights out again by priority", () => {
  it("an outcome included without consensus has no weight until weights are shared out or set", () => {
    const c = ok(setInclusion(start(), "C", true, "")).content;
    expect(outcomesWithoutWeight(c)).toEqual(["C"]);
    expect(outcomesWithoutWeight(start())).toEqual([]);
  });

  it("gives every included outcome its share by priority, exactly 100.00 by largest remainder", () => {
    const c = ok(setInclusion(start(), "C", true, "")).content;
    const shared = ok(shareWeightsByPriority(c)).content;
    expect(sumHundredths(shared)).toBe(10000);
    const priorities = { A: 100, B: 85, C: 35 };
    // 100 / 220, 85 / 220, 35 / 220 of 100.00: 45.4545…, 38.6363…, 15.9090… → 45.45, 38.64, 15.91.
    expect(Object.fromEntries(shared.outcomes.filter((o) => o.included).map((o) => [o.code, o.finalWeight]))).toEqual({ A: 45.45, B: 38.64, C: 15.91 });
    expect(Object.fromEntries(shared.outcomes.filter((o) => o.included).map((o) => [o.code, o.evidence.priority]))).toEqual(priorities);
    expect(Object.fromEntries(citizenWeights(shared))).toEqual({ A: 45.45, B: 38.64, C: 15.91 });
    expect(outcomesWithoutWeight(shared)).toEqual([]);
    // Nothing differs from the citizen-derived weights, so the set passes setWeights' rules as it is.
    expect(setWeights(shared, { weights: { A: 45.45, B: 38.64, C: 15.91 }, reasons: {}, incentivePotPence: null, weightMargin: 0 }).ok).toBe(true);
  });

  it("clears reasons for departures that no longer exist and keeps the pot and excluded outcomes", () => {
    const weighted = ok(
      setWeights(start(), { weights: { A: 70, B: 30 }, reasons: { A: "Board decision", B: "Board decision" }, incentivePotPence: 100_000_00, weightMargin: 5 }),
    ).content;
    const c = ok(setInclusion(weighted, "D", true, "Statutory duty")).content;
    const shared = ok(shareWeightsByPriority(c)).content;
    expect(shared.incentivePotPence).toBe(100_000_00);
    expect(shared.outcomes.find((o) => o.code === "A")!.weightReason).toBe("");
    // D: consensus out, nobody rated it critical: priority 0, so 0% until set by hand.
    expect(shared.outcomes.find((o) => o.code === "D")!.finalWeight).toBe(0);
    expect(shared.outcomes.find((o) => o.code === "C")).toMatchObject({ included: false, finalWeight: null });
    expect(sumHundredths(shared)).toBe(10000);
  });

  it("lists current and by-priority weights for the choice", () => {
    const c = ok(setInclusion(start(), "C", true, "")).content;
    expect(weightsByPriority(c)).toEqual([
      { code: "A", priority: 100, current: expect.any(Number), byPriority: 45.45 },
      { code: "B", priority: 85, current: expect.any(Number), byPriority: 38.64 },
      { code: "C", priority: 35, current: null, byPriority: 15.91 },
    ]);
  });

  it("refuses when nothing is included or no included outcome has any priority", () => {
    let c = start();
    for (const code of ["A", "B"]) c = ok(setInclusion(c, code, false, "Not for this contract")).content;
    expect(shareWeightsByPriority(c)).toEqual({ ok: false, errors: { choice: "noneIncluded" } });
    c = ok(setInclusion(c, "D", true, "Statutory duty")).content;
    expect(shareWeightsByPriority(c)).toEqual({ ok: false, errors: { choice: "noPriority" } });
  });
});
