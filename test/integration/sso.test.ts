// Staff single sign-on against a real OpenID Connect exchange on loopback (decision 0025): the
// production server and openid-client on one side, a test provider signing RS256 ID tokens with
// jose on the other. Success, every refusal the issue lists, invitations, roles that stay ours,
// "require SSO", and sign-out offering the provider's end-session.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, DEMO } from "../helpers/client";
import { startTestOidcProvider, type Fault, type TestIdentity, type TestOidcProvider } from "../helpers/oidc-provider";
import { startServer, type TestServer } from "../helpers/server";
import { openTestDb } from "../helpers/test-database";

const PARTNERSHIP = "south-nottinghamshire";
let server: TestServer;
let idp: TestOidcProvider;
let admin: Client;

beforeAll(async () => {
  idp = await startTestOidcProvider();
  server = await startServer({ SSO_ALLOW_HTTP_ISSUER: "true" });
  admin = new Client(server.url);
  expect((await admin.signIn(DEMO.admin.email, DEMO.admin.password)).status).toBe(302);
});
afterAll(async () => {
  await server?.stop();
  await idp?.close();
});

async function sql<T>(query: string, ...params: unknown[]): Promise<T[]> {
  const db = openTestDb(server.dbPath);
  try {
    return await db.all<T>(query, ...params);
  } finally {
    await db.close();
  }
}

/** The whole round trip in one browser: our start link, the provider, our callback. */
async function ssoSignIn(browser: Client, identity: TestIdentity, fault?: Fault, tamper?: (callback: URL) => void) {
  idp.next(identity, fault);
  const start = await browser.get(`/sign-in/sso?partnership=${PARTNERSHIP}&redirectTo=/dashboard`);
  expect(start.status).toBe(302);
  const authorize = new URL(start.headers.get("location")!);
  expect(authorize.origin).toBe(idp.issuer);
  const atProvider = await fetch(authorize, { redirect: "manual" });
  expect(atProvider.status).toBe(302);
  const callback = new URL(atProvider.headers.get("location")!);
  tamper?.(callback);
  const back = await browser.get(`${callback.pathname}${callback.search}`);
  return { authorize, callback, back, location: back.headers.get("location") ?? "" };
}

const officerIdentity: TestIdentity = { sub: "idp-officer-1", email: DEMO.officer.email, email_verified: true };

describe("configuring the provider", () => {
  it("is for the partnership's administrators; the secret is never shown back; bad settings are refused with messages", async () => {
    const page = await (await admin.get(`/partnerships/${PARTNERSHIP}/sign-in`)).text();
    expect(page).toContain(`${server.url}/sign-in/sso/callback`);
    const bad = await admin.post(`/partnerships/${PARTNERSHIP}/sign-in`, {
      issuer: "ftp://x",
      clientId: "",
      allowedDomains: "not a domain",
      emailClaim: "",
      requireSso: "",
    });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    for (const message of [
      "Enter the issuer URL, starting https://",
      "Enter the client ID",
      "Enter at least one email domain",
      "Select whether staff must sign in this way",
    ])
      expect(badHtml).toContain(message);
    const noSecret = await admin.post(`/partnerships/${PARTNERSHIP}/sign-in`, {
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: "",
      allowedDomains: "south-notts.example",
      emailClaim: "email",
      requireSso: "no",
    });
    expect(await noSecret.text()).toContain("Enter the client secret");
    const saved = await admin.post(`/partnerships/${PARTNERSHIP}/sign-in`, {
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      allowedDomains: "South-Notts.example\nnhs.net",
      emailClaim: "email",
      requireSso: "no",
    });
    expect(saved.headers.get("location")).toBe(`/partnerships/${PARTNERSHIP}/sign-in?saved=1`);
    const after = await (await admin.get(`/partnerships/${PARTNERSHIP}/sign-in`)).text();
    expect(after).not.toContain(idp.clientSecret);
    expect(after).toContain("south-notts.example\nnhs.net");
    expect(await sql("select action from audit_log where action like 'identity-provider.%'")).toEqual([{ action: "identity-provider.added" }]);
    expect(JSON.stringify(await sql("select details from audit_log where action like 'identity-provider.%'"))).not.toContain(idp.clientSecret);
    // Others may not touch it.
    const officer = new Client(server.url);
    await officer.signIn(DEMO.officer.email, DEMO.officer.password);
    expect((await officer.get(`/partnerships/${PARTNERSHIP}/sign-in`)).status).toBe(403);
    expect((await officer.post(`/partnerships/${PARTNERSHIP}/sign-in`, { intent: "remove" })).status).toBe(403);
  });

  it("offers the provider on the sign-in page", async () => {
    const page = await (await new Client(server.url).get("/sign-in")).text();
    expect(page).toContain(`href="/sign-in/sso?partnership=${PARTNERSHIP}"`);
    expect(page).toContain("Sign in with South Nottinghamshire Transformation Partnership");
  });
});

describe("signing in", () => {
  it("signs a member in with the authorisation code flow, PKCE, state and nonce, and links the provider's account", async () => {
    const browser = new Client(server.url);
    const { authorize, back, location } = await ssoSignIn(browser, officerIdentity);
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorize.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorize.searchParams.get("state")).toBeTruthy();
    expect(authorize.searchParams.get("nonce")).toBeTruthy();
    expect(authorize.searchParams.get("scope")).toBe("openid email profile");
    expect(back.status).toBe(302);
    expect(location).toBe("/dashboard");
    const dashboard = await (await browser.get("/dashboard")).text();
    expect(dashboard).toContain("Signed in as");
    expect(await sql("select subject from user_identities")).toEqual([{ subject: "idp-officer-1" }]);
    // The session is an ordinary one: revocable, and marked as signed in by the provider.
    expect((await sql<{ n: number }>("select count(*) as n from sessions where sso_partnership_id is not null"))[0].n).toBe(1);
  });

  it("never takes a role from the provider: the roles stay the ones given here", async () => {
    const browser = new Client(server.url);
    const { location } = await ssoSignIn(browser, { ...officerIdentity, roles: ["administrator"], groups: ["admins"] });
    expect(location).toBe("/dashboard");
    expect((await browser.get(`/partnerships/${PARTNERSHIP}/users`)).status).toBe(403);
  });

  it("refuses a token for another audience, with a bad signature, expired, or with the wrong nonce", async () => {
    for (const fault of ["wrong-audience", "bad-signature", "expired", "wrong-nonce"] as const) {
      const browser = new Client(server.url);
      const { location } = await ssoSignIn(browser, officerIdentity, fault);
      expect(location, fault).toBe("/sign-in?sso=token");
      expect((await browser.get("/dashboard")).status, fault).toBe(302);
    }
    const page = await (await new Client(server.url).get("/sign-in?sso=token")).text();
    expect(page).toContain("did not confirm who you are");
  });

  it("refuses a replayed callback, a state that does not match, and a callback in a browser that did not start it", async () => {
    const first = new Client(server.url);
    const { callback } = await ssoSignIn(first, officerIdentity);
    // Replayed, with the state cookie put back: the attempt was used once and is gone.
    const replay = new Client(server.url);
    replay.setCookie("sso_state", callback.searchParams.get("state")!);
    expect((await replay.get(`${callback.pathname}${callback.search}`)).headers.get("location")).toBe("/sign-in?sso=state");
    // A state changed on the way back.
    const tampered = await ssoSignIn(new Client(server.url), officerIdentity, undefined, (url) => url.searchParams.set("state", "forged-state-value"));
    expect(tampered.location).toBe("/sign-in?sso=state");
    // Login CSRF: an attacker's callback opened in the victim's browser, which has no such state.
    idp.next(officerIdentity);
    const attacker = new Client(server.url);
    const start = await attacker.get(`/sign-in/sso?partnership=${PARTNERSHIP}`);
    const atProvider = await fetch(start.headers.get("location")!, { redirect: "manual" });
    const planted = new URL(atProvider.headers.get("location")!);
    const victim = new Client(server.url);
    expect((await victim.get(`${planted.pathname}${planted.search}`)).headers.get("location")).toBe("/sign-in?sso=state");
    expect(victim.cookie("session")).toBeUndefined();
    // The code itself was never redeemed twice at the provider.
    expect(idp.replayedCodes).toBe(0);
  });

  it("refuses an email outside the allowed domains, an unverified email, and someone with no account or invitation", async () => {
    const cases: Array<[TestIdentity, string]> = [
      [{ sub: "idp-x", email: "someone@evil.example", email_verified: true }, "domain-not-allowed"],
      [{ sub: "idp-y", email: DEMO.commissioner.email, email_verified: false }, "unverified-email"],
      [{ sub: "idp-z", email: "stranger@south-notts.example", email_verified: true }, "unknown-user"],
      [{ sub: "idp-w" }, "no-email"],
    ];
    for (const [identity, reason] of cases) {
      const browser = new Client(server.url);
      expect((await ssoSignIn(browser, identity)).location, reason).toBe(`/sign-in?sso=${reason}`);
      expect(browser.cookie("session"), reason).toBeUndefined();
    }
    expect(await sql("select count(*) as n from users where email = 'stranger@south-notts.example'")).toEqual([{ n: 0 }]);
  });

  it("lets an invited person in with the role the administrator chose, without a password", async () => {
    const invited = await admin.post(`/partnerships/${PARTNERSHIP}/users`, {
      intent: "invite",
      displayName: "Nia Newstarter",
      email: "nia.newstarter@south-notts.example",
      role: "commissioner",
    });
    expect(invited.status).toBe(200);
    const browser = new Client(server.url);
    expect((await ssoSignIn(browser, { sub: "idp-nia", email: "Nia.Newstarter@south-notts.example", email_verified: true })).location).toBe("/dashboard");
    expect(
      await sql(
        "select u.display_name, u.password_hash, m.role from users u join memberships m on m.user_id = u.id where u.email = 'nia.newstarter@south-notts.example'",
      ),
    ).toEqual([{ display_name: "Nia Newstarter", password_hash: null, role: "commissioner" }]);
    expect(await sql("select count(*) as n from user_invitations where email = 'nia.newstarter@south-notts.example' and accepted_at is not null")).toEqual([
      { n: 1 },
    ]);
  });
});

describe("requiring single sign-on and signing out", () => {
  it("when required, staff cannot use a password (administrators still can); passwords stay for partnerships without a provider", async () => {
    await admin.post(`/partnerships/${PARTNERSHIP}/sign-in`, {
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: "",
      allowedDomains: "south-notts.example",
      emailClaim: "email",
      requireSso: "yes",
    });
    const refused = await new Client(server.url).signIn(DEMO.officer.email, DEMO.officer.password);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("Your organisation asks you to sign in with its own account");
    // A wrong password still gets the ordinary message: the requirement is told only to someone who knows the password.
    expect(await (await new Client(server.url).signIn(DEMO.officer.email, "not-the-password")).text()).toContain("Enter a correct email address and password");
    expect((await new Client(server.url).signIn(DEMO.admin.email, DEMO.admin.password)).status).toBe(302);
    expect((await new Client(server.url).signIn(DEMO.otherOfficer.email, DEMO.otherOfficer.password)).status).toBe(302);
    expect((await ssoSignIn(new Client(server.url), officerIdentity)).location).toBe("/dashboard");
    await admin.post(`/partnerships/${PARTNERSHIP}/sign-in`, {
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: "",
      allowedDomains: "south-notts.example",
      emailClaim: "email",
      requireSso: "no",
    });
  });

  it("sign-out ends our session and offers the provider's own sign-out", async () => {
    const browser = new Client(server.url);
    await ssoSignIn(browser, officerIdentity);
    const session = browser.cookie("session")!;
    const out = await browser.post("/sign-out", { scope: "this" });
    expect(out.headers.get("location")).toBe(`/sign-out?provider=${PARTNERSHIP}`);
    const replay = new Client(server.url);
    replay.setCookie("session", session);
    expect((await replay.get("/dashboard")).status).toBe(302);
    const offer = await (await browser.get(out.headers.get("location")!)).text();
    expect(offer).toContain("You have signed out");
    const link = /href="([^"]*\/logout[^"]*)"/.exec(offer)![1].replace(/&amp;/g, "&");
    const end = new URL(link);
    expect(end.origin).toBe(idp.issuer);
    expect(end.searchParams.get("client_id")).toBe(idp.clientId);
    expect(end.searchParams.get("post_logout_redirect_uri")).toBe(`${server.url}/?signedOut=1`);
    // A password session signs out as before.
    const password = new Client(server.url);
    await password.signIn(DEMO.admin.email, DEMO.admin.password);
    expect((await password.post("/sign-out", { scope: "this" })).headers.get("location")).toBe("/?signedOut=1");
  });

  it("a provider that cannot be reached gives a clear message, not a 500", async () => {
    const db = openTestDb(server.dbPath);
    const mid = (await db.get<{ id: number }>("select id from partnerships where slug = 'mid-nottinghamshire'"))!.id;
    await db.run(
      "insert into identity_providers (partnership_id, issuer, client_id, client_secret, allowed_domains, updated_at) values (?, 'http://127.0.0.1:1', 'x', 'y', '[\"mid-notts.example\"]', ?) returning partnership_id",
      mid,
      new Date(0),
    );
    await db.close();
    const start = await new Client(server.url).get("/sign-in/sso?partnership=mid-nottinghamshire");
    expect(start.headers.get("location")).toBe("/sign-in?sso=provider-unavailable");
    expect(await (await new Client(server.url).get("/sign-in?sso=provider-unavailable")).text()).toContain("cannot be reached");
    expect((await new Client(server.url).get("/sign-in/sso?partnership=no-such-partnership")).headers.get("location")).toBe("/sign-in?sso=no-provider");
  });
});
