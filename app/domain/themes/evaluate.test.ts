import { describe, expect, it } from "vitest";
import type { CodebookTheme } from "./assign";
import { pairedDifference, reliability, scoreAssignment, type ScoredPrediction } from "./evaluate";

const p = (id: string, predicted: string, gold: string, confidence = 0.5): ScoredPrediction => ({ id, predicted, gold, confidence });

describe("comparing assignment methods", () => {
  it("a paired bootstrap of identical methods gives a difference of exactly 0", () => {
    const a = [p("1", "x", "x"), p("2", "y", "x"), p("3", "y", "y")];
    expect(pairedDifference(a, a, ["x", "y"])).toMatchObject({ difference: 0, ci95: [0, 0], seed: 1, resamples: 1000 });
  });
  it("a method right everywhere beats one wrong everywhere beyond noise", () => {
    const gold = Array.from({ length: 40 }, (_, i) => (i % 2 ? "x" : "y"));
    const right = gold.map((g, i) => p(String(i), g, g));
    const wrong = gold.map((g, i) => p(String(i), g === "x" ? "y" : "x", g));
    const d = pairedDifference(wrong, right, ["x", "y"]);
    expect(d.difference).toBe(1);
    expect(d.ci95[0]).toBeGreaterThan(0);
    expect(() => pairedDifference(right, right.slice(1), ["x", "y"])).toThrow(RangeError);
  });
  it("reliability: Brier score, expected calibration error and the bins", () => {
    const r = reliability([p("1", "x", "x", 0.9), p("2", "x", "y", 0.9), p("3", "x", "x", 0.1)], 5);
    expect(r.brier).toBeCloseTo((0.01 + 0.81 + 0.81) / 3, 12);
    expect(r.table[4]).toMatchObject({ answers: 2, accuracy: 0.5 });
    expect(r.table[4].meanConfidence).toBeCloseTo(0.9, 12);
    expect(r.ece).toBeCloseTo((2 / 3) * 0.4 + (1 / 3) * 0.9, 12);
  });
  it("scores with another assigner on the same protocol, and returns each scored prediction", () => {
    const codebook: CodebookTheme[] = [
      { id: "bus", label: "Buses", description: "bus routes" },
      { id: "gp", label: "GP", description: "doctor appointments" },
    ];
    const sample = [
      { id: "a", text: "the bus is late", primary: "bus" },
      { id: "b", text: "no doctor appointments", primary: "gp" },
      { id: "c", text: "bus routes cut", primary: "bus" },
      { id: "d", text: "doctor never answers", primary: "gp" },
    ];
    const machine = scoreAssignment(sample, codebook, "leave-one-out", { resamples: 10 });
    expect(machine.predictions.map((x) => x.predicted)).toEqual(["bus", "gp", "bus", "gp"]);
    const alwaysBus = scoreAssignment(sample, codebook, "leave-one-out", {
      resamples: 10,
      assign: (responses) => ({ assignments: responses.map((r) => ({ respondentId: r.id, themes: [{ id: "bus", confidence: 1 }], confirmed: false })) }),
    });
    expect(alwaysBus.predictions.map((x) => x.predicted)).toEqual(["bus", "bus", "bus", "bus"]);
    expect(pairedDifference(alwaysBus.predictions, machine.predictions, ["bus", "gp"]).difference).toBeGreaterThan(0);
  });
});
