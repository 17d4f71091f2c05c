/**
 * The deliberative survey builder: questions of a round (add, edit, delete, move,
 * "rate every outcome"), round settings and setting up the next round from the
 * previous round's result. Every change checks the lifecycle rule (questions are
 * locked once a round has responses or is closed) inside its transaction, and is audited.
 */
import { type DB, inTransaction } from "../db.server";
import { checkQuestionsEditable, type QuestionLockReason } from "../domain/consultation/lifecycle";
import { allow, refuse, type Decision } from "../domain/decision";
import { defaultNextRoundOutcomes, selectNextRoundOutcomes, type Consensus, type NextRoundDefault } from "../domain/consultation/next-round";
import { conditionsOutOfOrder, conditionValuesFor, type QuestionDraft } from "../domain/survey/question-form";
import { STAKEHOLDER_GROUPS, type PROFILE_FIELDS } from "../domain/survey/questions";
import { ratingQuestionText, type RatingWording } from "../domain/survey/rating-wording";
import { resources, SUPPORTED_LOCALES } from "../i18n/config";
import { appendAudit } from "../repos/audit.server";
import { ensureSurvey, listRoundOverviews, type RoundOverview } from "../repos/consultation-admin.server";
import { listRatingWordings } from "../repos/outcomes.server";
import { findResult } from "../repos/results.server";
import {
  deleteQuestion,
  findQuestionInRound,
  findSurveyId,
  insertQuestion,
  insertRound,
  listOutcomesForBuilder,
  listQuestionsOfRound,
  listQuestionTranslationsOfRound,
  moveQuestion,
  replaceQuestionTranslations,
  updateQuestion,
  updateRoundSettings,
  type OutcomeForBuilder,
} from "../repos/survey-builder.server";
import type { Actor } from "../domain/actor";

export type BuilderRefusal = QuestionLockReason | "no-round" | "no-question" | "condition-order" | "at-edge" | "no-outcomes";

export async function findRound(db: DB, consultationId: number, number: number): Promise<RoundOverview | undefined> {
  return (await listRoundOverviews(db, [consultationId])).find((r) => r.number === number);
}

/** The interface's standard rating question wording per language (citizen namespace), with [outcome]. */
export function standardRatingWording(): Record<string, RatingWording> {
  const out: Record<string, RatingWording> = {};
  for (const locale of SUPPORTED_LOCALES) {
    const w = (resources as unknown as Record<string, { citizen: { ratingWording?: RatingWording } }>)[locale]?.citizen.ratingWording;
    if (w?.text) out[locale] = { text: w.text, hint: w.hint ?? "" };
  }
  return out;
}

/** The consultation's rating question wording per language: the officer's, else the standard one. */
export async function ratingWordings(db: DB, consultationId: number): Promise<Record<string, RatingWording>> {
  const out = standardRatingWording();
  for (const row of await listRatingWordings(db, consultationId)) out[row.locale] = { text: row.text, hint: row.hint };
  return out;
}

type StakeholderDefaults = { text: string } & Record<(typeof STAKEHOLDER_GROUPS)[number], string>;

/**
 * What a new profile question's form starts with. For stakeholder group: the question and the
 * four fixed groups, in order, in every language (the citizen namespace's wording); other
 * profile fields start empty.
 */
export function profileQuestionDefaults(field: (typeof PROFILE_FIELDS)[number]): Record<string, string> {
  const values: Record<string, string> = { profileField: field };
  if (field !== "stakeholderGroup") return values;
  for (const locale of SUPPORTED_LOCALES) {
    const d = (resources as unknown as Record<string, { citizen: { profileDefaults?: { stakeholderGroup?: StakeholderDefaults } } }>)[locale]?.citizen
      .profileDefaults?.stakeholderGroup;
    if (!d) continue;
    values[`text-${locale}`] = d.text;
    values[`choices-${locale}`] = STAKEHOLDER_GROUPS.map((g) => d[g]).join("\n");
  }
  return values;
}

async function audit(db: DB, actor: Actor, now: Date, action: string, entityType: string, entityId: number, details: Record<string, unknown>) {
  await appendAudit(db, { at: now, actorUserId: actor.userId, partnershipId: actor.partnershipId, action, entityType, entityId, details });
}

/** Runs `change` on an editable round, inside one transaction. */
async function withEditableRound<T>(
  db: DB,
  consultationId: number,
  roundNumber: number,
  change: (t: DB, round: RoundOverview) => Promise<Decision<BuilderRefusal> & { value?: T }>,
): Promise<Decision<BuilderRefusal> & { value?: T }> {
  return await inTransaction(db, async (t) => {
    const round = await findRound(t, consultationId, roundNumber);
    if (!round) return { ok: false, reason: "no-round" } as const;
    const editable = checkQuestionsEditable(round);
    if (!editable.ok) return editable;
    return await change(t, round);
  });
}

/** Adds (questionId null) or replaces a question; throws ConditionOrderError to roll back. */
async function saveQuestionInTransaction(
  db: DB,
  input: { actor: Actor; consultationId: number; roundNumber: number; questionId: number | null; question: QuestionDraft },
  now: Date,
): Promise<Decision<BuilderRefusal> & { value?: number }> {
  return await withEditableRound<number>(db, input.consultationId, input.roundNumber, async (t, round) => {
    const { translations, ...values } = input.question;
    let id = input.questionId;
    if (id === null) id = await insertQuestion(t, round.id, values);
    else {
      if (!(await findQuestionInRound(t, round.id, id))) return { ok: false, reason: "no-question" };
      await updateQuestion(t, round.id, id, values);
      await dropStaleConditions(t, round.id, id, values.config);
    }
    if (conditionsOutOfOrder(await listQuestionsOfRound(t, round.id)).length > 0) throw new ConditionOrderError();
    await replaceQuestionTranslations(t, id, translations);
    await audit(t, input.actor, now, input.questionId === null ? "question.created" : "question.updated", "question", id, {
      round: round.number,
      type: values.type,
    });
    return { ok: true, value: id };
  });
}

class ConditionOrderError extends Error {}

/** Conditions on a changed question's choices that no longer exist are removed (the answer could never match). */
async function dropStaleConditions(t: DB, roundId: number, questionId: number, config: Record<string, unknown>) {
  const choices = Array.isArray(config.choices) ? (config.choices as string[]) : null;
  for (const q of await listQuestionsOfRound(t, roundId)) {
    if (q.conditionQuestionId !== questionId || q.conditionValue === null) continue;
    const stillThere = choices ? choices.includes(q.conditionValue) : /^[1-5]$/.test(q.conditionValue);
    if (!stillThere) await updateQuestion(t, roundId, q.id, { ...q, conditionQuestionId: null, conditionValue: null });
  }
}

export async function removeQuestion(
  db: DB,
  input: { actor: Actor; consultationId: number; roundNumber: number; questionId: number },
  now: Date,
): Promise<Decision<BuilderRefusal>> {
  return await withEditableRound(db, input.consultationId, input.roundNumber, async (t, round) => {
    if (!(await findQuestionInRound(t, round.id, input.questionId))) return { ok: false, reason: "no-question" };
    await deleteQuestion(t, round.id, input.questionId);
    await audit(t, input.actor, now, "question.deleted", "question", input.questionId, { round: round.number });
    return { ok: true };
  });
}

export async function reorderQuestion(
  db: DB,
  input: { actor: Actor; consultationId: number; roundNumber: number; questionId: number; direction: "up" | "down" },
  now: Date,
): Promise<Decision<BuilderRefusal>> {
  try {
    return await withEditableRound(db, input.consultationId, input.roundNumber, async (t, round) => {
      if (!(await findQuestionInRound(t, round.id, input.questionId))) return { ok: false, reason: "no-question" };
      if (!(await moveQuestion(t, round.id, input.questionId, input.direction))) return { ok: false, reason: "at-edge" };
      if (conditionsOutOfOrder(await listQuestionsOfRound(t, round.id)).length > 0) throw new ConditionOrderError();
      await audit(t, input.actor, now, "question.moved", "question", input.questionId, { round: round.number, direction: input.direction });
      return { ok: true };
    });
  } catch (e) {
    if (e instanceof ConditionOrderError) return { ok: false, reason: "condition-order" };
    throw e;
  }
}

/** Adds (questionId null) or replaces a question; one whose condition would not point at an earlier question is refused. */
export async function saveQuestion(...args: Parameters<typeof saveQuestionInTransaction>): ReturnType<typeof saveQuestionInTransaction> {
  try {
    return await saveQuestionInTransaction(...args);
  } catch (e) {
    if (e instanceof ConditionOrderError) return { ok: false, reason: "condition-order" };
    throw e;
  }
}

/** A rating question's text in every language that has both the outcome's statement and a wording. */
function ratingTranslations(o: OutcomeForBuilder, wordings: Record<string, RatingWording>) {
  return Object.entries(wordings)
    .filter(([locale]) => o.statements[locale])
    .map(([locale, wording]) => ({ locale, text: ratingQuestionText(wording, o.statements[locale]), hint: wording.hint, options: {} }));
}

/** Adds a rating question for every active outcome not yet rated in the round, grouped by domain (library order). */
export async function addRatingsForAllOutcomes(
  db: DB,
  input: { actor: Actor; consultationId: number; roundNumber: number },
  now: Date,
): Promise<Decision<BuilderRefusal> & { value?: number }> {
  return await withEditableRound<number>(db, input.consultationId, input.roundNumber, async (t, round) => {
    const wordings = await ratingWordings(t, input.consultationId);
    const rated = new Set((await listQuestionsOfRound(t, round.id)).filter((q) => q.type === "rating").map((q) => q.outcomeId));
    const missing = (await listOutcomesForBuilder(t, input.consultationId)).filter((o) => o.status === "active" && !rated.has(o.id) && o.statements.en);
    if (missing.length === 0) return { ok: false, reason: "no-outcomes" };
    for (const o of missing) {
      const id = await insertQuestion(t, round.id, {
        type: "rating",
        required: true,
        outcomeId: o.id,
        config: { scale: "grade-1-9", allowUnable: true },
        conditionQuestionId: null,
        conditionValue: null,
      });
      await replaceQuestionTranslations(t, id, ratingTranslations(o, wordings));
    }
    await audit(t, input.actor, now, "questions.ratings-added", "round", round.id, { round: round.number, count: missing.length });
    return { ok: true, value: missing.length };
  });
}

/** A consultation without rounds (e.g. created before the builder) gets its survey and a draft round 1. */
export async function createFirstRound(db: DB, input: { actor: Actor; consultationId: number }, now: Date): Promise<boolean> {
  return await inTransaction(db, async (t) => {
    if ((await listRoundOverviews(t, [input.consultationId])).length > 0) return false;
    const surveyId = (await findSurveyId(t, input.consultationId)) ?? (await ensureSurvey(t, input.consultationId));
    const roundId = await insertRound(t, { surveyId, number: 1 });
    await audit(t, input.actor, now, "round.created", "round", roundId, { number: 1 });
    return true;
  });
}

export interface RoundSettings {
  showFeedback: boolean;
  feedbackBy: "overall" | "stakeholder-group";
  allowNewParticipants: boolean;
  opensAt: Date | null;
  closesAt: Date | null;
}

/** Feedback, new participants and dates: may change until the round closes. */
export async function saveRoundSettings(
  db: DB,
  input: { actor: Actor; consultationId: number; roundNumber: number; settings: RoundSettings },
  now: Date,
): Promise<Decision<BuilderRefusal | "round-closed">> {
  return await inTransaction(db, async (t) => {
    const round = await findRound(t, input.consultationId, input.roundNumber);
    if (!round) return { ok: false, reason: "no-round" } as const;
    if (round.status === "closed") return { ok: false, reason: "round-closed" } as const;
    await updateRoundSettings(t, round.id, input.settings);
    await audit(t, input.actor, now, "round.settings-updated", "round", round.id, {
      ...input.settings,
      opensAt: input.settings.opensAt?.toISOString() ?? null,
      closesAt: input.settings.closesAt?.toISOString() ?? null,
    });
    return { ok: true };
  });
}

export interface NextRoundPlan {
  previous: { number: number; status: string; responseCount: number; resultVersion: number | null };
  outcomes: Array<NextRoundDefault & { statement: string; domain: string; source: string; percentCritical: number | null; inPreviousRound: boolean }>;
}

/**
 * What the next round would start from: the latest round (which must have been opened and
 * be the last), its latest computed result, and each outcome's default (carry forward
 * without consensus, add new active outcomes, drop consensus in/out).
 */
export async function planNextRound(
  db: DB,
  consultationId: number,
  locale: string,
): Promise<Decision<"no-previous-round" | "draft-round-exists", NextRoundPlan>> {
  const rounds = await listRoundOverviews(db, [consultationId]);
  const previous = rounds.at(-1);
  if (!previous) return refuse("no-previous-round");
  if (previous.status === "draft") return refuse("draft-round-exists");
  const result = await findResult(db, previous.id);
  const items = (result?.result as { items?: Array<{ code: string; consensus: Consensus; percentCritical: number }> } | undefined)?.items ?? [];
  const rated = new Set((await listQuestionsOfRound(db, previous.id)).filter((q) => q.type === "rating").map((q) => q.outcomeId));
  const outcomes = await listOutcomesForBuilder(db, consultationId);
  const defaults = defaultNextRoundOutcomes(
    outcomes.map((o) => ({
      id: o.id,
      code: o.code,
      status: o.status,
      inPreviousRound: rated.has(o.id),
      consensus: result ? (items.find((i) => i.code === o.code)?.consensus ?? null) : null,
    })),
  );
  return allow({
    previous: { number: previous.number, status: previous.status, responseCount: previous.responseCount, resultVersion: result?.version ?? null },
    outcomes: defaults.map((d, i) => {
      const o = outcomes[i];
      const item = items.find((x) => x.code === o.code);
      return {
        ...d,
        statement: o.statements[locale] ?? o.statements.en ?? o.code,
        domain: o.domainName,
        source: o.source,
        percentCritical: item ? item.percentCritical : null,
        inPreviousRound: rated.has(o.id),
      };
    }),
  });
}

/**
 * Creates the next round (draft) with rating questions for the chosen outcomes (library
 * order; wording copied from the previous round when it rated the same outcome, so
 * scores match by outcome), optionally a copy of the previous round's other questions
 * (conditions kept where their question is copied too), and the feedback settings.
 */
export async function createNextRound(
  db: DB,
  input: { actor: Actor; consultationId: number; outcomeIds: number[]; copyOtherQuestions: boolean; settings: Omit<RoundSettings, "opensAt" | "closesAt"> },
  now: Date,
): Promise<Decision<"no-previous-round" | "draft-round-exists" | "none-selected" | "unknown-outcome", { number: number }>> {
  return await inTransaction(db, async (t) => {
    const wordings = await ratingWordings(t, input.consultationId);
    const rounds = await listRoundOverviews(t, [input.consultationId]);
    const previous = rounds.at(-1);
    if (!previous) return refuse("no-previous-round");
    if (previous.status === "draft") return refuse("draft-round-exists");
    const outcomes = await listOutcomesForBuilder(t, input.consultationId);
    const prevQuestions = await listQuestionsOfRound(t, previous.id);
    const rated = new Set(prevQuestions.filter((q) => q.type === "rating").map((q) => q.outcomeId));
    const chosen = selectNextRoundOutcomes(
      outcomes.map((o) => ({ id: o.id, code: o.code, status: o.status, inPreviousRound: rated.has(o.id), consensus: null })),
      input.outcomeIds,
    );
    if (!chosen.ok) return chosen;
    const surveyId = (await findSurveyId(t, input.consultationId))!;
    const number = previous.number + 1;
    const roundId = await insertRound(t, { surveyId, number, ...input.settings });
    const prevTexts = await listQuestionTranslationsOfRound(t, previous.id);
    for (const outcomeId of chosen.ids) {
      const o = outcomes.find((x) => x.id === outcomeId)!;
      const before = prevQuestions.find((q) => q.type === "rating" && q.outcomeId === outcomeId);
      const id = await insertQuestion(t, roundId, {
        type: "rating",
        required: before?.required ?? true,
        outcomeId,
        config: before?.config ?? { scale: "grade-1-9", allowUnable: true },
        conditionQuestionId: null,
        conditionValue: null,
      });
      // The previous round's words where it had them; languages it lacked get the standard wording.
      const copied = before ? prevTexts.filter((x) => x.questionId === before.id).map(({ questionId: _q, ...rest }) => rest) : [];
      const filled = ratingTranslations(o, wordings).filter((x) => !copied.some((c) => c.locale === x.locale));
      await replaceQuestionTranslations(t, id, [...copied, ...filled]);
    }
    if (input.copyOtherQuestions) {
      const newIds = new Map<number, number>();
      for (const q of prevQuestions.filter((x) => x.type !== "rating")) {
        const conditionQuestionId = q.conditionQuestionId !== null ? (newIds.get(q.conditionQuestionId) ?? null) : null;
        const id = await insertQuestion(t, roundId, {
          type: q.type,
          required: q.required,
          outcomeId: q.outcomeId,
          config: q.config,
          conditionQuestionId,
          conditionValue: conditionQuestionId === null ? null : q.conditionValue,
        });
        newIds.set(q.id, id);
        await replaceQuestionTranslations(
          t,
          id,
          prevTexts.filter((x) => x.questionId === q.id).map(({ questionId: _q, ...rest }) => rest),
        );
      }
    }
    await audit(t, input.actor, now, "round.created", "round", roundId, {
      number,
      fromRound: previous.number,
      outcomeIds: chosen.ids,
      copyOtherQuestions: input.copyOtherQuestions,
      ...input.settings,
    });
    return allow({ number });
  });
}

export interface ConditionChoice {
  value: string;
  position: number;
  questionText: string;
  choice: string;
  /** Likert points are labelled by the interface, choice keys by the question's English label. */
  likert: boolean;
}

/**
 * What the question form needs: the locales, the consultation's active outcomes, and the
 * answers of earlier questions a condition may test (questions before `questionId`, or
 * all of them for a new question).
 */
export async function questionFormData(db: DB, consultationId: number, roundId: number, questionId: number | null, locale: string) {
  const all = await listQuestionsOfRound(db, roundId);
  const index = questionId === null ? all.length : all.findIndex((q) => q.id === questionId);
  const earlier = all.slice(0, Math.max(0, index));
  const texts = await listQuestionTranslationsOfRound(db, roundId);
  const english = (id: number) => texts.find((x) => x.questionId === id && x.locale === "en");
  const conditionChoices: ConditionChoice[] = earlier.flatMap((q, i) =>
    conditionValuesFor(q).map((value) => ({
      value: `${q.id}:${value}`,
      position: i + 1,
      questionText: english(q.id)?.text ?? "",
      choice: q.type === "likert" ? value : (english(q.id)?.options[value] ?? value),
      likert: q.type === "likert",
    })),
  );
  const outcomes = (await listOutcomesForBuilder(db, consultationId)).filter((o) => o.status === "active");
  return {
    outcomes: outcomes.map((o) => ({ id: o.id, code: o.code, statement: o.statements[locale] ?? o.statements.en ?? "", domain: o.domainName })),
    conditionChoices,
    context: {
      earlier,
      takenOutcomeIds: all.filter((q) => q.type === "rating" && q.id !== questionId && q.outcomeId !== null).map((q) => q.outcomeId as number),
      outcomeIds: outcomes.map((o) => o.id),
      ratingWording: await ratingWordings(db, consultationId),
      statements: Object.fromEntries(outcomes.map((o) => [o.id, o.statements])),
    },
    translations: questionId === null ? [] : texts.filter((x) => x.questionId === questionId),
    question: questionId === null ? null : (all[index] ?? null),
  };
}

// Reads the routes use, passed through unchanged: services are the routes' only way to the data.
export { listOutcomesForBuilder, listQuestionTranslationsOfRound, listQuestionsOfRound } from "../repos/survey-builder.server";
