import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { invitations, rounds, surveys } from "../../db/tables";
import { changedRows, epochMs, rows as allRows, type DB } from "../db.server";

/** Revokes a member's invitations that are neither completed nor revoked. Returns how many. */
export async function revokeOpenInvitationsOfMember(db: DB, memberId: number, now: Date): Promise<number> {
  return changedRows(
    await db
      .update(invitations)
      .set({ revokedAt: now })
      .where(and(eq(invitations.memberId, memberId), isNull(invitations.completedAt), isNull(invitations.revokedAt))),
  );
}

export interface TrackingRow {
  memberId: number;
  displayName: string;
  email: string | null;
  stakeholderGroup: string;
  locality: string | null;
  preferredLocale: string;
  invitationId: number | null;
  invitedAt: Date | null;
  sentAt: Date | null;
  remindedAt: Date | null;
  reminderCount: number;
  revokedAt: Date | null;
  completedAt: Date | null;
  /** The member's latest reminder for any invitation. */
  lastReminderAt: Date | null;
  hasDraft: boolean;
  hasResponse: boolean;
  emailStatus: string | null;
  emailError: string | null;
}

const date = (v: unknown) => (v == null ? null : new Date(Number(v)));

/** Every current member of the group with their newest invitation to the round and how far they got. */
export async function listRoundTracking(db: DB, input: { consultationId: number; roundId: number; groupId: number }): Promise<TrackingRow[]> {
  const { consultationId: c, roundId: r, groupId: g } = input;
  // Instants as epoch milliseconds on both databases (epochMs); the exists() flags are 1/0 on SQLite,
  // booleans on PostgreSQL (Boolean() below). lower() sorts as SQLite's NOCASE did (ASCII case folding).
  const rows = await allRows<Record<string, unknown>>(
    db,
    sql`
    select m.id as member_id, m.display_name, m.email, m.stakeholder_group, m.locality, m.preferred_locale,
      i.id as invitation_id, ${epochMs(sql`i.created_at`)} as invited_at, ${epochMs(sql`i.sent_at`)} as sent_at, ${epochMs(sql`i.reminded_at`)} as reminded_at,
      coalesce(i.reminder_count, 0) as reminder_count, ${epochMs(sql`i.revoked_at`)} as revoked_at, ${epochMs(sql`i.completed_at`)} as completed_at,
      (select ${epochMs(sql`max(i2.reminded_at)`)} from invitations i2 where i2.member_id = m.id) as last_reminder_at,
      exists (select 1 from participants p join response_drafts d on d.participant_id = p.id where p.member_id = m.id and p.consultation_id = ${c} and d.round_id = ${r}) as has_draft,
      exists (select 1 from participants p join responses s on s.participant_id = p.id where p.member_id = m.id and p.consultation_id = ${c} and s.round_id = ${r}) as has_response,
      (select e.status from email_outbox e where e.related_id = i.id and e.kind in ('invitation', 'reminder') order by e.id desc limit 1) as email_status,
      (select e.last_error from email_outbox e where e.related_id = i.id and e.kind in ('invitation', 'reminder') order by e.id desc limit 1) as email_error
    from advisory_group_members m
    left join invitations i on i.id = (select max(x.id) from invitations x where x.member_id = m.id and x.round_id = ${r} and x.consultation_id = ${c})
    where m.group_id = ${g} and m.left_at is null
    order by lower(m.display_name), m.id`,
  );
  return rows.map((x) => ({
    memberId: Number(x.member_id),
    displayName: String(x.display_name),
    email: (x.email as string | null) ?? null,
    stakeholderGroup: String(x.stakeholder_group),
    locality: (x.locality as string | null) ?? null,
    preferredLocale: String(x.preferred_locale),
    invitationId: x.invitation_id == null ? null : Number(x.invitation_id),
    invitedAt: date(x.invited_at),
    sentAt: date(x.sent_at),
    remindedAt: date(x.reminded_at),
    reminderCount: Number(x.reminder_count),
    revokedAt: date(x.revoked_at),
    completedAt: date(x.completed_at),
    lastReminderAt: date(x.last_reminder_at),
    hasDraft: Boolean(x.has_draft),
    hasResponse: Boolean(x.has_response),
    emailStatus: (x.email_status as string | null) ?? null,
    emailError: (x.email_error as string | null) ?? null,
  }));
}

export async function insertInvitation(
  db: DB,
  v: { consultationId: number; memberId: number; roundId: number; tokenHash: string },
  now: Date,
): Promise<number> {
  const [row] = await db
    .insert(invitations)
    .values({ ...v, createdAt: now })
    .returning({ id: invitations.id });
  return row.id;
}

/** A new link for a live invitation (the old one stops working). */
export async function replaceInvitationToken(db: DB, id: number, tokenHash: string): Promise<void> {
  await db.update(invitations).set({ tokenHash }).where(eq(invitations.id, id));
}

export async function markReminded(db: DB, id: number, tokenHash: string, now: Date): Promise<void> {
  await db
    .update(invitations)
    .set({ tokenHash, remindedAt: now, reminderCount: sql`${invitations.reminderCount} + 1` })
    .where(eq(invitations.id, id));
}

export async function revokeInvitation(db: DB, id: number, consultationId: number, now: Date): Promise<boolean> {
  return (
    changedRows(
      await db
        .update(invitations)
        .set({ revokedAt: now })
        .where(and(eq(invitations.id, id), eq(invitations.consultationId, consultationId), isNull(invitations.completedAt), isNull(invitations.revokedAt))),
    ) > 0
  );
}

export async function findInvitation(db: DB, id: number, consultationId: number) {
  const [row] = await db
    .select({
      id: invitations.id,
      memberId: invitations.memberId,
      roundId: invitations.roundId,
      completedAt: invitations.completedAt,
      revokedAt: invitations.revokedAt,
    })
    .from(invitations)
    .where(and(eq(invitations.id, id), eq(invitations.consultationId, consultationId)));
  return row;
}

/** A consultation's rounds with their dates, in order. */
export async function listRoundsWithDates(db: DB, consultationId: number) {
  return await db
    .select({ id: rounds.id, number: rounds.number, status: rounds.status, opensAt: rounds.opensAt, closesAt: rounds.closesAt })
    .from(rounds)
    .innerJoin(surveys, eq(surveys.id, rounds.surveyId))
    .where(eq(surveys.consultationId, consultationId))
    .orderBy(asc(rounds.number));
}
