import type { Role } from "../../db/schema";
import { type DB, inTransaction } from "../db.server";
import type { Actor } from "../domain/actor";
import { allow, allowed, refuse, type Decision } from "../domain/decision";
import { randomToken, hashTokenHex } from "../auth/tokens.server";
import { appendAudit } from "../repos/audit.server";
import { addMembership, countAdministrators, findUserIdByEmail, removeMembership } from "../repos/users.server";
import { insertUserInvitation } from "../repos/user-invitations.server";

const INVITATION_DAYS = 14;

export type Invited = { kind: "role-added"; userId: number } | { kind: "invited"; token: string; expiresAt: Date };

/**
 * Gives someone a role in the actor's partnership. An existing account gets the role at once
 * (refused when they have it already); a new person gets an invitation link, shown to the
 * administrator, to set their name and password.
 */
export async function inviteOrAssign(
  db: DB,
  input: { actor: Actor; email: string; displayName: string; role: Role },
  now: Date,
): Promise<Decision<"already-has-role", Invited>> {
  const { actor, ...person } = input;
  const partnershipId = actor.partnershipId;
  return await inTransaction(db, async (tx): Promise<Decision<"already-has-role", Invited>> => {
    const existing = await findUserIdByEmail(tx, person.email);
    if (existing !== undefined) {
      if (!(await addMembership(tx, existing, partnershipId, person.role))) return refuse("already-has-role");
      await appendAudit(tx, {
        at: now,
        actorUserId: actor.userId,
        partnershipId,
        action: "role.assigned",
        entityType: "user",
        entityId: existing,
        details: { role: person.role },
      });
      return allow({ kind: "role-added", userId: existing });
    }
    const token = randomToken(24);
    const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 86_400_000);
    const id = await insertUserInvitation(tx, { ...person, partnershipId, tokenHash: hashTokenHex(token), invitedBy: actor.userId, expiresAt });
    await appendAudit(tx, {
      at: now,
      actorUserId: actor.userId,
      partnershipId,
      action: "user.invited",
      entityType: "user_invitation",
      entityId: id,
      details: { role: person.role },
    });
    return allow({ kind: "invited", token, expiresAt });
  });
}

class LastAdministrator extends Error {}

export async function removeRole(db: DB, input: { actor: Actor; membershipId: number }, now: Date): Promise<Decision<"not-found" | "last-administrator">> {
  const { actor, membershipId } = input;
  const partnershipId = actor.partnershipId;
  try {
    return await inTransaction(db, async (tx) => {
      const removed = await removeMembership(tx, membershipId, partnershipId);
      if (!removed) return refuse("not-found");
      // A partnership must keep at least one administrator: throwing rolls the delete back.
      if (removed.role === "administrator" && (await countAdministrators(tx, partnershipId)) === 0) throw new LastAdministrator();
      await appendAudit(tx, {
        at: now,
        actorUserId: actor.userId,
        partnershipId,
        action: "role.removed",
        entityType: "user",
        entityId: removed.userId,
        details: { role: removed.role },
      });
      return allowed;
    });
  } catch (error) {
    if (error instanceof LastAdministrator) return refuse("last-administrator");
    throw error;
  }
}

// Reads the routes use, passed through unchanged: services are the routes' only way to the data.
export { findUsableInvitation, listPendingInvitations } from "../repos/user-invitations.server";
export { hasRole, listPartnershipPeople } from "../repos/users.server";
