/**
 * Rules for inviting advisory group members to a round and reminding them. Pure: callers pass "now".
 */
import type { Decision } from "../consultation/lifecycle";

/** Nobody gets two reminders within this long: a day, so a member is never pressed more than once a day. */
export const REMINDER_INTERVAL_MS = 24 * 60 * 60 * 1000;

export interface InvitationFacts {
  completedAt: Date | null;
  revokedAt: Date | null;
}

export type RemindRefusal = "completed" | "revoked" | "left" | "no-email" | "reminded-recently";

/**
 * May this member be reminded about this invitation now? `lastReminderAt` is the member's most
 * recent reminder for ANY invitation (so someone invited to two rounds still gets at most one a day).
 */
export function canRemind(
  invitation: InvitationFacts,
  member: { leftAt: Date | null; email: string | null; lastReminderAt: Date | null },
  now: Date,
): Decision<RemindRefusal> {
  if (invitation.completedAt) return { ok: false, reason: "completed" };
  if (invitation.revokedAt) return { ok: false, reason: "revoked" };
  if (member.leftAt) return { ok: false, reason: "left" };
  if (!member.email) return { ok: false, reason: "no-email" };
  if (member.lastReminderAt && now.getTime() - member.lastReminderAt.getTime() < REMINDER_INTERVAL_MS) return { ok: false, reason: "reminded-recently" };
  return { ok: true };
}

/** When the member may next be reminded (null: now). */
export function nextReminderAllowedAt(lastReminderAt: Date | null, now: Date): Date | null {
  if (!lastReminderAt) return null;
  const at = lastReminderAt.getTime() + REMINDER_INTERVAL_MS;
  return at > now.getTime() ? new Date(at) : null;
}

export type InviteWho = "all" | "not-invited";

export interface MemberForInvite {
  id: number;
  email: string | null;
  /** The member's current invitation to this round, if any (the newest one). */
  invitation: (InvitationFacts & { id: number }) | null;
  /** The member has already submitted a response to the round (with or without an invitation). */
  responded: boolean;
}

export interface InvitePlan {
  /** Members who get a new invitation. */
  create: number[];
  /** Invitations whose link is replaced and sent again ("all" only). */
  resend: number[];
  skippedNoEmail: number;
  skippedCompleted: number;
}

/**
 * Who is invited. "not-invited": members with no live invitation to the round (none, or only a
 * revoked one). "all": those, plus members with a live, unfinished invitation, whose link is
 * replaced and sent again. Members who completed the round are never invited again.
 */
export function planInvitations(members: readonly MemberForInvite[], who: InviteWho): InvitePlan {
  const plan: InvitePlan = { create: [], resend: [], skippedNoEmail: 0, skippedCompleted: 0 };
  for (const m of members) {
    const live = m.invitation && !m.invitation.revokedAt ? m.invitation : null;
    if (m.responded || live?.completedAt) {
      plan.skippedCompleted++;
      continue;
    }
    if (!m.email) {
      plan.skippedNoEmail++;
      continue;
    }
    if (!live) plan.create.push(m.id);
    else if (who === "all") plan.resend.push(live.id);
  }
  return plan;
}

export type MemberRoundStatus = "not-invited" | "invited" | "reminded" | "started" | "completed" | "revoked";

/** A member's progress in a round, furthest step first. */
export function memberRoundStatus(f: {
  invitation: (InvitationFacts & { reminderCount: number }) | null;
  hasDraft: boolean;
  hasResponse: boolean;
}): MemberRoundStatus {
  if (f.hasResponse || f.invitation?.completedAt) return "completed";
  if (!f.invitation) return f.hasDraft ? "started" : "not-invited";
  if (f.invitation.revokedAt) return "revoked";
  if (f.hasDraft) return "started";
  if (f.invitation.reminderCount > 0) return "reminded";
  return "invited";
}
