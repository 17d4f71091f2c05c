// A citizen's email receipt, against the real server and a real SMTP server: while it waits,
// staff never see it; once sent (or failed for good) nothing in email_outbox ties the address
// to the answer set, and the development mailbox never shows it to staff.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, DEMO } from "../helpers/client";
import { startServer, type TestServer } from "../helpers/server";
import { smtpEnv, startTestSmtp, type TestSmtp } from "../helpers/smtp";
import { openTestDb } from "../helpers/test-database";

const BASE = "/s/joined-up-care";
let ip = 0;

/** One citizen through round 1 of the demo consultation, then a receipt to `email`; returns their reference. */
async function submitWithReceipt(server: TestServer, email: string): Promise<string> {
  const db = openTestDb(server.dbPath);
  const round = (await db.get<{ id: number }>("select id from rounds where number = 1"))!.id;
  const questions = await db.all<{ id: number; type: string }>("select id, type from questions where round_id = ? order by position", round);
  await db.close();
  const c = new Client(server.url, { "x-forwarded-for": `10.18.0.${++ip}` });
  expect((await c.post(BASE, { website: "" })).status).toBe(302);
  for (const q of questions) expect((await c.post(`${BASE}/q/${q.id}`, { answer: q.type === "rating" ? "7" : "Getting there by bus" })).status).toBe(302);
  expect((await c.post(`${BASE}/check`, { website: "" })).headers.get("Location")).toBe(`${BASE}/done`);
  const done = await (await c.get(`${BASE}/done`)).text();
  const reference = /data-testid="reference"[^>]*>([^<]+)</.exec(done)![1].trim();
  const sent = await c.post(`${BASE}/done`, { email, website: "" });
  expect(sent.headers.get("Location")).toBe(`${BASE}/done?receipt=sent`);
  return reference;
}

async function outboxRows(dbPath: string) {
  const db = openTestDb(dbPath);
  try {
    return await db.all<Record<string, unknown>>("select * from email_outbox");
  } finally {
    await db.close();
  }
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function signedIn(server: TestServer, account: { email: string; password: string }) {
  const c = new Client(server.url);
  expect((await c.signIn(account.email, account.password)).status).toBe(302);
  return c;
}

describe("receipts through SMTP", () => {
  let smtp: TestSmtp;
  let server: TestServer;
  let port: number;
  beforeAll(async () => {
    // SMTP is down at first, so the receipts wait in the outbox.
    const probe = await startTestSmtp();
    port = probe.port;
    await probe.close();
    server = await startServer(smtpEnv(port, { EMAIL_MAX_ATTEMPTS: "1" }));
  });
  afterAll(async () => {
    await server?.stop();
    await smtp?.close();
  });

  it("staff never see a waiting receipt; once sent or bounced, no outbox row holds the address, the reference or the response", async () => {
    const delivered = await submitWithReceipt(server, "a.citizen@example.org");
    const bounced = await submitWithReceipt(server, "nobody@example.org");
    const waiting = (await outboxRows(server.dbPath)).filter((r) => r.kind === "receipt");
    expect(waiting).toHaveLength(2);
    for (const row of waiting) expect(row.status).toMatch(/^(queued|sending)$/);
    // Queued, the row names no response.
    expect(waiting.map((r) => r.related_id)).toEqual([null, null]);

    const officer = await signedIn(server, DEMO.officer);
    const page = await (await officer.get("/consultations/joined-up-care/invitations/emails")).text();
    for (const text of ["a.citizen@example.org", "nobody@example.org", delivered, bounced]) expect(page).not.toContain(text);

    smtp = await startTestSmtp({ port, refuseRecipient: (a) => (a.startsWith("nobody@") ? 550 : undefined) });
    const [mail] = await smtp.waitFor((m) => m.length >= 1);
    expect(mail.to).toEqual(["a.citizen@example.org"]);
    expect(mail.text).toContain(delivered);
    await until(async () => !(await outboxRows(server.dbPath)).some((r) => r.kind === "receipt"));
    const rows = JSON.stringify(await outboxRows(server.dbPath));
    for (const text of ["a.citizen@example.org", "nobody@example.org", delivered, bounced]) expect(rows).not.toContain(text);
    expect(await (await officer.get("/consultations/joined-up-care/invitations/emails")).text()).not.toContain("example.org");
  });
});

describe("receipts in the development mailbox", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ EMAIL_CAPTURE: "true", EMAIL_POLL_SECONDS: "0.2" });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("is never shown to officers or administrators, and leaves no outbox row", async () => {
    const reference = await submitWithReceipt(server, "b.citizen@example.org");
    await until(async () => !(await outboxRows(server.dbPath)).some((r) => r.kind === "receipt"));
    for (const account of [DEMO.officer, DEMO.admin]) {
      const mailbox = await (await signedIn(server, account)).get("/dev/mailbox");
      expect(mailbox.status).toBe(200);
      const html = await mailbox.text();
      expect(html).not.toContain("b.citizen@example.org");
      expect(html).not.toContain(reference);
    }
  });
});
