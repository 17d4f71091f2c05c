import { describe, expect, it } from "vitest";
import { hasOneOutcomeToken, planRatingTextChanges, ratingQuestionText, type RatingQuestionText } from "./rating-wording";

const standard = { text: "Pa mor bwysig yw hyn i chi: “[outcome]”?", hint: "1 i 9" };
const own = { text: "Pa mor bwysig i chi yw: “[outcome]”?", hint: "Dewiswch rif" };
const q = (questionId: number, outcomeId: number, editable: boolean, current: { text: string; hint: string } | null): RatingQuestionText => ({
  questionId,
  outcomeId,
  editable,
  current,
});

describe("rating question wording", () => {
  it("puts the statement where [outcome] is, and needs the placeholder exactly once", () => {
    expect(ratingQuestionText(standard, "Mae fy ngofal wedi'i gydgysylltu'n dda")).toBe(
      "Pa mor bwysig yw hyn i chi: “Mae fy ngofal wedi'i gydgysylltu'n dda”?",
    );
    expect(hasOneOutcomeToken("How important is [outcome]?")).toBe(true);
    expect(hasOneOutcomeToken("How important is this?")).toBe(false);
    expect(hasOneOutcomeToken("[outcome] or [outcome]?")).toBe(false);
  });

  it("fills a missing language in every round, even one with answers", () => {
    const changes = planRatingTextChanges(
      [q(1, 10, true, null), q(2, 10, false, null), q(3, 11, false, null)],
      { wording: standard, statements: {} },
      { wording: standard, statements: { 10: "Gofal da" } },
      { mayRemove: true },
    );
    expect(changes).toEqual([
      { questionId: 1, kind: "set", text: "Pa mor bwysig yw hyn i chi: “Gofal da”?", hint: "1 i 9" },
      { questionId: 2, kind: "set", text: "Pa mor bwysig yw hyn i chi: “Gofal da”?", hint: "1 i 9" },
    ]);
  });

  it("rewrites generated text when the statement or wording changes, only where questions may still change", () => {
    const before = { wording: standard, statements: { 10: "Hen" } };
    const generated = { text: ratingQuestionText(standard, "Hen"), hint: "1 i 9" };
    const after = { wording: own, statements: { 10: "Newydd" } };
    const changes = planRatingTextChanges([q(1, 10, true, generated), q(2, 10, false, generated)], before, after, { mayRemove: true });
    expect(changes).toEqual([{ questionId: 1, kind: "set", text: "Pa mor bwysig i chi yw: “Newydd”?", hint: "Dewiswch rif" }]);
  });

  it("never touches words an officer wrote by hand, and keeps a hand-written hint", () => {
    const before = { wording: standard, statements: { 10: "Hen" } };
    const after = { wording: standard, statements: { 10: "Newydd" } };
    const byHand = q(1, 10, true, { text: "Fy nghwestiwn fy hun", hint: "1 i 9" });
    const ownHint = q(2, 10, true, { text: ratingQuestionText(standard, "Hen"), hint: "Awgrym arbennig" });
    expect(planRatingTextChanges([byHand, ownHint], before, after, { mayRemove: true })).toEqual([
      { questionId: 2, kind: "set", text: "Pa mor bwysig yw hyn i chi: “Newydd”?", hint: "Awgrym arbennig" },
    ]);
  });

  it("removes a generated translation when its statement is removed, unless removing is not allowed (English)", () => {
    const before = { wording: standard, statements: { 10: "Hen" } };
    const after = { wording: standard, statements: {} };
    const generated = q(1, 10, true, { text: ratingQuestionText(standard, "Hen"), hint: "1 i 9" });
    expect(planRatingTextChanges([generated], before, after, { mayRemove: true })).toEqual([{ questionId: 1, kind: "remove" }]);
    expect(planRatingTextChanges([generated], before, after, { mayRemove: false })).toEqual([]);
  });

  it("changes nothing when nothing changed", () => {
    const state = { wording: standard, statements: { 10: "Hen" } };
    expect(planRatingTextChanges([q(1, 10, true, { text: ratingQuestionText(standard, "Hen"), hint: "1 i 9" })], state, state, { mayRemove: true })).toEqual(
      [],
    );
  });
});
