import type { DB } from "../db.server";
import { domainCode, type OutcomeImportRow } from "../domain/outcome-import";
import { appendAudit } from "../repos/audit.server";
import { countOutcomes, ensureDomain, upsertOutcome } from "../repos/outcomes.server";

/** Imports validated rows in one transaction: all or nothing. Text is stored as English. */
export function importOutcomes(
  db: DB,
  input: { consultationId: number; partnershipId: number; actorUserId: number; rows: OutcomeImportRow[] },
  now: Date,
): { created: number; updated: number } {
  return db.transaction((t) => {
    const tx = t as unknown as DB;
    let created = 0;
    let updated = 0;
    let position = countOutcomes(tx, input.consultationId);
    for (const row of input.rows) {
      const domainId = ensureDomain(tx, input.consultationId, row.domain, domainCode(row.domain));
      const result = upsertOutcome(tx, input.consultationId, { ...row, domainId, position: position++ });
      if (result === "created") created++;
      else updated++;
    }
    appendAudit(tx, {
      at: now,
      actorUserId: input.actorUserId,
      partnershipId: input.partnershipId,
      action: "candidate-outcomes.imported",
      entityType: "consultation",
      entityId: input.consultationId,
      details: { created, updated },
    });
    return { created, updated };
  });
}
