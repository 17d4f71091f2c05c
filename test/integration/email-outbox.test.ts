/**
 * The outbox and sender against a real SMTP server (smtp-server on loopback): delivery,
 * bounces, temporary refusals, SMTP down then back (nothing lost), and the sender that
 * server.js starts in the production server.
 */
import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DB } from "../../app/db.server";
import { enqueueEmail } from "../../app/services/email.server";
import { startEmailSender, type SenderConfig } from "../../app/services/email-sender.server";
import { STALE_SENDING_MS } from "../../app/domain/email/delivery";
import { freePort, startServer, type TestServer } from "../helpers/server";
import { smtpEnv, startTestSmtp } from "../helpers/smtp";

let dir: string;
let db: DB;
let sqlite: Database.Database;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "ocd-email-"));
  ({ db, sqlite } = openDatabase(path.join(dir, "app.db"), "db/migrations"));
});
afterAll(() => {
  sqlite.close();
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

function row(id: number) {
  return sqlite.prepare("select status, attempts, last_error, sent_at, message_id from email_outbox where id = ?").get(id) as {
    status: string;
    attempts: number;
    last_error: string | null;
    sent_at: number | null;
    message_id: string | null;
  };
}

async function until(check: () => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("the sender", () => {
  it("delivers queued mail, marks it sent, and records bounces and temporary failures", async () => {
    const smtp = await startTestSmtp({ refuseRecipient: (a) => (a.startsWith("nobody@") ? 550 : a.startsWith("busy@") ? 451 : undefined) });
    const sender = await startEmailSender(db, config(smtp.port));
    try {
      const ok = await enqueueEmail(db, { to: "member01@cag.example", subject: "Your invitation\r\nBcc: evil@x.example", text: "Hello\nhttp://localhost/invite/abc", kind: "test" });
      const bounce = await enqueueEmail(db, { to: "nobody@cag.example", subject: "Bounce", text: "x", kind: "test" });
      const busy = await enqueueEmail(db, { to: "busy@cag.example", subject: "Busy", text: "x", kind: "test" });
      await smtp.waitFor((m) => m.length >= 1);
      await until(() => row(ok).status === "sent" && row(bounce).status === "bounced" && row(busy).status === "failed");
      expect(smtp.messages).toHaveLength(1);
      const mail = smtp.messages[0];
      expect(mail.to).toEqual(["member01@cag.example"]);
      // A line break in a subject cannot add a header.
      expect(mail.subject).toBe("Your invitation Bcc: evil@x.example");
      expect(mail.headers.get("bcc")).toBeUndefined();
      expect(mail.text).toContain("http://localhost/invite/abc");
      expect(mail.headers.get("x-outbox-id")).toBe(String(ok));
      expect(row(ok)).toMatchObject({ attempts: 1, last_error: null });
      expect(row(ok).message_id).toBeTruthy();
      expect(row(bounce)).toMatchObject({ status: "bounced", attempts: 1 });
      expect(row(bounce).last_error).toMatch(/550/);
      // 451 is retried with backoff up to maxAttempts (3), then failed.
      expect(row(busy)).toMatchObject({ status: "failed", attempts: 3 });
      expect(row(busy).last_error).toMatch(/451/);
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
      const ids = await Promise.all(Array.from({ length: 5 }, (_, i) => enqueueEmail(db, { to: `member${i}@cag.example`, subject: `Down ${i}`, text: "x", kind: "test" })));
      expect(performance.now() - started).toBeLessThan(100);
      await until(() => row(ids[0]).attempts >= 2);
      for (const id of ids) expect(row(id).status).toBe("queued");
      expect(row(ids[0]).last_error).toMatch(/ECONNECTION|ECONNREFUSED/);
      smtp = await startTestSmtp({ port });
      await smtp.waitFor((m) => m.length >= 5);
      await until(() => ids.every((id) => row(id).status === "sent"));
      expect(smtp.messages.map((m) => m.subject).sort()).toEqual(["Down 0", "Down 1", "Down 2", "Down 3", "Down 4"]);
    } finally {
      await sender.stop();
      await smtp?.close();
    }
  });

  it("puts mail that a stopped process left 'sending' back in the queue, but not mail another live server is sending", async () => {
    const id = await enqueueEmail(db, { to: "restart@cag.example", subject: "Restart", text: "x", kind: "test" });
    // Left "sending" by a sender that died longer ago than STALE_SENDING_MS …
    sqlite.prepare("update email_outbox set status = 'sending', updated_at = ? where id = ?").run(Date.now() - STALE_SENDING_MS - 1000, id);
    // … and one claimed a moment ago by a sender in another server that is still up.
    const busy = await enqueueEmail(db, { to: "elsewhere@cag.example", subject: "Being sent elsewhere", text: "x", kind: "test" });
    sqlite.prepare("update email_outbox set status = 'sending', updated_at = ? where id = ?").run(Date.now(), busy);
    const smtp = await startTestSmtp();
    const sender = await startEmailSender(db, config(smtp.port));
    try {
      await until(() => row(id).status === "sent");
      await new Promise((r) => setTimeout(r, 300));
      expect(smtp.messages.map((m) => m.subject)).toEqual(["Restart"]);
      expect(row(busy).status).toBe("sending");
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
    const other = new Database(server.dbPath);
    other.pragma("busy_timeout = 5000");
    const now = Date.now();
    const id = Number(
      other
        .prepare("insert into email_outbox (kind, to_address, subject, text, status, next_attempt_at, updated_at) values ('test', 'member02@cag.example', 'From the server', 'body', 'queued', ?, ?)")
        .run(now, now).lastInsertRowid,
    );
    await smtp.waitFor((m) => m.some((x) => x.subject === "From the server"));
    await until(() => (other.prepare("select status from email_outbox where id = ?").get(id) as { status: string }).status === "sent");
    other.close();
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
    const other = new Database(server.dbPath);
    other.pragma("busy_timeout = 5000");
    const consultationId = (other.prepare("select id from consultations where slug = 'joined-up-care'").get() as { id: number }).id;
    const now = Date.now();
    const id = Number(
      other
        .prepare("insert into email_outbox (kind, to_address, subject, text, status, next_attempt_at, updated_at, consultation_id) values ('invitation', 'nobody@cag.example', 'Bounce me', 'body', 'queued', ?, ?, ?)")
        .run(now, now, consultationId).lastInsertRowid,
    );
    await until(() => (other.prepare("select status from email_outbox where id = ?").get(id) as { status: string }).status === "bounced");
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
    await until(() => (other.prepare("select attempts from email_outbox where id = ?").get(id) as { attempts: number }).attempts === 1 && (other.prepare("select status from email_outbox where id = ?").get(id) as { status: string }).status === "bounced");
    const audit = other.prepare("select count(*) as n from audit_log where action = 'email.retried' and entity_id = ?").get(String(id)) as { n: number };
    expect(audit.n).toBe(1);
    // Without mail capture the development mailbox does not exist.
    expect((await officer.get("/dev/mailbox")).status).toBe(404);
    other.close();
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
    const other = new Database(server.dbPath);
    other.pragma("busy_timeout = 5000");
    const consultationId = (other.prepare("select id from consultations where slug = 'joined-up-care'").get() as { id: number }).id;
    const now = Date.now();
    const id = Number(
      other
        .prepare("insert into email_outbox (kind, to_address, subject, text, status, next_attempt_at, updated_at, consultation_id) values ('invitation', 'member03@cag.example', 'Captured <b>mail</b>', 'Open http://x/invite/abc', 'queued', ?, ?, ?)")
        .run(now, now, consultationId).lastInsertRowid,
    );
    await until(() => (other.prepare("select status from email_outbox where id = ?").get(id) as { status: string }).status === "sent");
    other.close();
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
    const other = new Database(server.dbPath);
    other.pragma("busy_timeout = 5000");
    const consultationId = (other.prepare("select id from consultations where slug = 'joined-up-care'").get() as { id: number }).id;
    const insert = other.prepare("insert into email_outbox (kind, to_address, subject, text, status, next_attempt_at, updated_at, consultation_id) values ('invitation', ?, ?, 'Hello', 'queued', ?, ?, ?)");
    // With the email of the test before: 45 in all.
    for (let k = 1; k <= 44; k++) insert.run(`member${k}@cag.example`, `Paged email ${String(k).padStart(2, "0")}`, Date.now() + k, Date.now(), consultationId);
    await until(() => (other.prepare("select count(*) as n from email_outbox where status = 'sent'").get() as { n: number }).n === 45);
    other.close();
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
