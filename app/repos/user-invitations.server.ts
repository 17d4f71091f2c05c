import { and, eq, gt, isNull } from "drizzle-orm";
import { partnerships, userInvitations, type Role } from "../../db/schema";
import type { DB } from "../db.server";

export function insertUserInvitation(
  db: DB,
  values: { email: string; displayName: string; partnershipId: number; role: Role; tokenHash: string; invitedBy: number; expiresAt: Date },
): number {
  return db
    .insert(userInvitations)
    .values({ ...values, email: values.email.toLowerCase() })
    .returning({ id: userInvitations.id })
    .get().id;
}

export function findUsableInvitation(db: DB, tokenHash: string, now: Date) {
  return db
    .select({
      id: userInvitations.id,
      email: userInvitations.email,
      displayName: userInvitations.displayName,
      role: userInvitations.role,
      partnershipId: userInvitations.partnershipId,
      partnershipName: partnerships.name,
    })
    .from(userInvitations)
    .innerJoin(partnerships, eq(partnerships.id, userInvitations.partnershipId))
    .where(
      and(
        eq(userInvitations.tokenHash, tokenHash),
        isNull(userInvitations.acceptedAt),
        isNull(userInvitations.revokedAt),
        gt(userInvitations.expiresAt, now),
      ),
    )
    .get();
}

export function markInvitationAccepted(db: DB, id: number, now: Date): boolean {
  return (
    db
      .update(userInvitations)
      .set({ acceptedAt: now })
      .where(and(eq(userInvitations.id, id), isNull(userInvitations.acceptedAt)))
      .run().changes === 1
  );
}

export function listPendingInvitations(db: DB, partnershipId: number, now: Date) {
  return db
    .select({
      id: userInvitations.id,
      email: userInvitations.email,
      displayName: userInvitations.displayName,
      role: userInvitations.role,
      expiresAt: userInvitations.expiresAt,
    })
    .from(userInvitations)
    .where(
      and(
        eq(userInvitations.partnershipId, partnershipId),
        isNull(userInvitations.acceptedAt),
        isNull(userInvitations.revokedAt),
        gt(userInvitations.expiresAt, now),
      ),
    )
    .all();
}
