/**
 * The outbox and sender against a real SMTP server (smtp-server on loopback): delivery,
 * bounces, temporary refusals, SMTP down then back (nothing lost), and the sender that
 * server.js starts in the production server.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migratePostgres, openDatabase, openPostgres, type DB } from "../../app/db.server";
import { enqueueEmail } from "../../app/services/email.server";
import { startEmailSender, type SenderConfig } from "../../app/services/email-sender.server";
import { STALE_SENDING_MS } from "../../app/domain/email/delivery";
import { freePort, startServer, type TestServer } from "../helpers/server";
import { smtpEnv, startTestSmtp } from "../helpers/smtp";
import { createPostgresDatabase, openTestDb, testDialect, type TestDb } from "../helpers/test-database";

let dir: string;
let db: DB;
let closeDb: () => Promise<void>;
/** Our own reads and writes of the sender's database. */
let outbox: TestDb;

// An empty, migrated database for the in-process sender: a SQLite file, or on PostgreSQL a new database on the test cluster.
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "ocd-email-"));
  if (testDialect === "postgres") {
    const url = await createPostgresDatabase({ seeded: false });
    const { db: pgDb, pool } = openPostgres(url, { max: 4 });
    await migratePostgres(pool, "db/migrations-pg");
    db = pgDb;
    closeDb = () => pool.end();
    outbox = openTestDb(url);
  } else {
    const file = path.join(dir, "app.db");
    const { db: sqliteDb, sqlite } = openDatabase(file, "db/migrations");
    db = sqliteDb;
    closeDb = async () => void sqlite.close();
    outbox = openTestDb(file);
  }
});
afterAll(async () => {
  await outbox?.close();
  await closeDb?.();
  rmSync(dir, { recursive: true, force: true });
});

function config(port: number, over: Partial<SenderConfig> = {}): SenderConfig {
  return {
    smtp: { host: "127.0.0.1", port, secure: false, requireTLS: false, timeoutMs: 3000 },
    from: "Outcomes that matter <no-reply@test.example>",
    policy: { baseDelayMs: 100, maxDelayMs: 400, maxAttempts: 3 },
    pollMs: 50,
    ...over,
  };
}

async function row(id: number) {
  return (await outbox.get<{
    status: string;
    attempts: number;
    last_error: string | null;
    sent_at: number | null;
    message_id: string | null;
  }>("select status, attempts, last_error, sent_at, message_id from email_outbox where id = ?", id))!;
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("the sender", () => {
  it("delivers queued mail, marks it sent, and records bounces and temporary failures", async () => {
    const smtp = await startTestSmtp({ refuseRecipient: (a) => (a.startsWith("nobody@") ? 550 : a.startsWith("busy@") ? 451 : undefined) });
    const sender = await startEmailSender(db, config(smtp.port));
    try {
      const ok = await enqueueEmail(db, {
        to: "member01@cag.example",
        subject: "Your invitation\r\nBcc: evil@x.example",
        text: "Hello\nhttp://localhost/invite/abc",
        kind: "test",
      });
      const bounce = await enqueueEmail(db, { to: "nobody@cag.example", subject: "Bounce", text: "x", kind: "test" });
      const busy = await enqueueEmail(db, { to: "busy@cag.example", subject: "Busy", text: "x", kind: "test" });
      await smtp.waitFor((m) => m.length >= 1);
      await until(async () => (await row(ok)).status === "sent" && (await row(bounce)).status === "bounced" && (await row(busy)).status === "failed");
      expect(smtp.messages).toHaveLength(1);
      const mail = smtp.messages[0];
      expect(mail.to).toEqual(["member01@cag.example"]);
      // A line break in a subject cannot add a header.
      expect(mail.subject).toBe("Your invitation Bcc: evil@x.example");
      expect(mail.headers.get("bcc")).toBeUndefined();
      expect(mail.text).toContain("http://localhost/invite/abc");
      expect(mail.headers.get("x-outbox-id")).toBe(String(ok));
      expect(await row(ok)).toMatchObject({ attempts: 1, last_error: null });
      expect((await row(ok)).message_id).toBeTruthy();
      expect(await row(bounce)).toMatchObject({ status: "bounced", attempts: 1 });
      expect((await row(bounce)).last_error).toMatch(/550/);
      // 451 is retried with backoff up to maxAttempts (3), then failed.
      expect(await row(busy)).toMatchObject({ status: "failed", attempts: 3 });
      expect((await row(busy)).last_error).toMatch(/451/);
    } finally {
      await sender.stop();
      await smtp.close();
    }
  });

  it("never blocks the caller and loses nothing while SMTP is down: queued, retried, delivered when it is back", async () => {
    const port = await freePort();
    const sender = await startEmailSender(db, config(port));
    let smtp: Awaited<ReturnType<typeof startTestSmtp>> | null = null;
    try {
      const started = performance.now();
      const ids = await Promise.all(
        Array.from({ length: 5 }, (_, i) => enqueueEmail(db, { to: `member${i}@cag.example`, subject: `Down ${i}`, text: "x", kind: "test" })),
      );
      expect(performance.now() - started).toBeLessThan(100);
      await until(async () => (await row(ids[0])).attempts >= 2);
      // Waiting for its next try, or in the middle of one: never given up on, never marked sent.
      for (const id of ids) expect(["queued", "sending"]).toContain((await row(id)).status);
      expect((await row(ids[0])).last_error).toMatch(/ECONNECTION|ECONNREFUSED/);
      smtp = await startTestSmtp({ port });
      await smtp.waitFor((m) => m.length >= 5);
      await until(async () => (await Promise.all(ids.map(row))).every((r) => r.status === "sent"));
      expect(smtp.messages.map((m) => m.subject).sort()).toEqual(["Down 0", "Down 1", "Down 2", "Down 3", "Down 4"]);
    } finally {
      await sender.stop();
      await smtp?.close();
    }
  });

  it("puts mail that a stopped process left 'sending' back in the queue, but not mail another live server is sending", async () => {
    const id = await enqueueEmail(db, { to: "restart@cag.example", subject: "Restart", text: "x", kind: "test" });
    // Left "sending" by a sender that died longer ago than STALE_SENDING_MS …
    await outbox.run("update email_outbox set status = 'sending', updated_at = ? where id = ?", new Date(Date.now() - STALE_SENDING_MS - 1000), id);
    // … and one claimed a moment ago by a sender in another server that is still up.
    const busy = await enqueueEmail(db, { to: "elsewhere@cag.example", subject: "Being sent elsewhere", text: "x", kind: "test" });
    await outbox.run("update email_outbox set status = 'sending', updated_at = ? where id = ?", new Date(), busy);
    const smtp = await startTestSmtp();
    const sender = await startEmailSender(db, config(smtp.port));
    try {
      await until(async () => (await row(id)).status === "sent");
      await new Promise((r) => setTimeout(r, 300));
      expect(smtp.messages.map((m) => m.subject)).toEqual(["Restart"]);
      expect((await row(busy)).status).toBe("sending");
    } finally {
      await sender.stop();
      await smtp.close();
    }
  });
});

describe("the production server", () => {
  let server: TestServer;
  let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
  beforeAll(async () => {
    smtp = await startTestSmtp();
    server = await startServer(smtpEnv(smtp.port));
  });
  afterAll(async () => {
    await server?.stop();
    await smtp?.close();
  });

  it("runs the sender loop: a row queued in its database is delivered", async () => {
    const other = openTestDb(server.dbPath);
    const now = new Date();
    const id = (
      await other.run(
        "insert into email_outbox (kind, to_address, subject, text, status, next_attempt_at, updated_at) values ('test', 'member02@cag.example', 'From the server', 'body', 'queued', ?, ?)",
        now,
        now,
      )
    ).lastInsertRowid;
    await smtp.waitFor((m) => m.some((x) => x.subject === "From the server"));
    await until(async () => (await other.get<{ status: string }>("select status from email_outbox where id = ?", id))!.status === "sent");
    await other.close();
  });
});

describe("the email log and the development mailbox over HTTP", () => {
  let server: TestServer;
  let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
  beforeAll(async () => {
    smtp = await startTestSmtp({ refuseRecipient: (a) => (a.startsWith("nobody@") ? 550 : undefined) });
    server = await startServer(smtpEnv(smtp.port));
  });
  afterAll(async () => {
    await server?.stop();
    await smtp?.close();
  });

  it("shows officers of the partnership each email's state, lets them retry a bounce, and refuses everyone else", async () => {
    const other = openTestDb(server.dbPath);
    const consultationId = (await other.get<{ id: number }>("select id from consultations where slug = 'joined-up-care'"))!.id;
    const now = new Date();
    const id = (
      await other.run(
        "insert into email_outbox (kind, to_address, subject, text, status, next_attempt_at, updated_at, consultation_id) values ('invitation', 'nobody@cag.example', 'Bounce me', 'body', 'queued', ?, ?, ?)",
        now,
        now,
        consultationId,
      )
    ).lastInsertRowid;
    await until(async () => (await other.get<{ status: string }>("select status from email_outbox where id = ?", id))!.status === "bounced");
    const page = "/consultations/joined-up-care/invitations/emails";

    const { Client, DEMO } = await import("../helpers/client");
    const officer = new Client(server.url);
    await officer.signIn(DEMO.officer.email, DEMO.officer.password);
    const res = await officer.get(page);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("nobody@cag.example");
    expect(html).toContain("Bounced");
    expect(html).toMatch(/550/);

    for (const who of [DEMO.otherOfficer, DEMO.commissioner]) {
      const c = new Client(server.url);
      await c.signIn(who.email, who.password);
      expect((await c.get(page)).status).toBe(403);
      expect((await c.post(page, { intent: "retry", id: String(id) })).status).toBe(403);
    }
    expect((await new Client(server.url).get(page)).status).toBe(302);

    expect((await officer.post(page, { intent: "retry", id: "abc" })).status).toBe(400);
    expect((await officer.post(page, { intent: "retry", id: "999999" })).status).toBe(404);
    const retried = await officer.post(page, { intent: "retry", id: String(id) });
    expect(retried.status).toBe(302);
    await until(
      async () =>
        (await other.get<{ attempts: number }>("select attempts from email_outbox where id = ?", id))!.attempts === 1 &&
        (await other.get<{ status: string }>("select status from email_outbox where id = ?", id))!.status === "bounced",
    );
    const audit = (await other.get<{ n: number }>("select count(*) as n from audit_log where action = 'email.retried' and entity_id = ?", String(id)))!;
    expect(audit.n).toBe(1);
    // Without mail capture the development mailbox does not exist.
    expect((await officer.get("/dev/mailbox")).status).toBe(404);
    await other.close();
  });
});

describe("the development mailbox", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ EMAIL_CAPTURE: "true", EMAIL_POLL_SECONDS: "0.2" });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("captures mail in-process and shows it only to staff of the consultation's partnership", async () => {
    const other = openTestDb(server.dbPath);
    const consultationId = (await other.get<{ id: number }>("select id from consultations where slug = 'joined-up-care'"))!.id;
    const now = new Date();
    const id = (
      await other.run(
        "insert into email_outbox (kind, to_address, subject, text, status, next_attempt_at, updated_at, consultation_id) values ('invitation', 'member03@cag.example', 'Captured <b>mail</b>', 'Open http://x/invite/abc', 'queued', ?, ?, ?)",
        now,
        now,
        consultationId,
      )
    ).lastInsertRowid;
    await until(async () => (await other.get<{ status: string }>("select status from email_outbox where id = ?", id))!.status === "sent");
    await other.close();
    const { Client, DEMO } = await import("../helpers/client");
    const officer = new Client(server.url);
    await officer.signIn(DEMO.officer.email, DEMO.officer.password);
    const html = await (await officer.get("/dev/mailbox")).text();
    expect(html).toContain("Captured &lt;b&gt;mail&lt;/b&gt;");
    expect(html).toContain("http://x/invite/abc");
    const stranger = new Client(server.url);
    await stranger.signIn(DEMO.otherOfficer.email, DEMO.otherOfficer.password);
    const theirs = await stranger.get("/dev/mailbox");
    expect(theirs.status).toBe(200);
    expect(await theirs.text()).not.toContain("member03@cag.example");
    const commissioner = new Client(server.url);
    await commissioner.signIn(DEMO.commissioner.email, DEMO.commissioner.password);
    expect((await commissioner.get("/dev/mailbox")).status).toBe(403);
    expect((await new Client(server.url).get("/dev/mailbox")).status).toBe(302);
  });

  it("lists every captured email, 20 to a page, newest first, with GOV.UK pagination", async () => {
    const other = openTestDb(server.dbPath);
    const consultationId = (await other.get<{ id: number }>("select id from consultations where slug = 'joined-up-care'"))!.id;
    const insert =
      "insert into email_outbox (kind, to_address, subject, text, status, next_attempt_at, updated_at, consultation_id) values ('invitation', ?, ?, 'Hello', 'queued', ?, ?, ?)";
    // With the email of the test before: 45 in all.
    for (let k = 1; k <= 44; k++)
      await other.run(insert, `member${k}@cag.example`, `Paged email ${String(k).padStart(2, "0")}`, new Date(Date.now() + k), new Date(), consultationId);
    await until(async () => (await other.get<{ n: number }>("select count(*) as n from email_outbox where status = 'sent'"))!.n === 45);
    await other.close();
    const { Client, DEMO } = await import("../helpers/client");
    const officer = new Client(server.url);
    await officer.signIn(DEMO.officer.email, DEMO.officer.password);
    const first = await (await officer.get("/dev/mailbox")).text();
    expect(first).toContain("Showing emails 1 to 20 of 45, newest first.");
    expect(first.match(/<h2 class="govuk-heading-s"/g)).toHaveLength(20);
    expect(first).toContain('<nav class="govuk-pagination" aria-label="Pages of email">');
    expect(first).toContain('aria-label="Page 1" aria-current="page"');
    expect(first).toContain('href="/dev/mailbox?page=3"');
    expect(first).toContain('rel="next"');
    expect(first).not.toContain('rel="prev"');
    const last = await (await officer.get("/dev/mailbox?page=3")).text();
    expect(last).toContain("Showing emails 41 to 45 of 45, newest first.");
    expect(last.match(/<h2 class="govuk-heading-s"/g)).toHaveLength(5);
    // The oldest is on the last page: nothing beyond the latest 50 is lost any more.
    expect(last).toContain("Captured &lt;b&gt;mail&lt;/b&gt;");
    expect(last).toContain('rel="prev"');
    expect(last).not.toContain('rel="next"');
    expect(await (await officer.get("/dev/mailbox?page=99")).text()).toContain("Showing emails 41 to 45 of 45");
    for (const bad of ["0", "abc", "1.5", "-2"]) expect((await officer.get(`/dev/mailbox?page=${bad}`)).status).toBe(400);
  });
});
