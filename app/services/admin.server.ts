import { findPartnershipBySlug } from "../repos/partnerships.server";
import { z } from "zod";
import type { Role } from "../../db/schema";
import { type DB, inTransaction } from "../db.server";
import { randomToken, hashTokenHex } from "../auth/tokens.server";
import { appendAudit } from "../repos/audit.server";
import { addMembership, countAdministrators, findUserIdByEmail, removeMembership } from "../repos/users.server";
import { insertUserInvitation } from "../repos/user-invitations.server";

const INVITATION_DAYS = 14;

export type InviteResult =
  | { kind: "role-added"; userId: number }
  | { kind: "already-has-role"; userId: number }
  | { kind: "invited"; token: string; expiresAt: Date };

/**
 * Gives someone a role in a partnership. An existing account gets the role at
 * once; a new person gets an invitation link (shown to the administrator; email
 * delivery comes with the notifications issue) to set their name and password.
 */
export async function inviteOrAssign(
  db: DB,
  actorUserId: number,
  partnershipId: number,
  input: { email: string; displayName: string; role: Role },
  now: Date,
): Promise<InviteResult> {
  return await inTransaction(db, async (tx): Promise<InviteResult> => {
    const existing = await findUserIdByEmail(tx, input.email);
    if (existing !== undefined) {
      const added = await addMembership(tx, existing, partnershipId, input.role);
      if (added) {
        await appendAudit(tx, { at: now, actorUserId, partnershipId, action: "role.assigned", entityType: "user", entityId: existing, details: { role: input.role } });
      }
      return added ? { kind: "role-added", userId: existing } : { kind: "already-has-role", userId: existing };
    }
    const token = randomToken(24);
    const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 86_400_000);
    const id = await insertUserInvitation(tx, { ...input, partnershipId, tokenHash: hashTokenHex(token), invitedBy: actorUserId, expiresAt });
    await appendAudit(tx, { at: now, actorUserId, partnershipId, action: "user.invited", entityType: "user_invitation", entityId: id, details: { role: input.role } });
    return { kind: "invited", token, expiresAt };
  });
}

export type RemoveRoleResult = { ok: true } | { ok: false; reason: "not-found" | "last-administrator" };

class LastAdministrator extends Error {}

export async function removeRole(db: DB, actorUserId: number, partnershipId: number, membershipId: number, now: Date): Promise<RemoveRoleResult> {
  try {
    return await inTransaction(db, async (tx) => {
      const removed = await removeMembership(tx, membershipId, partnershipId);
      if (!removed) return { ok: false, reason: "not-found" } as const;
      // A partnership must keep at least one administrator: throwing rolls the delete back.
      if (removed.role === "administrator" && (await countAdministrators(tx, partnershipId)) === 0) throw new LastAdministrator();
      await appendAudit(tx, { at: now, actorUserId, partnershipId, action: "role.removed", entityType: "user", entityId: removed.userId, details: { role: removed.role } });
      return { ok: true } as const;
    });
  } catch (error) {
    if (error instanceof LastAdministrator) return { ok: false, reason: "last-administrator" };
    throw error;
  }
}

const partnershipParams = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,80}$/) });

/** The partnership a /partnerships/:slug route names, or a 404. */
export async function partnershipFromParams(db: DB, params: unknown) {
  const parsed = partnershipParams.safeParse(params);
  const partnership = parsed.success ? await findPartnershipBySlug(db, parsed.data.slug) : undefined;
  if (!partnership) throw new Response("Not Found", { status: 404 });
  return partnership;
}

// Reads the routes use, passed through unchanged: services are the routes' only way to the data.
export { findUsableInvitation, listPendingInvitations } from "../repos/user-invitations.server";
export { hasRole, listPartnershipPeople } from "../repos/users.server";
