/**
 * Outcome sets: start from the latest aggregated result, edit a draft, propose,
 * sign off, start a new version, compare, export. Each state change runs in one
 * transaction with its audit entry; the rules are in app/domain/framework.
 */
import { type DB, inTransaction } from "../db.server";
import {
  assertCanStartVersion,
  canPropose,
  diffContents,
  exportDocument,
  initialContent,
  OutcomeSetError,
  sign,
  type Edit,
  type ExportDocument,
  type OutcomeSetContent,
} from "../domain/framework";
import { appendAudit } from "../repos/audit.server";
import {
  deleteSignatureRows,
  findOutcomeSet,
  findUserOrganisation,
  insertOutcomeSet,
  insertSignatureRows,
  listOutcomeSetVersions,
  listSignatories,
  listSignatures,
  outcomeCatalogue,
  recordSignature,
  replaceSignatories,
  setOutcomeSetStatus,
  updateDraftContent,
  type OutcomeSetRow,
} from "../repos/frameworks.server";
import { listRounds } from "../repos/results.server";
import { loadStudy, roundBases } from "./study.server";

export interface Actor {
  id: number;
  displayName: string;
}
export interface Scope {
  consultationId: number;
  partnershipId: number;
}

async function audit(db: DB, scope: Scope, actor: Actor, action: string, version: number, details: Record<string, unknown>, now: Date): Promise<void> {
  await appendAudit(db, { at: now, actorUserId: actor.id, partnershipId: scope.partnershipId, action, entityType: "outcome_set", entityId: `${scope.consultationId}:${version}`, details });
}

export type StartOutcome = { ok: true; version: number } | { ok: false; reason: "no-result" | "exists" };

/**
 * Version 1, a draft built from the study-level result: the latest calculation of
 * every round combined (methods §4, "Across rounds"), each outcome with the round
 * that decided it.
 */
export async function startFramework(db: DB, scope: Scope, actor: Actor, now: Date): Promise<StartOutcome> {
  return await inTransaction(db, async (t) => {
    if ((await listOutcomeSetVersions(t, scope.consultationId)).length > 0) return { ok: false, reason: "exists" } as const;
    const loaded = await loadStudy(t, scope.consultationId);
    const rounds = roundBases(loaded);
    const last = rounds.at(-1);
    if (!last || loaded.study.outcomes.length === 0) return { ok: false, reason: "no-result" } as const;
    const content = initialContent(loaded.study, { ...last, rounds }, await outcomeCatalogue(t, scope.consultationId));
    const version = await insertOutcomeSet(t, { consultationId: scope.consultationId, content, changeReason: "", previousVersionId: null, createdBy: actor.id, createdByName: actor.displayName, createdAt: now });
    await audit(t, scope, actor, "outcome_set.started", version, { rounds: rounds.map((r) => ({ round: r.roundNumber, resultVersion: r.resultVersion, responses: r.responseCount })) }, now);
    return { ok: true, version } as const;
  });
}

/** What the outcome set page needs to know before starting or proposing: the study's rounds and any out of date. */
export async function studyStatus(db: DB, consultationId: number) {
  const loaded = await loadStudy(db, consultationId);
  return {
    rounds: loaded.rounds.filter((r) => r.calculation).map((r) => ({ round: r.number, version: r.calculation!.version, responses: r.calculation!.responseCount })),
    stale: loaded.stale.map((r) => ({ round: r.number, newer: r.newerResponses, responses: r.responses, calculated: r.calculation?.responseCount ?? null, version: r.calculation?.version ?? null })),
    outcomes: loaded.study.outcomes.length,
  };
}

export type EditOutcome = Edit | { ok: false; conflict: true };

/**
 * Applies a domain edit to the working draft, if `version` is it (someone else
 * may have proposed it or started another version meanwhile: a conflict).
 */
export async function editDraft(db: DB, scope: Scope, actor: Actor, version: number, action: string, details: Record<string, unknown>, edit: (c: OutcomeSetContent) => Edit, now: Date): Promise<EditOutcome> {
  return await inTransaction(db, async (t): Promise<EditOutcome> => {
    const set = await findOutcomeSet(t, scope.consultationId);
    if (!set || set.version !== version || set.status !== "draft") return { ok: false, conflict: true } as const;
    const result = edit(set.content);
    if (!result.ok) return result;
    if ((await updateDraftContent(t, set.id, result.content, actor.displayName, now)) !== 1) return { ok: false, conflict: true } as const;
    await audit(t, scope, actor, action, version, details, now);
    return result;
  });
}

export type TransitionOutcome = { ok: true; agreed?: boolean } | { ok: false; reason: "conflict" | "not-ready" | "no-signatories" | "not-signatory" | "already-signed" };

export async function proposeOutcomeSet(db: DB, scope: Scope, actor: Actor, version: number, now: Date): Promise<TransitionOutcome> {
  return await inTransaction(db, async (t) => {
    const set = await findOutcomeSet(t, scope.consultationId);
    if (!set || set.version !== version) return { ok: false, reason: "conflict" } as const;
    const signatories = await listSignatories(t, scope.consultationId);
    const check = canPropose(set.status, set.content, signatories.length);
    if (!check.ok) return { ok: false, reason: check.reason === "not-draft" ? "conflict" : check.reason } as const;
    if ((await setOutcomeSetStatus(t, set.id, "draft", "proposed", now)) !== 1) return { ok: false, reason: "conflict" } as const;
    await insertSignatureRows(t, set.id, signatories);
    await audit(t, scope, actor, "outcome_set.proposed", version, { signatories: signatories.map((s) => s.name) }, now);
    return { ok: true } as const;
  });
}

export async function returnToDraft(db: DB, scope: Scope, actor: Actor, version: number, now: Date): Promise<TransitionOutcome> {
  return await inTransaction(db, async (t) => {
    const set = await findOutcomeSet(t, scope.consultationId);
    if (!set || set.version !== version || set.status !== "proposed") return { ok: false, reason: "conflict" } as const;
    await deleteSignatureRows(t, set.id);
    await setOutcomeSetStatus(t, set.id, "proposed", "draft", now);
    await audit(t, scope, actor, "outcome_set.returned_to_draft", version, {}, now);
    return { ok: true } as const;
  });
}

/** A commissioner signs for their own organisation; the last signature agrees the set. */
export async function signOutcomeSet(db: DB, scope: Scope, actor: Actor, version: number, now: Date): Promise<TransitionOutcome> {
  return await inTransaction(db, async (t) => {
    const set = await findOutcomeSet(t, scope.consultationId);
    if (!set || set.version !== version) return { ok: false, reason: "conflict" } as const;
    const organisation = await findUserOrganisation(t, actor.id);
    const signatures = await listSignatures(t, set.id);
    let agreed: boolean;
    try {
      agreed = sign(set.status, signatures, organisation?.id ?? null).agreed;
    } catch (e) {
      if (!(e instanceof OutcomeSetError)) throw e;
      return { ok: false, reason: e.code === "not-signatory" ? "not-signatory" : e.code === "already-signed" ? "already-signed" : "conflict" } as const;
    }
    await recordSignature(t, set.id, organisation!.id, actor.id, actor.displayName, now);
    await audit(t, scope, actor, "outcome_set.signed", version, { organisation: organisation!.name }, now);
    if (agreed) {
      await setOutcomeSetStatus(t, set.id, "proposed", "agreed", now);
      await audit(t, scope, actor, "outcome_set.agreed", version, { signatures: signatures.length }, now);
    }
    return { ok: true, agreed } as const;
  });
}

/** Any change after agreement: a new draft version copied from the latest agreed one, with the reason for it. */
export async function startNewVersion(db: DB, scope: Scope, actor: Actor, reason: string, now: Date): Promise<{ ok: true; version: number } | { ok: false; reason: "conflict" }> {
  return await inTransaction(db, async (t) => {
    const versions = await listOutcomeSetVersions(t, scope.consultationId);
    try {
      assertCanStartVersion(versions);
    } catch (e) {
      if (e instanceof OutcomeSetError) return { ok: false, reason: "conflict" } as const;
      throw e;
    }
    const latest = await findOutcomeSet(t, scope.consultationId);
    if (!latest) return { ok: false, reason: "conflict" } as const;
    const version = await insertOutcomeSet(t, { consultationId: scope.consultationId, content: latest.content, changeReason: reason, previousVersionId: latest.id, createdBy: actor.id, createdByName: actor.displayName, createdAt: now });
    await audit(t, scope, actor, "outcome_set.version_started", version, { from: latest.version, reason }, now);
    return { ok: true, version } as const;
  });
}

export async function compareVersions(db: DB, consultationId: number, from: number, to: number) {
  const a = await findOutcomeSet(db, consultationId, from);
  const b = await findOutcomeSet(db, consultationId, to);
  if (!a || !b) return null;
  const meta = (s: OutcomeSetRow) => ({ version: s.version, status: s.status, createdByName: s.createdByName, createdAt: s.createdAt, updatedByName: s.updatedByName, updatedAt: s.updatedAt, changeReason: s.changeReason, agreedAt: s.agreedAt });
  return { from: meta(a), to: meta(b), changes: diffContents(a.content, b.content) };
}

/** The export model of one version (the same content for JSON, CSV, XLSX and the schedule). */
export async function buildExport(
  db: DB,
  consultation: { id: number; slug: string; title: string; partnershipName: string },
  version: number,
  now: Date,
): Promise<{ doc: ExportDocument; set: OutcomeSetRow } | null> {
  const set = await findOutcomeSet(db, consultation.id, version);
  if (!set) return null;
  const signatures = await listSignatures(db, set.id);
  const rounds = await listRounds(db, consultation.id);
  const doc = exportDocument(set.content, {
    consultation: { slug: consultation.slug, title: consultation.title },
    partnership: consultation.partnershipName,
    version: set.version,
    status: set.status,
    createdAt: set.createdAt.toISOString(),
    createdBy: set.createdByName,
    changeReason: set.changeReason,
    proposedAt: set.proposedAt?.toISOString() ?? null,
    agreedAt: set.agreedAt?.toISOString() ?? null,
    signatures: signatures.map((s) => ({ organisation: s.organisationName, signer: s.signerName, signedAt: s.signedAt?.toISOString() ?? null })),
    rounds: rounds.map((r) => r.number),
    generatedAt: now.toISOString(),
  });
  return { doc, set };
}

/** Replaces the organisations that sign the consultation's outcome set, audited, in one transaction. */
export async function setSignatories(db: DB, scope: Scope, actorUserId: number, organisationIds: number[], now: Date): Promise<void> {
  await inTransaction(db, async (tx) => {
    await replaceSignatories(tx, scope.consultationId, organisationIds, actorUserId);
    await appendAudit(tx, { at: now, actorUserId, partnershipId: scope.partnershipId, action: "signatories.updated", entityType: "consultation", entityId: scope.consultationId, details: { organisationIds } });
  });
}

// Reads the routes use, passed through unchanged: services are the routes' only way to the data.
export { findOutcomeSet, findUserOrganisation, listCommissioningOrganisations, listOutcomeSetVersions, listSignatories, listSignatures, listVersionHistory } from "../repos/frameworks.server";
