import { and, eq, gt, isNull } from "drizzle-orm";
import { partnerships, userInvitations, type Role } from "../../db/tables";
import { changedRows, type DB } from "../db.server";

export async function insertUserInvitation(
  db: DB,
  values: { email: string; displayName: string; partnershipId: number; role: Role; tokenHash: string; invitedBy: number; expiresAt: Date },
): Promise<number> {
  const [row] = await db
    .insert(userInvitations)
    .values({ ...values, email: values.email.toLowerCase() })
    .returning({ id: userInvitations.id });
  return row.id;
}

export async function findUsableInvitation(db: DB, tokenHash: string, now: Date) {
  const [row] = await db
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
      and(eq(userInvitations.tokenHash, tokenHash), isNull(userInvitations.acceptedAt), isNull(userInvitations.revokedAt), gt(userInvitations.expiresAt, now)),
    );
  return row;
}

export async function markInvitationAccepted(db: DB, id: number, now: Date): Promise<boolean> {
  return (
    changedRows(
      await db
        .update(userInvitations)
        .set({ acceptedAt: now })
        .where(and(eq(userInvitations.id, id), isNull(userInvitations.acceptedAt))),
    ) === 1
  );
}

export async function listPendingInvitations(db: DB, partnershipId: number, now: Date) {
  return await db
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
    );
}
