/**
 * Personal data: deletion when a consultation's retention date passes, and a member's
 * request for their data or its erasure, carried out by an officer. Anonymous answers and
 * computed results stay (they no longer point at anyone); every action is audited without
 * copying personal data into the audit log.
 */
import { and, eq, inArray, isNull, lte, ne } from "drizzle-orm";
import * as s from "../../db/tables";
import { changedRows, type DB, inTransaction } from "../db.server";
import type { Actor } from "../domain/actor";
import { checkRetentionDate, isRetentionDue } from "../domain/privacy/retention";
import { appendAudit } from "../repos/audit.server";
import { personalDataHeld } from "../repos/privacy.server";
import { RECEIPT_KIND } from "../repos/email-outbox.server";

export interface DeletionCounts {
  participantsUnlinked: number;
  profiles: number;
  drafts: number;
  invitations: number;
  emails: number;
}

/** Deletes a consultation's personal data now (idempotent). */
export async function deleteConsultationPersonalData(db: DB, consultationId: number, now: Date, actorUserId: number | null): Promise<DeletionCounts> {
  return await inTransaction(db, async (t) => {
    const [c] = await t.select({ partnershipId: s.consultations.partnershipId }).from(s.consultations).where(eq(s.consultations.id, consultationId));
    if (!c) throw new Error("no such consultation");
    const ids = (await t.select({ id: s.participants.id }).from(s.participants).where(eq(s.participants.consultationId, consultationId))).map((r) => r.id);
    const counts: DeletionCounts = { participantsUnlinked: 0, profiles: 0, drafts: 0, invitations: 0, emails: 0 };
    if (ids.length) {
      counts.profiles = changedRows(await t.delete(s.participantProfiles).where(inArray(s.participantProfiles.participantId, ids)));
      counts.drafts = changedRows(await t.delete(s.responseDrafts).where(inArray(s.responseDrafts.participantId, ids)));
      counts.participantsUnlinked = changedRows(
        await t
          .update(s.participants)
          .set({ memberId: null, resumeTokenHash: null, externalId: null })
          .where(eq(s.participants.consultationId, consultationId)),
      );
    }
    counts.invitations = changedRows(await t.delete(s.invitations).where(eq(s.invitations.consultationId, consultationId)));
    counts.emails = changedRows(await t.delete(s.emailOutbox).where(eq(s.emailOutbox.consultationId, consultationId)));
    await t.update(s.consultations).set({ personalDataDeletedAt: now }).where(eq(s.consultations.id, consultationId));
    await appendAudit(t, {
      at: now,
      actorUserId,
      partnershipId: c.partnershipId,
      action: "privacy.consultation-data-deleted",
      entityType: "consultation",
      entityId: consultationId,
      details: { ...counts },
    });
    return counts;
  });
}

/** Deletes personal data of every consultation whose retention date has passed. Returns the ids done. */
export async function applyDueRetention(db: DB, now: Date): Promise<number[]> {
  const candidates = (
    await db
      .select({
        id: s.consultations.id,
        personalDataRetainUntil: s.consultations.personalDataRetainUntil,
        personalDataDeletedAt: s.consultations.personalDataDeletedAt,
      })
      .from(s.consultations)
      .where(and(isNull(s.consultations.personalDataDeletedAt), lte(s.consultations.personalDataRetainUntil, now)))
  ).filter((c) => isRetentionDue(c, now));
  for (const c of candidates) await deleteConsultationPersonalData(db, c.id, now, null);
  return candidates.map((c) => c.id);
}

/** What the consultation's privacy page shows: its retention date, when its personal data was deleted, and what is held now. */
export async function consultationPrivacy(db: DB, consultationId: number) {
  const [row] = await db
    .select({ retainUntil: s.consultations.personalDataRetainUntil, deletedAt: s.consultations.personalDataDeletedAt })
    .from(s.consultations)
    .where(eq(s.consultations.id, consultationId));
  if (!row) throw new Error("no such consultation");
  return { retainUntil: row.retainUntil, deletedAt: row.deletedAt, held: await personalDataHeld(db, consultationId) };
}

/** Why `date` cannot be the consultation's retention date (before it closes, too far off…), or null. */
export async function retentionDateProblem(db: DB, consultationId: number, date: Date, now: Date) {
  const closesAt =
    (await db.select({ closesAt: s.consultations.closesAt }).from(s.consultations).where(eq(s.consultations.id, consultationId)))[0]?.closesAt ?? null;
  return checkRetentionDate(date, closesAt, now);
}

export async function setRetentionDate(db: DB, consultationId: number, partnershipId: number, date: Date | null, now: Date, actorUserId: number) {
  await inTransaction(db, async (t) => {
    await t.update(s.consultations).set({ personalDataRetainUntil: date }).where(eq(s.consultations.id, consultationId));
    await appendAudit(t, {
      at: now,
      actorUserId,
      partnershipId,
      action: "privacy.retention-set",
      entityType: "consultation",
      entityId: consultationId,
      details: { retainUntil: date?.toISOString() ?? null },
    });
  });
}

/** A member's data for their subject access request, with the export recorded in the audit log. */
export async function exportMemberData(db: DB, input: { actor: Actor; memberId: number }, now: Date) {
  const { actor, memberId } = input;
  const data = await memberDataExport(db, memberId);
  await appendAudit(db, {
    at: now,
    actorUserId: actor.userId,
    partnershipId: actor.partnershipId,
    action: "privacy.member-data-exported",
    entityType: "advisory_group_member",
    entityId: memberId,
  });
  return data;
}

/** Everything held about one advisory group member, for their subject access request. */
export async function memberDataExport(db: DB, memberId: number) {
  const [member] = await db.select().from(s.advisoryGroupMembers).where(eq(s.advisoryGroupMembers.id, memberId));
  if (!member) return null;
  const [group] = await db.select({ name: s.advisoryGroups.name }).from(s.advisoryGroups).where(eq(s.advisoryGroups.id, member.groupId));
  const invitations = await db
    .select({
      consultationId: s.invitations.consultationId,
      roundId: s.invitations.roundId,
      sentAt: s.invitations.sentAt,
      completedAt: s.invitations.completedAt,
      revokedAt: s.invitations.revokedAt,
      createdAt: s.invitations.createdAt,
    })
    .from(s.invitations)
    .where(eq(s.invitations.memberId, memberId));
  const emails = member.email
    ? await db
        .select({ subject: s.emailOutbox.subject, kind: s.emailOutbox.kind, status: s.emailOutbox.status, createdAt: s.emailOutbox.createdAt })
        .from(s.emailOutbox)
        // A citizen's receipt waiting to go is not theirs as a member: it would tie them to an anonymous answer set.
        .where(and(eq(s.emailOutbox.toAddress, member.email), ne(s.emailOutbox.kind, RECEIPT_KIND)))
    : [];
  const participations = await db
    .select({ id: s.participants.id, consultationId: s.participants.consultationId })
    .from(s.participants)
    .where(eq(s.participants.memberId, memberId));
  const pids = participations.map((p) => p.id);
  const responses = pids.length
    ? await db
        .select({
          participantId: s.responses.participantId,
          id: s.responses.id,
          roundId: s.responses.roundId,
          reference: s.responses.reference,
          submittedAt: s.responses.submittedAt,
        })
        .from(s.responses)
        .where(inArray(s.responses.participantId, pids))
    : [];
  const answersOf = async (responseId: number) =>
    await db
      .select({ questionId: s.answers.questionId, numericValue: s.answers.numericValue, unable: s.answers.unable, textValue: s.answers.textValue })
      .from(s.answers)
      .where(eq(s.answers.responseId, responseId));
  const profiles = pids.length ? await db.select().from(s.participantProfiles).where(inArray(s.participantProfiles.participantId, pids)) : [];
  const drafts = pids.length
    ? await db
        .select({ roundId: s.responseDrafts.roundId, answers: s.responseDrafts.answers, updatedAt: s.responseDrafts.updatedAt })
        .from(s.responseDrafts)
        .where(inArray(s.responseDrafts.participantId, pids))
    : [];
  return {
    member: {
      name: member.displayName,
      email: member.email,
      advisoryGroup: group?.name ?? null,
      stakeholderGroup: member.stakeholderGroup,
      ageBand: member.ageBand,
      sex: member.sex,
      locality: member.locality,
      ethnicity: member.ethnicity,
      preferredLocale: member.preferredLocale,
      profileConsentAt: member.profileConsentAt,
      joinedAt: member.joinedAt,
      leftAt: member.leftAt,
    },
    invitations,
    emails,
    responses: await Promise.all(
      responses.map(async (r) => ({ roundId: r.roundId, reference: r.reference, submittedAt: r.submittedAt, answers: await answersOf(r.id) })),
    ),
    drafts,
    profiles: profiles.map(({ participantId: _p, ...rest }) => rest),
  };
}

/**
 * Erases a member: name, email and profile go; they leave the group; their invitations and the
 * emails sent to them are deleted; their answers stay only as anonymous answers (unlinked).
 */
export async function eraseMember(db: DB, input: { actor: Actor; memberId: number }, now: Date): Promise<boolean> {
  const { actor, memberId } = input;
  return await inTransaction(db, async (t) => {
    const [member] = await t
      .select({ id: s.advisoryGroupMembers.id, email: s.advisoryGroupMembers.email })
      .from(s.advisoryGroupMembers)
      .where(eq(s.advisoryGroupMembers.id, memberId));
    if (!member) return false;
    const pids = (await t.select({ id: s.participants.id }).from(s.participants).where(eq(s.participants.memberId, memberId))).map((p) => p.id);
    if (pids.length) {
      await t.delete(s.participantProfiles).where(inArray(s.participantProfiles.participantId, pids));
      await t.delete(s.responseDrafts).where(inArray(s.responseDrafts.participantId, pids));
      await t.update(s.participants).set({ memberId: null, resumeTokenHash: null }).where(inArray(s.participants.id, pids));
    }
    await t.delete(s.invitations).where(eq(s.invitations.memberId, memberId));
    if (member.email) await t.delete(s.emailOutbox).where(eq(s.emailOutbox.toAddress, member.email));
    await t
      .update(s.advisoryGroupMembers)
      .set({
        displayName: `Erased member ${memberId}`,
        email: null,
        ageBand: null,
        sex: null,
        locality: null,
        ethnicity: null,
        profileConsentAt: null,
        leftAt: now,
      })
      .where(eq(s.advisoryGroupMembers.id, memberId));
    await appendAudit(t, {
      at: now,
      actorUserId: actor.userId,
      partnershipId: actor.partnershipId,
      action: "privacy.member-erased",
      entityType: "advisory_group_member",
      entityId: memberId,
      details: { participations: pids.length },
    });
    return true;
  });
}
