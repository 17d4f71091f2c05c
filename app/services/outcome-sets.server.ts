/**
 * Outcome sets: start from the latest aggregated result, edit a draft, propose,
 * sign off, start a new version, compare, export; and what the outcome-set pages
 * show. Each state change runs in one transaction with its audit entry, for the
 * guard's `Actor`, and answers with a `Decision`; the rules are in app/domain/outcome-sets.
 */
import { type DB, inTransaction } from "../db.server";
import {
  amountsPence,
  assertCanStartVersion,
  basisRounds,
  canPropose,
  citizenWeights,
  decidingRound,
  diffContents,
  exportDocument,
  initialContent,
  isDeparture,
  ordered,
  OutcomeSetError,
  proposalProblems,
  sign,
  type Edit,
  type ExportDocument,
  type OutcomeSetContent,
  type Problems,
} from "../domain/outcome-sets";
import type { Actor } from "../domain/actor";
import { allow, allowed, refuse, type Decision, type Refusal } from "../domain/decision";
import { formatDateTime } from "../i18n/format.server";
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
  listVersionHistory,
  outcomeCatalogue,
  recordSignature,
  replaceSignatories,
  setOutcomeSetStatus,
  updateDraftContent,
  type OutcomeSetRow,
} from "../repos/outcome-sets.server";
import { listRounds } from "../repos/results.server";
import { loadStudy, roundBases } from "./study.server";
import { provenanceByCode } from "./themes.server";

/** Which consultation's outcome set, changed by whom (the guard's actor: the audit trail and signatures name them). */
export interface OutcomeSetInput {
  actor: Actor;
  consultationId: number;
}

async function audit(db: DB, input: OutcomeSetInput, action: string, version: number, details: Record<string, unknown>, now: Date): Promise<void> {
  await appendAudit(db, {
    at: now,
    actorUserId: input.actor.userId,
    partnershipId: input.actor.partnershipId,
    action,
    entityType: "outcome_set",
    entityId: `${input.consultationId}:${version}`,
    details,
  });
}

/**
 * Version 1, a draft built from the study-level result: the latest calculation of
 * every round combined (methods §4, "Across rounds"), each outcome with the round
 * that decided it.
 */
export async function startFramework(db: DB, input: OutcomeSetInput, now: Date): Promise<Decision<"no-result" | "exists", { version: number }>> {
  const { actor, consultationId } = input;
  return await inTransaction(db, async (t) => {
    if ((await listOutcomeSetVersions(t, consultationId)).length > 0) return refuse("exists");
    const loaded = await loadStudy(t, consultationId);
    const rounds = roundBases(loaded);
    const last = rounds.at(-1);
    if (!last || loaded.study.outcomes.length === 0) return refuse("no-result");
    const content = initialContent(loaded.study, { ...last, rounds }, await outcomeCatalogue(t, consultationId));
    const version = await insertOutcomeSet(t, {
      consultationId,
      content,
      changeReason: "",
      previousVersionId: null,
      createdBy: actor.userId,
      createdByName: actor.displayName,
      createdAt: now,
    });
    await audit(
      t,
      input,
      "outcome_set.started",
      version,
      { rounds: rounds.map((r) => ({ round: r.roundNumber, resultVersion: r.resultVersion, responses: r.responseCount })) },
      now,
    );
    return allow({ version });
  });
}

/** What the outcome set page needs to know before starting or proposing: the study's rounds and any out of date. */
export async function studyStatus(db: DB, consultationId: number) {
  const loaded = await loadStudy(db, consultationId);
  return {
    rounds: loaded.rounds
      .filter((r) => r.calculation)
      .map((r) => ({ round: r.number, version: r.calculation!.version, responses: r.calculation!.responseCount })),
    stale: loaded.stale.map((r) => ({
      round: r.number,
      newer: r.newerResponses,
      responses: r.responses,
      calculated: r.calculation?.responseCount ?? null,
      version: r.calculation?.version ?? null,
    })),
    outcomes: loaded.study.outcomes.length,
  };
}

/**
 * An edit of the working draft refused: someone else proposed it or started another version
 * meanwhile ("conflict"), or the domain rule refused the change, field by field ("invalid").
 */
export type EditRefusal = Refusal<"conflict"> | (Refusal<"invalid"> & { errors: Problems });
export type EditDecision = { ok: true; value: OutcomeSetContent } | EditRefusal;

export interface DraftEdit extends OutcomeSetInput {
  /** The version the page showed: the edit applies only while it is still the working draft. */
  version: number;
  /** The audit action and its details. */
  action: string;
  details: Record<string, unknown>;
  edit: (content: OutcomeSetContent) => Edit;
}

/** Applies a domain edit to the working draft, if `version` is it; the new content is the value. */
export async function editDraft(db: DB, input: DraftEdit, now: Date): Promise<EditDecision> {
  return await inTransaction(db, async (t): Promise<EditDecision> => {
    const set = await findOutcomeSet(t, input.consultationId);
    if (!set || set.version !== input.version || set.status !== "draft") return refuse("conflict");
    const result = input.edit(set.content);
    if (!result.ok) return { ...refuse("invalid"), errors: result.errors };
    if ((await updateDraftContent(t, set.id, result.content, input.actor.displayName, now)) !== 1) return refuse("conflict");
    await audit(t, input, input.action, input.version, input.details, now);
    return allow(result.content);
  });
}

export interface VersionInput extends OutcomeSetInput {
  version: number;
}

export async function proposeOutcomeSet(db: DB, input: VersionInput, now: Date): Promise<Decision<"conflict" | "not-ready" | "no-signatories">> {
  return await inTransaction(db, async (t) => {
    const set = await findOutcomeSet(t, input.consultationId);
    if (!set || set.version !== input.version) return refuse("conflict");
    const signatories = await listSignatories(t, input.consultationId);
    const check = canPropose(set.status, set.content, signatories.length);
    if (!check.ok) return refuse(check.reason === "not-draft" ? "conflict" : check.reason);
    if ((await setOutcomeSetStatus(t, set.id, "draft", "proposed", now)) !== 1) return refuse("conflict");
    await insertSignatureRows(t, set.id, signatories);
    await audit(t, input, "outcome_set.proposed", input.version, { signatories: signatories.map((s) => s.name) }, now);
    return allowed;
  });
}

export async function returnToDraft(db: DB, input: VersionInput, now: Date): Promise<Decision<"conflict">> {
  return await inTransaction(db, async (t) => {
    const set = await findOutcomeSet(t, input.consultationId);
    if (!set || set.version !== input.version || set.status !== "proposed") return refuse("conflict");
    await deleteSignatureRows(t, set.id);
    await setOutcomeSetStatus(t, set.id, "proposed", "draft", now);
    await audit(t, input, "outcome_set.returned_to_draft", input.version, {}, now);
    return allowed;
  });
}

/** A commissioner signs for their own organisation; the last signature agrees the set (`agreed`). */
export async function signOutcomeSet(
  db: DB,
  input: VersionInput,
  now: Date,
): Promise<Decision<"conflict" | "not-signatory" | "already-signed", { agreed: boolean }>> {
  const { actor } = input;
  return await inTransaction(db, async (t) => {
    const set = await findOutcomeSet(t, input.consultationId);
    if (!set || set.version !== input.version) return refuse("conflict");
    const organisation = await findUserOrganisation(t, actor.userId);
    const signatures = await listSignatures(t, set.id);
    let agreed: boolean;
    try {
      agreed = sign(set.status, signatures, organisation?.id ?? null).agreed;
    } catch (e) {
      if (!(e instanceof OutcomeSetError)) throw e;
      return refuse(e.code === "not-signatory" ? "not-signatory" : e.code === "already-signed" ? "already-signed" : "conflict");
    }
    await recordSignature(t, set.id, organisation!.id, actor.userId, actor.displayName, now);
    await audit(t, input, "outcome_set.signed", input.version, { organisation: organisation!.name }, now);
    if (agreed) {
      await setOutcomeSetStatus(t, set.id, "proposed", "agreed", now);
      await audit(t, input, "outcome_set.agreed", input.version, { signatures: signatures.length }, now);
    }
    return allow({ agreed });
  });
}

/** Any change after agreement: a new draft version copied from the latest agreed one, with the reason for it. */
export async function startNewVersion(db: DB, input: OutcomeSetInput & { reason: string }, now: Date): Promise<Decision<"conflict", { version: number }>> {
  const { actor, consultationId, reason } = input;
  return await inTransaction(db, async (t) => {
    const versions = await listOutcomeSetVersions(t, consultationId);
    try {
      assertCanStartVersion(versions);
    } catch (e) {
      if (e instanceof OutcomeSetError) return refuse("conflict");
      throw e;
    }
    const latest = await findOutcomeSet(t, consultationId);
    if (!latest) return refuse("conflict");
    const version = await insertOutcomeSet(t, {
      consultationId,
      content: latest.content,
      changeReason: reason,
      previousVersionId: latest.id,
      createdBy: actor.userId,
      createdByName: actor.displayName,
      createdAt: now,
    });
    await audit(t, input, "outcome_set.version_started", version, { from: latest.version, reason }, now);
    return allow({ version });
  });
}

export async function compareVersions(db: DB, consultationId: number, from: number, to: number) {
  const a = await findOutcomeSet(db, consultationId, from);
  const b = await findOutcomeSet(db, consultationId, to);
  if (!a || !b) return null;
  const meta = (s: OutcomeSetRow) => ({
    version: s.version,
    status: s.status,
    createdByName: s.createdByName,
    createdAt: s.createdAt,
    updatedByName: s.updatedByName,
    updatedAt: s.updatedAt,
    changeReason: s.changeReason,
    agreedAt: s.agreedAt,
  });
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
export async function setSignatories(db: DB, input: OutcomeSetInput & { organisationIds: number[] }, now: Date): Promise<void> {
  const { actor, consultationId, organisationIds } = input;
  await inTransaction(db, async (tx) => {
    await replaceSignatories(tx, consultationId, organisationIds, actor.userId);
    await appendAudit(tx, {
      at: now,
      actorUserId: actor.userId,
      partnershipId: actor.partnershipId,
      action: "signatories.updated",
      entityType: "consultation",
      entityId: consultationId,
      details: { organisationIds },
    });
  });
}

const when = (d: Date | null, locale: string) => (d ? formatDateTime(d.toISOString(), locale) : null);

/** One version of the outcome set as its page shows it: evidence, weights and amounts by domain, what blocks proposal, who signed. */
function outcomeSetView(
  set: OutcomeSetRow,
  isLatest: boolean,
  study: Awaited<ReturnType<typeof studyStatus>>,
  signatures: Awaited<ReturnType<typeof listSignatures>>,
  organisationId: number | null,
  locale: string,
) {
  const citizen = citizenWeights(set.content);
  const amounts = amountsPence(set.content);
  const outcomes = ordered(set.content.outcomes);
  const domainNames = [...new Set(outcomes.map((o) => o.domainName))];
  const signed = signatures.map((s) => ({
    organisationId: s.organisationId,
    organisation: s.organisationName,
    signer: s.signerName,
    signedAt: when(s.signedAt, locale),
  }));
  const bases = basisRounds(set.content.basis);
  return {
    version: set.version,
    status: set.status,
    isLatest,
    createdByName: set.createdByName,
    createdAt: when(set.createdAt, locale),
    updatedByName: set.updatedByName,
    updatedAt: when(set.updatedAt, locale),
    changeReason: set.changeReason,
    agreedAt: when(set.agreedAt, locale),
    basis: {
      rounds: bases.map((r) => ({ round: r.roundNumber, version: r.resultVersion, responses: r.responseCount })),
      method: [...new Set(bases.map((r) => `${r.method.name} ${r.method.version}`))].join(", "),
    },
    // Rounds calculated again since this version was built from them.
    recalculated: bases
      .map((b) => ({ round: b.roundNumber, from: b.resultVersion, now: study.rounds.find((r) => r.round === b.roundNumber)?.version ?? b.resultVersion }))
      .filter((r) => r.now !== r.from),
    weightMargin: set.content.weightMargin,
    potPence: set.content.incentivePotPence,
    totalFinal: outcomes.filter((o) => o.included).reduce((a, o) => a + Math.round((o.finalWeight ?? 0) * 100), 0) / 100,
    domains: domainNames.map((name) => ({
      name,
      outcomes: outcomes
        .filter((o) => o.domainName === name)
        .map((o) => ({
          code: o.code,
          statement: o.statement,
          citizenStatement: o.citizenStatement,
          consensus: o.evidence.consensus,
          round: decidingRound(o, set.content.basis),
          history: (o.evidence.history ?? []).map((h) => ({ round: h.round, percentCritical: h.percentCritical })),
          percentCritical: o.evidence.percentCritical,
          ci95: o.evidence.ci95,
          included: o.included,
          citizenWeight: o.included ? (citizen.get(o.code) ?? 0) : null,
          finalWeight: o.included ? o.finalWeight : null,
          amountPence: amounts.get(o.code) ?? null,
          indicators: o.indicators.length,
        })),
    })),
    problems: set.status === "draft" ? proposalProblems(set.content) : [],
    statements: Object.fromEntries(outcomes.map((o) => [o.code, o.statement])),
    signatures: signed,
    canSign: set.status === "proposed" && signed.some((s) => s.organisationId === organisationId && !s.signedAt),
  };
}

/**
 * The outcome set page: one version (the latest unless `version` names one; null when it names
 * none there is), every version, the study's rounds, the signatories and the viewer's organisation.
 */
export async function outcomeSetPage(
  db: DB,
  input: { consultation: { id: number; slug: string; title: string }; userId: number; locale: string; version?: number },
) {
  const { consultation, locale } = input;
  const set = await findOutcomeSet(db, consultation.id, input.version);
  if (input.version !== undefined && !set) return null;
  const versions = await listOutcomeSetVersions(db, consultation.id);
  const study = await studyStatus(db, consultation.id);
  const organisation = await findUserOrganisation(db, input.userId);
  return {
    consultation: { slug: consultation.slug, title: consultation.title },
    versions: versions.map((v) => ({ version: v.version, status: v.status, createdByName: v.createdByName, createdAt: when(v.createdAt, locale) })),
    study: { rounds: study.rounds, stale: study.stale, ready: study.outcomes > 0 },
    signatories: (await listSignatories(db, consultation.id)).map((s) => s.name),
    organisation: organisation?.name ?? null,
    set: set ? outcomeSetView(set, versions[0]?.version === set.version, study, await listSignatures(db, set.id), organisation?.id ?? null, locale) : null,
  };
}
export type OutcomeSetPage = NonNullable<Awaited<ReturnType<typeof outcomeSetPage>>>;

/**
 * The comparison page: two versions' details (dates in `locale`), what changed between them, and
 * each one's audited history. Null when either version does not exist.
 */
export async function comparisonPage(
  db: DB,
  input: { consultation: { id: number; slug: string; title: string; partnershipId: number }; locale: string; from: number; to: number },
) {
  const { consultation, locale, from, to } = input;
  const result = await compareVersions(db, consultation.id, from, to);
  if (!result) return null;
  const meta = (m: typeof result.from) => ({
    ...m,
    createdAt: when(m.createdAt, locale),
    updatedAt: when(m.updatedAt, locale),
    agreedAt: when(m.agreedAt, locale),
  });
  const history = async (version: number) =>
    (await listVersionHistory(db, consultation.partnershipId, consultation.id, version)).map((h) => {
      const d = h.details as { code?: unknown; reason?: unknown; organisation?: unknown };
      return {
        at: formatDateTime(h.at.toISOString(), locale),
        name: h.name ?? "",
        action: h.action.replace(/^outcome_set\./, ""),
        code: typeof d.code === "string" ? d.code : "",
        detail: typeof d.reason === "string" ? d.reason : typeof d.organisation === "string" ? d.organisation : "",
      };
    });
  const histories = [];
  for (const v of new Set([from, to])) histories.push({ version: v, entries: await history(v) });
  return {
    consultation: { slug: consultation.slug, title: consultation.title },
    from: meta(result.from),
    to: meta(result.to),
    changes: result.changes,
    histories,
  };
}

/** Where one outcome of one version came from: consultation, rounds, numbers, method, and every recorded departure. Null when either is missing. */
export async function tracePage(db: DB, input: { consultation: { id: number; slug: string; title: string }; locale: string; version: number; code: string }) {
  const { consultation, locale, version, code } = input;
  const set = await findOutcomeSet(db, consultation.id, version);
  const outcome = set?.content.outcomes.find((o) => o.code === code);
  if (!set || !outcome) return null;
  // Reasons recorded for this outcome in this and every earlier version.
  const history = [];
  for (const v of (await listOutcomeSetVersions(db, consultation.id)).filter((v) => v.version <= version)) {
    const s = v.version === version ? set : (await findOutcomeSet(db, consultation.id, v.version))!;
    const o = s.content.outcomes.find((x) => x.code === code);
    history.push({
      version: v.version,
      changeReason: v.changeReason,
      inclusion: o && isDeparture(o) ? o.inclusionReason : "",
      included: o?.included ?? false,
      weightReason: o?.weightReason ?? "",
      reworded: o && o.statement !== o.citizenStatement ? o.statement : "",
    });
  }
  // Every round the outcome was rated in, each with the calculation it came from (methods §4, "Across rounds").
  const bases = basisRounds(set.content.basis);
  const round = decidingRound(outcome, set.content.basis);
  const e = outcome.evidence;
  const ratedIn = e.history?.length
    ? e.history
    : [{ round, n: e.n, percentCritical: e.percentCritical, ci95: e.ci95, median: e.median, consensus: e.consensus, change: null }];
  const calculation = (n: number) => {
    const b = bases.find((x) => x.roundNumber === n);
    return b
      ? {
          version: b.resultVersion,
          responseCount: b.responseCount,
          at: formatDateTime(b.computedAt, locale),
          method: `${b.method.name} ${b.method.version}`,
          parameters: b.method.parameters,
          weighting: b.weighting,
          marginsName: b.marginsName,
        }
      : null;
  };
  const lastRound = Math.max(...bases.map((b) => b.roundNumber));
  return {
    provenance: (await provenanceByCode(db, consultation.id)).get(code) ?? null,
    consultation: { slug: consultation.slug, title: consultation.title },
    set: {
      version: set.version,
      status: set.status,
      agreedAt: when(set.agreedAt, locale),
      signatures: (await listSignatures(db, set.id)).map((s) => ({
        organisation: s.organisationName,
        signer: s.signerName,
        signedAt: when(s.signedAt, locale),
      })),
    },
    rounds: (await listRounds(db, consultation.id)).map((r) => ({ number: r.number, status: r.status })),
    round,
    deciding: calculation(round),
    notAskedAgain: round < lastRound,
    roundsRated: ratedIn.map((h) => ({ ...h, calculation: calculation(h.round) })),
    citizenWeight: outcome.included ? (citizenWeights(set.content).get(code) ?? 0) : null,
    outcome,
    history,
  };
}

// Reads the routes use, passed through unchanged: services are the routes' only way to the data.
export { findOutcomeSet, listCommissioningOrganisations, listSignatories } from "../repos/outcome-sets.server";
