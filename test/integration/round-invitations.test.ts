/**
 * Invitations, reminders and tracking over HTTP against the real server, with email
 * delivered over SMTP to a real smtp-server (test/helpers/smtp.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashTokenHex } from "../../app/auth/tokens.server";
import { Client, DEMO } from "../helpers/client";
import { freePort, startServer, type TestServer } from "../helpers/server";
import { inviteLink, smtpEnv, startTestSmtp, type TestSmtp } from "../helpers/smtp";
import { openTestDb, type TestDb } from "../helpers/test-database";

const P = "/consultations/joined-up-care/invitations";

async function signedIn(server: TestServer, account: { email: string; password: string }) {
  const c = new Client(server.url);
  expect((await c.signIn(account.email, account.password)).status).toBe(302);
  return c;
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("invitations and reminders", () => {
  let server: TestServer;
  let smtp: TestSmtp;
  let db: TestDb;
  let officer: Client;

  beforeAll(async () => {
    smtp = await startTestSmtp({ refuseRecipient: (a) => (a.startsWith("nobody@") ? 550 : undefined) });
    server = await startServer(smtpEnv(smtp.port));
    db = openTestDb(server.dbPath);
    // One member reads Welsh; one has an address the mail server refuses.
    await db.run("update advisory_group_members set preferred_locale = 'cy' where email = 'member25@cag.example'");
    await db.run("update advisory_group_members set preferred_locale = 'pl' where email = 'member28@cag.example'");
    await db.run("update advisory_group_members set preferred_locale = 'ur' where email = 'member29@cag.example'");
    await db.run("update advisory_group_members set email = 'nobody@cag.example' where email = 'member30@cag.example'");
    officer = await signedIn(server, DEMO.officer);
  });
  afterAll(async () => {
    await db?.close();
    await server?.stop();
    await smtp?.close();
  });

  it("is for the partnership's officers only: everyone else is refused on every route and action", async () => {
    for (const who of [DEMO.otherOfficer, DEMO.commissioner, DEMO.admin]) {
      const c = await signedIn(server, who);
      expect((await c.get(P)).status).toBe(403);
      const forms: Array<Record<string, string>> = [
        { intent: "invite", round: "1", who: "all" },
        { intent: "remind", round: "1" },
        { intent: "revoke", round: "1", invitationId: "1" },
      ];
      for (const form of forms) {
        expect((await c.post(P, form)).status, `${who.email} ${form.intent}`).toBe(403);
      }
    }
    expect((await (await signedIn(server, DEMO.otherOfficer)).get("/consultations/joined-up-care/participation")).status).toBe(403);
    expect((await (await signedIn(server, DEMO.commissioner)).get("/consultations/joined-up-care/participation")).status).toBe(200);
    expect((await new Client(server.url).get(P)).status).toBe(302);
    expect(await db.get("select count(*) as n from invitations")).toEqual({ n: 0 });
    expect(await db.get("select count(*) as n from email_outbox")).toEqual({ n: 0 });
  });

  it("shows every member's progress before anyone is invited; refuses bad input", async () => {
    const res = await officer.get(P);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Round 1 (open)");
    expect((html.match(/>Completed</g) ?? []).length).toBeGreaterThanOrEqual(24);
    expect((html.match(/>Not invited</g) ?? []).length).toBeGreaterThanOrEqual(6);
    expect((await officer.get(`${P}?round=99`)).status).toBe(404);
    expect((await officer.post(P, { intent: "invite", round: "1", who: "everyone" })).status).toBe(400);
    expect((await officer.post(P, { intent: "shout", round: "1" })).status).toBe(400);
    expect((await officer.post(P, { intent: "revoke", round: "1", invitationId: "999" })).status).toBe(404);
  });

  it("invites members not yet invited: one invitation per member and round, a working link in the member's language", async () => {
    const res = await officer.post(P, { intent: "invite", round: "1", who: "not-invited" });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`${P}?round=1&invited=6&resent=0&noEmail=0`);
    const invitations = (await db.all(
      "select i.id, i.token_hash, i.round_id, m.email from invitations i join advisory_group_members m on m.id = i.member_id",
    )) as Array<{ id: number; token_hash: string; round_id: number; email: string }>;
    expect(invitations).toHaveLength(6);
    const round1 = ((await db.get("select id from rounds where number = 1")) as { id: number }).id;
    for (const i of invitations) expect(i.round_id).toBe(round1);

    await smtp.waitFor((m) => m.length >= 5);
    await until(async () => ((await db.get("select count(*) as n from email_outbox where status in ('sent', 'bounced')")) as { n: number }).n === 6);
    const delivered = smtp.messages.filter((m) => /invitation|gwahoddiad|Zaproszenie|دعوت نامہ/i.test(m.subject));
    expect(delivered.map((m) => m.to[0]).sort()).toEqual([
      "member25@cag.example",
      "member26@cag.example",
      "member27@cag.example",
      "member28@cag.example",
      "member29@cag.example",
    ]);
    for (const mail of delivered) {
      const link = inviteLink(mail)!;
      expect(link.startsWith(`${server.url}/invite/`)).toBe(true);
      const token = link.split("/invite/")[1];
      const row = invitations.find((i) => i.email === mail.to[0])!;
      expect(hashTokenHex(token)).toBe(row.token_hash);
      expect(mail.text).not.toContain("{{");
    }
    const welsh = delivered.find((m) => m.to[0] === "member25@cag.example")!;
    expect(welsh.subject).toBe("Eich gwahoddiad: Beth sy'n bwysig i chi am iechyd a gofal cymdeithasol cydgysylltiedig?");
    expect(welsh.text).toContain("Annwyl");
    const english = delivered.find((m) => m.to[0] === "member26@cag.example")!;
    expect(english.subject).toBe("Your invitation: What matters to you about joined-up health and social care?");
    // Polish and Urdu members get the email in their language (the demo seeds the consultation's Polish and Urdu title too).
    const polish = delivered.find((m) => m.to[0] === "member28@cag.example")!;
    expect(polish.subject).toBe("Zaproszenie: Co jest dla Ciebie ważne w zintegrowanej opiece zdrowotnej i społecznej?");
    expect(polish.text).toContain("Dzień dobry");
    // Their links open the journey in their language (?lng=, which then holds: test/browser/inclusion.test.ts).
    expect(polish.text).toContain(`${inviteLink(polish)}?lng=pl`);
    expect(welsh.text).toContain(`${inviteLink(welsh)}?lng=cy`);
    expect(english.text).not.toContain("?lng=");
    expect(delivered.find((m) => m.to[0] === "member29@cag.example")!.subject).toMatch(/^آپ کا دعوت نامہ: /);
    // Once delivered, the outbox no longer holds the personal link.
    const stored = (await db.get("select text from email_outbox where to_address = 'member26@cag.example'")) as { text: string };
    expect(stored.text).toContain("/invite/[removed after sending]");
    expect(stored.text).not.toContain(inviteLink(english)!.split("/invite/")[1]);
    // The bounce is visible per member.
    const page = await (await officer.get(P)).text();
    expect(page).toContain("nobody@cag.example");
    expect(page).toContain("Bounced");
    expect(page).toMatch(/550/);
    // Inviting "not yet invited" again sends nothing new.
    expect((await officer.post(P, { intent: "invite", round: "1", who: "not-invited" })).headers.get("Location")).toBe(
      `${P}?round=1&invited=0&resent=0&noEmail=0`,
    );
    expect(await db.get("select count(*) as n from invitations")).toEqual({ n: 6 });
    expect(await db.get("select count(*) as n from audit_log where action = 'invitations.sent'")).toEqual({ n: 2 });
  });

  it("reminds those who have not completed, never twice within 24 hours (even when asked twice at once)", async () => {
    const before = smtp.messages.length;
    const [a, b] = await Promise.all([officer.post(P, { intent: "remind", round: "1" }), officer.post(P, { intent: "remind", round: "1" })]);
    const locations = [a.headers.get("Location"), b.headers.get("Location")].sort();
    expect(locations).toEqual([`${P}?round=1&reminded=0&tooSoon=6`, `${P}?round=1&reminded=6&tooSoon=0`]);
    await smtp.waitFor((m) => m.length >= before + 5);
    await until(
      async () => ((await db.get("select count(*) as n from email_outbox where kind = 'reminder' and status in ('sent', 'bounced')")) as { n: number }).n === 6,
    );
    const reminders = smtp.messages.slice(before);
    expect(reminders.every((m) => /Reminder|Nodyn atgoffa|Przypomnienie|یاد دہانی/.test(m.subject))).toBe(true);
    // The reminder's link is the live one: the invitation's link was replaced.
    const mail = reminders.find((m) => m.to[0] === "member27@cag.example")!;
    const hash = (
      (await db.get("select i.token_hash from invitations i join advisory_group_members m on m.id = i.member_id where m.email = 'member27@cag.example'")) as {
        token_hash: string;
      }
    ).token_hash;
    expect(hashTokenHex(inviteLink(mail)!.split("/invite/")[1])).toBe(hash);
    // The citizen journey opens the newest link; the invitation's original link no longer works.
    const original = smtp.messages.find((m) => m.to[0] === "member27@cag.example" && /invitation/i.test(m.subject))!;
    expect((await new Client(server.url).get(new URL(inviteLink(original)!).pathname)).status).toBe(404);
    const opened = await new Client(server.url).get(new URL(inviteLink(mail)!).pathname);
    expect(opened.status).toBe(302);
    expect(opened.headers.get("Location")).toBe("/s/joined-up-care");

    const again = await officer.post(P, { intent: "remind", round: "1" });
    expect(again.headers.get("Location")).toBe(`${P}?round=1&reminded=0&tooSoon=6`);
    expect(await (await officer.get(P)).text()).toContain("Next reminder possible from");

    // 24 hours later (moved back in the database), reminders may go again, once.
    const day = 24 * 60 * 60 * 1000;
    await db.run(
      db.dialect === "postgres"
        ? "update invitations set reminded_at = reminded_at - ? * interval '1 millisecond'"
        : "update invitations set reminded_at = reminded_at - ?",
      day + 1000,
    );
    // One member finishes in the meantime and is not reminded.
    await db.run(
      "update invitations set completed_at = ? where member_id = (select id from advisory_group_members where email = 'member28@cag.example')",
      new Date(),
    );
    const later = await officer.post(P, { intent: "remind", round: "1" });
    expect(later.headers.get("Location")).toBe(`${P}?round=1&reminded=5&tooSoon=0`);
    const perMember = await db.all("select m.email, i.reminder_count from invitations i join advisory_group_members m on m.id = i.member_id order by m.email");
    expect(perMember).toContainEqual({ email: "member28@cag.example", reminder_count: 1 });
    expect(perMember).toContainEqual({ email: "member27@cag.example", reminder_count: 2 });
  });

  it("withdraws an invitation (its link stops being valid), and 'all members' sends fresh links to the unfinished", async () => {
    const inv = (await db.get("select i.id from invitations i join advisory_group_members m on m.id = i.member_id where m.email = 'member29@cag.example'")) as {
      id: number;
    };
    const res = await officer.post(P, { intent: "revoke", round: "1", invitationId: String(inv.id) });
    expect(res.status).toBe(302);
    expect(((await db.get("select revoked_at from invitations where id = ?", inv.id)) as { revoked_at: number | null }).revoked_at).toBeTypeOf("number");
    expect((await officer.post(P, { intent: "revoke", round: "1", invitationId: String(inv.id) })).status).toBe(404);
    expect(await (await officer.get(P)).text()).toContain("Withdrawn");
    expect(await db.get("select count(*) as n from audit_log where action = 'invitation.revoked' and entity_id = ?", String(inv.id))).toEqual({ n: 1 });

    const all = await officer.post(P, { intent: "invite", round: "1", who: "all" });
    // member29 gets a new invitation; 25, 26, 27, 30 get fresh links; 28 finished.
    expect(all.headers.get("Location")).toBe(`${P}?round=1&invited=1&resent=4&noEmail=0`);
    expect(
      await db.get("select count(*) as n from invitations where member_id = (select id from advisory_group_members where email = 'member29@cag.example')"),
    ).toEqual({ n: 2 });
  });

  it("shows participation by stakeholder group and locality against the group's make-up", async () => {
    const html = await (await officer.get("/consultations/joined-up-care/participation?round=1")).text();
    expect(html).toContain("Round 1 by stakeholder group");
    expect(html).toContain("Round 1 by locality");
    expect(html).toContain("Rushcliffe");
    expect(html).not.toContain("member01@cag.example");
    const commissioner = await signedIn(server, DEMO.commissioner);
    const theirs = await (await commissioner.get("/consultations/joined-up-care/participation")).text();
    expect(theirs).toContain("All members");
    expect((await commissioner.post("/consultations/joined-up-care/participation", {})).status).toBe(405);
  });

  it("sends nothing for a round that is not open", async () => {
    await db.run("update rounds set status = 'closed' where number = 1");
    try {
      expect((await officer.post(P, { intent: "invite", round: "1", who: "all" })).status).toBe(409);
      expect((await officer.post(P, { intent: "remind", round: "1" })).status).toBe(409);
      expect(await (await officer.get(P)).text()).toContain("Invitations and reminders can be sent while the consultation and this round are open.");
    } finally {
      await db.run("update rounds set status = 'open' where number = 1");
    }
  });
});

describe("when the SMTP server is down", () => {
  it("queues invitations without delay, shows them queued, and delivers them when it is back", async () => {
    const port = await freePort();
    const server = await startServer(smtpEnv(port));
    let smtp: TestSmtp | null = null;
    const db = openTestDb(server.dbPath);
    try {
      const officer = await signedIn(server, DEMO.officer);
      const started = performance.now();
      const res = await officer.post(P, { intent: "invite", round: "1", who: "not-invited" });
      const elapsed = performance.now() - started;
      expect(res.status).toBe(302);
      expect(elapsed).toBeLessThan(2000);
      await until(async () => ((await db.get("select min(attempts) as n from email_outbox")) as { n: number }).n >= 1);
      expect(await db.all("select distinct status from email_outbox")).toEqual([{ status: "queued" }]);
      const page = await (await officer.get(P)).text();
      expect((page.match(/>Queued</g) ?? []).length).toBe(6);
      const log = await (await officer.get(`${P}/emails`)).text();
      expect(log).toMatch(/ECONNECTION|ECONNREFUSED/);

      smtp = await startTestSmtp({ port });
      await smtp.waitFor((m) => m.length >= 6, 20_000);
      await until(async () => ((await db.get("select count(*) as n from email_outbox where status = 'sent'")) as { n: number }).n === 6);
      expect(new Set(smtp.messages.map((m) => m.to[0])).size).toBe(6);
      expect(((await (await officer.get(P)).text()).match(/>Sent</g) ?? []).length).toBe(6);
    } finally {
      await db.close();
      await server.stop();
      await smtp?.close();
    }
  });
});
