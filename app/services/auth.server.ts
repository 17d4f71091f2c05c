import { z } from "zod";
import type { DB } from "../db.server";
import type { Env } from "../env.server";
import { RateLimiter, rateLimitStore } from "../auth/rate-limit.server";
import { burnPasswordCheck, hashPassword, verifyPassword } from "../auth/password.server";
import { createSession } from "../auth/session.server";
import { hashTokenHex } from "../auth/tokens.server";
import { appendAudit } from "../repos/audit.server";
import { addMembership, clearFailedSignIns, findUserForSignIn, findUserIdByEmail, insertUser, recordFailedSignIn } from "../repos/users.server";
import { findUsableInvitation, markInvitationAccepted } from "../repos/user-invitations.server";

export type SignInResult =
  | { ok: true; token: string; expiresAt: Date; userId: number }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate-limited"; retryAfterSeconds: number };

let ipLimiter: RateLimiter | undefined;
let emailLimiter: RateLimiter | undefined;
function limiters(e: Env, db: DB) {
  ipLimiter ??= new RateLimiter(e.SIGN_IN_MAX_ATTEMPTS, e.SIGN_IN_WINDOW_SECONDS * 1000, rateLimitStore(e.WEB_CONCURRENCY, () => db.$client));
  emailLimiter ??= new RateLimiter(e.SIGN_IN_MAX_ATTEMPTS, e.SIGN_IN_WINDOW_SECONDS * 1000, rateLimitStore(e.WEB_CONCURRENCY, () => db.$client));
  return { ipLimiter, emailLimiter };
}

/**
 * Wrong password, unknown email and a locked account all give "invalid",
 * so the form cannot be used to discover accounts.
 */
export async function signIn(
  db: DB,
  e: Env,
  input: { email: string; password: string; ip: string },
  now: Date,
): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase();
  const { ipLimiter, emailLimiter } = limiters(e, db);
  const byIp = ipLimiter.hit(`ip:${input.ip}`, now.getTime());
  const byEmail = emailLimiter.hit(`email:${email}`, now.getTime());
  if (!byIp.allowed || !byEmail.allowed) {
    return { ok: false, reason: "rate-limited", retryAfterSeconds: Math.max(byIp.retryAfterSeconds, byEmail.retryAfterSeconds) };
  }
  const user = findUserForSignIn(db, email);
  if (!user || !user.passwordHash || user.disabledAt) {
    await burnPasswordCheck(input.password);
    return { ok: false, reason: "invalid" };
  }
  const locked = user.lockedUntil && user.lockedUntil.getTime() > now.getTime();
  const valid = await verifyPassword(user.passwordHash, input.password);
  if (locked || !valid) {
    if (!locked) {
      recordFailedSignIn(db, user.id, e.ACCOUNT_LOCK_THRESHOLD, new Date(now.getTime() + e.ACCOUNT_LOCK_MINUTES * 60_000));
    }
    appendAudit(db, { at: now, actorUserId: user.id, partnershipId: null, action: locked ? "sign-in.locked" : "sign-in.failed", entityType: "user", entityId: user.id });
    return { ok: false, reason: "invalid" };
  }
  clearFailedSignIns(db, user.id);
  emailLimiter.reset(`email:${email}`);
  const session = createSession(db, user.id, now, e.SESSION_DAYS);
  appendAudit(db, { at: now, actorUserId: user.id, partnershipId: null, action: "sign-in", entityType: "user", entityId: user.id });
  return { ok: true, ...session, userId: user.id };
}

/** For tests: forget all rate-limit state. */
export function resetSignInLimits(): void {
  ipLimiter = undefined;
  emailLimiter = undefined;
}

export const passwordSchema = z
  .string()
  .min(12, { message: "password.tooShort" })
  .max(200, { message: "password.tooLong" });

export async function acceptUserInvitation(
  db: DB,
  e: Env,
  input: { token: string; displayName: string; password: string },
  now: Date,
): Promise<{ ok: true; token: string; expiresAt: Date } | { ok: false }> {
  const invitation = findUsableInvitation(db, hashTokenHex(input.token), now);
  if (!invitation) return { ok: false };
  const passwordHash = await hashPassword(input.password);
  const userId = db.transaction((t) => {
    const tx = t as unknown as DB;
    // An invitation creates a new account; it never replaces an existing password.
    if (findUserIdByEmail(tx, invitation.email) !== undefined) return null;
    if (!markInvitationAccepted(tx, invitation.id, now)) return null;
    const id = insertUser(tx, { email: invitation.email, displayName: input.displayName, passwordHash });
    addMembership(tx, id, invitation.partnershipId, invitation.role);
    appendAudit(tx, {
      at: now,
      actorUserId: id,
      partnershipId: invitation.partnershipId,
      action: "invitation.accepted",
      entityType: "user_invitation",
      entityId: invitation.id,
      details: { role: invitation.role },
    });
    return id;
  });
  if (userId == null) return { ok: false };
  return { ok: true, ...createSession(db, userId, now, e.SESSION_DAYS) };
}
