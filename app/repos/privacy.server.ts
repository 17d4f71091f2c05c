import { and, count, eq, inArray, isNotNull } from "drizzle-orm";
import * as s from "../../db/tables";
import type { DB } from "../db.server";

/** How much personal data a consultation holds now (counts only). */
export async function personalDataHeld(db: DB, consultationId: number) {
  const ids = (await db.select({ id: s.participants.id }).from(s.participants).where(eq(s.participants.consultationId, consultationId))).map((r) => r.id);
  const n = async (q: PromiseLike<Array<{ n: number }>>) => (await q)[0]?.n ?? 0;
  return {
    linkedToMembers: await n(
      db
        .select({ n: count() })
        .from(s.participants)
        .where(and(eq(s.participants.consultationId, consultationId), isNotNull(s.participants.memberId))),
    ),
    profiles: ids.length ? await n(db.select({ n: count() }).from(s.participantProfiles).where(inArray(s.participantProfiles.participantId, ids))) : 0,
    drafts: ids.length ? await n(db.select({ n: count() }).from(s.responseDrafts).where(inArray(s.responseDrafts.participantId, ids))) : 0,
    invitations: await n(db.select({ n: count() }).from(s.invitations).where(eq(s.invitations.consultationId, consultationId))),
    emails: await n(db.select({ n: count() }).from(s.emailOutbox).where(eq(s.emailOutbox.consultationId, consultationId))),
    responses: ids.length ? await n(db.select({ n: count() }).from(s.responses).where(inArray(s.responses.participantId, ids))) : 0,
  };
}
