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
