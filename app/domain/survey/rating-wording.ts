/**
 * The wording of rating questions, per language of a consultation: a sentence with the
 * placeholder [outcome] where the outcome's statement goes ("How important is this to you:
 * “[outcome]”?") and a hint. A rating question's text in a language is that sentence around
 * the outcome's statement in the same language.
 *
 * `planRatingTextChanges` says which rating questions to rewrite when a statement or the
 * wording changes. The rule, so officers never lose words or rewrite what people answered:
 * - a question with no text in that language gets it (a gap is filled, even in a round that
 *   has answers: the participant was reading the English stand-in);
 * - a question whose text is still the generated one is rewritten, or loses that language
 *   when the statement is removed, but only in a round whose questions may still change;
 * - text an officer wrote by hand is never touched, nor is any text of a locked round.
 * Pure.
 */
export const OUTCOME_TOKEN = "[outcome]";

export interface RatingWording {
  text: string;
  hint: string;
}

export function ratingQuestionText(wording: RatingWording, statement: string): string {
  return wording.text.replace(OUTCOME_TOKEN, statement);
}

/** Whether a sentence can be a rating question's wording: the placeholder exactly once. */
export function hasOneOutcomeToken(text: string): boolean {
  return text.split(OUTCOME_TOKEN).length === 2;
}

export interface RatingQuestionText {
  questionId: number;
  outcomeId: number;
  /** False once the round has responses or is closed (lifecycle.checkQuestionsEditable). */
  editable: boolean;
  /** The question's text and hint in this language, or null when it has none. */
  current: { text: string; hint: string } | null;
}

/** One language's wording and statements (by outcome id) before or after a change. */
export interface RatingTextState {
  wording: RatingWording | null;
  statements: Readonly<Record<number, string | undefined>>;
}

export type RatingTextChange = { questionId: number; kind: "set"; text: string; hint: string } | { questionId: number; kind: "remove" };

export function planRatingTextChanges(
  questions: readonly RatingQuestionText[],
  before: RatingTextState,
  after: RatingTextState,
  options: { mayRemove: boolean },
): RatingTextChange[] {
  const changes: RatingTextChange[] = [];
  for (const q of questions) {
    const statement = after.statements[q.outcomeId];
    const target = statement && after.wording ? { text: ratingQuestionText(after.wording, statement), hint: after.wording.hint } : null;
    if (q.current === null) {
      if (target) changes.push({ questionId: q.questionId, kind: "set", ...target });
      continue;
    }
    if (!q.editable) continue;
    const oldStatement = before.statements[q.outcomeId];
    const generated = oldStatement && before.wording ? ratingQuestionText(before.wording, oldStatement) : null;
    if (generated === null || q.current.text !== generated) continue;
    if (!target) {
      if (options.mayRemove) changes.push({ questionId: q.questionId, kind: "remove" });
      continue;
    }
    // A hint the officer changed by hand stays; the standard hint follows the wording.
    const hint = q.current.hint === before.wording!.hint ? target.hint : q.current.hint;
    if (target.text !== q.current.text || hint !== q.current.hint) changes.push({ questionId: q.questionId, kind: "set", text: target.text, hint });
  }
  return changes;
}
