import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import {
  aggregationResults,
  auditLog,
  consultationSignatories,
  organisations,
  outcomeSets,
  outcomeSetSignatures,
  partnershipOrganisations,
  rounds,
  surveys,
  users,
} from "../../db/tables";
import { changedRows, rows, type DB } from "../db.server";
import { citizenWeights, contentSchema, ordered, type OutcomeSetContent, type OutcomeSetStatus } from "../domain/outcome-sets";

// ── Signatories ──────────────────────────────────────────────────────────────
/** The partnership's commissioning organisations, by name. */
export async function listCommissioningOrganisations(db: DB, partnershipId: number) {
  return await db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .innerJoin(partnershipOrganisations, eq(partnershipOrganisations.organisationId, organisations.id))
    .where(and(eq(partnershipOrganisations.partnershipId, partnershipId), eq(organisations.kind, "commissioner")))
    .orderBy(asc(organisations.name));
}

export async function listSignatories(db: DB, consultationId: number) {
  return await db
    .select({ organisationId: organisations.id, name: organisations.name })
    .from(consultationSignatories)
    .innerJoin(organisations, eq(organisations.id, consultationSignatories.organisationId))
    .where(eq(consultationSignatories.consultationId, consultationId))
    .orderBy(asc(organisations.name));
}

export async function replaceSignatories(db: DB, consultationId: number, organisationIds: number[], addedBy: number): Promise<void> {
  await db.delete(consultationSignatories).where(eq(consultationSignatories.consultationId, consultationId));
  if (organisationIds.length)
    await db.insert(consultationSignatories).values(organisationIds.map((organisationId) => ({ consultationId, organisationId, addedBy })));
}

export async function findUserOrganisation(db: DB, userId: number): Promise<{ id: number; name: string } | null> {
  const [row] = await db
    .select({ id: organisations.id, name: organisations.name })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(users.id, userId));
  return row ?? null;
}

// ── The aggregated result a framework starts from ────────────────────────────
/** The most recent stored result of any round of the consultation. */
export async function findLatestResult(db: DB, consultationId: number) {
  const [row] = await db
    .select({
      roundId: rounds.id,
      roundNumber: rounds.number,
      version: aggregationResults.version,
      result: aggregationResults.result,
      parameters: aggregationResults.parameters,
      responseCount: aggregationResults.responseCount,
      createdAt: aggregationResults.createdAt,
    })
    .from(aggregationResults)
    .innerJoin(rounds, eq(rounds.id, aggregationResults.roundId))
    .innerJoin(surveys, eq(surveys.id, rounds.surveyId))
    .where(eq(surveys.consultationId, consultationId))
    .orderBy(desc(aggregationResults.createdAt), desc(aggregationResults.id))
    .limit(1);
  return row;
}

/** Candidate outcomes with their English statement and domain, for the framework (contract documents are in English). */
export async function outcomeCatalogue(db: DB, consultationId: number) {
  // The camel-case aliases are quoted: PostgreSQL folds unquoted names to lower case.
  return await rows<{ id: number; code: string; statement: string; domainCode: string; domainName: string; domainPosition: number }>(
    db,
    sql`
    SELECT co.id AS id, co.code AS code, coalesce(oe.statement, co.code) AS statement,
           coalesce(d.code, '') AS "domainCode", coalesce(de.name, '') AS "domainName", coalesce(d.position, 1000000) AS "domainPosition"
      FROM candidate_outcomes co
      LEFT JOIN outcome_domains d ON d.id = co.domain_id
      LEFT JOIN outcome_domain_translations de ON de.domain_id = d.id AND de.locale = 'en'
      LEFT JOIN candidate_outcome_translations oe ON oe.outcome_id = co.id AND oe.locale = 'en'
     WHERE co.consultation_id = ${consultationId}`,
  );
}

// ── Outcome sets ─────────────────────────────────────────────────────────────
const setColumns = {
  id: outcomeSets.id,
  consultationId: outcomeSets.consultationId,
  version: outcomeSets.version,
  status: outcomeSets.status,
  content: outcomeSets.content,
  changeReason: outcomeSets.changeReason,
  previousVersionId: outcomeSets.previousVersionId,
  createdByName: outcomeSets.createdByName,
  createdAt: outcomeSets.createdAt,
  updatedAt: outcomeSets.updatedAt,
  updatedByName: outcomeSets.updatedByName,
  proposedAt: outcomeSets.proposedAt,
  agreedAt: outcomeSets.agreedAt,
};

export interface OutcomeSetRow {
  id: number;
  consultationId: number;
  version: number;
  status: OutcomeSetStatus;
  content: OutcomeSetContent;
  changeReason: string;
  previousVersionId: number | null;
  createdByName: string;
  createdAt: Date;
  updatedAt: Date | null;
  updatedByName: string;
  proposedAt: Date | null;
  agreedAt: Date | null;
}

function parse(row: typeof outcomeSets.$inferSelect | Omit<typeof outcomeSets.$inferSelect, "createdBy"> | undefined): OutcomeSetRow | null {
  if (!row) return null;
  return { ...row, content: contentSchema.parse(row.content) };
}

export async function listOutcomeSetVersions(db: DB, consultationId: number) {
  return await db
    .select({
      id: outcomeSets.id,
      version: outcomeSets.version,
      status: outcomeSets.status,
      createdAt: outcomeSets.createdAt,
      createdByName: outcomeSets.createdByName,
      changeReason: outcomeSets.changeReason,
      agreedAt: outcomeSets.agreedAt,
    })
    .from(outcomeSets)
    .where(eq(outcomeSets.consultationId, consultationId))
    .orderBy(desc(outcomeSets.version));
}

/** One version, or the latest when `version` is undefined. */
export async function findOutcomeSet(db: DB, consultationId: number, version?: number): Promise<OutcomeSetRow | null> {
  const q = db.select(setColumns).from(outcomeSets);
  const [row] =
    version === undefined
      ? await q.where(eq(outcomeSets.consultationId, consultationId)).orderBy(desc(outcomeSets.version)).limit(1)
      : await q.where(and(eq(outcomeSets.consultationId, consultationId), eq(outcomeSets.version, version)));
  return parse(row);
}

export async function insertOutcomeSet(
  db: DB,
  values: {
    consultationId: number;
    content: OutcomeSetContent;
    changeReason: string;
    previousVersionId: number | null;
    createdBy: number;
    createdByName: string;
    createdAt: Date;
  },
): Promise<number> {
  const next =
    ((
      await db
        .select({ v: sql<number>`max(${outcomeSets.version})` })
        .from(outcomeSets)
        .where(eq(outcomeSets.consultationId, values.consultationId))
    )[0]?.v ?? 0) + 1;
  await db.insert(outcomeSets).values({ ...values, content: values.content as unknown as Record<string, unknown>, version: next, status: "draft" });
  return next;
}

/** Saves a draft's content; only a draft (the WHERE clause, and the triggers, refuse anything else). Returns rows changed. */
export async function updateDraftContent(db: DB, id: number, content: OutcomeSetContent, byName: string, now: Date): Promise<number> {
  return changedRows(
    await db
      .update(outcomeSets)
      .set({ content: content as unknown as Record<string, unknown>, updatedAt: now, updatedByName: byName })
      .where(and(eq(outcomeSets.id, id), eq(outcomeSets.status, "draft"))),
  );
}

export async function setOutcomeSetStatus(db: DB, id: number, from: OutcomeSetStatus, to: OutcomeSetStatus, now: Date): Promise<number> {
  return changedRows(
    await db
      .update(outcomeSets)
      .set({
        status: to,
        ...(to === "proposed" ? { proposedAt: now } : {}),
        ...(to === "agreed" ? { agreedAt: now } : {}),
        ...(to === "draft" ? { proposedAt: null } : {}),
      })
      .where(and(eq(outcomeSets.id, id), eq(outcomeSets.status, from))),
  );
}

export async function listSignatures(db: DB, setId: number) {
  return await db
    .select({
      organisationId: outcomeSetSignatures.organisationId,
      organisationName: outcomeSetSignatures.organisationName,
      signerName: outcomeSetSignatures.signerName,
      signedAt: outcomeSetSignatures.signedAt,
    })
    .from(outcomeSetSignatures)
    .where(eq(outcomeSetSignatures.setId, setId))
    .orderBy(asc(outcomeSetSignatures.organisationName));
}

export async function insertSignatureRows(db: DB, setId: number, orgs: Array<{ organisationId: number; name: string }>): Promise<void> {
  if (orgs.length) await db.insert(outcomeSetSignatures).values(orgs.map((o) => ({ setId, organisationId: o.organisationId, organisationName: o.name })));
}

export async function deleteSignatureRows(db: DB, setId: number): Promise<void> {
  await db.delete(outcomeSetSignatures).where(eq(outcomeSetSignatures.setId, setId));
}

export async function recordSignature(db: DB, setId: number, organisationId: number, userId: number, signerName: string, now: Date): Promise<number> {
  return changedRows(
    await db
      .update(outcomeSetSignatures)
      .set({ userId, signerName, signedAt: now })
      .where(
        and(eq(outcomeSetSignatures.setId, setId), eq(outcomeSetSignatures.organisationId, organisationId), sql`${outcomeSetSignatures.signedAt} IS NULL`),
      ),
  );
}

export interface AgreedOutcomeSet {
  version: number;
  agreedAt: Date;
  incentivePotPence: number | null;
  signatures: Array<{ organisation: string; signer: string; signedAt: Date }>;
  outcomes: Array<{
    code: string;
    domain: string;
    statement: string;
    citizenStatement: string;
    citizenWeight: number;
    finalWeight: number;
    weightReason: string;
    indicators: OutcomeSetContent["outcomes"][number]["indicators"];
  }>;
}

/**
 * CONTRACTS item 8: the latest agreed version of a consultation's outcome set,
 * with its included outcomes in order (wording, domain, weights, indicators), or null.
 */
export async function findLatestAgreedOutcomeSet(db: DB, consultationId: number): Promise<AgreedOutcomeSet | null> {
  const [latest] = await db
    .select(setColumns)
    .from(outcomeSets)
    .where(and(eq(outcomeSets.consultationId, consultationId), eq(outcomeSets.status, "agreed")))
    .orderBy(desc(outcomeSets.version))
    .limit(1);
  const row = parse(latest);
  if (!row) return null;
  return await agreedView(db, row);
}

async function agreedView(db: DB, row: OutcomeSetRow): Promise<AgreedOutcomeSet> {
  const citizen = citizenWeights(row.content);
  const signatures = await listSignatures(db, row.id);
  return {
    version: row.version,
    agreedAt: row.agreedAt!,
    incentivePotPence: row.content.incentivePotPence,
    signatures: signatures.map((s) => ({ organisation: s.organisationName, signer: s.signerName ?? "", signedAt: s.signedAt! })),
    outcomes: ordered(row.content.outcomes)
      .filter((o) => o.included)
      .map((o) => ({
        code: o.code,
        domain: o.domainName,
        statement: o.statement,
        citizenStatement: o.citizenStatement,
        citizenWeight: citizen.get(o.code) ?? 0,
        finalWeight: o.finalWeight ?? 0,
        weightReason: o.weightReason,
        indicators: o.indicators,
      })),
  };
}

export async function organisationsByIds(db: DB, ids: number[]) {
  if (ids.length === 0) return [];
  return await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, ids));
}

/** Who did what to one version, from the audit log (downloads left out), oldest first. */
export async function listVersionHistory(db: DB, partnershipId: number, consultationId: number, version: number) {
  return await db
    .select({ at: auditLog.at, action: auditLog.action, details: auditLog.details, name: users.displayName })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(
      and(
        eq(auditLog.partnershipId, partnershipId),
        eq(auditLog.entityType, "outcome_set"),
        eq(auditLog.entityId, `${consultationId}:${version}`),
        sql`${auditLog.action} <> 'outcome_set.exported'`,
      ),
    )
    .orderBy(asc(auditLog.at), asc(auditLog.id));
}
