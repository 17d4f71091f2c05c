import { describe, expect, it } from "vitest";
import { answerSchema } from "./questions";
import { choiceKeyOf, conditionsOutOfOrder, parseQuestionForm, questionFormValues, type QuestionFormContext } from "./question-form";

const ctx: QuestionFormContext = {
  locales: ["en", "cy"],
  outcomeIds: [7, 8],
  earlier: [
    { id: 1, type: "single-choice", config: { choices: ["yes", "no"] } },
    { id: 2, type: "likert", config: {} },
    { id: 3, type: "free-text", config: { maxLength: 100 } },
  ],
  ratingWording: {
    en: { text: "How important is this to you: “[outcome]”?", hint: "1 to 9" },
    cy: { text: "Pa mor bwysig yw hyn i chi: “[outcome]”?", hint: "1 i 9" },
  },
  statements: { 7: { en: "I am listened to", cy: "Rwy'n cael fy nghlywed" } },
};

describe("question form", () => {
  it("builds a single-choice question with keys from the English labels and Welsh labels by position", () => {
    const r = parseQuestionForm(
      {
        type: "single-choice",
        required: "yes",
        "text-en": " Do you care for someone? ",
        "choices-en": "Yes\nNo, I do not\n",
        "text-cy": "Ydych chi'n gofalu am rywun?",
        "choices-cy": "Ydw\nNac ydw",
      },
      ctx,
    );
    expect(r).toEqual({
      ok: true,
      question: {
        type: "single-choice",
        required: true,
        outcomeId: null,
        config: { choices: ["yes", "no-i-do-not"] },
        conditionQuestionId: null,
        conditionValue: null,
        translations: [
          { locale: "en", text: "Do you care for someone?", hint: "", options: { yes: "Yes", "no-i-do-not": "No, I do not" } },
          { locale: "cy", text: "Ydych chi'n gofalu am rywun?", hint: "", options: { yes: "Ydw", "no-i-do-not": "Nac ydw" } },
        ],
      },
    });
    if (r.ok) expect(answerSchema(r.question).safeParse({ choice: "no-i-do-not" }).success).toBe(true);
  });

  it("reports every problem at once, by field", () => {
    const r = parseQuestionForm(
      {
        type: "multiple-choice",
        required: "maybe",
        "text-en": "",
        "choices-en": "A\na",
        "choices-cy": "Un",
        minSelected: "x",
        maxSelected: "0",
        condition: "3:yes",
      },
      ctx,
    );
    expect(r).toEqual({
      ok: false,
      errors: {
        required: "question.errors.required",
        "choices-en": "question.errors.choiceDuplicate",
        "text-en": "question.errors.text",
        minSelected: "question.errors.minSelected",
        maxSelected: "question.errors.maxSelected",
        condition: "question.errors.condition",
      },
    });
    const lines = parseQuestionForm({ type: "ranking", required: "no", "text-en": "Rank", "choices-en": "A\nB\nC", "choices-cy": "Un\nDau" }, ctx);
    expect(lines).toEqual({ ok: false, errors: { "choices-cy": "question.errors.choiceLines" } });
    expect(parseQuestionForm({ type: "pairwise", required: "yes", "text-en": "Which?", "choices-en": "A\nB\nC" }, ctx)).toEqual({
      ok: false,
      errors: { "choices-en": "question.errors.pairwise" },
    });
    expect(parseQuestionForm({ type: "nonsense" }, ctx)).toEqual({ ok: false, errors: { type: "question.errors.type" } });
    expect(parseQuestionForm({ type: "likert", required: ["yes", "no"], "text-en": "Agree?" }, ctx)).toEqual({
      ok: false,
      errors: { required: "question.errors.invalid" },
    });
  });

  it("fills a rating question's text from the outcome in each language that has it", () => {
    const r = parseQuestionForm({ type: "rating", required: "yes", outcomeId: "7", allowUnable: "yes" }, ctx);
    expect(r.ok && r.question).toMatchObject({
      outcomeId: 7,
      config: { scale: "grade-1-9", allowUnable: true },
      translations: [
        { locale: "en", text: "How important is this to you: “I am listened to”?", hint: "1 to 9" },
        { locale: "cy", text: "Pa mor bwysig yw hyn i chi: “Rwy'n cael fy nghlywed”?", hint: "1 i 9" },
      ],
    });
    expect(parseQuestionForm({ type: "rating", required: "yes", outcomeId: "99" }, ctx)).toEqual({
      ok: false,
      errors: { outcomeId: "question.errors.outcome" },
    });
    expect(parseQuestionForm({ type: "rating", required: "yes", outcomeId: "7" }, { ...ctx, takenOutcomeIds: [7] })).toEqual({
      ok: false,
      errors: { outcomeId: "question.errors.outcomeTaken" },
    });
    expect(parseQuestionForm({ type: "rating", required: "yes", outcomeId: "8" }, ctx)).toEqual({ ok: false, errors: { "text-en": "question.errors.text" } });
  });

  it("accepts a condition on an earlier choice or Likert answer only", () => {
    const r = parseQuestionForm({ type: "free-text", required: "no", "text-en": "Why?", condition: "2:5", maxLength: "500" }, ctx);
    expect(r.ok && r.question).toMatchObject({ conditionQuestionId: 2, conditionValue: "5", config: { maxLength: 500 }, required: false });
    expect(parseQuestionForm({ type: "free-text", required: "no", "text-en": "Why?", condition: "1:maybe" }, ctx)).toEqual({
      ok: false,
      errors: { condition: "question.errors.condition" },
    });
    expect(parseQuestionForm({ type: "free-text", required: "no", "text-en": "Why?", condition: "99:yes" }, ctx)).toEqual({
      ok: false,
      errors: { condition: "question.errors.condition" },
    });
  });

  it("keeps stakeholder group keys fixed for the profile question", () => {
    const r = parseQuestionForm(
      {
        type: "profile",
        required: "no",
        profileField: "stakeholderGroup",
        "text-en": "Which describes you best?",
        "choices-en": "A member of the public\nA carer\nI use services\nI work in health or care",
      },
      ctx,
    );
    expect(r.ok && r.question.config).toEqual({ field: "stakeholderGroup", choices: ["citizen", "carer", "service-user", "professional"] });
    expect(parseQuestionForm({ type: "profile", required: "no", profileField: "stakeholderGroup", "text-en": "Which?", "choices-en": "A\nB" }, ctx)).toEqual({
      ok: false,
      errors: { "choices-en": "question.errors.stakeholderChoices" },
    });
  });

  it("round-trips through the edit form's values", () => {
    const r = parseQuestionForm(
      {
        type: "multiple-choice",
        required: "yes",
        "text-en": "Which?",
        "hint-en": "Pick some",
        "choices-en": "Red\nGreen\nBlue",
        "choices-cy": "Coch\nGwyrdd\nGlas",
        "text-cy": "Pa rai?",
        maxSelected: "2",
        condition: "1:yes",
      },
      ctx,
    );
    if (!r.ok) throw new Error("expected ok");
    const values = questionFormValues({ ...r.question, outcomeId: null }, r.question.translations);
    expect(parseQuestionForm(values, ctx)).toEqual(r);
  });

  it("makes safe, unique choice keys and checks condition order", () => {
    const taken = new Set<string>();
    expect(["Yes", "yes!", "پیشاب", "A".repeat(50)].map((l, i) => choiceKeyOf(l, i, taken))).toEqual(["yes", "yes-2", "choice-3", "a".repeat(32)]);
    expect(
      conditionsOutOfOrder([
        { id: 2, conditionQuestionId: 1 },
        { id: 1, conditionQuestionId: null },
      ]),
    ).toEqual([2]);
    expect(
      conditionsOutOfOrder([
        { id: 1, conditionQuestionId: null },
        { id: 2, conditionQuestionId: 1 },
      ]),
    ).toEqual([]);
  });
});
