/**
 * Staff single sign-on with a partnership's OpenID Connect provider (decision 0025), through
 * openid-client: discovery, the authorisation code flow with PKCE (S256), `state` and `nonce`,
 * and ID token validation (signature from the provider's JWKS, issuer, audience, expiry, nonce)
 * are the library's; what is ours is which account the verified email may enter, and that an
 * identity provider never grants a role here.
 */
import * as oidc from "openid-client";
import { type DB, inTransaction } from "../db.server";
import type { Actor } from "../domain/actor";
import { allowed, refuse, type Decision } from "../domain/decision";
import type { Env } from "../env.server";
import { RateLimiter, rateLimitStore } from "../auth/rate-limit.server";
import { createSession } from "../auth/session.server";
import { hashTokenHex, readCookie } from "../auth/tokens.server";
import { emailFromClaims, type SsoFailure } from "../domain/auth/sso-identity";
import { appendAudit } from "../repos/audit.server";
import {
  deleteIdentityProvider,
  findIdentityProvider,
  findLinkedUser,
  findMemberByEmail,
  findOpenInvitationsByEmail,
  insertSsoAttempt,
  linkIdentity,
  markInvitationsAccepted,
  listSsoPartnerships,
  saveIdentityProvider,
  takeSsoAttempt,
  type IdentityProvider,
} from "../repos/identity-providers.server";

/** Partnerships whose staff can sign in with their own identity provider (the sign-in page's buttons). */
export const ssoPartnerships = listSsoPartnerships;
import { findPartnershipById, findPartnershipBySlug } from "../repos/partnerships.server";
import { addMembership, findUserForSignIn, insertUser } from "../repos/users.server";
import { errorFields, logger } from "../ops/log.server";

/** How long a sign-in may take at the provider. */
const ATTEMPT_MINUTES = 10;
/** Provider metadata (and its keys) are fetched again after this long, or when the settings change. */
const DISCOVERY_TTL_MS = 10 * 60_000;
/** Each request to the provider (discovery, keys, token) gives up after this; the sign-in then fails cleanly. */
const FETCH_TIMEOUT_SECONDS = 10;

/** Sign-ins started per address per window: enough for an office at nine o'clock, not for filling the table. */
const START_LIMIT = 200;
const START_WINDOW_MS = 10 * 60_000;
let startLimiter: RateLimiter | undefined;

const configs = new Map<number, { key: string; at: number; config: oidc.Configuration }>();

async function configurationFor(provider: IdentityProvider, e: Env, now: number): Promise<oidc.Configuration> {
  const key = `${provider.issuer}|${provider.clientId}|${provider.clientSecret}|${provider.updatedAt.getTime()}`;
  const cached = configs.get(provider.partnershipId);
  if (cached && cached.key === key && now - cached.at < DISCOVERY_TTL_MS) return cached.config;
  const config = await oidc.discovery(new URL(provider.issuer), provider.clientId, undefined, oidc.ClientSecretBasic(provider.clientSecret), {
    timeout: FETCH_TIMEOUT_SECONDS,
    // ID tokens from the token endpoint are trusted over TLS by default (OIDC Core 3.1.3.7);
    // we also verify their signature against the provider's published keys. Plain HTTP only
    // when configured (a provider on loopback in tests or development).
    execute: [oidc.enableNonRepudiationChecks, ...(e.SSO_ALLOW_HTTP_ISSUER ? [oidc.allowInsecureRequests] : [])],
  });
  configs.set(provider.partnershipId, { key, at: now, config });
  return config;
}

const CALLBACK_PATH = "/sign-in/sso/callback";
const STATE_COOKIE = "sso_state";

export function ssoCallbackUrl(origin: string): string {
  return `${origin}${CALLBACK_PATH}`;
}

/**
 * The state ties the provider's answer to this browser (no sign-in forced on someone else's
 * browser). SameSite=Lax, as the provider's redirect back is a top-level cross-site navigation.
 */
export function serializeSsoStateCookie(state: string, secure: boolean): string {
  return [
    `${STATE_COOKIE}=${state}`,
    `Path=${CALLBACK_PATH}`,
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${ATTEMPT_MINUTES * 60}`,
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}

export function clearSsoStateCookie(secure: boolean): string {
  return [`${STATE_COOKIE}=`, `Path=${CALLBACK_PATH}`, "HttpOnly", "SameSite=Lax", "Max-Age=0", ...(secure ? ["Secure"] : [])].join("; ");
}

export function readSsoState(request: Request): string | null {
  return readCookie(request, STATE_COOKIE);
}

/** Sends the browser to the partnership's provider; the state goes back to the browser in a cookie, the rest stays here. */
export async function startSso(
  db: DB,
  e: Env,
  input: { partnershipSlug: string; redirectTo: string; origin: string; address: string },
  now: Date,
): Promise<{ ok: true; url: string; state: string } | { ok: false; reason: SsoFailure } | { ok: false; reason: "rate-limited"; retryAfterSeconds: number }> {
  startLimiter ??= new RateLimiter(
    START_LIMIT,
    START_WINDOW_MS,
    rateLimitStore(() => db),
  );
  const limited = await startLimiter.hit(`sso-start:${input.address}`, now.getTime());
  if (!limited.allowed) return { ok: false, reason: "rate-limited", retryAfterSeconds: limited.retryAfterSeconds };
  const partnership = await findPartnershipBySlug(db, input.partnershipSlug);
  const provider = partnership && (await findIdentityProvider(db, partnership.id));
  if (!partnership || !provider) return { ok: false, reason: "no-provider" };
  let config: oidc.Configuration;
  try {
    config = await configurationFor(provider, e, now.getTime());
  } catch (error) {
    logger.error({ partnership: partnership.slug, ...errorFields(error) }, "SSO discovery failed");
    return { ok: false, reason: "provider-unavailable" };
  }
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  await insertSsoAttempt(
    db,
    {
      stateHash: hashTokenHex(state),
      partnershipId: partnership.id,
      codeVerifier,
      nonce,
      redirectTo: input.redirectTo,
      expiresAt: new Date(now.getTime() + ATTEMPT_MINUTES * 60_000),
    },
    now,
  );
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: ssoCallbackUrl(input.origin),
    scope: "openid email profile",
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  return { ok: true, url: url.href, state };
}

export type SsoResult = { ok: true; token: string; expiresAt: Date; redirectTo: string } | { ok: false; reason: SsoFailure };

/**
 * The provider sent the browser back. The state must be the one this browser was given (its
 * cookie) and an attempt still open here (used once: a replayed callback fails); openid-client
 * then redeems the code with the PKCE verifier and validates the ID token and its nonce.
 */
export async function finishSso(db: DB, e: Env, input: { callbackUrl: URL; stateCookie: string | null }, now: Date): Promise<SsoResult> {
  const state = input.callbackUrl.searchParams.get("state");
  if (!state || !input.stateCookie || state !== input.stateCookie) return { ok: false, reason: "state" };
  const attempt = await takeSsoAttempt(db, hashTokenHex(state), now);
  if (!attempt) return { ok: false, reason: "state" };
  const provider = await findIdentityProvider(db, attempt.partnershipId);
  if (!provider) return { ok: false, reason: "no-provider" };
  let claims: Record<string, unknown>;
  try {
    const config = await configurationFor(provider, e, now.getTime());
    const tokens = await oidc.authorizationCodeGrant(config, input.callbackUrl, {
      pkceCodeVerifier: attempt.codeVerifier,
      expectedState: state,
      expectedNonce: attempt.nonce,
      idTokenExpected: true,
    });
    claims = (tokens.claims() ?? {}) as Record<string, unknown>;
  } catch (error) {
    // Wrong audience, bad signature, expired token, wrong nonce, a code already used, an error from the provider…
    logger.warn({ partnershipId: attempt.partnershipId, ...errorFields(error) }, "SSO sign-in refused");
    return { ok: false, reason: "token" };
  }
  const identity = emailFromClaims(claims, provider);
  if (!identity.ok) return identity;
  const subject = String(claims.sub);
  const userId = await accountFor(db, { issuer: provider.issuer, subject, email: identity.email, partnershipId: provider.partnershipId }, now);
  if (userId === null) {
    await appendAudit(db, {
      at: now,
      actorUserId: null,
      partnershipId: provider.partnershipId,
      action: "sign-in.sso.unknown",
      entityType: "partnership",
      entityId: provider.partnershipId,
    });
    return { ok: false, reason: "unknown-user" };
  }
  const session = await createSession(db, userId, now, e.SESSION_DAYS, provider.partnershipId);
  await appendAudit(db, { at: now, actorUserId: userId, partnershipId: provider.partnershipId, action: "sign-in.sso", entityType: "user", entityId: userId });
  return { ok: true, ...session, redirectTo: attempt.redirectTo };
}

/**
 * The account this provider identity enters: the one linked at an earlier sign-in; else, linked
 * now, the partnership's member with that verified email, or a new account for the
 * partnership's open invitations to that email (with the roles the administrator chose).
 * Nobody else: an identity provider never creates a role here.
 */
async function accountFor(db: DB, who: { issuer: string; subject: string; email: string; partnershipId: number }, now: Date): Promise<number | null> {
  return await inTransaction(db, async (tx) => {
    const linked = await findLinkedUser(tx, who.issuer, who.subject);
    if (linked) return linked.disabledAt ? null : linked.id;
    const member = await findMemberByEmail(tx, who.email, who.partnershipId);
    if (member) {
      if (member.disabledAt) return null;
      await linkIdentity(tx, who.issuer, who.subject, member.id);
      return member.id;
    }
    const invitations = await findOpenInvitationsByEmail(tx, who.email, who.partnershipId, now);
    if (invitations.length === 0) return null;
    // An invited person with an account elsewhere (another partnership) keeps it; else a new one without a password.
    const existing = await findUserForSignIn(tx, who.email);
    if (existing?.disabledAt) return null;
    const id = existing?.id ?? (await insertUser(tx, { email: who.email, displayName: invitations[0].displayName, passwordHash: null }));
    for (const invitation of invitations) await addMembership(tx, id, who.partnershipId, invitation.role);
    await markInvitationsAccepted(
      tx,
      invitations.map((i) => i.id),
      now,
    );
    await linkIdentity(tx, who.issuer, who.subject, id);
    await appendAudit(tx, {
      at: now,
      actorUserId: id,
      partnershipId: who.partnershipId,
      action: "invitation.accepted.sso",
      entityType: "user",
      entityId: id,
      details: { roles: invitations.map((i) => i.role) },
    });
    return id;
  });
}

/**
 * After signing out of a session a provider signed in: the partnership and the provider's own
 * sign-out address (RP-initiated logout) to offer, when the provider has one.
 */
export async function providerSignOut(
  db: DB,
  e: Env,
  partnershipSlug: string,
  postLogoutRedirect: string,
  now: Date,
): Promise<{ partnership: string; url: string } | null> {
  const partnership = await findPartnershipBySlug(db, partnershipSlug);
  const provider = partnership && (await findIdentityProvider(db, partnership.id));
  if (!partnership || !provider) return null;
  try {
    const config = await configurationFor(provider, e, now.getTime());
    if (!config.serverMetadata().end_session_endpoint) return null;
    return { partnership: partnership.name, url: oidc.buildEndSessionUrl(config, { post_logout_redirect_uri: postLogoutRedirect }).href };
  } catch {
    return null;
  }
}

/** The slug of a partnership (for the signed-out page's link). */
export async function partnershipSlugOf(db: DB, partnershipId: number): Promise<string | null> {
  return (await findPartnershipById(db, partnershipId))?.slug ?? null;
}

/** A partnership's provider settings for its administrators (the secret is never sent back: only whether one is set). */
export async function providerSettings(db: DB, partnershipId: number) {
  const provider = await findIdentityProvider(db, partnershipId);
  if (!provider) return null;
  const { clientSecret, ...rest } = provider;
  return { ...rest, hasSecret: clientSecret !== "" };
}

export interface ProviderInput {
  issuer: string;
  clientId: string;
  /** Null: keep the one stored. */
  clientSecret: string | null;
  allowedDomains: string[];
  emailClaim: string;
  requireSso: boolean;
}

/** Saves (audited, without the secret); a new provider needs a secret. */
export async function saveProviderSettings(db: DB, actor: Actor, input: ProviderInput, now: Date): Promise<Decision<"secret-required">> {
  const partnershipId = actor.partnershipId;
  return await inTransaction(db, async (tx) => {
    const existing = await findIdentityProvider(tx, partnershipId);
    if (!existing && !input.clientSecret) return refuse("secret-required");
    await saveIdentityProvider(tx, { partnershipId, ...input, updatedBy: actor.userId, updatedAt: now });
    await appendAudit(tx, {
      at: now,
      actorUserId: actor.userId,
      partnershipId,
      action: existing ? "identity-provider.updated" : "identity-provider.added",
      entityType: "partnership",
      entityId: partnershipId,
      details: {
        issuer: input.issuer,
        clientId: input.clientId,
        allowedDomains: input.allowedDomains,
        emailClaim: input.emailClaim,
        requireSso: input.requireSso,
        secretChanged: input.clientSecret !== null,
      },
    });
    return allowed;
  });
}

export async function removeProvider(db: DB, actor: Actor, now: Date): Promise<boolean> {
  const partnershipId = actor.partnershipId;
  return await inTransaction(db, async (tx) => {
    if (!(await deleteIdentityProvider(tx, partnershipId))) return false;
    await appendAudit(tx, {
      at: now,
      actorUserId: actor.userId,
      partnershipId,
      action: "identity-provider.removed",
      entityType: "partnership",
      entityId: partnershipId,
    });
    return true;
  });
}
