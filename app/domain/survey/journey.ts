/**
 * The citizen journey's rules, pure: which steps a round has, which one comes
 * next, whether a step may be visited yet, where a returning participant
 * resumes, and how a page's form becomes an answer. No Remix, React, drizzle,
 * i18next or node built-ins; the caller passes "now" where time matters.
 *
 * Steps: briefing sections → questions shown by their display conditions (profile
 * questions are preceded by an "about you" step that explains them and asks for
 * consent; declining skips them) → check your answers.
 */
import { canAcceptAnswers } from "../consultation/lifecycle";
import { answerSchema, isQuestionShown, parseQuestionConfig, questionTypeOf, type DraftAnswer, type FormInput, type QuestionType } from "./questions";

export interface JourneyQuestion {
  id: number;
  type: QuestionType;
  required: boolean;
  config: unknown;
  conditionQuestionId: number | null;
  conditionValue: string | null;
}

/** What a draft holds besides answers (under the reserved key `_journey`). */
export interface JourneyMeta {
  /** Questions the participant has passed (answered, or left blank when optional). */
  seen: number[];
  /** Consent to the profile ("about you") questions; undefined until asked. */
  profileConsent?: "yes" | "no";
}

export interface DraftState {
  answers: Record<string, DraftAnswer>;
  meta: JourneyMeta;
}

export type Step = { kind: "briefing"; n: number } | { kind: "about-you" } | { kind: "question"; id: number } | { kind: "check" };

export const META_KEY = "_journey";

/** Reads a stored draft (`response_drafts.answers`) defensively: unknown keys and shapes are dropped. */
export function readDraft(raw: unknown): DraftState {
  const answers: Record<string, DraftAnswer> = {};
  const meta: JourneyMeta = { seen: [] };
  if (raw && typeof raw === "object" && !Array.isArray(raw)) {
    for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
      if (/^\d+$/.test(key) && value && typeof value === "object") answers[key] = value as DraftAnswer;
    }
    const m = (raw as Record<string, unknown>)[META_KEY] as Partial<JourneyMeta> | undefined;
    if (m && typeof m === "object") {
      if (Array.isArray(m.seen)) meta.seen = m.seen.filter((n): n is number => Number.isInteger(n));
      if (m.profileConsent === "yes" || m.profileConsent === "no") meta.profileConsent = m.profileConsent;
    }
  }
  return { answers, meta };
}

export function writeDraft(state: DraftState): Record<string, unknown> {
  return {
    ...state.answers,
    [META_KEY]: { seen: [...new Set(state.meta.seen)], ...(state.meta.profileConsent ? { profileConsent: state.meta.profileConsent } : {}) },
  };
}

/** Questions shown for these answers, in order; profile questions only with consent (or before it is asked). */
export function shownQuestions(questions: readonly JourneyQuestion[], state: DraftState): JourneyQuestion[] {
  return questions.filter((q) => isQuestionShown(q, questions, state.answers) && !(q.type === "profile" && state.meta.profileConsent === "no"));
}

/** Every step of the journey for this state, in order. */
export function stepsOf(questions: readonly JourneyQuestion[], briefingSections: number, state: DraftState): Step[] {
  const steps: Step[] = [];
  for (let n = 1; n <= briefingSections; n++) steps.push({ kind: "briefing", n });
  let aboutYou = false;
  for (const q of questions.filter((x) => isQuestionShown(x, questions, state.answers))) {
    if (q.type === "profile") {
      if (!aboutYou) steps.push({ kind: "about-you" });
      aboutYou = true;
      if (state.meta.profileConsent === "no") continue;
    }
    steps.push({ kind: "question", id: q.id });
  }
  steps.push({ kind: "check" });
  return steps;
}

export function sameStep(a: Step, b: Step): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === "briefing") return a.n === (b as typeof a).n;
  if (a.kind === "question") return a.id === (b as typeof a).id;
  return true;
}

/** Whether a step is done: a question answered (or passed when optional), the consent asked. */
export function isStepComplete(step: Step, questions: readonly JourneyQuestion[], state: DraftState): boolean {
  switch (step.kind) {
    case "briefing":
      return true;
    case "about-you":
      return state.meta.profileConsent !== undefined;
    case "check":
      return false;
    case "question": {
      const q = questions.find((x) => x.id === step.id);
      if (!q) return true;
      const answer = state.answers[String(q.id)];
      if (answer) return answerSchema(q).safeParse(answer).success;
      return !q.required && state.meta.seen.includes(q.id);
    }
  }
}

/** The first step not yet done, skipping the briefing: where a returning participant resumes. */
export function firstIncompleteStep(questions: readonly JourneyQuestion[], briefingSections: number, state: DraftState): Step {
  const steps = stepsOf(questions, briefingSections, state);
  return steps.find((s) => s.kind !== "briefing" && !isStepComplete(s, questions, state)) ?? { kind: "check" };
}

/** Everything needed to submit is there. */
export function isReadyToSubmit(questions: readonly JourneyQuestion[], state: DraftState): boolean {
  return firstIncompleteStep(questions, 0, state).kind === "check";
}

/**
 * A step may be visited when it exists for this state and every step before it
 * is done (the briefing is always open; nobody skips ahead past a question).
 */
export function canVisit(step: Step, questions: readonly JourneyQuestion[], briefingSections: number, state: DraftState): boolean {
  if (step.kind === "briefing") return step.n >= 1 && step.n <= briefingSections;
  const steps = stepsOf(questions, briefingSections, state);
  const index = steps.findIndex((s) => sameStep(s, step));
  if (index < 0) return false;
  return steps.slice(0, index).every((s) => isStepComplete(s, questions, state));
}

export function nextStep(current: Step, questions: readonly JourneyQuestion[], briefingSections: number, state: DraftState): Step {
  const steps = stepsOf(questions, briefingSections, state);
  const index = steps.findIndex((s) => sameStep(s, current));
  return steps[index + 1] ?? { kind: "check" };
}

/** The step before this one (for the back link), or null at the first step (back to the start page). */
export function previousStep(current: Step, questions: readonly JourneyQuestion[], briefingSections: number, state: DraftState): Step | null {
  const steps = stepsOf(questions, briefingSections, state);
  const index = steps.findIndex((s) => sameStep(s, current));
  return index > 0 ? steps[index - 1] : null;
}

/** After a Continue: back to check your answers when changing and nothing else is missing; otherwise on. */
export function afterContinue(current: Step, changing: boolean, questions: readonly JourneyQuestion[], briefingSections: number, state: DraftState): Step {
  if (changing) return firstIncompleteStep(questions, briefingSections, state);
  return nextStep(current, questions, briefingSections, state);
}

/**
 * The journey for one participant's answers so far, built once per request: its steps and the
 * verbs above without passing the questions, the briefing's length and the state each time.
 */
export interface JourneyFlow {
  readonly steps: readonly Step[];
  /** Questions shown for these answers, in order (profile questions only with consent). */
  readonly shown: readonly JourneyQuestion[];
  canVisit(step: Step): boolean;
  isComplete(step: Step): boolean;
  next(step: Step): Step;
  previous(step: Step): Step | null;
  firstIncomplete(): Step;
  afterContinue(step: Step, changing: boolean): Step;
  readyToSubmit(): boolean;
  /** The same journey after the answers change (a Continue saves a new state). */
  withState(state: DraftState): JourneyFlow;
}

export function createJourney(questions: readonly JourneyQuestion[], briefingSections: number, state: DraftState): JourneyFlow {
  let steps: Step[] | undefined;
  let shown: JourneyQuestion[] | undefined;
  return {
    get steps() {
      return (steps ??= stepsOf(questions, briefingSections, state));
    },
    get shown() {
      return (shown ??= shownQuestions(questions, state));
    },
    canVisit: (step) => canVisit(step, questions, briefingSections, state),
    isComplete: (step) => isStepComplete(step, questions, state),
    next: (step) => nextStep(step, questions, briefingSections, state),
    previous: (step) => previousStep(step, questions, briefingSections, state),
    firstIncomplete: () => firstIncompleteStep(questions, briefingSections, state),
    afterContinue: (step, changing) => afterContinue(step, changing, questions, briefingSections, state),
    readyToSubmit: () => isReadyToSubmit(questions, state),
    withState: (next) => createJourney(questions, briefingSections, next),
  };
}

/** Answers to store on submit: only questions shown, never profile answers (those go to participant_profiles). */
export function answersToSubmit(questions: readonly JourneyQuestion[], state: DraftState): Array<{ question: JourneyQuestion; answer: DraftAnswer }> {
  return shownQuestions(questions, state)
    .filter((q) => q.type !== "profile")
    .flatMap((q) => {
      const answer = state.answers[String(q.id)];
      return answer && answerSchema(q).safeParse(answer).success ? [{ question: q, answer }] : [];
    });
}

export function profileToSubmit(questions: readonly JourneyQuestion[], state: DraftState): Record<string, string> {
  if (state.meta.profileConsent !== "yes") return {};
  const out: Record<string, string> = {};
  for (const q of shownQuestions(questions, state)) {
    if (q.type !== "profile") continue;
    const answer = state.answers[String(q.id)];
    if (answer && "choice" in answer) out[parseQuestionConfig("profile", q.config).field] = answer.choice;
  }
  return out;
}

export type { FormInput };

/**
 * Turns a question page's form into a candidate answer (validated afterwards with
 * answerSchema), or null when nothing was given. Field names: `answer` (radios,
 * checkboxes, text) and `rank-<choice>` (a position per item for ranking).
 */
export function answerFromForm(q: Pick<JourneyQuestion, "type" | "config">, form: FormInput): unknown {
  return questionTypeOf(q.type).answerFromForm(q.config, form);
}

/** The form values that show an answer again (to prefill a page). */
export function formFromAnswer(q: Pick<JourneyQuestion, "type" | "config">, answer: DraftAnswer | undefined): Record<string, string | string[]> {
  return answer ? questionTypeOf(q.type).formFromAnswer(answer) : {};
}

export interface RoundWindow {
  status: string;
  opensAt: Date | null;
  closesAt: Date | null;
}

/**
 * Whether answers are accepted now: the consultation lifecycle's own rule
 * (`canAcceptAnswers`: both open, "now" inside both windows).
 */
export function acceptsAnswers(consultation: RoundWindow, round: RoundWindow, now: Date): boolean {
  return canAcceptAnswers(consultation, round, now).ok;
}

/** Human-friendly reference: 3 groups of 4 from an alphabet without look-alikes (0/O, 1/I/L). */
export const REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export function formatReference(randomBytes: Uint8Array): string {
  const chars = [...randomBytes.slice(0, 12)].map((b) => REFERENCE_ALPHABET[b % REFERENCE_ALPHABET.length]).join("");
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

/** Resume codes are shown in groups of four; people may type them with spaces, dashes or capitals. */
export function normaliseResumeCode(input: string): string {
  return input.toLowerCase().replace(/[\s-]+/g, "");
}
export function formatResumeCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, "$1-");
}
