import { auditLog } from "../../db/tables";
import type { DB } from "../db.server";

export interface AuditEntry {
  at: Date;
  actorUserId: number | null;
  partnershipId: number | null;
  action: string;
  entityType: string;
  entityId?: string | number | null;
  details?: Record<string, unknown>;
}

/** Appends to the audit log (the database refuses updates and deletes). */
export async function appendAudit(db: DB, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    ...entry,
    entityId: entry.entityId == null ? null : String(entry.entityId),
    details: entry.details ?? {},
  });
}

/** An audit row for a change to one consultation's data, with the consultation named in the details. */
export async function auditConsultation(
  db: DB,
  a: { actor: { userId: number; partnershipId: number }; consultationId: number },
  action: string,
  entityType: string,
  entityId: number,
  details: Record<string, unknown>,
  now: Date,
): Promise<void> {
  await appendAudit(db, {
    at: now,
    actorUserId: a.actor.userId,
    partnershipId: a.actor.partnershipId,
    action,
    entityType,
    entityId,
    details: { consultationId: a.consultationId, ...details },
  });
}
