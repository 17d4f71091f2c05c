import { describe, expect, it } from "vitest";
import { QUESTION_TYPES, type DraftAnswer, type QuestionType } from "./question-config";
import { CONDITION_SOURCE_TYPES, questionTypes, questionTypeOf } from "./question-types";

/** One valid question and answer per type: the registry must round-trip each. */
const EXAMPLES: Record<QuestionType, { config: unknown; answer: DraftAnswer }> = {
  rating: { config: { allowUnable: true }, answer: { score: 7 } },
  likert: { config: {}, answer: { score: 2 } },
  "single-choice": { config: { choices: ["yes", "no"] }, answer: { choice: "no" } },
  "multiple-choice": { config: { choices: ["a", "b", "c"] }, answer: { choices: ["a", "c"] } },
  ranking: { config: { choices: ["a", "b", "c"] }, answer: { order: ["c", "a", "b"] } },
  pairwise: { config: { choices: ["left", "right"] }, answer: { choice: "right" } },
  "free-text": { config: { maxLength: 100 }, answer: { text: "Being listened to" } },
  "propose-outcome": { config: { maxLength: 100 }, answer: { text: "Getting to appointments" } },
  profile: { config: { field: "ageBand", choices: ["18-24", "25-34"] }, answer: { choice: "25-34" } },
};

describe("the question-type registry", () => {
  it("has one entry per question type", () => {
    expect(Object.keys(questionTypes).sort()).toEqual([...QUESTION_TYPES].sort());
  });

  for (const type of QUESTION_TYPES) {
    const { config, answer } = EXAMPLES[type];
    const entry = questionTypeOf(type);

    it(`${type}: a saved answer fills the form again and the form gives the same answer back`, () => {
      const form = entry.formFromAnswer(answer);
      const candidate = entry.answerFromForm(config, form);
      expect(candidate).toEqual(answer);
      expect(entry.answerSchema(config).safeParse(candidate).success).toBe(true);
    });

    it(`${type}: an empty form is no answer`, () => {
      expect(entry.answerFromForm(config, {})).toBeNull();
    });

    if (entry.storedIn === "answers") {
      it(`${type}: an answer is stored and read back unchanged`, () => {
        expect(entry.fromStored(entry.toStored(answer))).toEqual(answer);
      });
    }

    it(`${type}: its builder config passes its own config schema`, () => {
      expect(entry.config.safeParse(config).success).toBe(true);
    });
  }

  it("keeps profile answers out of the answers table", () => {
    expect(questionTypes.profile.storedIn).toBe("profile");
    expect(() => questionTypes.profile.toStored({ text: "x" })).toThrow();
    // The participant's own download still shows a profile choice as text.
    expect(questionTypes.profile.toStored({ choice: "25-34" })).toEqual({ numericValue: null, unable: false, textValue: "25-34" });
    expect(QUESTION_TYPES.filter((t) => questionTypeOf(t).storedIn === "profile")).toEqual(["profile"]);
  });

  it("summarises answers by type: likert agreement, rating words, choices, orders and text", () => {
    expect(questionTypes.likert.summary({ score: 4 })).toEqual({ kind: "message", key: "likert.4" });
    expect(questionTypes.rating.summary({ score: 8 })).toEqual({ kind: "message", key: "scale.critical", params: { score: 8 } });
    expect(questionTypes.rating.summary({ score: 2 })).toEqual({ kind: "message", key: "scale.notImportant", params: { score: 2 } });
    expect(questionTypes.rating.summary({ unable: true })).toEqual({ kind: "message", key: "scale.unable" });
    expect(questionTypes["single-choice"].summary({ choice: "no" })).toEqual({ kind: "choices", keys: ["no"] });
    expect(questionTypes["multiple-choice"].summary({ choices: ["a", "c"] })).toEqual({ kind: "choices", keys: ["a", "c"] });
    expect(questionTypes.ranking.summary({ order: ["c", "a"] })).toEqual({ kind: "order", keys: ["c", "a"] });
    expect(questionTypes["free-text"].summary({ text: "Hi" })).toEqual({ kind: "text", text: "Hi" });
  });

  it("says which types can drive a display condition, and with which values", () => {
    expect([...CONDITION_SOURCE_TYPES].sort()).toEqual(["likert", "multiple-choice", "pairwise", "profile", "single-choice"]);
    expect(questionTypes.likert.conditionValues()).toEqual(["1", "2", "3", "4", "5"]);
    expect(questionTypes["single-choice"].conditionValues({ choices: ["yes", "no"] })).toEqual(["yes", "no"]);
    expect(questionTypes["single-choice"].conditionValues({ choices: ["only"] })).toEqual([]);
  });

  it("reads the ranking form as positions, refusing a repeated position", () => {
    const config = EXAMPLES.ranking.config;
    expect(questionTypes.ranking.answerFromForm(config, { "rank-a": "2", "rank-b": "3", "rank-c": "1" })).toEqual({ order: ["c", "a", "b"] });
    expect(questionTypes.ranking.answerFromForm(config, { "rank-a": "1", "rank-b": "1", "rank-c": "2" })).toEqual({ order: [] });
  });

  it("gives each choice type its builder limits", () => {
    const limits = Object.fromEntries(
      QUESTION_TYPES.map((t) => [
        t,
        questionTypeOf(t).builder.choices ? [questionTypeOf(t).builder.choices!.min, questionTypeOf(t).builder.choices!.max] : null,
      ]),
    );
    expect(limits).toEqual({
      rating: null,
      likert: null,
      "single-choice": [2, 50],
      "multiple-choice": [2, 50],
      ranking: [2, 20],
      pairwise: [2, 2],
      "free-text": null,
      "propose-outcome": null,
      profile: [1, 50],
    });
  });
});
