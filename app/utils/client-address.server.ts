/**
 * The client's address for rate limits. server.js sets `x-client-address` from Express's
 * `req.ip` on every request (overwriting anything a client sent), which honours X-Forwarded-For
 * only when TRUST_PROXY is on: a client cannot escape a limit by sending its own header.
 */
export function clientAddress(request: Request): string {
  return request.headers.get("x-client-address") || "unknown";
}
