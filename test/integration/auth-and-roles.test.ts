// End to end over HTTP against the production build: sign-in, roles, CSRF,
// security headers, sessions, invitations and language.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, DEMO } from "../helpers/client";
import { startServer, type TestServer } from "../helpers/server";
import { openTestDb } from "../helpers/test-database";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

const text = (res: Response) => res.text();

describe("sign in", () => {
  it.each([
    ["admin", DEMO.admin, "Manage people and roles"],
    ["officer", DEMO.officer, "Run consultations for this partnership"],
    ["commissioner", DEMO.commissioner, "agree the outcome set for contracts"],
  ] as const)("lands the %s on a dashboard that shows what the role can do", async (_role, account, expected) => {
    const client = new Client(server.url);
    const res = await client.signIn(account.email, account.password);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/dashboard");
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("session="))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Secure/);
    const dash = await client.get("/dashboard");
    expect(dash.status).toBe(200);
    const html = await text(dash);
    expect(html).toContain(expected);
    expect(html).toContain("Signed in as");
    expect(html).toContain("South Nottinghamshire Transformation Partnership");
  });

  it("gives the same message for a wrong password and an unknown user, and delays both alike", async () => {
    const client = new Client(server.url);
    const wrong = await client.signIn(DEMO.officer.email, "not-the-password");
    const unknown = await client.signIn("nobody@example.org", "whatever-password");
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(400);
    const a = await text(wrong);
    const b = await text(unknown);
    for (const html of [a, b]) {
      expect(html).toContain("Enter a correct email address and password");
      expect(html).toContain("<title>Error: Sign in – Outcomes that matter</title>");
    }
    // After 5 failures from one place a known account and an unknown one are delayed alike (decision 0001).
    const delayed = async (email: string, address: string) => {
      const guesser = new Client(server.url, { "x-forwarded-for": address });
      for (let i = 0; i < 5; i++) expect((await guesser.signIn(email, `wrong-${i}`)).status).toBe(400);
      const res = await guesser.signIn(email, "demo-commissioner-2026");
      expect(res.status).toBe(429);
      return text(res);
    };
    const delayedKnown = await delayed("commissioner.ccg@south-notts.example", "10.40.0.1");
    const delayedUnknown = await delayed("nobody.at.all@south-notts.example", "10.40.0.2");
    for (const html of [delayedKnown, delayedUnknown]) expect(html).toContain("Too many attempts to sign in");
  });

  it("keeps what was typed and names each empty field", async () => {
    const client = new Client(server.url);
    const res = await client.post("/sign-in", { email: "someone@example", password: "" });
    expect(res.status).toBe(400);
    const html = await text(res);
    expect(html).toContain('value="someone@example"');
    expect(html).toContain('href="#email"');
    expect(html).toContain('href="#password"');
    expect(html).toContain("Enter your password");
  });

  it("refuses redirects to other sites after sign in", async () => {
    const client = new Client(server.url);
    const res = await client.post("/sign-in", { ...DEMO.officer, redirectTo: "//evil.example/steal" });
    expect(res.headers.get("location")).toBe("/dashboard");
  });

  it("rejects a forged or malformed session cookie", async () => {
    const client = new Client(server.url);
    await client.signIn(DEMO.officer.email, DEMO.officer.password);
    const real = client.cookie("session")!;
    const [id] = real.split(".");
    client.setCookie("session", `${id}.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa`);
    expect((await client.get("/dashboard")).status).toBe(302);
    client.setCookie("session", "%%%");
    expect((await client.get("/dashboard")).status).toBe(302);
  });
});

describe("sessions", () => {
  it("sign out revokes the session on the server, so replaying the cookie fails", async () => {
    const client = new Client(server.url);
    await client.signIn(DEMO.officer.email, DEMO.officer.password);
    const token = client.cookie("session")!;
    const out = await client.post("/sign-out", { scope: "this" });
    expect(out.status).toBe(302);
    expect(out.headers.getSetCookie().some((c) => c.startsWith("session=;"))).toBe(true);
    const replay = new Client(server.url);
    replay.setCookie("session", token);
    const res = await replay.get("/dashboard");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/sign-in?redirectTo=%2Fdashboard");
  });

  it("sign out everywhere revokes every session of the user", async () => {
    const a = new Client(server.url);
    const b = new Client(server.url);
    await a.signIn(DEMO.commissioner.email, DEMO.commissioner.password);
    await b.signIn(DEMO.commissioner.email, DEMO.commissioner.password);
    expect((await b.get("/dashboard")).status).toBe(200);
    await a.post("/sign-out", { scope: "everywhere" });
    expect((await b.get("/dashboard")).status).toBe(302);
  });

  it("stores only a hash of the session secret", async () => {
    const client = new Client(server.url);
    await client.signIn(DEMO.admin.email, DEMO.admin.password);
    const [id, secret] = client.cookie("session")!.split(".");
    const db = openTestDb(server.dbPath);
    const row = (await db.get<Record<string, unknown>>("select * from sessions where id = ?", id))!;
    await db.close();
    expect(row).toBeTruthy();
    expect(JSON.stringify(row)).not.toContain(secret);
    expect((row.secret_hash as Buffer).length).toBe(32);
  });
});

describe("roles", () => {
  const adminPage = "/partnerships/south-nottinghamshire/users";

  it("sends a signed-out visitor (a citizen) to sign in from admin pages and the dashboard", async () => {
    const citizen = new Client(server.url);
    for (const path of [adminPage, "/dashboard", "/partnerships/mid-nottinghamshire/users"]) {
      const res = await citizen.get(path);
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toMatch(/^\/sign-in\?redirectTo=/);
    }
    const post = await citizen.post(adminPage, { intent: "invite", displayName: "X", email: "x@example.org", role: "administrator" });
    expect(post.status).toBe(302);
    expect(post.headers.get("location")).toMatch(/^\/sign-in/);
  });

  it("refuses the admin page to officers, commissioners and admins of other partnerships", async () => {
    for (const account of [DEMO.officer, DEMO.commissioner, DEMO.otherOfficer]) {
      const client = new Client(server.url);
      await client.signIn(account.email, account.password);
      const res = await client.get(adminPage);
      expect(res.status).toBe(403);
      expect(await text(res)).toContain("You cannot see this page");
      const post = await client.post(adminPage, { intent: "invite", displayName: "X", email: "x@example.org", role: "administrator" });
      expect(post.status).toBe(403);
    }
    const admin = new Client(server.url);
    await admin.signIn(DEMO.admin.email, DEMO.admin.password);
    expect((await admin.get("/partnerships/mid-nottinghamshire/users")).status).toBe(403);
    expect((await admin.get(adminPage)).status).toBe(200);
  });

  it("lets an administrator invite a new person who then signs in with the role", async () => {
    const admin = new Client(server.url);
    await admin.signIn(DEMO.admin.email, DEMO.admin.password);
    const bad = await admin.post(adminPage, { intent: "invite", displayName: "", email: "not-an-email", role: "" });
    expect(bad.status).toBe(400);
    const badHtml = await text(bad);
    expect(badHtml).toContain("Enter their full name");
    expect(badHtml).toContain("Enter an email address in the correct format");
    expect(badHtml).toContain("Select a role");
    expect(badHtml).toContain('value="not-an-email"');

    const res = await admin.post(adminPage, { intent: "invite", displayName: "Nia Roberts", email: "nia@example.org", role: "officer" });
    expect(res.status).toBe(200);
    const html = await text(res);
    const link = /\/join\/([a-z2-7]+)/.exec(html)?.[0];
    expect(link).toBeTruthy();

    const invitee = new Client(server.url);
    const form = await invitee.get(link!);
    expect(form.status).toBe(200);
    expect(await text(form)).toContain("nia@example.org");
    const short = await invitee.post(link!, { displayName: "Nia Roberts", password: "short", confirmPassword: "short" });
    expect(short.status).toBe(400);
    expect(await text(short)).toContain("Password must be 12 characters or more");
    const done = await invitee.post(link!, { displayName: "Nia Roberts", password: "correct horse battery", confirmPassword: "correct horse battery" });
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe("/dashboard");
    expect(await text(await invitee.get("/dashboard"))).toContain("Run consultations for this partnership");
    // The link works once.
    expect((await new Client(server.url).get(link!)).status).toBe(404);
    // And the audit log recorded the invitation and its acceptance.
    const db = openTestDb(server.dbPath);
    const actions = (await db.all<{ action: string }>("select action from audit_log")).map((r) => r.action);
    await db.close();
    expect(actions).toEqual(expect.arrayContaining(["user.invited", "invitation.accepted", "sign-in"]));
  });

  it("gives an existing account the role at once and will not remove the last administrator", async () => {
    const admin = new Client(server.url);
    await admin.signIn(DEMO.admin.email, DEMO.admin.password);
    const res = await admin.post(adminPage, { intent: "invite", displayName: "Owen Price", email: DEMO.officer.email, role: "commissioner" });
    expect(await text(res)).toContain("has been given the role");
    const db = openTestDb(server.dbPath);
    const adminMembership = (await db.get<{ id: number }>(
      "select m.id from memberships m join users u on u.id = m.user_id where u.email = ? and m.role = 'administrator'",
      DEMO.admin.email,
    ))!;
    await db.close();
    const remove = await admin.post(adminPage, { intent: "remove", membershipId: String(adminMembership.id) });
    expect(remove.status).toBe(409);
    expect(await text(remove)).toContain("You cannot remove the last administrator");
    const junk = await admin.post(adminPage, { intent: "remove", membershipId: "'; drop table users; --" });
    expect(junk.status).toBe(400);
  });
});

describe("HTTP defences", () => {
  it("refuses cross-site form posts (CSRF)", async () => {
    const client = new Client(server.url);
    const bySite = await client.post("/sign-in", DEMO.officer, { "Sec-Fetch-Site": "cross-site" });
    expect(bySite.status).toBe(403);
    const byOrigin = await client.post("/sign-in", DEMO.officer, { Origin: "https://evil.example" });
    expect(byOrigin.status).toBe(403);
    const same = await client.post("/sign-in", DEMO.officer, { "Sec-Fetch-Site": "same-origin" });
    expect(same.status).toBe(302);
  });

  it("sends security headers with a fresh CSP nonce on every page", async () => {
    const a = await fetch(`${server.url}/`);
    const b = await fetch(`${server.url}/`);
    const csp = a.headers.get("content-security-policy")!;
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toEqual(b.headers.get("content-security-policy"));
    const nonce = /nonce-([^']+)/.exec(csp)![1];
    expect(await a.text()).toContain(`nonce="${nonce}"`);
    expect(a.headers.get("x-content-type-options")).toBe("nosniff");
    expect(a.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(a.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
    expect(a.headers.get("x-powered-by")).toBeNull();
  });

  it("answers unknown pages and bad parameters with 404, never 500", async () => {
    for (const path of [
      "/no-such-page",
      "/join/NOT_A_TOKEN",
      "/join/abcdefghijklmnopqrstuvwxyz234567",
      "/partnerships/%00%3Cscript%3E/users",
      "/language/xx",
    ]) {
      const res = await fetch(`${server.url}${path}`, { redirect: "manual" });
      expect([302, 404]).toContain(res.status);
      const html = await res.text();
      expect(html).not.toMatch(/at .*\.js:\d+/);
    }
  });
});

describe("language", () => {
  it("switches language without JavaScript and sets html lang", async () => {
    const client = new Client(server.url);
    const res = await client.get("/language/cy?returnTo=%2Fsign-in");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/sign-in");
    const page = await text(await client.get("/sign-in"));
    expect(page).toContain('<html lang="cy" dir="ltr"');
    expect(page).toContain("Mewngofnodi");
    const off = await client.get("/language/en?returnTo=https://evil.example");
    expect(off.headers.get("location")).toBe("/");
  });

  it("follows Accept-Language when there is no choice yet, and shows consultation content in Welsh", async () => {
    const res = await fetch(`${server.url}/`, { headers: { "Accept-Language": "cy-GB,cy;q=0.9,en;q=0.5" } });
    const html = await res.text();
    expect(html).toContain('lang="cy"');
    expect(html).toContain("Beth sy&#x27;n bwysig i chi am iechyd a gofal cymdeithasol cydgysylltiedig?");
  });
});
