import { inArray } from "drizzle-orm";
import { consultations } from "../../db/tables";
import type { DB } from "../db.server";

export async function findConsultationPartnerships(db: DB, consultationIds: number[]): Promise<Map<number, number>> {
  if (consultationIds.length === 0) return new Map();
  return new Map(
    (await db.select({ id: consultations.id, partnershipId: consultations.partnershipId }).from(consultations).where(inArray(consultations.id, consultationIds))).map((r) => [r.id, r.partnershipId]),
  );
}
