/**
 * A small OpenID Connect provider for tests, on a loopback port: discovery, JWKS, an
 * authorisation endpoint that signs in whoever the test says (no login screen), and a token
 * endpoint that checks the client's secret, the redirect URI, PKCE (S256) and one use per code.
 * ID tokens are RS256 JWTs signed with jose. Each sign-in can be made to go wrong the ways a
 * real provider (or an attacker in the middle) might: wrong audience, a bad signature, an
 * expired token, a wrong nonce, an unverified email. Test-only: the app's side is openid-client.
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from "jose";

export interface TestIdentity {
  sub: string;
  email?: string;
  email_verified?: boolean;
  [claim: string]: unknown;
}

export type Fault = "wrong-audience" | "bad-signature" | "expired" | "wrong-nonce";

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Who the next visit to the authorisation endpoint signs in, and what goes wrong (if anything). */
  next(identity: TestIdentity, fault?: Fault): void;
  /** Token requests refused because the code had been used already. */
  replayedCodes: number;
  /** Requests to the end-session endpoint. */
  endSessions: URL[];
  close(): Promise<void>;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let body = "";
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

export async function startTestOidcProvider(): Promise<TestOidcProvider> {
  const clientId = "outcomes-test-client";
  const clientSecret = "test-client-secret-0123456789";
  const key = await generateKeyPair("RS256");
  const stranger = await generateKeyPair("RS256");
  const jwk: JWK = { ...(await exportJWK(key.publicKey)), kid: "test-key", use: "sig", alg: "RS256" };
  let pending: { identity: TestIdentity; fault?: Fault } | null = null;
  const codes = new Map<string, { identity: TestIdentity; fault?: Fault; nonce: string; challenge: string; redirectUri: string; used: boolean }>();
  let counter = 0;
  let issuer = "";
  const provider: TestOidcProvider = {
    issuer: "",
    clientId,
    clientSecret,
    next(identity, fault) {
      pending = { identity, fault };
    },
    replayedCodes: 0,
    endSessions: [],
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  async function idToken(entry: { identity: TestIdentity; fault?: Fault; nonce: string }): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const signer: CryptoKey = entry.fault === "bad-signature" ? stranger.privateKey : key.privateKey;
    return new SignJWT({ ...entry.identity, nonce: entry.fault === "wrong-nonce" ? "not-the-nonce" : entry.nonce })
      .setProtectedHeader({ alg: "RS256", kid: "test-key" })
      .setIssuer(issuer)
      .setAudience(entry.fault === "wrong-audience" ? "another-client" : clientId)
      .setSubject(entry.identity.sub)
      .setIssuedAt(entry.fault === "expired" ? now - 7200 : now)
      .setExpirationTime(entry.fault === "expired" ? now - 3600 : now + 300)
      .sign(signer);
  }

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", issuer);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "Content-Type": "application/json", "Cache-Control": "no-store", ...headers });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === "/.well-known/openid-configuration") {
      return send(200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        end_session_endpoint: `${issuer}/logout`,
        response_types_supported: ["code"],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["RS256"],
        code_challenge_methods_supported: ["S256"],
        token_endpoint_auth_methods_supported: ["client_secret_basic"],
        scopes_supported: ["openid", "email", "profile"],
      });
    }
    if (url.pathname === "/jwks") return send(200, { keys: [jwk] });
    if (url.pathname === "/logout") {
      provider.endSessions.push(url);
      res.writeHead(302, { Location: url.searchParams.get("post_logout_redirect_uri") ?? "/" });
      return res.end();
    }
    if (url.pathname === "/authorize") {
      const p = url.searchParams;
      if (
        p.get("client_id") !== clientId ||
        p.get("response_type") !== "code" ||
        p.get("code_challenge_method") !== "S256" ||
        !p.get("code_challenge") ||
        !p.get("nonce") ||
        !p.get("state")
      ) {
        return send(400, { error: "invalid_request" });
      }
      if (!pending) return send(400, { error: "login_required" });
      const code = `code-${++counter}`;
      codes.set(code, { ...pending, nonce: p.get("nonce")!, challenge: p.get("code_challenge")!, redirectUri: p.get("redirect_uri")!, used: false });
      pending = null;
      const back = new URL(p.get("redirect_uri")!);
      back.searchParams.set("code", code);
      back.searchParams.set("state", p.get("state")!);
      res.writeHead(302, { Location: back.href });
      return res.end();
    }
    if (url.pathname === "/token" && req.method === "POST") {
      const form = await readForm(req);
      // client_secret_basic: each half form-urlencoded, then base64 (RFC 6749, 2.3.1).
      const [id, secret] = Buffer.from((req.headers.authorization ?? "").replace(/^Basic /, ""), "base64")
        .toString()
        .split(":")
        .map((part) => decodeURIComponent(part.replace(/\+/g, " ")));
      if (id !== clientId || secret !== clientSecret) return send(401, { error: "invalid_client" });
      const entry = codes.get(form.get("code") ?? "");
      if (!entry || form.get("grant_type") !== "authorization_code" || form.get("redirect_uri") !== entry.redirectUri)
        return send(400, { error: "invalid_grant" });
      if (entry.used) {
        provider.replayedCodes++;
        return send(400, { error: "invalid_grant", error_description: "code already used" });
      }
      const verifier = form.get("code_verifier") ?? "";
      if (createHash("sha256").update(verifier).digest("base64url") !== entry.challenge)
        return send(400, { error: "invalid_grant", error_description: "PKCE" });
      entry.used = true;
      return send(200, { access_token: `at-${counter}`, token_type: "Bearer", expires_in: 300, id_token: await idToken(entry) });
    }
    send(404, { error: "not_found" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  provider.issuer = issuer;
  return provider;
}
