/**
 * Theming citizens' free text (officers; commissioners read): the themes pages' view models, the
 * officer's decisions on the engine's suggestions, the review queue and candidate outcomes
 * written from a theme. Every change is one transaction with its audit entry; audit details
 * never hold the participant's words. The engine runs in the background (theme-runs.server.ts).
 */
import { and, eq, inArray, isNull } from "drizzle-orm";
import { answers, answerThemes, approvedQuotes, candidateOutcomes, codebookThemes, outcomeProvenance, responses, users } from "../../db/tables";
import { type DB, inTransaction } from "../db.server";
import type { ConsultationActor } from "../domain/actor";
import { allow, allowed, refuse, type Decision } from "../domain/decision";
import type { OutcomeForm } from "../domain/outcome-form";
import { auditConsultation } from "../repos/audit.server";
import { createOutcome } from "./outcomes.server";
import { insertTheme, listThemes, outcomeCodes, themeNameTaken } from "../repos/moderation.server";
import {
  activeThemeRun,
  closeOpenSuggestions,
  decideSuggestions,
  enqueueThemeRun,
  findSuggestion,
  latestThemeRun,
  machineCodingsFor,
  openSuggestions,
  personCodingsFor,
  recordPersonCoding,
  themableAnswers,
  themableQuestions,
  type ThemableQuestion,
  type ThemeRun,
} from "../repos/themes.server";

export async function listThemableQuestions(db: DB, consultationId: number, locale: string): Promise<ThemableQuestion[]> {
  return await themableQuestions(db, consultationId, locale);
}

export async function findThemableQuestion(db: DB, consultationId: number, questionId: number, locale: string): Promise<ThemableQuestion | undefined> {
  return (await themableQuestions(db, consultationId, locale)).find((q) => q.id === questionId);
}

export interface RunView {
  id: number;
  status: ThemeRun["status"];
  phase: string;
  processed: number;
  total: number;
  finishedAt: string | null;
  result: Record<string, unknown> | null;
}

function runView(r: ThemeRun | undefined): RunView | null {
  return r
    ? {
        id: r.id,
        status: r.status,
        phase: r.phase,
        processed: r.processed,
        total: r.total,
        finishedAt: r.finishedAt?.toISOString() ?? null,
        result: r.result ?? null,
      }
    : null;
}

/** The question page: the latest runs, open suggestions with example answers, the codebook's size. */
export async function questionThemesPage(db: DB, consultationId: number, question: ThemableQuestion) {
  const suggest = await latestThemeRun(db, consultationId, question.id, "suggest");
  const assign = await latestThemeRun(db, consultationId, question.id, "assign");
  const active = await activeThemeRun(db, consultationId, question.id, "suggest");
  const suggestions = await openSuggestions(db, consultationId, question.id);
  const exemplarIds = [...new Set(suggestions.flatMap((s) => s.exemplarAnswerIds))];
  const texts = new Map((await themableAnswers(db, consultationId, question.id, exemplarIds)).map((a) => [a.answerId, a.text]));
  const activeAssign = await activeThemeRun(db, consultationId, question.id, "assign");
  const codebook = await listThemes(db, consultationId);
  return {
    suggestRun: runView(active ?? suggest),
    assignRun: runView(activeAssign ?? assign),
    lastAssign: runView(assign?.status === "done" ? assign : undefined),
    suggestions: suggestions.map((s) => ({
      id: s.id,
      label: s.label,
      keywords: s.keywords,
      size: s.size,
      examples: s.exemplarAnswerIds.map((id) => texts.get(id)).filter((t): t is string => !!t),
    })),
    codebookSize: codebook.length,
  };
}

export async function requestSuggestions(db: DB, a: ConsultationActor & { questionId: number; k?: number }, now: Date): Promise<number> {
  return await inTransaction(db, async (tx) => {
    // A fresh set of suggestions replaces the ones not yet decided.
    await closeOpenSuggestions(tx, a.consultationId, a.questionId, now, a.actor.userId);
    const id = await enqueueThemeRun(
      tx,
      {
        consultationId: a.consultationId,
        questionId: a.questionId,
        kind: "suggest",
        requestedBy: a.actor.userId,
        parameters: a.k ? { k: a.k, seed: 1 } : { seed: 1 },
      },
      now,
    );
    await auditConsultation(tx, a, "themes.suggest-requested", "question", a.questionId, { runId: id, k: a.k ?? null }, now);
    return id;
  });
}

export async function requestAssignment(db: DB, a: ConsultationActor & { questionId: number }, now: Date): Promise<Decision<"no-codebook", number>> {
  return await inTransaction(db, async (tx): Promise<Decision<"no-codebook", number>> => {
    if ((await listThemes(tx, a.consultationId)).length === 0) return refuse("no-codebook");
    const id = await enqueueThemeRun(
      tx,
      { consultationId: a.consultationId, questionId: a.questionId, kind: "assign", requestedBy: a.actor.userId, parameters: { seed: 1 } },
      now,
    );
    await auditConsultation(tx, a, "themes.assign-requested", "question", a.questionId, { runId: id }, now);
    return allow(id);
  });
}

type SuggestionDecision = Decision<"missing" | "taken">;

/** Accepts one or more open suggestions as one codebook theme named `name` (merge = several). */
export async function acceptSuggestions(
  db: DB,
  a: ConsultationActor & { questionId: number; suggestionIds: number[]; name: string },
  now: Date,
): Promise<SuggestionDecision> {
  return await inTransaction(db, async (tx): Promise<SuggestionDecision> => {
    const found: Awaited<ReturnType<typeof findSuggestion>>[] = [];
    for (const id of a.suggestionIds) found.push(await findSuggestion(tx, a.consultationId, a.questionId, id));
    if (found.length === 0 || found.some((s) => !s || s.status !== "open")) return refuse("missing");
    if (await themeNameTaken(tx, a.consultationId, a.name)) return refuse("taken");
    const keywords = [...new Set(found.flatMap((s) => s!.keywords))].slice(0, 12);
    const themeId = await insertTheme(tx, a.consultationId, a.name, keywords.join(", "));
    await decideSuggestions(tx, [a.suggestionIds[0]], { status: "accepted", themeId, decidedBy: a.actor.userId, decidedAt: now });
    await decideSuggestions(tx, a.suggestionIds.slice(1), { status: "merged", themeId, decidedBy: a.actor.userId, decidedAt: now });
    await auditConsultation(
      tx,
      a,
      a.suggestionIds.length > 1 ? "themes.suggestions-merged" : "themes.suggestion-accepted",
      "codebook-theme",
      themeId,
      { name: a.name, suggestionIds: a.suggestionIds },
      now,
    );
    // The machine codes every answer against the codebook now that it has grown.
    await enqueueThemeRun(
      tx,
      { consultationId: a.consultationId, questionId: a.questionId, kind: "assign", requestedBy: a.actor.userId, parameters: { seed: 1 } },
      now,
    );
    return allowed;
  });
}

export async function discardSuggestion(db: DB, a: ConsultationActor & { questionId: number; suggestionId: number }, now: Date): Promise<Decision<"missing">> {
  return await inTransaction(db, async (tx): Promise<Decision<"missing">> => {
    const s = await findSuggestion(tx, a.consultationId, a.questionId, a.suggestionId);
    if (!s || s.status !== "open") return refuse("missing");
    await decideSuggestions(tx, [s.id], { status: "discarded", themeId: null, decidedBy: a.actor.userId, decidedAt: now });
    await auditConsultation(tx, a, "themes.suggestion-discarded", "theme-suggestion", s.id, { label: s.label }, now);
    return allowed;
  });
}

/** Splits a suggestion in two: a new run clusters just its answers into two themes. */
export async function splitSuggestion(
  db: DB,
  a: ConsultationActor & { questionId: number; suggestionId: number },
  now: Date,
): Promise<Decision<"missing" | "too-small">> {
  return await inTransaction(db, async (tx): Promise<Decision<"missing" | "too-small">> => {
    const s = await findSuggestion(tx, a.consultationId, a.questionId, a.suggestionId);
    if (!s || s.status !== "open") return refuse("missing");
    if (s.memberAnswerIds.length < 4) return refuse("too-small");
    await decideSuggestions(tx, [s.id], { status: "split", themeId: null, decidedBy: a.actor.userId, decidedAt: now });
    const runId = await enqueueThemeRun(
      tx,
      {
        consultationId: a.consultationId,
        questionId: a.questionId,
        kind: "suggest",
        requestedBy: a.actor.userId,
        parameters: { k: 2, seed: 1, answerIds: s.memberAnswerIds, splitOf: s.id },
      },
      now,
    );
    await auditConsultation(tx, a, "themes.suggestion-split", "theme-suggestion", s.id, { runId }, now);
    return allowed;
  });
}

// ── The review queue ─────────────────────────────────────────────────────────
export interface ReviewItem {
  answerId: number;
  text: string;
  group: string;
  channel: string;
  /** The machine's themes, most confident first. */
  machine: { themeId: number; confidence: number }[];
  machineAt: string | null;
  person: { themeIds: number[]; reviewedBy: number | null; reviewedAt: string } | null;
}

/**
 * The answer to review: `answerId` when given (it must be the question's), otherwise the next
 * unreviewed one — least-confident machine suggestion first, answers the machine has not coded
 * after them, by id. With the progress counts. Null item when all are reviewed.
 */
export async function reviewQueue(
  db: DB,
  consultationId: number,
  questionId: number,
  answerId?: number,
): Promise<{ item: ReviewItem | null; reviewed: number; total: number } | "missing"> {
  const answers = await themableAnswers(db, consultationId, questionId);
  const ids = answers.map((x) => x.answerId);
  const person = await personCodingsFor(db, ids);
  const machine = await machineCodingsFor(db, ids);
  let pick = answerId !== undefined ? answers.find((x) => x.answerId === answerId) : undefined;
  if (answerId !== undefined && !pick) return "missing";
  if (!pick) {
    const waiting = answers.filter((x) => !person.has(x.answerId));
    waiting.sort((x, y) => {
      const cx = machine.get(x.answerId)?.[0]?.confidence;
      const cy = machine.get(y.answerId)?.[0]?.confidence;
      if (cx === undefined && cy === undefined) return x.answerId - y.answerId;
      if (cx === undefined) return 1;
      if (cy === undefined) return -1;
      return cx - cy || x.answerId - y.answerId;
    });
    pick = waiting[0];
  }
  const total = answers.length;
  const reviewed = answers.filter((x) => person.has(x.answerId)).length;
  if (!pick) return { item: null, reviewed, total };
  const m = machine.get(pick.answerId) ?? [];
  const p = person.get(pick.answerId);
  return {
    item: {
      answerId: pick.answerId,
      text: pick.text,
      group: pick.group,
      channel: pick.channel,
      machine: m.map((x) => ({ themeId: x.themeId, confidence: x.confidence })),
      machineAt: m[0]?.codedAt.toISOString() ?? null,
      person: p ? { themeIds: p.themeIds, reviewedBy: p.reviewedBy, reviewedAt: p.reviewedAt.toISOString() } : null,
    },
    reviewed,
    total,
  };
}

/** The review page: the queue's answer and progress, the codebook's themes, and who reviewed the answer shown. */
export async function reviewPage(db: DB, consultationId: number, questionId: number, answerId?: number) {
  const queue = await reviewQueue(db, consultationId, questionId, answerId);
  if (queue === "missing") return "missing" as const;
  const reviewedBy = queue.item?.person?.reviewedBy;
  const reviewer = reviewedBy ? ((await db.select({ name: users.displayName }).from(users).where(eq(users.id, reviewedBy)))[0]?.name ?? null) : null;
  return { ...queue, themes: await codebookChoices(db, consultationId), reviewer };
}

/** The codebook's themes as choices (id and name), by name. */
export async function codebookChoices(db: DB, consultationId: number): Promise<{ id: number; name: string }[]> {
  return (await listThemes(db, consultationId)).map((t) => ({ id: t.id, name: t.name }));
}

/** A person confirms or corrects an answer's themes (none allowed); the machine then re-scores the rest. */
export async function confirmCoding(
  db: DB,
  a: ConsultationActor & { questionId: number; answerId: number; themeIds: number[] },
  now: Date,
): Promise<Decision<"missing" | "unknown-theme", number[]>> {
  return await inTransaction(db, async (tx): Promise<Decision<"missing" | "unknown-theme", number[]>> => {
    if (!(await themableAnswers(tx, a.consultationId, a.questionId, [a.answerId])).length) return refuse("missing");
    const own = new Set((await listThemes(tx, a.consultationId)).map((x) => x.id));
    if (a.themeIds.some((id) => !own.has(id))) return refuse("unknown-theme");
    const set = await recordPersonCoding(tx, a.consultationId, a.answerId, [...new Set(a.themeIds)], a.actor.userId, now);
    await auditConsultation(tx, a, "themes.answer-coded", "answer", a.answerId, { themeIds: set }, now);
    await enqueueThemeRun(
      tx,
      { consultationId: a.consultationId, questionId: a.questionId, kind: "assign", requestedBy: a.actor.userId, parameters: { seed: 1 } },
      now,
    );
    return allow(set);
  });
}

// ── A candidate outcome from a theme ─────────────────────────────────────────
export interface ThemeForOutcome {
  id: number;
  name: string;
  description: string;
  answers: number;
  quotes: { id: number; text: string }[];
  outcomes: { code: string }[];
}

/** A codebook theme with the answers a person tagged with it and their approved quotes (not withdrawn). */
export async function themeForOutcome(db: DB, consultationId: number, themeId: number): Promise<ThemeForOutcome | undefined> {
  const [theme] = await db
    .select({ id: codebookThemes.id, name: codebookThemes.name, description: codebookThemes.description })
    .from(codebookThemes)
    .where(and(eq(codebookThemes.id, themeId), eq(codebookThemes.consultationId, consultationId)));
  if (!theme) return undefined;
  const answerIds = (await db.select({ id: answerThemes.answerId }).from(answerThemes).where(eq(answerThemes.themeId, themeId))).map((r) => r.id);
  const quotes = answerIds.length
    ? await db
        .select({ id: approvedQuotes.id, text: approvedQuotes.text })
        .from(approvedQuotes)
        .where(and(eq(approvedQuotes.consultationId, consultationId), inArray(approvedQuotes.answerId, answerIds), isNull(approvedQuotes.withdrawnAt)))
        .orderBy(approvedQuotes.id)
    : [];
  const outcomes = await db.select({ outcomeId: outcomeProvenance.outcomeId }).from(outcomeProvenance).where(eq(outcomeProvenance.themeId, themeId));
  const codes = outcomes.length
    ? await codesOf(
        db,
        outcomes.map((o) => o.outcomeId),
      )
    : [];
  return { ...theme, answers: answerIds.length, quotes, outcomes: codes.map((code) => ({ code })) };
}

/** A code not yet in the library: T1, T2, … ("T" for theme). */
function suggestedCode(taken: readonly string[]): string {
  const used = new Set(taken.map((c) => c.toLowerCase()));
  for (let n = 1; ; n++) if (!used.has(`t${n}`)) return `T${n}`;
}

/** The candidate outcome form for a theme: the theme, and the form pre-filled from it with a free code. */
export async function outcomeFromThemeForm(db: DB, consultationId: number, themeId: number) {
  const theme = await themeForOutcome(db, consultationId, themeId);
  if (!theme) return undefined;
  return {
    theme,
    defaults: { code: suggestedCode(await outcomeCodes(db, consultationId)), statement: theme.name, description: theme.description, source: "" },
  };
}

async function codesOf(db: DB, outcomeIds: number[]): Promise<string[]> {
  return (
    await db.select({ code: candidateOutcomes.code }).from(candidateOutcomes).where(inArray(candidateOutcomes.id, outcomeIds)).orderBy(candidateOutcomes.code)
  ).map((r) => r.code);
}

type OutcomeFromThemeRefusal = "missing" | "quote" | "code-taken" | "domain";

/**
 * Writes a candidate outcome from a codebook theme: the outcome through the library's own
 * creation (code, domain, text, audit, content version), and its provenance — the theme and its
 * name now, the question, how many answers carry it, the approved quotes chosen (up to 3).
 */
export async function createOutcomeFromTheme(
  db: DB,
  a: ConsultationActor & { themeId: number; form: OutcomeForm; quoteIds: number[] },
  now: Date,
): Promise<Decision<OutcomeFromThemeRefusal, { code: string }>> {
  return await inTransaction(db, async (tx): Promise<Decision<OutcomeFromThemeRefusal, { code: string }>> => {
    const theme = await themeForOutcome(tx, a.consultationId, a.themeId);
    if (!theme) return refuse("missing");
    const quotable = new Set(theme.quotes.map((q) => q.id));
    const quoteIds = [...new Set(a.quoteIds)];
    if (quoteIds.length > 3 || quoteIds.some((id) => !quotable.has(id))) return refuse("quote");
    const r = await createOutcome(tx, { actor: a.actor, consultationId: a.consultationId, form: a.form }, now);
    if (!r.ok) return refuse(r.reason === "domain" ? "domain" : "code-taken");
    const [outcome] = await tx
      .select({ id: candidateOutcomes.id })
      .from(candidateOutcomes)
      .where(and(eq(candidateOutcomes.consultationId, a.consultationId), eq(candidateOutcomes.code, r.value.code)));
    await tx.insert(outcomeProvenance).values({
      outcomeId: outcome!.id,
      themeId: theme.id,
      themeName: theme.name,
      questionId: null,
      answerCount: theme.answers,
      quoteIds,
      createdBy: a.actor.userId,
      createdAt: now,
    });
    await auditConsultation(
      tx,
      a,
      "themes.outcome-from-theme",
      "candidate-outcome",
      outcome!.id,
      { code: r.value.code, themeId: theme.id, answers: theme.answers, quoteIds },
      now,
    );
    return allow({ code: r.value.code });
  });
}

export interface Provenance {
  themeName: string;
  answers: number;
  /** The approved quotes chosen, as approved, in the language they were written in; withdrawn ones are left out. */
  quotes: Array<{ text: string; lang: string }>;
}

/** Where each of the given outcomes came from (only those written from a theme). */
export async function provenanceOf(db: DB, outcomeIds: readonly number[]): Promise<Map<number, Provenance>> {
  const out = new Map<number, Provenance>();
  if (!outcomeIds.length) return out;
  const rows = await db
    .select()
    .from(outcomeProvenance)
    .where(inArray(outcomeProvenance.outcomeId, [...outcomeIds]));
  const quoteIds = [...new Set(rows.flatMap((r) => r.quoteIds))];
  const quotes = new Map(
    (quoteIds.length
      ? await db
          .select({ id: approvedQuotes.id, text: approvedQuotes.text, lang: responses.locale })
          .from(approvedQuotes)
          .innerJoin(answers, eq(answers.id, approvedQuotes.answerId))
          .innerJoin(responses, eq(responses.id, answers.responseId))
          .where(and(inArray(approvedQuotes.id, quoteIds), isNull(approvedQuotes.withdrawnAt)))
      : []
    ).map((q) => [q.id, { text: q.text, lang: q.lang }]),
  );
  for (const r of rows)
    out.set(r.outcomeId, {
      themeName: r.themeName,
      answers: r.answerCount,
      quotes: r.quoteIds.map((id) => quotes.get(id)).filter((q): q is { text: string; lang: string } => !!q),
    });
  return out;
}

/** Provenance by outcome code, for pages that know outcomes by code. */
export async function provenanceByCode(db: DB, consultationId: number): Promise<Map<string, Provenance>> {
  const outcomes = await db
    .select({ id: candidateOutcomes.id, code: candidateOutcomes.code })
    .from(candidateOutcomes)
    .where(eq(candidateOutcomes.consultationId, consultationId));
  const byId = await provenanceOf(
    db,
    outcomes.map((o) => o.id),
  );
  return new Map(outcomes.filter((o) => byId.has(o.id)).map((o) => [o.code, byId.get(o.id)!]));
}

/** For a published summary: each active outcome written from a theme, in library order, with its theme, answers and chosen quotes. */
export async function publishedProvenance(db: DB, consultationId: number): Promise<Array<{ code: string } & Provenance>> {
  const outcomes = await db
    .select({ id: candidateOutcomes.id, code: candidateOutcomes.code })
    .from(candidateOutcomes)
    .where(and(eq(candidateOutcomes.consultationId, consultationId), eq(candidateOutcomes.status, "active")))
    .orderBy(candidateOutcomes.position, candidateOutcomes.id);
  const byId = await provenanceOf(
    db,
    outcomes.map((o) => o.id),
  );
  return outcomes.filter((o) => byId.has(o.id)).map((o) => ({ code: o.code, ...byId.get(o.id)! }));
}

// Reads the routes use, passed through unchanged: services are the routes' only way to the data.
export { codingsOf } from "../repos/themes.server";
