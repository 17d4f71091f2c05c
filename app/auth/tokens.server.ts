import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";

/** 120 bits of randomness, base32 (lower case, no padding): safe in URLs and cookies. */
export function randomToken(bytes = 15): string {
  const buf = new Uint8Array(bytes);
  crypto.getRandomValues(buf);
  return encodeBase32LowerCaseNoPadding(buf);
}

export function hashSecret(secret: string): Uint8Array {
  return sha256(new TextEncoder().encode(secret));
}

export function hashTokenHex(token: string): string {
  return encodeHexLowerCase(hashSecret(token));
}

export function secretMatches(secret: string, storedHash: Uint8Array): boolean {
  return constantTimeEqual(hashSecret(secret), new Uint8Array(storedHash));
}

/** A new "id.secret" credential (sessions, device cookies): the browser keeps `token`, the database `id` and `secretHash`. */
export function newSplitToken(): { id: string; secretHash: Buffer; token: string } {
  const id = randomToken();
  const secret = randomToken(24);
  return { id, secretHash: Buffer.from(hashSecret(secret)), token: `${id}.${secret}` };
}

/** The id and secret of an "id.secret" credential, or null when it is not one. */
export function splitToken(token: string): { id: string; secret: string } | null {
  const parts = token.split(".");
  if (parts.length !== 2 || !parts[0] || !parts[1] || token.length > 200) return null;
  return { id: parts[0], secret: parts[1] };
}

/** A cookie's value from the request, or null. */
export function readCookie(request: Request, name: string): string | null {
  const match = new RegExp(`(?:^|;\\s*)${name}=([^;]*)`).exec(request.headers.get("Cookie") ?? "");
  return match && match[1] ? match[1] : null;
}
