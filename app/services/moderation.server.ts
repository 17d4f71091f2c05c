/**
 * Moderation of free-text and proposed-outcome answers, and the codebook. Every decision is
 * one transaction with its audit entry; audit details never hold the participant's words.
 */
import { and, eq } from "drizzle-orm";
import { outcomeDomains } from "../../db/schema";
import { type DB, inTransaction } from "../db.server";
import { domainCode } from "../domain/outcome-import";
import { isFaithfulQuote, nextProposalCode, PROPOSED_SOURCE } from "../domain/panel/moderation";
import { appendAudit } from "../repos/audit.server";
import {
  findActiveOutcome,
  findModerationItem,
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
import { countOutcomes, ensureDomain, upsertOutcome } from "../repos/outcomes.server";
import { candidateOutcomes } from "../../db/schema";

export interface ModerationActor {
  consultationId: number;
  partnershipId: number;
  actorUserId: number;
}

type Refusal = "missing" | "decided" | "wrong-kind";

function audit(tx: DB, a: ModerationActor, action: string, entityType: string, entityId: number, details: Record<string, unknown>, now: Date) {
  appendAudit(tx, { at: now, actorUserId: a.actorUserId, partnershipId: a.partnershipId, action, entityType, entityId, details: { consultationId: a.consultationId, ...details } });
}

function loadUndecided(tx: DB, a: ModerationActor, answerId: number, kind: "free-text" | "propose-outcome" | null): Refusal | NonNullable<ReturnType<typeof findModerationItem>> {
  const item = findModerationItem(tx, a.consultationId, answerId, "en");
  if (!item) return "missing";
  if (kind && item.kind !== kind) return "wrong-kind";
  if (item.decision) return "decided";
  return item;
}

/** A proposal becomes a new candidate outcome, worded by the officer, in an existing or new domain. */
export function acceptProposal(
  db: DB,
  a: ModerationActor & { answerId: number; statement: string; description: string; domain: { id: number } | { newName: string } },
  now: Date,
): { ok: true; code: string } | { ok: false; reason: Refusal | "domain" } {
  return inTransaction(db, (tx) => {
    const item = loadUndecided(tx, a, a.answerId, "propose-outcome");
    if (typeof item === "string") return { ok: false, reason: item };
    let domainId: number;
    if ("id" in a.domain) {
      const own = tx.select({ id: outcomeDomains.id }).from(outcomeDomains).where(and(eq(outcomeDomains.id, a.domain.id), eq(outcomeDomains.consultationId, a.consultationId))).get();
      if (!own) return { ok: false, reason: "domain" };
      domainId = own.id;
    } else domainId = ensureDomain(tx, a.consultationId, a.domain.newName, domainCode(a.domain.newName));
    const code = nextProposalCode(outcomeCodes(tx, a.consultationId));
    upsertOutcome(tx, a.consultationId, { code, domainId, statement: a.statement, description: a.description, source: PROPOSED_SOURCE, position: countOutcomes(tx, a.consultationId) });
    const outcome = tx.select({ id: candidateOutcomes.id }).from(candidateOutcomes).where(and(eq(candidateOutcomes.consultationId, a.consultationId), eq(candidateOutcomes.code, code))).get()!;
    insertDecision(tx, { consultationId: a.consultationId, answerId: a.answerId, decision: "accepted", outcomeId: outcome.id, decidedBy: a.actorUserId, decidedAt: now });
    audit(tx, a, "moderation.accepted", "answer", a.answerId, { outcomeCode: code }, now);
    return { ok: true, code };
  });
}

export function mergeProposal(db: DB, a: ModerationActor & { answerId: number; outcomeCode: string }, now: Date): { ok: true } | { ok: false; reason: Refusal | "outcome" } {
  return inTransaction(db, (tx) => {
    const item = loadUndecided(tx, a, a.answerId, "propose-outcome");
    if (typeof item === "string") return { ok: false, reason: item };
    const outcome = findActiveOutcome(tx, a.consultationId, a.outcomeCode);
    if (!outcome) return { ok: false, reason: "outcome" };
    insertDecision(tx, { consultationId: a.consultationId, answerId: a.answerId, decision: "merged", outcomeId: outcome.id, decidedBy: a.actorUserId, decidedAt: now });
    audit(tx, a, "moderation.merged", "answer", a.answerId, { outcomeCode: outcome.code }, now);
    return { ok: true };
  });
}

export function rejectProposal(db: DB, a: ModerationActor & { answerId: number; reason: string }, now: Date): { ok: true } | { ok: false; reason: Refusal } {
  return inTransaction(db, (tx) => {
    const item = loadUndecided(tx, a, a.answerId, "propose-outcome");
    if (typeof item === "string") return { ok: false, reason: item };
    insertDecision(tx, { consultationId: a.consultationId, answerId: a.answerId, decision: "rejected", reason: a.reason, decidedBy: a.actorUserId, decidedAt: now });
    audit(tx, a, "moderation.rejected", "answer", a.answerId, { reason: a.reason }, now);
    return { ok: true };
  });
}

export function markReviewed(db: DB, a: ModerationActor & { answerId: number }, now: Date): { ok: true } | { ok: false; reason: Refusal } {
  return inTransaction(db, (tx) => {
    const item = loadUndecided(tx, a, a.answerId, "free-text");
    if (typeof item === "string") return { ok: false, reason: item };
    insertDecision(tx, { consultationId: a.consultationId, answerId: a.answerId, decision: "reviewed", decidedBy: a.actorUserId, decidedAt: now });
    audit(tx, a, "moderation.reviewed", "answer", a.answerId, {}, now);
    return { ok: true };
  });
}

/** Approves (or re-approves with new wording) a free-text answer as a quote; it must stay the participant's words. Marks it reviewed. */
export function approveQuote(db: DB, a: ModerationActor & { answerId: number; text: string }, now: Date): { ok: true } | { ok: false; reason: "missing" | "wrong-kind" | "not-faithful" } {
  return inTransaction(db, (tx) => {
    const item = findModerationItem(tx, a.consultationId, a.answerId, "en");
    if (!item) return { ok: false, reason: "missing" };
    if (item.kind !== "free-text") return { ok: false, reason: "wrong-kind" };
    if (!isFaithfulQuote(item.text, a.text)) return { ok: false, reason: "not-faithful" };
    upsertQuote(tx, { consultationId: a.consultationId, answerId: a.answerId, text: a.text, approvedBy: a.actorUserId, approvedAt: now });
    if (!item.decision) insertDecision(tx, { consultationId: a.consultationId, answerId: a.answerId, decision: "reviewed", decidedBy: a.actorUserId, decidedAt: now });
    audit(tx, a, "moderation.quote-approved", "answer", a.answerId, { length: a.text.length }, now);
    return { ok: true };
  });
}

export function withdrawQuote(db: DB, a: ModerationActor & { answerId: number }, now: Date): boolean {
  return inTransaction(db, (tx) => {
    if (!withdrawQuoteRow(tx, a.consultationId, a.answerId, now)) return false;
    audit(tx, a, "moderation.quote-withdrawn", "answer", a.answerId, {}, now);
    return true;
  });
}

export function tagAnswer(db: DB, a: ModerationActor & { answerId: number; themeIds: number[] }, now: Date): { ok: true; themeIds: number[] } | { ok: false; reason: "missing" } {
  return inTransaction(db, (tx) => {
    if (!findModerationItem(tx, a.consultationId, a.answerId, "en")) return { ok: false, reason: "missing" };
    const set = setAnswerThemes(tx, a.consultationId, a.answerId, [...new Set(a.themeIds)], a.actorUserId, now);
    audit(tx, a, "codebook.answer-tagged", "answer", a.answerId, { themeIds: set }, now);
    return { ok: true, themeIds: set };
  });
}

export function createTheme(db: DB, a: ModerationActor & { name: string; description: string }, now: Date): number | "taken" {
  return inTransaction(db, (tx) => {
    if (themeNameTaken(tx, a.consultationId, a.name)) return "taken";
    const id = insertTheme(tx, a.consultationId, a.name, a.description);
    audit(tx, a, "codebook.theme-created", "codebook-theme", id, { name: a.name }, now);
    return id;
  });
}

export function editTheme(db: DB, a: ModerationActor & { themeId: number; name: string; description: string }, now: Date): "ok" | "taken" | "missing" {
  return inTransaction(db, (tx) => {
    if (themeNameTaken(tx, a.consultationId, a.name, a.themeId)) return "taken";
    if (!updateTheme(tx, a.consultationId, a.themeId, a.name, a.description)) return "missing";
    audit(tx, a, "codebook.theme-edited", "codebook-theme", a.themeId, { name: a.name }, now);
    return "ok";
  });
}

/** Deletes a theme: its tags are removed from answers; the answers, and what was published, stay. */
export function deleteTheme(db: DB, a: ModerationActor & { themeId: number }, now: Date): "ok" | "missing" {
  return inTransaction(db, (tx) => {
    const removed = removeTheme(tx, a.consultationId, a.themeId);
    if (!removed) return "missing";
    audit(tx, a, "codebook.theme-deleted", "codebook-theme", a.themeId, { name: removed.name, taggedAnswers: removed.tagged }, now);
    return "ok";
  });
}

// Reads the routes use, passed through unchanged: services are the routes' only way to the data.
export { findModerationItem, listDomains, listModerationItems, listPublishedThemes, listThemes } from "../repos/moderation.server";
