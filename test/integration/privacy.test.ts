// Personal data: retention per consultation, a member's data on request, erasure; all audited;
// anonymous answers and stored results survive.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashTokenHex, randomToken } from "../../app/auth/tokens.server";
import { Client, DEMO } from "../helpers/client";
import { openAppDb } from "../helpers/app-db";
import { startServer, type TestServer } from "../helpers/server";
import { openTestDb, type TestDb } from "../helpers/test-database";

let server: TestServer;
let db: TestDb;
const C = "/consultations/joined-up-care";

beforeAll(async () => {
  server = await startServer();
  db = openTestDb(server.dbPath);
});
afterAll(async () => {
  await db?.close();
  await server?.stop();
});

async function officer() {
  const c = new Client(server.url);
  await c.signIn(DEMO.officer.email, DEMO.officer.password);
  return c;
}

/** A member of the demo group with a submitted response, a profile and an invitation. */
async function memberWithResponse(): Promise<{ memberId: number; participantId: number; responseId: number; email: string }> {
  // Quoted aliases: PostgreSQL folds unquoted names to lower case.
  const row = (await db.get<{ memberId: number; participantId: number; responseId: number; email: string }>(
    `select m.id as "memberId", m.email as email, p.id as "participantId", r.id as "responseId" from advisory_group_members m
       join participants p on p.member_id = m.id join responses r on r.participant_id = p.id where m.email is not null order by m.id limit 1`,
  ))!;
  const consultation = ((await db.get("select id from consultations where slug = 'joined-up-care'")) as { id: number }).id;
  const round = ((await db.get("select id from rounds where number = 1")) as { id: number }).id;
  await db.run(
    "insert into invitations (consultation_id, member_id, round_id, token_hash) values (?, ?, ?, ?)",
    consultation,
    row.memberId,
    round,
    hashTokenHex(randomToken()),
  );
  await db.run(
    "insert into participant_profiles (participant_id, stakeholder_group, consented_at) values (?, 'carer', ?) on conflict do nothing returning participant_id",
    row.participantId,
    new Date(),
  );
  return row;
}

describe("personal data", () => {
  it("officers only: another partnership's officer and commissioners are refused", async () => {
    const other = new Client(server.url);
    await other.signIn(DEMO.otherOfficer.email, DEMO.otherOfficer.password);
    expect((await other.get(`${C}/privacy`)).status).toBe(403);
    expect((await other.get("/partnerships/south-nottinghamshire/groups/1/members/1/data.json")).status).toBe(403);
    const commissioner = new Client(server.url);
    await commissioner.signIn(DEMO.commissioner.email, DEMO.commissioner.password);
    expect((await commissioner.post(`${C}/privacy`, { intent: "delete", confirm: "yes" })).status).toBe(403);
    expect((await commissioner.post("/partnerships/south-nottinghamshire/groups/1/members/1/privacy", { intent: "erase", confirm: "yes" })).status).toBe(403);
  });

  it("gives a member's data on request and erases it, keeping their answers anonymous", async () => {
    const o = await officer();
    const m = await memberWithResponse();
    const group = ((await db.get("select group_id as g from advisory_group_members where id = ?", m.memberId)) as { g: number }).g;
    const base = `/partnerships/south-nottinghamshire/groups/${group}/members/${m.memberId}`;

    const exported = await o.get(`${base}/data.json`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get("Cache-Control")).toContain("no-store");
    const data = (await exported.json()) as {
      member: { email: string };
      responses: Array<{ answers: unknown[] }>;
      invitations: unknown[];
      profiles: unknown[];
    };
    expect(data.member.email).toBe(m.email);
    expect(data.responses.length).toBe(1);
    expect(data.responses[0].answers.length).toBeGreaterThan(0);
    expect(data.invitations.length).toBe(1);
    expect(data.profiles.length).toBe(1);

    // Confirmation is required.
    const unconfirmed = await o.post(`${base}/privacy`, { intent: "erase" });
    expect(unconfirmed.status).toBe(400);
    expect(await unconfirmed.text()).toContain("Confirm that you want to erase this person’s data");

    const answersBefore = ((await db.get("select count(*) as n from answers where response_id = ?", m.responseId)) as { n: number }).n;
    const erased = await o.post(`${base}/privacy`, { intent: "erase", confirm: "yes" });
    expect(erased.status).toBe(302);
    const member = (await db.get("select display_name, email, age_band, left_at from advisory_group_members where id = ?", m.memberId)) as Record<
      string,
      unknown
    >;
    expect(member.email).toBeNull();
    expect(member.display_name).toBe(`Erased member ${m.memberId}`);
    expect(member.left_at).not.toBeNull();
    expect(await db.get("select count(*) as n from invitations where member_id = ?", m.memberId)).toEqual({ n: 0 });
    expect(await db.get("select count(*) as n from participant_profiles where participant_id = ?", m.participantId)).toEqual({ n: 0 });
    expect(await db.get("select member_id from participants where id = ?", m.participantId)).toEqual({ member_id: null });
    expect(await db.get("select count(*) as n from answers where response_id = ?", m.responseId)).toEqual({ n: answersBefore });
    const audit = (await db.all(
      "select action, details from audit_log where entity_id = ? and action like 'privacy.%' order by id",
      String(m.memberId),
    )) as Array<{ action: string; details: string }>;
    expect(audit.map((a) => a.action)).toEqual(["privacy.member-data-exported", "privacy.member-erased"]);
    for (const a of audit) expect(a.details).not.toContain(m.email);
    expect(await (await o.get(`${base}/privacy`)).text()).toContain("This person’s data has been erased.");
  });

  it("deletes a consultation's personal data when its retention date passes, keeping responses and results", async () => {
    const o = await officer();
    const page = await (await o.get(`${C}/privacy`)).text();
    expect(page).toContain("No date is set");
    // Dates are checked: not a date, and before the consultation closes.
    expect((await o.post(`${C}/privacy`, { intent: "retention", retainUntil: "31/02/2027" })).status).toBe(400);
    await db.run("update consultations set closes_at = ? where slug = 'joined-up-care'", new Date("2027-01-31T23:59:59Z"));
    const early = await o.post(`${C}/privacy`, { intent: "retention", retainUntil: "2027-01-01" });
    expect(early.status).toBe(400);
    const earlyHtml = await early.text();
    expect(earlyHtml).toContain("The date must be after the consultation closes");
    // The date is shown again in the date input's day, month and year.
    expect(earlyHtml).toMatch(/name="retainUntil-day" type="text" inputMode="numeric" value="1"/);
    expect(earlyHtml).toMatch(/name="retainUntil-year" type="text" inputMode="numeric" value="2027"/);
    expect((await o.post(`${C}/privacy`, { intent: "retention", retainUntil: "2027-06-30" })).status).toBe(302);
    expect(await (await o.get(`${C}/privacy`)).text()).toContain("will be deleted automatically on");

    // The date passes: the sweep (run by the server at start and hourly) deletes; here the
    // service runs with a clock past the date, against the same database file.
    const { applyDueRetention } = await import("../../app/services/privacy.server");
    const { db: app, close } = openAppDb(server.dbPath);
    const consultation = ((await db.get("select id from consultations where slug = 'joined-up-care'")) as { id: number }).id;
    // An imported response's respondent id is the officer's reference for a person: it goes too.
    await db.run("update participants set external_id = 'PAPER-1' where id = (select id from participants where consultation_id = ? limit 1)", consultation);
    const responsesBefore = (
      (await db.get("select count(*) as n from responses r join participants p on p.id = r.participant_id where p.consultation_id = ?", consultation)) as {
        n: number;
      }
    ).n;
    expect(await applyDueRetention(app, new Date("2027-06-29T12:00:00Z"))).toEqual([]);
    expect(await applyDueRetention(app, new Date("2027-07-01T00:00:00Z"))).toEqual([consultation]);
    expect(await applyDueRetention(app, new Date("2027-07-02T00:00:00Z"))).toEqual([]); // once only
    await close();
    expect(
      await db.get(
        "select count(*) as n from participants where consultation_id = ? and (member_id is not null or resume_token_hash is not null or external_id is not null)",
        consultation,
      ),
    ).toEqual({ n: 0 });
    expect(await db.get("select count(*) as n from invitations where consultation_id = ?", consultation)).toEqual({ n: 0 });
    expect(
      await db.get(
        "select count(*) as n from participant_profiles pp join participants p on p.id = pp.participant_id where p.consultation_id = ?",
        consultation,
      ),
    ).toEqual({ n: 0 });
    expect(
      await db.get("select count(*) as n from responses r join participants p on p.id = r.participant_id where p.consultation_id = ?", consultation),
    ).toEqual({ n: responsesBefore });
    const after = await (await o.get(`${C}/privacy`)).text();
    expect(after).toContain("Personal data was deleted on");
    expect(
      await db.get("select count(*) as n from audit_log where action = 'privacy.consultation-data-deleted' and entity_id = ?", String(consultation)),
    ).toEqual({ n: 1 });
  });
});
