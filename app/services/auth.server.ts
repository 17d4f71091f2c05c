import { z } from "zod";
import { type DB, inTransaction } from "../db.server";
import type { Env } from "../env.server";
import { createTrustedDevice, trustedDeviceOf } from "../auth/devices.server";
import { burnPasswordCheck, hashPassword, verifyPassword } from "../auth/password.server";
import { createSession } from "../auth/session.server";
import { hashTokenHex } from "../auth/tokens.server";
import { appendAudit } from "../repos/audit.server";
import { afterFailure, attemptAllowedAt, throttleKeys } from "../domain/auth/sign-in-throttle";
import { ssoRequiredFor } from "../repos/identity-providers.server";
import { clearFailures, readFailures, sweepFailures, writeFailures } from "../repos/sign-in-throttle.server";
import { addMembership, findUserForSignIn, findUserIdByEmail, insertUser } from "../repos/users.server";
import { findUsableInvitation, markInvitationAccepted } from "../repos/user-invitations.server";

export type SignInResult =
  | { ok: true; token: string; expiresAt: Date; userId: number; device: { token: string; expiresAt: Date } | null }
  | { ok: false; reason: "invalid" }
  /** The password was right, but every partnership of this account signs its staff in with its own identity provider. */
  | { ok: false; reason: "sso-required" }
  | { ok: false; reason: "rate-limited"; retryAfterSeconds: number };

function throttlePolicies(e: Env) {
  const delays = {
    baseDelayMs: e.SIGN_IN_DELAY_BASE_SECONDS * 1000,
    maxDelayMs: e.SIGN_IN_DELAY_MAX_SECONDS * 1000,
    forgetAfterMs: e.SIGN_IN_WINDOW_SECONDS * 1000,
  };
  return {
    address: { freeFailures: e.SIGN_IN_MAX_ATTEMPTS, ...delays },
    pair: { freeFailures: e.SIGN_IN_PAIR_FAILURES, ...delays },
    account: { freeFailures: e.SIGN_IN_ACCOUNT_FAILURES, ...delays },
    device: { freeFailures: e.SIGN_IN_PAIR_FAILURES, ...delays },
  };
}

let lastSweep = -Infinity;

/**
 * Password sign-in with growing delays per (address, account) and the rest (decision 0001):
 * wrong password and unknown email give the same "invalid", and a delay applies to unknown
 * emails exactly as to known ones, so the form cannot be used to discover accounts. Successes
 * are never counted; a browser this account signed in on before (its device cookie) is
 * counted on its own. On success the browser gets a device cookie if it had none for this account.
 */
export async function signIn(
  db: DB,
  e: Env,
  input: { email: string; password: string; ip: string; deviceToken: string | null },
  now: Date,
): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase();
  const at = now.getTime();
  const user = await findUserForSignIn(db, email);
  const deviceId = await trustedDeviceOf(db, input.deviceToken, user?.id, now);
  const policies = throttlePolicies(e);
  const keys = throttleKeys({ address: input.ip, email, deviceId }, policies);
  const records = await readFailures(
    db,
    keys.map((k) => k.key),
  );
  const allowedAt = attemptAllowedAt(records, keys, at);
  if (allowedAt > at) return { ok: false, reason: "rate-limited", retryAfterSeconds: Math.max(1, Math.ceil((allowedAt - at) / 1000)) };

  const usable = user && user.passwordHash && !user.disabledAt ? user : null;
  // Unknown and disabled accounts cost the same time as a wrong password.
  let valid = false;
  if (usable?.passwordHash) valid = await verifyPassword(usable.passwordHash, input.password);
  else await burnPasswordCheck(input.password);
  if (!usable || !valid) {
    await writeFailures(
      db,
      keys.map(({ key, policy }) => ({ key, record: afterFailure(records.get(key), policy, at) })),
    );
    if (at - lastSweep > 60_000) {
      lastSweep = at;
      await sweepFailures(db, at - policies.address.forgetAfterMs);
    }
    if (usable)
      await appendAudit(db, { at: now, actorUserId: usable.id, partnershipId: null, action: "sign-in.failed", entityType: "user", entityId: usable.id });
    return { ok: false, reason: "invalid" };
  }
  await clearFailures(
    db,
    keys.filter((k) => k.clearedOnSuccess).map((k) => k.key),
  );
  if (await ssoRequiredFor(db, usable.id)) return { ok: false, reason: "sso-required" };
  const device = deviceId ? null : await createTrustedDevice(db, usable.id, now);
  const session = await createSession(db, usable.id, now, e.SESSION_DAYS);
  await appendAudit(db, { at: now, actorUserId: usable.id, partnershipId: null, action: "sign-in", entityType: "user", entityId: usable.id });
  return { ok: true, ...session, userId: usable.id, device };
}

export const passwordSchema = z.string().min(12, { message: "password.tooShort" }).max(200, { message: "password.tooLong" });

export async function acceptUserInvitation(
  db: DB,
  e: Env,
  input: { token: string; displayName: string; password: string },
  now: Date,
): Promise<{ ok: true; token: string; expiresAt: Date } | { ok: false }> {
  const invitation = await findUsableInvitation(db, hashTokenHex(input.token), now);
  if (!invitation) return { ok: false };
  const passwordHash = await hashPassword(input.password);
  const userId = await inTransaction(db, async (tx) => {
    // An invitation creates a new account; it never replaces an existing password.
    if ((await findUserIdByEmail(tx, invitation.email)) !== undefined) return null;
    if (!(await markInvitationAccepted(tx, invitation.id, now))) return null;
    const id = await insertUser(tx, { email: invitation.email, displayName: input.displayName, passwordHash });
    await addMembership(tx, id, invitation.partnershipId, invitation.role);
    await appendAudit(tx, {
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
  return { ok: true, ...(await createSession(db, userId, now, e.SESSION_DAYS)) };
}

/** Records a sign-out (on this device, or everywhere) in the audit log. */
export async function auditSignOut(db: DB, userId: number, scope: string, now: Date): Promise<void> {
  await appendAudit(db, { at: now, actorUserId: userId, partnershipId: null, action: `sign-out.${scope}`, entityType: "user", entityId: userId });
}
