/** Officer actions on the advisory group, invitations, email, moderation and codebook: each in a transaction, audited. */
import { type DB, inTransaction } from "../db.server";
import type { Actor } from "../domain/actor";
import { allow, allowed, refuse, type Decision } from "../domain/decision";
import { appendAudit } from "../repos/audit.server";
import type { MemberInput } from "../domain/advisory-groups/members";
import { currentMemberEmails, findMember, groupNameTaken, insertGroup, insertMember, markMemberLeft, updateMember } from "../repos/advisory-groups.server";
import { requeueEmail } from "../repos/email-outbox.server";
import { revokeOpenInvitationsOfMember } from "../repos/round-invitations.server";

/** Who acts: the guard's actor, whose partnership owns the group (ownership checks use it). */
type Acting = { actor: Actor };

/** A failed or bounced email goes back in the queue (e.g. after the member's address was corrected elsewhere, or the relay recovered). */
export async function retryEmail(db: DB, input: Acting & { consultationId: number; emailId: number }, now: Date): Promise<boolean> {
  return await inTransaction(db, async (tx) => {
    if (!(await requeueEmail(tx, input.emailId, input.consultationId, now))) return false;
    await appendAudit(tx, {
      at: now,
      actorUserId: input.actor.userId,
      partnershipId: input.actor.partnershipId,
      action: "email.retried",
      entityType: "email",
      entityId: input.emailId,
    });
    return true;
  });
}

// ── Advisory groups and members ───────────────────────────────────────────────
export async function createGroup(db: DB, input: Acting & { name: string; description: string }, now: Date): Promise<Decision<"taken", number>> {
  return await inTransaction(db, async (tx) => {
    if (await groupNameTaken(tx, input.actor.partnershipId, input.name)) return refuse("taken");
    const id = await insertGroup(tx, input.actor.partnershipId, input.name, input.description);
    await appendAudit(tx, {
      at: now,
      actorUserId: input.actor.userId,
      partnershipId: input.actor.partnershipId,
      action: "advisory-group.created",
      entityType: "advisory-group",
      entityId: id,
    });
    return allow(id);
  });
}

/** Audit entries name members by id only: the log is append-only and must not keep personal data past erasure. */
export async function addMember(db: DB, input: Acting & { groupId: number; member: MemberInput }, now: Date): Promise<Decision<"duplicate", number>> {
  return await inTransaction(db, async (tx) => {
    if ((await currentMemberEmails(tx, input.groupId)).has(input.member.email)) return refuse("duplicate");
    const id = await insertMember(tx, input.groupId, input.member, now);
    await appendAudit(tx, {
      at: now,
      actorUserId: input.actor.userId,
      partnershipId: input.actor.partnershipId,
      action: "advisory-group.member-added",
      entityType: "advisory-group-member",
      entityId: id,
      details: { groupId: input.groupId },
    });
    return allow(id);
  });
}

export async function editMember(
  db: DB,
  input: Acting & { groupId: number; memberId: number; member: MemberInput },
  now: Date,
): Promise<Decision<"duplicate" | "missing">> {
  return await inTransaction(db, async (tx) => {
    const before = await findMember(tx, input.groupId, input.memberId);
    if (!before || before.leftAt) return refuse("missing");
    if ((await currentMemberEmails(tx, input.groupId, input.memberId)).has(input.member.email)) return refuse("duplicate");
    await updateMember(tx, input.groupId, input.memberId, input.member, before.profileConsentAt, now);
    const changed = (["displayName", "email", "stakeholderGroup", "preferredLocale", "ageBand", "sex", "locality", "ethnicity"] as const).filter(
      (k) => (before[k] ?? null) !== ((k in input.member ? input.member[k] : null) ?? null),
    );
    const consentChanged = Boolean(before.profileConsentAt) !== input.member.profileConsent;
    await appendAudit(tx, {
      at: now,
      actorUserId: input.actor.userId,
      partnershipId: input.actor.partnershipId,
      action: "advisory-group.member-edited",
      entityType: "advisory-group-member",
      entityId: input.memberId,
      details: { groupId: input.groupId, fields: changed, ...(consentChanged ? { profileConsent: input.member.profileConsent } : {}) },
    });
    return allowed;
  });
}

/** The member leaves the group (kept, with leftAt, so past responses still count); their open invitations are revoked. */
export async function removeMember(db: DB, input: Acting & { groupId: number; memberId: number }, now: Date): Promise<boolean> {
  return await inTransaction(db, async (tx) => {
    if (!(await markMemberLeft(tx, input.groupId, input.memberId, now))) return false;
    const revoked = await revokeOpenInvitationsOfMember(tx, input.memberId, now);
    await appendAudit(tx, {
      at: now,
      actorUserId: input.actor.userId,
      partnershipId: input.actor.partnershipId,
      action: "advisory-group.member-removed",
      entityType: "advisory-group-member",
      entityId: input.memberId,
      details: { groupId: input.groupId, invitationsRevoked: revoked },
    });
    return true;
  });
}

/** All or nothing: duplicates are checked again inside the transaction. */
export async function importMembers(
  db: DB,
  input: Acting & { groupId: number; rows: MemberInput[] },
  now: Date,
): Promise<{ created: number } | { duplicate: string }> {
  return await inTransaction(db, async (tx) => {
    const existing = await currentMemberEmails(tx, input.groupId);
    const clash = input.rows.find((r) => existing.has(r.email));
    if (clash) return { duplicate: clash.email };
    for (const row of input.rows) await insertMember(tx, input.groupId, row, now);
    await appendAudit(tx, {
      at: now,
      actorUserId: input.actor.userId,
      partnershipId: input.actor.partnershipId,
      action: "advisory-group.members-imported",
      entityType: "advisory-group",
      entityId: input.groupId,
      details: { created: input.rows.length },
    });
    return { created: input.rows.length };
  });
}

// Reads the routes use, passed through unchanged: services are the routes' only way to the data.
export { countMembersWhoLeft, currentMemberEmails, findMember, listGroups, listMembers } from "../repos/advisory-groups.server";
