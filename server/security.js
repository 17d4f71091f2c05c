// HTTP-level defences shared by the production server: per-request CSP nonce,
// security headers, and the CSRF check on every mutation. Plain JS because the
// server entry runs without a TypeScript step.
import { randomBytes } from "node:crypto";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function createNonce() {
  return randomBytes(16).toString("base64");
}

export function securityHeaders(nonce, { production }) {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${production ? "" : " ws://localhost:*"}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  const headers = {
    "Content-Security-Policy": csp,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
  };
  if (production) headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains";
  return headers;
}

/**
 * Refuses cross-site mutations. SameSite=Lax cookies already stop most CSRF;
 * this adds the Fetch Metadata check (Sec-Fetch-Site) and, for browsers that do
 * not send it, an Origin check against the request's own origin or APP_ORIGIN.
 * Returns a reason string when the request must be refused, else null.
 */
export function crossSiteReason({ method, headers, ownOrigin, allowedOrigin }) {
  if (SAFE_METHODS.has(method.toUpperCase())) return null;
  const site = headers["sec-fetch-site"];
  if (site && site !== "same-origin" && site !== "none") return `Sec-Fetch-Site: ${site}`;
  const origin = headers["origin"];
  if (origin && origin !== "null") {
    if (origin !== ownOrigin && origin !== allowedOrigin) return `Origin: ${origin}`;
  } else if (origin === "null") {
    return "Origin: null";
  }
  return null;
}
