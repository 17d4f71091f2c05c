import { and, eq, isNull } from "drizzle-orm";
import { invitations } from "../../db/schema";
import type { DB } from "../db.server";

/** Revokes a member's invitations that are neither completed nor revoked. Returns how many. */
export function revokeOpenInvitationsOfMember(db: DB, memberId: number, now: Date): number {
  return db
    .update(invitations)
    .set({ revokedAt: now })
    .where(and(eq(invitations.memberId, memberId), isNull(invitations.completedAt), isNull(invitations.revokedAt)))
    .run().changes;
}
