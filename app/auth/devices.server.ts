/**
 * Device cookies (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"; decision
 * 0001): a browser that signed in to an account with its password gets a cookie "id.secret"
 * for that account; the database keeps SHA-256(secret). Failed sign-ins from it are counted
 * apart from everyone else's, so an attacker guessing elsewhere never keeps its owner out.
 */
import { and, eq, gt } from "drizzle-orm";
import { trustedDevices } from "../../db/tables";
import type { DB } from "../db.server";
import { newSplitToken, readCookie, secretMatches, splitToken } from "./tokens.server";

export const DEVICE_COOKIE = "device";
const DEVICE_DAYS = 365;
const DAY = 24 * 60 * 60 * 1000;

export async function createTrustedDevice(db: DB, userId: number, now: Date): Promise<{ token: string; expiresAt: Date }> {
  const { id, secretHash, token } = newSplitToken();
  const expiresAt = new Date(now.getTime() + DEVICE_DAYS * DAY);
  await db.insert(trustedDevices).values({ id, secretHash, userId, createdAt: now, expiresAt });
  return { token, expiresAt };
}

/** The device id when `token` is a live device cookie of `userId`, else null. */
export async function trustedDeviceOf(db: DB, token: string | null, userId: number | undefined, now: Date): Promise<string | null> {
  const parts = token ? splitToken(token) : null;
  if (!parts || userId === undefined) return null;
  const { id, secret } = parts;
  const [row] = await db
    .select({ secretHash: trustedDevices.secretHash })
    .from(trustedDevices)
    .where(and(eq(trustedDevices.id, id), eq(trustedDevices.userId, userId), gt(trustedDevices.expiresAt, now)));
  return row && secretMatches(secret, row.secretHash) ? id : null;
}

/** Only the sign-in form reads it: the cookie is sent to /sign-in alone. */
export function serializeDeviceCookie(token: string, expiresAt: Date, secure: boolean): string {
  const parts = [`${DEVICE_COOKIE}=${token}`, "Path=/sign-in", "HttpOnly", "SameSite=Strict", `Expires=${expiresAt.toUTCString()}`];
  if (secure) parts.push("Secure");
  return parts.join("; ");
}

export function readDeviceToken(request: Request): string | null {
  return readCookie(request, DEVICE_COOKIE);
}
