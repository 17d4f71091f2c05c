/**
 * Invitations of advisory group members to a round, reminders and withdrawal. Each runs in
 * one transaction: the invitation rows, their emails in the outbox (delivered later by the
 * sender) and the audit entry are stored together or not at all.
 */
import { randomToken, hashTokenHex } from "../auth/tokens.server";
import { type DB, inTransaction } from "../db.server";
import { canAcceptAnswers } from "../domain/consultation/lifecycle";
import type { Actor } from "../domain/actor";
import { allow, allowed, refuse, type Decision } from "../domain/decision";
import type { EmailStatus } from "../domain/email/delivery";
import {
  canRemind,
  memberRoundStatus,
  nextReminderAllowedAt,
  planInvitations,
  type InviteWho,
  type MemberRoundStatus,
} from "../domain/participation/invitations";
import { isLocale, type Locale } from "../i18n/config";
import { serverI18n } from "../i18n/i18n.server";
import { appendAudit } from "../repos/audit.server";
import { findConsultationBySlug } from "../repos/consultations.server";
import {
  insertInvitation,
  listRoundTracking,
  markReminded,
  replaceInvitationToken,
  revokeInvitation as revokeRow,
  type TrackingRow,
} from "../repos/round-invitations.server";
import { formatDate, formatDateTime } from "../i18n/format.server";
import { enqueueEmail } from "./email.server";

export interface RoundContext {
  consultation: {
    id: number;
    slug: string;
    partnershipId: number;
    status: string;
    opensAt: Date | null;
    closesAt: Date | null;
    contactEmail: string | null;
    advisoryGroupId: number;
  };
  round: { id: number; number: number; status: string; opensAt: Date | null; closesAt: Date | null };
  /** Origin for links: APP_ORIGIN, else the request's origin. */
  origin: string;
  actor: Actor;
}

export type InviteRefusal = "round-not-open";

/** Email text in the member's language (participation namespace; English where a language lacks it). */
async function composeEmail(
  db: DB,
  ctx: RoundContext,
  member: TrackingRow,
  kind: "invitation" | "reminder",
  token: string,
  cache: Map<string, { title: string; partnership: string }>,
) {
  const locale: Locale = isLocale(member.preferredLocale) ? member.preferredLocale : "en";
  let c = cache.get(locale);
  if (!c) {
    const found = await findConsultationBySlug(db, ctx.consultation.slug, locale);
    c = { title: found?.title ?? "", partnership: found?.partnershipName ?? "" };
    cache.set(locale, c);
  }
  const t = serverI18n(locale).getFixedT(locale, "participation");
  const closes = ctx.round.closesAt ?? ctx.consultation.closesAt;
  const params = {
    name: member.displayName,
    title: c.title,
    partnership: c.partnership,
    round: ctx.round.number,
    // The link opens the journey in the member's language, which then holds for the whole journey.
    link: `${ctx.origin}/invite/${token}${locale === "en" ? "" : `?lng=${locale}`}`,
    closes: closes ? formatDate(closes.toISOString(), locale) : "",
    contact: ctx.consultation.contactEmail ?? "",
  };
  const lines = [
    t(`email.${kind}.greeting`, params),
    "",
    t(`email.${kind}.body`, params),
    "",
    params.link,
    "",
    t("email.personal", params),
    closes ? t("email.closes", params) : null,
    params.contact ? t("email.contact", params) : null,
    "",
    t("email.signOff", params),
  ].filter((l): l is string => l !== null);
  return { subject: t(`email.${kind}.subject`, params), text: lines.join("\n") };
}

function roundOpen(ctx: RoundContext, now: Date): Decision<InviteRefusal> {
  return canAcceptAnswers(ctx.consultation, ctx.round, now).ok ? allowed : refuse("round-not-open");
}

export async function inviteMembers(
  db: DB,
  ctx: RoundContext & { who: InviteWho },
  now: Date,
): Promise<Decision<InviteRefusal, { created: number; resent: number; skippedNoEmail: number; skippedCompleted: number }>> {
  const open = roundOpen(ctx, now);
  if (!open.ok) return open;
  return await inTransaction(db, async (tx) => {
    const members = await listRoundTracking(tx, { consultationId: ctx.consultation.id, roundId: ctx.round.id, groupId: ctx.consultation.advisoryGroupId });
    const plan = planInvitations(
      members.map((m) => ({
        id: m.memberId,
        email: m.email,
        responded: m.hasResponse,
        invitation: m.invitationId == null ? null : { id: m.invitationId, completedAt: m.completedAt, revokedAt: m.revokedAt },
      })),
      ctx.who,
    );
    const cache = new Map<string, { title: string; partnership: string }>();
    const byMember = new Map(members.map((m) => [m.memberId, m]));
    const byInvitation = new Map(members.filter((m) => m.invitationId != null).map((m) => [m.invitationId!, m]));
    for (const memberId of plan.create) {
      const m = byMember.get(memberId)!;
      const token = randomToken();
      const id = await insertInvitation(tx, { consultationId: ctx.consultation.id, memberId, roundId: ctx.round.id, tokenHash: hashTokenHex(token) }, now);
      const mail = await composeEmail(tx, ctx, m, "invitation", token, cache);
      await enqueueEmail(tx, { to: m.email!, ...mail, kind: "invitation", consultationId: ctx.consultation.id, relatedId: id }, now);
    }
    for (const invitationId of plan.resend) {
      const m = byInvitation.get(invitationId)!;
      const token = randomToken();
      await replaceInvitationToken(tx, invitationId, hashTokenHex(token));
      const mail = await composeEmail(tx, ctx, m, "invitation", token, cache);
      await enqueueEmail(tx, { to: m.email!, ...mail, kind: "invitation", consultationId: ctx.consultation.id, relatedId: invitationId }, now);
    }
    await appendAudit(tx, {
      at: now,
      actorUserId: ctx.actor.userId,
      partnershipId: ctx.consultation.partnershipId,
      action: "invitations.sent",
      entityType: "round",
      entityId: ctx.round.id,
      details: {
        who: ctx.who,
        created: plan.create.length,
        resent: plan.resend.length,
        skippedNoEmail: plan.skippedNoEmail,
        skippedCompleted: plan.skippedCompleted,
      },
    });
    return allow({ created: plan.create.length, resent: plan.resend.length, skippedNoEmail: plan.skippedNoEmail, skippedCompleted: plan.skippedCompleted });
  });
}

/**
 * Reminds every invited member who has not completed the round, except anyone reminded in
 * the last 24 hours (for any invitation). The reminder carries a fresh link (only hashes are
 * stored, so the old link cannot be re-sent); the old link stops working.
 */
export async function remindMembers(db: DB, ctx: RoundContext, now: Date): Promise<Decision<InviteRefusal, { sent: number; tooSoon: number }>> {
  const open = roundOpen(ctx, now);
  if (!open.ok) return open;
  return await inTransaction(db, async (tx) => {
    const members = await listRoundTracking(tx, { consultationId: ctx.consultation.id, roundId: ctx.round.id, groupId: ctx.consultation.advisoryGroupId });
    const cache = new Map<string, { title: string; partnership: string }>();
    let sent = 0;
    let tooSoon = 0;
    for (const m of members) {
      if (m.invitationId == null) continue;
      const decision = canRemind(
        { completedAt: m.completedAt ?? (m.hasResponse ? now : null), revokedAt: m.revokedAt },
        { leftAt: null, email: m.email, lastReminderAt: m.lastReminderAt },
        now,
      );
      if (!decision.ok) {
        if (decision.reason === "reminded-recently") tooSoon++;
        continue;
      }
      const token = randomToken();
      await markReminded(tx, m.invitationId, hashTokenHex(token), now);
      const mail = await composeEmail(tx, ctx, m, "reminder", token, cache);
      await enqueueEmail(tx, { to: m.email!, ...mail, kind: "reminder", consultationId: ctx.consultation.id, relatedId: m.invitationId }, now);
      sent++;
    }
    await appendAudit(tx, {
      at: now,
      actorUserId: ctx.actor.userId,
      partnershipId: ctx.consultation.partnershipId,
      action: "invitations.reminded",
      entityType: "round",
      entityId: ctx.round.id,
      details: { sent, tooSoon },
    });
    return allow({ sent, tooSoon });
  });
}

export async function revokeInvitation(db: DB, input: { actor: Actor; consultationId: number; invitationId: number }, now: Date): Promise<boolean> {
  return await inTransaction(db, async (tx) => {
    if (!(await revokeRow(tx, input.invitationId, input.consultationId, now))) return false;
    await appendAudit(tx, {
      at: now,
      actorUserId: input.actor.userId,
      partnershipId: input.actor.partnershipId,
      action: "invitation.revoked",
      entityType: "invitation",
      entityId: input.invitationId,
    });
    return true;
  });
}

export interface InvitationRow {
  invitationId: number | null;
  name: string;
  email: string | null;
  stakeholderGroup: string;
  status: MemberRoundStatus;
  emailStatus: EmailStatus | null;
  emailError: string | null;
  revocable: boolean;
  remindedAt: string | null;
  nextReminder: string | null;
}

/** The invitations page for one round: each current member's progress and email, and how many are at each stage. */
export async function roundInvitationsPage(db: DB, input: { consultationId: number; roundId: number; groupId: number; locale: string }, now: Date) {
  const rows = await listRoundTracking(db, { consultationId: input.consultationId, roundId: input.roundId, groupId: input.groupId });
  const when = (d: Date) => formatDateTime(d.toISOString(), input.locale);
  const members: InvitationRow[] = rows.map((m) => {
    const status = memberRoundStatus({
      invitation: m.invitationId == null ? null : { completedAt: m.completedAt, revokedAt: m.revokedAt, reminderCount: m.reminderCount },
      hasDraft: m.hasDraft,
      hasResponse: m.hasResponse,
    });
    const next = nextReminderAllowedAt(m.lastReminderAt, now);
    return {
      invitationId: m.invitationId,
      name: m.displayName,
      email: m.email,
      stakeholderGroup: m.stakeholderGroup,
      status,
      emailStatus: m.emailStatus as EmailStatus | null,
      emailError: m.emailStatus === "failed" || m.emailStatus === "bounced" ? m.emailError : null,
      revocable: m.invitationId != null && !m.revokedAt && status !== "completed",
      remindedAt: m.remindedAt ? when(m.remindedAt) : null,
      nextReminder: next && status !== "completed" && status !== "revoked" && status !== "not-invited" ? when(next) : null,
    };
  });
  const counts: Record<MemberRoundStatus, number> = { "not-invited": 0, invited: 0, reminded: 0, started: 0, completed: 0, revoked: 0 };
  for (const m of members) counts[m.status]++;
  return { members, counts };
}

// Reads the routes use, passed through unchanged: services are the routes' only way to the data.
export { listRoundTracking } from "../repos/round-invitations.server";
