// The question/answer contract shared by the survey builder and the citizen journey.
import { describe, expect, it } from "vitest";
import {
  answerSchema,
  conditionValuesOf,
  fromStoredAnswer,
  isQuestionShown,
  parseQuestionConfig,
  QUESTION_TYPES,
  toStoredAnswer,
  type DraftAnswer,
  type QuestionForAnswer,
  type QuestionType,
} from "./questions";

const Q: Record<QuestionType, QuestionForAnswer> = {
  rating: { type: "rating", config: {} },
  likert: { type: "likert", config: {} },
  "single-choice": { type: "single-choice", config: { choices: ["bus", "car", "walk"] } },
  "multiple-choice": { type: "multiple-choice", config: { choices: ["a", "b", "c", "d"], minSelected: 1, maxSelected: 2 } },
  ranking: { type: "ranking", config: { choices: ["O1", "O2", "O3"] } },
  pairwise: { type: "pairwise", config: { choices: ["O1", "O2"] } },
  "free-text": { type: "free-text", config: { maxLength: 10 } },
  "propose-outcome": { type: "propose-outcome", config: {} },
  profile: { type: "profile", config: { field: "ageBand", choices: ["18-34", "35-64", "65-plus"] } },
};

const ok = (q: QuestionForAnswer, a: unknown) => answerSchema(q).safeParse(a).success;
const message = (q: QuestionForAnswer, a: unknown) => {
  const r = answerSchema(q).safeParse(a);
  return r.success ? null : r.error.issues[0].message;
};

describe("question configs", () => {
  it("apply defaults and reject malformed configs", () => {
    expect(parseQuestionConfig("rating", undefined)).toEqual({ scale: "grade-1-9", allowUnable: true });
    expect(parseQuestionConfig("free-text", {})).toEqual({ maxLength: 1000 });
    expect(() => parseQuestionConfig("single-choice", { choices: ["only-one"] })).toThrow();
    expect(() => parseQuestionConfig("single-choice", { choices: ["has space", "b"] })).toThrow();
    expect(() => parseQuestionConfig("pairwise", { choices: ["a", "b", "c"] })).toThrow();
    expect(() => parseQuestionConfig("profile", { field: "income", choices: ["x"] })).toThrow();
  });

  it("every question type has a config schema and an answer schema", () => {
    for (const type of QUESTION_TYPES) expect(() => answerSchema(Q[type])).not.toThrow();
  });
});

describe("answers", () => {
  it("rating: whole numbers 1 to 9, or unable to score when allowed", () => {
    for (let s = 1; s <= 9; s++) expect(ok(Q.rating, { score: s })).toBe(true);
    expect(message(Q.rating, { score: 0 })).toBe("answer.rating");
    expect(message(Q.rating, { score: 10 })).toBe("answer.rating");
    expect(ok(Q.rating, { score: 4.5 })).toBe(false);
    expect(ok(Q.rating, { unable: true })).toBe(true);
    expect(ok({ type: "rating", config: { allowUnable: false } }, { unable: true })).toBe(false);
  });

  it("schemas are built once per type and configuration, and a changed configuration gets its own", () => {
    expect(answerSchema({ type: "single-choice", config: { choices: ["bus", "car", "walk"] } })).toBe(answerSchema(Q["single-choice"]));
    expect(answerSchema(Q.pairwise)).not.toBe(answerSchema({ type: "single-choice", config: { choices: ["O1", "O2"] } }));
    const edited = { type: "single-choice" as const, config: { choices: ["bus", "car", "walk", "train"] } };
    expect(ok(Q["single-choice"], { choice: "train" })).toBe(false);
    expect(ok(edited, { choice: "train" })).toBe(true);
    expect(ok({ type: "free-text", config: { maxLength: 20 } }, { text: "fifteen letters" })).toBe(true);
    expect(ok(Q["free-text"], { text: "fifteen letters" })).toBe(false);
  });

  it("likert: 1 to 5", () => {
    expect(ok(Q.likert, { score: 5 })).toBe(true);
    expect(message(Q.likert, { score: 6 })).toBe("answer.likert");
  });

  it("single choice, pairwise and profile: one of the configured keys", () => {
    expect(ok(Q["single-choice"], { choice: "car" })).toBe(true);
    expect(message(Q["single-choice"], { choice: "plane" })).toBe("answer.choice");
    expect(ok(Q.pairwise, { choice: "O2" })).toBe(true);
    expect(ok(Q.pairwise, { choice: "O3" })).toBe(false);
    expect(ok(Q.profile, { choice: "65-plus" })).toBe(true);
  });

  it("multiple choice: known keys, within min and max, no duplicates", () => {
    expect(ok(Q["multiple-choice"], { choices: ["a", "c"] })).toBe(true);
    expect(message(Q["multiple-choice"], { choices: [] })).toBe("answer.tooFew");
    expect(message(Q["multiple-choice"], { choices: ["a", "b", "c"] })).toBe("answer.tooMany");
    expect(message(Q["multiple-choice"], { choices: ["a", "a"] })).toBe("answer.duplicate");
    expect(message(Q["multiple-choice"], { choices: ["z"] })).toBe("answer.choice");
  });

  it("ranking: every choice exactly once", () => {
    expect(ok(Q.ranking, { order: ["O3", "O1", "O2"] })).toBe(true);
    expect(message(Q.ranking, { order: ["O1", "O2"] })).toBe("answer.ranking");
    expect(message(Q.ranking, { order: ["O1", "O1", "O2"] })).toBe("answer.ranking");
    expect(message(Q.ranking, { order: ["O1", "O2", "O4"] })).toBe("answer.ranking");
  });

  it("free text: trimmed, not empty, within the length limit", () => {
    expect(answerSchema(Q["free-text"]).parse({ text: "  hello  " })).toEqual({ text: "hello" });
    expect(message(Q["free-text"], { text: "   " })).toBe("answer.empty");
    expect(message(Q["free-text"], { text: "x".repeat(11) })).toBe("answer.tooLong");
    expect(ok(Q["propose-outcome"], { text: "x".repeat(1000) })).toBe(true);
    expect(ok(Q["propose-outcome"], { text: "x".repeat(1001) })).toBe(false);
  });

  it("rejects answers of the wrong shape", () => {
    expect(ok(Q.rating, { choice: "5" })).toBe(false);
    expect(ok(Q.ranking, { choice: "O1" })).toBe(false);
    expect(ok(Q["free-text"], null)).toBe(false);
  });
});

describe("stored answers", () => {
  const cases: Array<[QuestionType, DraftAnswer]> = [
    ["rating", { score: 7 }],
    ["rating", { unable: true }],
    ["likert", { score: 2 }],
    ["single-choice", { choice: "bus" }],
    ["pairwise", { choice: "O1" }],
    ["multiple-choice", { choices: ["a", "d"] }],
    ["ranking", { order: ["O2", "O3", "O1"] }],
    ["free-text", { text: 'Quicker appointments, please; "quoted"' }],
    ["propose-outcome", { text: "I can get to my appointments easily" }],
  ];
  it.each(cases)("%s round-trips %j", (type, answer) => {
    expect(fromStoredAnswer(type, toStoredAnswer(type, answer))).toEqual(answer);
  });

  it("rating stores the score as a number, unable as a flag", () => {
    expect(toStoredAnswer("rating", { score: 8 })).toEqual({ numericValue: 8, unable: false, textValue: null });
    expect(toStoredAnswer("rating", { unable: true })).toEqual({ numericValue: null, unable: true, textValue: null });
  });

  it("profile answers are never stored with survey answers", () => {
    expect(() => toStoredAnswer("profile", { text: "x" })).toThrow();
  });

  it("missing stored values read back as no answer", () => {
    expect(fromStoredAnswer("rating", { numericValue: null, unable: false, textValue: null })).toBeNull();
    expect(fromStoredAnswer("ranking", { numericValue: null, unable: false, textValue: null })).toBeNull();
  });
});

describe("display conditions", () => {
  const all = [
    { id: 1, conditionQuestionId: null, conditionValue: null },
    { id: 2, conditionQuestionId: 1, conditionValue: "car" },
    { id: 3, conditionQuestionId: 2, conditionValue: "8" },
    { id: 4, conditionQuestionId: 5, conditionValue: "x" },
    { id: 5, conditionQuestionId: null, conditionValue: null },
    { id: 6, conditionQuestionId: 7, conditionValue: "a" },
    { id: 7, conditionQuestionId: 6, conditionValue: "a" },
  ];
  const shown = (id: number, answers: Record<string, DraftAnswer>) =>
    isQuestionShown(
      all.find((q) => q.id === id)!,
      all,
      answers,
    );

  it("an unconditional question is always shown", () => {
    expect(shown(1, {})).toBe(true);
  });

  it("a condition needs the earlier answer to match", () => {
    expect(shown(2, {})).toBe(false);
    expect(shown(2, { 1: { choice: "bus" } })).toBe(false);
    expect(shown(2, { 1: { choice: "car" } })).toBe(true);
  });

  it("a chain needs every earlier question shown", () => {
    expect(shown(3, { 1: { choice: "bus" }, 2: { score: 8 } })).toBe(false);
    expect(shown(3, { 1: { choice: "car" }, 2: { score: 8 } })).toBe(true);
  });

  it("multiple choice matches when the key is included; unable matches 'unable'", () => {
    expect(shown(4, { 5: { choices: ["y", "x"] } })).toBe(true);
    expect(conditionValuesOf({ unable: true })).toEqual(["unable"]);
    expect(conditionValuesOf({ order: ["a"] })).toEqual([]);
  });

  it("a cycle never shows and never loops", () => {
    expect(shown(6, { 6: { choice: "a" }, 7: { choice: "a" } })).toBe(false);
  });
});
