import { type DB, inTransaction } from "../db.server";
import { checkQuestionsEditable } from "../domain/consultation/lifecycle";
import type { OutcomeForm, OutcomeTranslations } from "../domain/outcome-form";
import { domainCode, type OutcomeImportRow } from "../domain/outcome-import";
import { planRatingTextChanges, type RatingTextState } from "../domain/survey/rating-wording";
import { appendAudit } from "../repos/audit.server";
import { listRoundOverviews } from "../repos/consultation-admin.server";
import {
  codeTaken,
  countOutcomes,
  ensureDomain,
  findOutcomeByCode,
  insertOutcome,
  listDomainsWithNames,
  listOutcomeTexts,
  listRatingQuestions,
  listRatingWordings,
  removeQuestionText,
  setDomainName,
  setOutcomeText,
  setQuestionText,
  setRatingWording,
  updateOutcomeRow,
  upsertOutcome,
} from "../repos/outcomes.server";
import { deleteQuestion, listOutcomesForBuilder } from "../repos/survey-builder.server";
import type { Actor } from "../domain/actor";
import { allow, allowed, refuse, type Decision } from "../domain/decision";
import { ratingWordings, standardRatingWording } from "./survey-builder.server";

/** Imports validated rows in one transaction: all or nothing. Text is stored as English. */
export async function importOutcomes(
  db: DB,
  input: { actor: Actor; consultationId: number; rows: OutcomeImportRow[] },
  now: Date,
): Promise<{ created: number; updated: number }> {
  return await inTransaction(db, async (tx) => {
    let created = 0;
    let updated = 0;
    let position = await countOutcomes(tx, input.consultationId);
    const before = await ratingTextState(tx, input.consultationId, "en");
    for (const row of input.rows) {
      const domainId = await ensureDomain(tx, input.consultationId, row.domain, domainCode(row.domain));
      const result = await upsertOutcome(tx, input.consultationId, { ...row, domainId, position: position++ });
      if (result === "created") created++;
      else updated++;
    }
    // Rating questions still being built follow a reworded statement, as with the form.
    await syncRatingTexts(tx, input.consultationId, "en", before);
    await appendAudit(tx, {
      at: now,
      actorUserId: input.actor.userId,
      partnershipId: input.actor.partnershipId,
      action: "candidate-outcomes.imported",
      entityType: "consultation",
      entityId: input.consultationId,
      details: { created, updated },
    });
    return { created, updated };
  });
}

// ── One outcome at a time: add, change, retire, reinstate; and translations ─────────────

export type OutcomeRefusal = "no-outcome" | "code-taken" | "code-locked" | "domain" | "not-active" | "not-retired";

async function audit(db: DB, actor: Actor, now: Date, action: string, entityId: number, details: Record<string, unknown>): Promise<void> {
  await appendAudit(db, { at: now, actorUserId: actor.userId, partnershipId: actor.partnershipId, action, entityType: "candidate-outcome", entityId, details });
}

/**
 * The rounds that rate an outcome: those that have asked it (responses, or closed: their
 * questions are fixed) and those whose questions may still change.
 */
async function roundsRating(db: DB, consultationId: number, outcomeId: number) {
  const overview = await listRoundOverviews(db, [consultationId]);
  const rated = (await listRatingQuestions(db, consultationId, "en")).filter((q) => q.outcomeId === outcomeId);
  const asked: number[] = [];
  const pending: Array<{ roundId: number; roundNumber: number; questionId: number }> = [];
  for (const q of rated) {
    const round = overview.find((r) => r.id === q.roundId);
    if (round && checkQuestionsEditable(round).ok) pending.push({ roundId: q.roundId, roundNumber: q.roundNumber, questionId: q.questionId });
    else asked.push(q.roundNumber);
  }
  return { asked, pending };
}

async function resolveDomain(db: DB, consultationId: number, form: OutcomeForm): Promise<number | null> {
  if (form.domain === "new") return await ensureDomain(db, consultationId, form.newDomain, domainCode(form.newDomain));
  const id = Number(form.domain);
  return (await listDomainsWithNames(db, consultationId)).some((d) => d.id === id) ? id : null;
}

/** Rewrites rating question texts in `locale` after its statements or wording changed (rating-wording.ts says which). */
async function syncRatingTexts(db: DB, consultationId: number, locale: string, before: RatingTextState): Promise<number> {
  const after = await ratingTextState(db, consultationId, locale);
  const editable = new Map((await listRoundOverviews(db, [consultationId])).map((r) => [r.id, checkQuestionsEditable(r).ok]));
  const questions = (await listRatingQuestions(db, consultationId, locale)).map((q) => ({
    questionId: q.questionId,
    outcomeId: q.outcomeId,
    editable: editable.get(q.roundId) ?? false,
    current: q.text === null ? null : { text: q.text, hint: q.hint ?? "" },
  }));
  const changes = planRatingTextChanges(questions, before, after, { mayRemove: locale !== "en" });
  for (const c of changes) {
    if (c.kind === "set") await setQuestionText(db, c.questionId, locale, c.text, c.hint);
    else await removeQuestionText(db, c.questionId, locale);
  }
  return changes.length;
}

async function ratingTextState(db: DB, consultationId: number, locale: string): Promise<RatingTextState> {
  const statements: Record<number, string> = {};
  for (const t of await listOutcomeTexts(db, consultationId)) if (t.locale === locale) statements[t.outcomeId] = t.statement;
  return { wording: (await ratingWordings(db, consultationId))[locale] ?? null, statements };
}

/** Adds one candidate outcome (English text) at the end of the library; its code is the value. */
export async function createOutcome(
  db: DB,
  input: { actor: Actor; consultationId: number; form: OutcomeForm },
  now: Date,
): Promise<Decision<"code-taken" | "domain", { code: string }>> {
  return await inTransaction(db, async (t) => {
    const { form } = input;
    if (await codeTaken(t, input.consultationId, form.code, null)) return refuse("code-taken");
    const domainId = await resolveDomain(t, input.consultationId, form);
    if (domainId === null) return refuse("domain");
    const id = await insertOutcome(t, input.consultationId, {
      code: form.code,
      domainId,
      source: form.source,
      position: await countOutcomes(t, input.consultationId),
    });
    await setOutcomeText(t, id, "en", form.statement, form.description);
    await audit(t, input.actor, now, "candidate-outcome.created", id, { code: form.code, domainId });
    return allow({ code: form.code });
  });
}

/**
 * Changes an outcome's code, domain, English statement, description and source. The code is
 * fixed once a round has asked about the outcome (results, outcome sets and published
 * summaries name it). Rating questions still being built follow a changed statement.
 */
export async function updateOutcome(
  db: DB,
  input: { actor: Actor; consultationId: number; code: string; form: OutcomeForm },
  now: Date,
): Promise<Decision<"no-outcome" | "code-locked" | "code-taken" | "domain", { code: string; questionsUpdated: number }>> {
  return await inTransaction(db, async (t) => {
    const outcome = await findOutcomeByCode(t, input.consultationId, input.code);
    if (!outcome) return refuse("no-outcome");
    const { form } = input;
    if (form.code !== outcome.code) {
      if ((await roundsRating(t, input.consultationId, outcome.id)).asked.length > 0) return refuse("code-locked");
      if (await codeTaken(t, input.consultationId, form.code, outcome.id)) return refuse("code-taken");
    }
    const domainId = await resolveDomain(t, input.consultationId, form);
    if (domainId === null) return refuse("domain");
    const before = await ratingTextState(t, input.consultationId, "en");
    const previous = (await listOutcomeTexts(t, input.consultationId)).find((x) => x.outcomeId === outcome.id && x.locale === "en");
    await updateOutcomeRow(t, input.consultationId, outcome.id, { code: form.code, domainId, source: form.source });
    await setOutcomeText(t, outcome.id, "en", form.statement, form.description);
    const questionsUpdated = await syncRatingTexts(t, input.consultationId, "en", before);
    const changed = [
      form.code !== outcome.code && "code",
      domainId !== outcome.domainId && "domain",
      form.statement !== previous?.statement && "statement",
      form.description !== (previous?.description ?? "") && "description",
      form.source !== outcome.source && "source",
    ].filter(Boolean);
    await audit(t, input.actor, now, "candidate-outcome.updated", outcome.id, { code: form.code, previousCode: outcome.code, changed, questionsUpdated });
    return allow({ code: form.code, questionsUpdated });
  });
}

/** What retiring an outcome would do: the rounds that asked it keep it; rounds being built lose its question. */
export async function retirementEffects(db: DB, consultationId: number, outcomeId: number) {
  const { asked, pending } = await roundsRating(db, consultationId, outcomeId);
  return { keptInRounds: asked, removedFromRounds: pending.map((p) => p.roundNumber) };
}

/**
 * Retires an active outcome: it is no longer offered in new rounds, its rating question is
 * taken out of rounds whose questions may still change, and rounds that asked it keep it
 * (answers, results and outcome sets are untouched).
 */
export async function retireOutcome(
  db: DB,
  input: { actor: Actor; consultationId: number; code: string; reason: string },
  now: Date,
): Promise<Decision<"no-outcome" | "not-active", { removedFromRounds: number[] }>> {
  return await inTransaction(db, async (t) => {
    const outcome = await findOutcomeByCode(t, input.consultationId, input.code);
    if (!outcome) return refuse("no-outcome");
    if (outcome.status !== "active") return refuse("not-active");
    const { asked, pending } = await roundsRating(t, input.consultationId, outcome.id);
    for (const p of pending) await deleteQuestion(t, p.roundId, p.questionId);
    await updateOutcomeRow(t, input.consultationId, outcome.id, { status: "retired" });
    const removedFromRounds = pending.map((p) => p.roundNumber);
    await audit(t, input.actor, now, "candidate-outcome.retired", outcome.id, {
      code: outcome.code,
      reason: input.reason,
      removedFromRounds,
      keptInRounds: asked,
    });
    return allow({ removedFromRounds });
  });
}

/** Brings a retired outcome back into the library (it is offered again for new rounds). */
export async function reinstateOutcome(
  db: DB,
  input: { actor: Actor; consultationId: number; code: string },
  now: Date,
): Promise<Decision<"no-outcome" | "not-retired">> {
  return await inTransaction(db, async (t) => {
    const outcome = await findOutcomeByCode(t, input.consultationId, input.code);
    if (!outcome) return refuse("no-outcome");
    if (outcome.status !== "retired") return refuse("not-retired");
    await updateOutcomeRow(t, input.consultationId, outcome.id, { status: "active" });
    await audit(t, input.actor, now, "candidate-outcome.reinstated", outcome.id, { code: outcome.code });
    return allowed;
  });
}

/** The edit form's data: the outcome with its English text, the domains, and which rounds rate it. */
export async function outcomeForEditing(db: DB, consultationId: number, code: string, locale: string) {
  const outcome = await findOutcomeByCode(db, consultationId, code);
  if (!outcome) return null;
  const en = (await listOutcomeTexts(db, consultationId)).find((x) => x.outcomeId === outcome.id && x.locale === "en");
  const { asked, pending } = await roundsRating(db, consultationId, outcome.id);
  return {
    outcome: { ...outcome, statement: en?.statement ?? "", description: en?.description ?? "" },
    domains: await listDomainChoices(db, consultationId, locale),
    askedInRounds: asked,
    pendingRounds: pending.map((p) => p.roundNumber),
  };
}

export async function listDomainChoices(db: DB, consultationId: number, locale: string) {
  return (await listDomainsWithNames(db, consultationId)).map((d) => ({ id: d.id, name: d.names[locale] ?? d.names.en ?? d.code }));
}

/** The translation form's data for `locale`: every outcome by domain with its English and its text in `locale`, and the wording. */
export async function outcomeTranslationsForm(db: DB, consultationId: number, locale: string) {
  const texts = await listOutcomeTexts(db, consultationId);
  const text = (outcomeId: number, l: string) => texts.find((x) => x.outcomeId === outcomeId && x.locale === l);
  const outcomes = await listOutcomesForBuilder(db, consultationId);
  const own = (await listRatingWordings(db, consultationId)).find((w) => w.locale === locale);
  const standard = standardRatingWording();
  const english = (await ratingWordings(db, consultationId)).en ?? null;
  const domains = await listDomainsWithNames(db, consultationId);
  return {
    wording: { english, value: own ?? standard[locale] ?? { text: "", hint: "" }, standard: standard[locale] ?? null },
    domains: domains.map((d) => ({
      id: d.id,
      english: d.names.en ?? d.code,
      value: d.names[locale] ?? "",
      outcomes: outcomes
        .filter((o) => o.domainId === d.id)
        .map((o) => ({
          id: o.id,
          code: o.code,
          status: o.status,
          english: { statement: text(o.id, "en")?.statement ?? "", description: text(o.id, "en")?.description ?? "" },
          value: { statement: text(o.id, locale)?.statement ?? "", description: text(o.id, locale)?.description ?? "" },
        })),
    })),
    // Outcomes whose domain was removed are still translatable.
    unfiled: outcomes
      .filter((o) => o.domainId === null)
      .map((o) => ({
        id: o.id,
        code: o.code,
        status: o.status,
        english: { statement: text(o.id, "en")?.statement ?? "", description: text(o.id, "en")?.description ?? "" },
        value: { statement: text(o.id, locale)?.statement ?? "", description: text(o.id, locale)?.description ?? "" },
      })),
  };
}

/**
 * Saves one language's statements, descriptions, domain names and rating question wording
 * (blank removes a translation; wording equal to the standard one is not stored, so it keeps
 * following the standard), then brings the rating questions' text in that language up to date.
 */
export async function saveOutcomeTranslations(
  db: DB,
  input: { actor: Actor; consultationId: number; locale: string; data: OutcomeTranslations },
  now: Date,
): Promise<{ questionsUpdated: number }> {
  return await inTransaction(db, async (t) => {
    const { locale, data } = input;
    const before = await ratingTextState(t, input.consultationId, locale);
    const outcomeIds = new Set((await listOutcomesForBuilder(t, input.consultationId)).map((o) => o.id));
    const domainIds = new Set((await listDomainsWithNames(t, input.consultationId)).map((d) => d.id));
    for (const d of data.domains) if (domainIds.has(d.id)) await setDomainName(t, d.id, locale, d.name);
    for (const o of data.outcomes) if (outcomeIds.has(o.id)) await setOutcomeText(t, o.id, locale, o.statement, o.description);
    let ownWording: boolean | undefined;
    if (data.wording) {
      const standard = standardRatingWording()[locale];
      const same = Boolean(standard && standard.text === data.wording.text && standard.hint === data.wording.hint);
      await setRatingWording(t, input.consultationId, locale, same ? "" : data.wording.text, data.wording.hint);
      ownWording = !same && Boolean(data.wording.text);
    }
    const questionsUpdated = await syncRatingTexts(t, input.consultationId, locale, before);
    await audit(t, input.actor, now, "candidate-outcomes.translated", input.consultationId, {
      locale,
      statements: data.outcomes.filter((o) => o.statement).length,
      ...(ownWording === undefined ? {} : { ownWording }),
      questionsUpdated,
    });
    return { questionsUpdated };
  });
}

// Reads the routes use, passed through unchanged: services are the routes' only way to the data.
export { listLibrary } from "../repos/outcomes.server";
