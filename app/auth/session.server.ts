/**
 * Sessions the way Lucia's author documents them since the `lucia` package was
 * deprecated (docs/decisions/0001): a random id and a random secret; the cookie
 * holds "id.secret"; the database holds only SHA-256(secret); validation compares
 * in constant time; expiry slides forward with use; deleting the row revokes.
 */
import { eq } from "drizzle-orm";
import { sessions, users } from "../../db/tables";
import { changedRows, type DB } from "../db.server";
import { newSplitToken, readCookie, secretMatches, splitToken } from "./tokens.server";

export const SESSION_COOKIE = "session";
const DAY = 24 * 60 * 60 * 1000;

export interface SessionUser {
  id: number;
  email: string;
  displayName: string;
}
export interface ValidSession {
  id: string;
  userId: number;
  expiresAt: Date;
  /** True when this validation moved the expiry forward (the cookie must be re-sent). */
  refreshed: boolean;
}

/** `ssoPartnershipId`: the partnership whose identity provider signed the user in, if one did. */
export async function createSession(
  db: DB,
  userId: number,
  now: Date,
  days: number,
  ssoPartnershipId: number | null = null,
): Promise<{ token: string; expiresAt: Date }> {
  const { id, secretHash, token } = newSplitToken();
  const expiresAt = new Date(now.getTime() + days * DAY);
  await db.insert(sessions).values({ id, secretHash, userId, createdAt: now, expiresAt, ssoPartnershipId });
  return { token, expiresAt };
}

export async function validateSessionToken(db: DB, token: string, now: Date, days: number): Promise<{ session: ValidSession; user: SessionUser } | null> {
  const parts = splitToken(token);
  if (!parts) return null;
  const { id, secret } = parts;
  const [row] = await db
    .select({
      id: sessions.id,
      secretHash: sessions.secretHash,
      expiresAt: sessions.expiresAt,
      userId: users.id,
      email: users.email,
      displayName: users.displayName,
      disabledAt: users.disabledAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id));
  if (!row) return null;
  if (!secretMatches(secret, row.secretHash)) return null;
  if (row.disabledAt || row.expiresAt.getTime() <= now.getTime()) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  let expiresAt = row.expiresAt;
  let refreshed = false;
  // Sliding expiry: once less than half the lifetime remains, extend it fully.
  if (expiresAt.getTime() - now.getTime() < (days * DAY) / 2) {
    expiresAt = new Date(now.getTime() + days * DAY);
    await db.update(sessions).set({ expiresAt }).where(eq(sessions.id, id));
    refreshed = true;
  }
  return {
    session: { id: row.id, userId: row.userId, expiresAt, refreshed },
    user: { id: row.userId, email: row.email, displayName: row.displayName },
  };
}

/** The partnership whose identity provider signed this session in, if one did. */
export async function ssoPartnershipOfSession(db: DB, sessionId: string): Promise<number | null> {
  const [row] = await db.select({ id: sessions.ssoPartnershipId }).from(sessions).where(eq(sessions.id, sessionId));
  return row?.id ?? null;
}

export async function invalidateSession(db: DB, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function invalidateUserSessions(db: DB, userId: number): Promise<number> {
  return changedRows(await db.delete(sessions).where(eq(sessions.userId, userId)));
}

export function serializeSessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  const parts = [`${SESSION_COOKIE}=${token}`, "Path=/", "HttpOnly", "SameSite=Lax", `Expires=${expiresAt.toUTCString()}`];
  if (secure) parts.push("Secure");
  return parts.join("; ");
}

export function serializeBlankSessionCookie(secure: boolean): string {
  const parts = [`${SESSION_COOKIE}=`, "Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=0"];
  if (secure) parts.push("Secure");
  return parts.join("; ");
}

export function readSessionToken(request: Request): string | null {
  return readCookie(request, SESSION_COOKIE);
}
