// The journey's rules: step order, resuming, not skipping ahead, Change, conditions, profile consent, forms.
import { describe, expect, it } from "vitest";
import {
  acceptsAnswers,
  afterContinue,
  answerFromForm,
  answersToSubmit,
  canVisit,
  createJourney,
  firstIncompleteStep,
  formatReference,
  formatResumeCode,
  formFromAnswer,
  isReadyToSubmit,
  nextStep,
  normaliseResumeCode,
  previousStep,
  profileToSubmit,
  readDraft,
  stepsOf,
  writeDraft,
  type DraftState,
  type JourneyQuestion,
} from "./journey";
import { answerSchema } from "./questions";

const q = (id: number, type: JourneyQuestion["type"], extra: Partial<JourneyQuestion> = {}): JourneyQuestion => ({
  id,
  type,
  required: true,
  config:
    type === "single-choice"
      ? { choices: ["bus", "car"] }
      : type === "profile"
        ? { field: "stakeholderGroup", choices: ["citizen", "carer"] }
        : type === "ranking"
          ? { choices: ["a", "b", "c"] }
          : {},
  conditionQuestionId: null,
  conditionValue: null,
  ...extra,
});

const QUESTIONS: JourneyQuestion[] = [
  q(1, "rating"),
  q(2, "single-choice"),
  q(3, "free-text", { required: false, conditionQuestionId: 2, conditionValue: "car" }),
  q(4, "propose-outcome", { required: false }),
  q(5, "profile"),
  q(6, "profile", { config: { field: "ageBand", choices: ["young", "old"] } }),
];
const empty = (): DraftState => ({ answers: {}, meta: { seen: [] } });
const state = (answers: DraftState["answers"], meta: Partial<DraftState["meta"]> = {}): DraftState => ({ answers, meta: { seen: [], ...meta } });

describe("steps", () => {
  it("briefing, then shown questions, an about-you step before profile questions, then check", () => {
    expect(stepsOf(QUESTIONS, 2, empty())).toEqual([
      { kind: "briefing", n: 1 },
      { kind: "briefing", n: 2 },
      { kind: "question", id: 1 },
      { kind: "question", id: 2 },
      { kind: "question", id: 4 },
      { kind: "about-you" },
      { kind: "question", id: 5 },
      { kind: "question", id: 6 },
      { kind: "check" },
    ]);
  });

  it("a display condition adds its question when the answer matches", () => {
    const s = state({ 2: { choice: "car" } });
    expect(stepsOf(QUESTIONS, 0, s).map((x) => (x.kind === "question" ? x.id : x.kind))).toEqual([1, 2, 3, 4, "about-you", 5, 6, "check"]);
  });

  it("declining the profile questions skips them", () => {
    const s = state({}, { profileConsent: "no" });
    expect(stepsOf(QUESTIONS, 0, s).map((x) => (x.kind === "question" ? x.id : x.kind))).toEqual([1, 2, 4, "about-you", "check"]);
  });

  it("next and previous follow the steps; previous of the first step is the start page", () => {
    const s = empty();
    expect(nextStep({ kind: "briefing", n: 1 }, QUESTIONS, 1, s)).toEqual({ kind: "question", id: 1 });
    expect(nextStep({ kind: "question", id: 4 }, QUESTIONS, 1, s)).toEqual({ kind: "about-you" });
    expect(previousStep({ kind: "question", id: 1 }, QUESTIONS, 1, s)).toEqual({ kind: "briefing", n: 1 });
    expect(previousStep({ kind: "briefing", n: 1 }, QUESTIONS, 1, s)).toBeNull();
  });
});

describe("resuming and visiting", () => {
  it("resumes at the first question not done, skipping the briefing", () => {
    expect(firstIncompleteStep(QUESTIONS, 3, empty())).toEqual({ kind: "question", id: 1 });
    const s = state({ 1: { score: 7 }, 2: { choice: "bus" } });
    expect(firstIncompleteStep(QUESTIONS, 3, s)).toEqual({ kind: "question", id: 4 });
    // An optional question passed without an answer counts as done.
    expect(firstIncompleteStep(QUESTIONS, 3, { ...s, meta: { seen: [4] } })).toEqual({ kind: "about-you" });
    expect(firstIncompleteStep(QUESTIONS, 3, { ...s, meta: { seen: [4], profileConsent: "no" } })).toEqual({ kind: "check" });
  });

  it("an invalid saved answer does not count", () => {
    expect(firstIncompleteStep(QUESTIONS, 0, state({ 1: { score: 12 } }))).toEqual({ kind: "question", id: 1 });
  });

  it("nobody skips ahead past an unanswered question, but may go back; the briefing is always open", () => {
    const s = state({ 1: { score: 7 } });
    expect(canVisit({ kind: "question", id: 1 }, QUESTIONS, 2, s)).toBe(true);
    expect(canVisit({ kind: "question", id: 2 }, QUESTIONS, 2, s)).toBe(true);
    expect(canVisit({ kind: "question", id: 4 }, QUESTIONS, 2, s)).toBe(false);
    expect(canVisit({ kind: "check" }, QUESTIONS, 2, s)).toBe(false);
    expect(canVisit({ kind: "briefing", n: 2 }, QUESTIONS, 2, s)).toBe(true);
    expect(canVisit({ kind: "briefing", n: 3 }, QUESTIONS, 2, s)).toBe(false);
    // A hidden question cannot be visited.
    expect(canVisit({ kind: "question", id: 3 }, QUESTIONS, 0, state({ 1: { score: 1 }, 2: { choice: "bus" } }))).toBe(false);
  });

  it("check your answers opens when everything needed is there", () => {
    const s = state({ 1: { unable: true }, 2: { choice: "bus" } }, { seen: [4], profileConsent: "no" });
    expect(canVisit({ kind: "check" }, QUESTIONS, 0, s)).toBe(true);
    expect(isReadyToSubmit(QUESTIONS, s)).toBe(true);
  });

  it("after a change, back to check your answers unless the change revealed a new question", () => {
    const done = state({ 1: { score: 3 }, 2: { choice: "bus" } }, { seen: [4], profileConsent: "no" });
    expect(afterContinue({ kind: "question", id: 1 }, true, QUESTIONS, 0, done)).toEqual({ kind: "check" });
    const revealed = { ...done, answers: { ...done.answers, 2: { choice: "car" } } };
    expect(afterContinue({ kind: "question", id: 2 }, true, QUESTIONS, 0, revealed)).toEqual({ kind: "question", id: 3 });
    expect(afterContinue({ kind: "question", id: 1 }, false, QUESTIONS, 0, done)).toEqual({ kind: "question", id: 2 });
  });
});

describe("what is submitted", () => {
  it("answers to questions hidden by a changed condition are not submitted; profile answers go apart", () => {
    const s = state(
      { 1: { score: 9 }, 2: { choice: "bus" }, 3: { text: "stale" }, 4: { text: "idea" }, 5: { choice: "carer" }, 6: { choice: "old" } },
      { profileConsent: "yes" },
    );
    expect(answersToSubmit(QUESTIONS, s).map((a) => a.question.id)).toEqual([1, 2, 4]);
    expect(profileToSubmit(QUESTIONS, s)).toEqual({ stakeholderGroup: "carer", ageBand: "old" });
    expect(profileToSubmit(QUESTIONS, { ...s, meta: { ...s.meta, profileConsent: "no" } })).toEqual({});
  });
});

describe("drafts", () => {
  it("round-trip answers and meta; junk is dropped", () => {
    const s = state({ 1: { score: 7 } }, { seen: [4, 4], profileConsent: "yes" });
    expect(readDraft(writeDraft(s))).toEqual(state({ 1: { score: 7 } }, { seen: [4], profileConsent: "yes" }));
    expect(readDraft({ x: 1, "2": "text", _journey: { seen: ["a", 3], profileConsent: "maybe" } })).toEqual(state({}, { seen: [3] }));
    expect(readDraft(null)).toEqual(empty());
  });
});

describe("forms to answers", () => {
  it("ratings: a score, unable, nothing, or junk that fails validation", () => {
    expect(answerFromForm(q(1, "rating"), { answer: "7" })).toEqual({ score: 7 });
    expect(answerFromForm(q(1, "rating"), { answer: "unable" })).toEqual({ unable: true });
    expect(answerFromForm(q(1, "rating"), {})).toBeNull();
    expect(answerSchema(q(1, "rating")).safeParse(answerFromForm(q(1, "rating"), { answer: "1e309" })).success).toBe(false);
  });

  it("ranking: a position per item, accepted only as a full order", () => {
    const r = q(7, "ranking");
    expect(answerFromForm(r, { "rank-a": "2", "rank-b": "3", "rank-c": "1" })).toEqual({ order: ["c", "a", "b"] });
    expect(answerFromForm(r, {})).toBeNull();
    expect(answerSchema(r).safeParse(answerFromForm(r, { "rank-a": "1", "rank-b": "1", "rank-c": "2" })).success).toBe(false);
    expect(answerSchema(r).safeParse(answerFromForm(r, { "rank-a": "1", "rank-b": "2" })).success).toBe(false);
    expect(formFromAnswer(r, { order: ["c", "a", "b"] })).toEqual({ "rank-c": "1", "rank-a": "2", "rank-b": "3" });
  });

  it("checkboxes, choices and text", () => {
    expect(answerFromForm(q(8, "multiple-choice", { config: { choices: ["x", "y"] } }), { answer: ["x", "y"] })).toEqual({ choices: ["x", "y"] });
    expect(answerFromForm(q(2, "single-choice"), { answer: ["car", "bus"] })).toEqual({ choice: "car" });
    expect(answerFromForm(q(4, "free-text"), { answer: "   " })).toBeNull();
    expect(formFromAnswer(q(1, "rating"), { unable: true })).toEqual({ answer: "unable" });
  });
});

describe("rules and codes", () => {
  const now = new Date("2026-11-25T10:00:00Z");
  it("answers are accepted only while consultation and round are open and inside their dates", () => {
    const open = { status: "open", opensAt: null, closesAt: null };
    expect(acceptsAnswers(open, open, now)).toBe(true);
    expect(acceptsAnswers({ ...open, status: "closed" }, open, now)).toBe(false);
    expect(acceptsAnswers(open, { ...open, status: "draft" }, now)).toBe(false);
    expect(acceptsAnswers(open, { ...open, closesAt: new Date("2026-11-25T09:59:59Z") }, now)).toBe(false);
    expect(acceptsAnswers({ ...open, opensAt: new Date("2026-11-26T00:00:00Z") }, open, now)).toBe(false);
  });

  it("references avoid look-alike characters; resume codes are typed forgivingly", () => {
    const ref = formatReference(new Uint8Array(12).map((_, i) => i * 21));
    expect(ref).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    expect(formatResumeCode("abcdefghijklmnop")).toBe("abcd-efgh-ijkl-mnop");
    expect(normaliseResumeCode(" ABCD-efgh ijkl-MNOP ")).toBe("abcdefghijklmnop");
  });
});

describe("the journey object", () => {
  const qs: JourneyQuestion[] = [
    { id: 1, type: "single-choice", required: true, config: { choices: ["yes", "no"] }, conditionQuestionId: null, conditionValue: null },
    { id: 2, type: "free-text", required: false, config: { maxLength: 100 }, conditionQuestionId: 1, conditionValue: "yes" },
    { id: 3, type: "likert", required: true, config: {}, conditionQuestionId: null, conditionValue: null },
  ];
  const empty: DraftState = { answers: {}, meta: { seen: [] } };

  it("gives the same answers as the functions it wraps", () => {
    const state: DraftState = { answers: { "1": { choice: "yes" } }, meta: { seen: [1] } };
    const flow = createJourney(qs, 2, state);
    expect(flow.steps).toEqual(stepsOf(qs, 2, state));
    expect(flow.shown.map((q) => q.id)).toEqual([1, 2, 3]);
    expect(flow.firstIncomplete()).toEqual(firstIncompleteStep(qs, 0, state));
    expect(flow.firstIncomplete()).toEqual({ kind: "question", id: 2 });
    expect(flow.canVisit({ kind: "question", id: 2 })).toBe(true);
    expect(flow.canVisit({ kind: "question", id: 3 })).toBe(false);
    expect(flow.canVisit({ kind: "briefing", n: 2 })).toBe(true);
    expect(flow.canVisit({ kind: "briefing", n: 3 })).toBe(false);
    expect(flow.next({ kind: "question", id: 1 })).toEqual({ kind: "question", id: 2 });
    expect(flow.previous({ kind: "question", id: 1 })).toEqual({ kind: "briefing", n: 2 });
    expect(flow.previous({ kind: "briefing", n: 1 })).toBeNull();
    expect(flow.isComplete({ kind: "question", id: 1 })).toBe(true);
    expect(flow.readyToSubmit()).toBe(false);
  });

  it("follows a condition: answering no removes the question it shows", () => {
    const flow = createJourney(qs, 0, { answers: { "1": { choice: "no" } }, meta: { seen: [1] } });
    expect(flow.shown.map((q) => q.id)).toEqual([1, 3]);
    expect(flow.next({ kind: "question", id: 1 })).toEqual({ kind: "question", id: 3 });
  });

  it("after a Continue: on to the next step, or back to check your answers when changing and nothing is missing", () => {
    const done = createJourney(qs, 0, empty).withState({ answers: { "1": { choice: "no" }, "3": { score: 4 } }, meta: { seen: [1, 3] } });
    expect(done.readyToSubmit()).toBe(true);
    expect(done.afterContinue({ kind: "question", id: 1 }, true)).toEqual({ kind: "check" });
    expect(done.afterContinue({ kind: "question", id: 1 }, false)).toEqual({ kind: "question", id: 3 });
    expect(createJourney(qs, 0, empty).firstIncomplete()).toEqual({ kind: "question", id: 1 });
  });
});
