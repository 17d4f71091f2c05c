/** Officer actions on the advisory group, invitations, email, moderation and codebook: each in a transaction, audited. */
import type { DB } from "../db.server";
import { appendAudit } from "../repos/audit.server";
import { requeueEmail } from "../repos/email-outbox.server";

export interface Actor {
  partnershipId: number;
  actorUserId: number;
}

/** A failed or bounced email goes back in the queue (e.g. after the member's address was corrected elsewhere, or the relay recovered). */
export function retryEmail(db: DB, input: Actor & { consultationId: number; emailId: number }, now: Date): boolean {
  return db.transaction((t) => {
    const tx = t as unknown as DB;
    if (!requeueEmail(tx, input.emailId, input.consultationId, now)) return false;
    appendAudit(tx, { at: now, actorUserId: input.actorUserId, partnershipId: input.partnershipId, action: "email.retried", entityType: "email", entityId: input.emailId });
    return true;
  });
}
