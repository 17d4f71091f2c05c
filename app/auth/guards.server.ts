/**
 * Every loader and action that needs a person calls one of these. They throw:
 * a redirect to sign in when nobody is signed in, a 403 when the person lacks
 * the role in that partnership.
 */
import { redirect, type AppLoadContext } from "@remix-run/node";
import type { Role } from "../../db/schema";
import { getDb } from "../db.server";
import { env, secureCookies } from "../env.server";
import { hasRole, listMembershipsOfUser, type MembershipView } from "../repos/users.server";
import { readSessionToken, serializeSessionCookie, validateSessionToken, type SessionUser, type ValidSession } from "./session.server";

export interface AuthArgs {
  request: Request;
  context: AppLoadContext;
}

export interface CurrentUser extends SessionUser {
  sessionId: string;
  memberships: MembershipView[];
}

export async function getOptionalUser({ request, context }: AuthArgs): Promise<CurrentUser | null> {
  const token = readSessionToken(request);
  if (!token) return null;
  const db = getDb();
  const result = await validateSessionToken(db, token, new Date(), env().SESSION_DAYS);
  if (!result) return null;
  if (result.session.refreshed) refreshCookie(context, token, result.session);
  return { ...result.user, sessionId: result.session.id, memberships: await listMembershipsOfUser(db, result.user.id) };
}

function refreshCookie(context: AppLoadContext, token: string, session: ValidSession) {
  const cookie = serializeSessionCookie(token, session.expiresAt, secureCookies());
  if (context?.setCookies && !context.setCookies.includes(cookie)) context.setCookies.push(cookie);
}

/** Only same-site relative paths: defends against open redirects. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/dashboard"): string {
  if (!to || typeof to !== "string") return fallback;
  if (!to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\") || /[\r\n\t]/.test(to)) return fallback;
  return to;
}

export async function requireUser(args: AuthArgs): Promise<CurrentUser> {
  const user = await getOptionalUser(args);
  if (!user) {
    const url = new URL(args.request.url);
    const back = `${url.pathname}${url.search}`;
    throw redirect(`/sign-in?redirectTo=${encodeURIComponent(safeRedirect(back))}`);
  }
  return user;
}

export function forbidden(): never {
  throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
}

export async function requireRole(args: AuthArgs, partnershipId: number, roles: Role | readonly Role[]): Promise<CurrentUser> {
  const user = await requireUser(args);
  const allowed = typeof roles === "string" ? [roles] : roles;
  if (!(await hasRole(getDb(), user.id, partnershipId, allowed))) forbidden();
  return user;
}
