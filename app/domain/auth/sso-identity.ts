/**
 * What an identity provider's verified ID token says about who is signing in (decision 0025).
 * Pure: the token's signature, issuer, audience, expiry and nonce are checked by openid-client
 * before its claims reach here.
 */

export type SsoRefusal = "no-email" | "unverified-email" | "domain-not-allowed";

/** Every way a single sign-on can fail, each with its own message on the sign-in page. */
export const SSO_FAILURES = [
  "no-provider",
  "provider-unavailable",
  "state",
  "token",
  "unknown-user",
  "no-email",
  "unverified-email",
  "domain-not-allowed",
] as const;
export type SsoFailure = (typeof SSO_FAILURES)[number];

/** Lower-case domains, one per line or comma-separated; each a plausible DNS name. */
export function parseDomains(text: string): string[] | null {
  const domains = [
    ...new Set(
      text
        .split(/[\s,]+/)
        .map((d) => d.trim().toLowerCase().replace(/^@/, ""))
        .filter(Boolean),
    ),
  ];
  if (domains.length === 0 || domains.length > 50) return null;
  return domains.every((d) => /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(d)) ? domains : null;
}

/**
 * The email address the token vouches for, or why it cannot be used: the configured claim must
 * hold an address; when that claim is `email`, `email_verified` must be true (other claims, such
 * as Entra ID's `upn` or `preferred_username`, are names the tenant itself controls); and its
 * domain must be one the partnership allows (sub-domains are not).
 */
export function emailFromClaims(
  claims: Record<string, unknown>,
  provider: { emailClaim: string; allowedDomains: string[] },
): { ok: true; email: string } | { ok: false; reason: SsoRefusal } {
  const value = claims[provider.emailClaim];
  if (typeof value !== "string" || !/^[^@\s]{1,64}@[^@\s]{1,253}$/.test(value.trim())) return { ok: false, reason: "no-email" };
  if (provider.emailClaim === "email" && claims.email_verified !== true) return { ok: false, reason: "unverified-email" };
  const email = value.trim().toLowerCase();
  const domain = email.slice(email.lastIndexOf("@") + 1);
  if (!provider.allowedDomains.includes(domain)) return { ok: false, reason: "domain-not-allowed" };
  return { ok: true, email };
}
