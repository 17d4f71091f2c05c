/**
 * Moderation of free-text and proposed-outcome answers, and the codebook. Every decision is
 * one transaction with its audit entry; audit details never hold the participant's words.
 */
import { and, eq } from "drizzle-orm";
import { outcomeDomains } from "../../db/tables";
import { type DB, inTransaction } from "../db.server";
import type { ConsultationActor } from "../domain/actor";
import { allow, allowed, refuse, type Decision } from "../domain/decision";
import { domainCode } from "../domain/outcome-import";
import { isFaithfulQuote, nextProposalCode, PROPOSED_SOURCE } from "../domain/participation/moderation";
import { auditConsultation } from "../repos/audit.server";
import {
  findActiveOutcome,
  findModerationItem,
  listDomains,
  listThemes,
  insertDecision,
  insertTheme,
  removeTheme,
  outcomeCodes,
  setAnswerThemes,
  themeNameTaken,
  updateTheme,
  upsertQuote,
  withdrawQuote as withdrawQuoteRow,
} from "../repos/moderation.server";
import { countOutcomes, ensureDomain, listLibrary, upsertOutcome } from "../repos/outcomes.server";
import { candidateOutcomes } from "../../db/tables";

type ItemRefusal = "missing" | "decided" | "wrong-kind";

async function loadUndecided(
  tx: DB,
  a: ConsultationActor,
  answerId: number,
  kind: "free-text" | "propose-outcome" | null,
): Promise<Decision<ItemRefusal, ModerationItem>> {
  const item = await findModerationItem(tx, a.consultationId, answerId, "en");
  if (!item) return refuse("missing");
  if (kind && item.kind !== kind) return refuse("wrong-kind");
  if (item.decision) return refuse("decided");
  return allow(item);
}

/** A proposal becomes a new candidate outcome, worded by the officer, in an existing or new domain. */
export async function acceptProposal(
  db: DB,
  a: ConsultationActor & { answerId: number; statement: string; description: string; domain: { id: number } | { newName: string } },
  now: Date,
): Promise<Decision<ItemRefusal | "domain", { code: string }>> {
  return await inTransaction(db, async (tx) => {
    const item = await loadUndecided(tx, a, a.answerId, "propose-outcome");
    if (!item.ok) return item;
    let domainId: number;
    if ("id" in a.domain) {
      const [own] = await tx
        .select({ id: outcomeDomains.id })
        .from(outcomeDomains)
        .where(and(eq(outcomeDomains.id, a.domain.id), eq(outcomeDomains.consultationId, a.consultationId)));
      if (!own) return refuse("domain");
      domainId = own.id;
    } else domainId = await ensureDomain(tx, a.consultationId, a.domain.newName, domainCode(a.domain.newName));
    const code = nextProposalCode(await outcomeCodes(tx, a.consultationId));
    await upsertOutcome(tx, a.consultationId, {
      code,
      domainId,
      statement: a.statement,
      description: a.description,
      source: PROPOSED_SOURCE,
      position: await countOutcomes(tx, a.consultationId),
    });
    const outcome = (
      await tx
        .select({ id: candidateOutcomes.id })
        .from(candidateOutcomes)
        .where(and(eq(candidateOutcomes.consultationId, a.consultationId), eq(candidateOutcomes.code, code)))
    )[0]!;
    await insertDecision(tx, {
      consultationId: a.consultationId,
      answerId: a.answerId,
      decision: "accepted",
      outcomeId: outcome.id,
      decidedBy: a.actor.userId,
      decidedAt: now,
    });
    await auditConsultation(tx, a, "moderation.accepted", "answer", a.answerId, { outcomeCode: code }, now);
    return allow({ code });
  });
}

export async function mergeProposal(
  db: DB,
  a: ConsultationActor & { answerId: number; outcomeCode: string },
  now: Date,
): Promise<Decision<ItemRefusal | "outcome">> {
  return await inTransaction(db, async (tx) => {
    const item = await loadUndecided(tx, a, a.answerId, "propose-outcome");
    if (!item.ok) return item;
    const outcome = await findActiveOutcome(tx, a.consultationId, a.outcomeCode);
    if (!outcome) return refuse("outcome");
    await insertDecision(tx, {
      consultationId: a.consultationId,
      answerId: a.answerId,
      decision: "merged",
      outcomeId: outcome.id,
      decidedBy: a.actor.userId,
      decidedAt: now,
    });
    await auditConsultation(tx, a, "moderation.merged", "answer", a.answerId, { outcomeCode: outcome.code }, now);
    return allowed;
  });
}

export async function rejectProposal(db: DB, a: ConsultationActor & { answerId: number; reason: string }, now: Date): Promise<Decision<ItemRefusal>> {
  return await inTransaction(db, async (tx) => {
    const item = await loadUndecided(tx, a, a.answerId, "propose-outcome");
    if (!item.ok) return item;
    await insertDecision(tx, {
      consultationId: a.consultationId,
      answerId: a.answerId,
      decision: "rejected",
      reason: a.reason,
      decidedBy: a.actor.userId,
      decidedAt: now,
    });
    await auditConsultation(tx, a, "moderation.rejected", "answer", a.answerId, { reason: a.reason }, now);
    return allowed;
  });
}

export async function markReviewed(db: DB, a: ConsultationActor & { answerId: number }, now: Date): Promise<Decision<ItemRefusal>> {
  return await inTransaction(db, async (tx) => {
    const item = await loadUndecided(tx, a, a.answerId, "free-text");
    if (!item.ok) return item;
    await insertDecision(tx, { consultationId: a.consultationId, answerId: a.answerId, decision: "reviewed", decidedBy: a.actor.userId, decidedAt: now });
    await auditConsultation(tx, a, "moderation.reviewed", "answer", a.answerId, {}, now);
    return allowed;
  });
}

/** Approves (or re-approves with new wording) a free-text answer as a quote; it must stay the participant's words. Marks it reviewed. */
export async function approveQuote(
  db: DB,
  a: ConsultationActor & { answerId: number; text: string },
  now: Date,
): Promise<Decision<"missing" | "wrong-kind" | "not-faithful">> {
  return await inTransaction(db, async (tx) => {
    const item = await findModerationItem(tx, a.consultationId, a.answerId, "en");
    if (!item) return refuse("missing");
    if (item.kind !== "free-text") return refuse("wrong-kind");
    if (!isFaithfulQuote(item.text, a.text)) return refuse("not-faithful");
    await upsertQuote(tx, { consultationId: a.consultationId, answerId: a.answerId, text: a.text, approvedBy: a.actor.userId, approvedAt: now });
    if (!item.decision)
      await insertDecision(tx, { consultationId: a.consultationId, answerId: a.answerId, decision: "reviewed", decidedBy: a.actor.userId, decidedAt: now });
    await auditConsultation(tx, a, "moderation.quote-approved", "answer", a.answerId, { length: a.text.length }, now);
    return allowed;
  });
}

export async function withdrawQuote(db: DB, a: ConsultationActor & { answerId: number }, now: Date): Promise<boolean> {
  return await inTransaction(db, async (tx) => {
    if (!(await withdrawQuoteRow(tx, a.consultationId, a.answerId, now))) return false;
    await auditConsultation(tx, a, "moderation.quote-withdrawn", "answer", a.answerId, {}, now);
    return true;
  });
}

export async function tagAnswer(db: DB, a: ConsultationActor & { answerId: number; themeIds: number[] }, now: Date): Promise<Decision<"missing", number[]>> {
  return await inTransaction(db, async (tx) => {
    if (!(await findModerationItem(tx, a.consultationId, a.answerId, "en"))) return refuse("missing");
    const set = await setAnswerThemes(tx, a.consultationId, a.answerId, [...new Set(a.themeIds)], a.actor.userId, now);
    await auditConsultation(tx, a, "codebook.answer-tagged", "answer", a.answerId, { themeIds: set }, now);
    return allow(set);
  });
}

export async function createTheme(db: DB, a: ConsultationActor & { name: string; description: string }, now: Date): Promise<Decision<"taken", number>> {
  return await inTransaction(db, async (tx) => {
    if (await themeNameTaken(tx, a.consultationId, a.name)) return refuse("taken");
    const id = await insertTheme(tx, a.consultationId, a.name, a.description);
    await auditConsultation(tx, a, "codebook.theme-created", "codebook-theme", id, { name: a.name }, now);
    return allow(id);
  });
}

export async function editTheme(
  db: DB,
  a: ConsultationActor & { themeId: number; name: string; description: string },
  now: Date,
): Promise<Decision<"taken" | "missing">> {
  return await inTransaction(db, async (tx) => {
    if (await themeNameTaken(tx, a.consultationId, a.name, a.themeId)) return refuse("taken");
    if (!(await updateTheme(tx, a.consultationId, a.themeId, a.name, a.description))) return refuse("missing");
    await auditConsultation(tx, a, "codebook.theme-edited", "codebook-theme", a.themeId, { name: a.name }, now);
    return allowed;
  });
}

/** Deletes a theme: its tags are removed from answers; the answers, and what was published, stay. */
export async function deleteTheme(db: DB, a: ConsultationActor & { themeId: number }, now: Date): Promise<Decision<"missing">> {
  return await inTransaction(db, async (tx) => {
    const removed = await removeTheme(tx, a.consultationId, a.themeId);
    if (!removed) return refuse("missing");
    await auditConsultation(tx, a, "codebook.theme-deleted", "codebook-theme", a.themeId, { name: removed.name, taggedAnswers: removed.tagged }, now);
    return allowed;
  });
}

export type ModerationItem = NonNullable<Awaited<ReturnType<typeof findModerationItem>>>;

/** What the moderation page shows beside the item: the codebook to tag with, and, for a proposal, the domains and active outcomes it may join. */
export async function moderationItemPage(db: DB, consultationId: number, item: ModerationItem, locale: string) {
  return {
    item: { ...item, submittedAt: undefined },
    themes: await listThemes(db, consultationId),
    domains: await listDomains(db, consultationId, locale),
    outcomes:
      item.kind === "propose-outcome"
        ? (await listLibrary(db, consultationId, locale))
            .filter((o) => o.status === "active")
            .map((o) => ({ code: o.code, statement: o.statement, domain: o.domain }))
        : [],
  };
}

// Reads the routes use, passed through unchanged: services are the routes' only way to the data.
export { findModerationItem, listDomains, listModerationItems, listPublishedThemes, listThemes } from "../repos/moderation.server";
