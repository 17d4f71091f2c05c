// The citizen journey over HTTP against the real server: drafts saved on every Continue,
// resuming, one response however often it is submitted, invitations, closed rounds,
// withdrawal, privacy between participants, rate limits and the honeypot.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashTokenHex, randomToken } from "../../app/auth/tokens.server";
import { Client, DEMO } from "../helpers/client";
import { addSecondRound } from "../helpers/rounds";
import { startServer, type TestServer } from "../helpers/server";
import { openTestDb, type TestDb } from "../helpers/test-database";

const SLUG = "joined-up-care";
const BASE = `/s/${SLUG}`;
let server: TestServer;
let db: TestDb;
let round1: number;
let ratingIds: number[];
let proposeId: number;
let ip = 0;

beforeAll(async () => {
  server = await startServer({ JOURNEY_START_LIMIT: "6" });
  db = openTestDb(server.dbPath);
  round1 = ((await db.get("select id from rounds where number = 1")) as { id: number }).id;
  ratingIds = ((await db.all("select id from questions where round_id = ? and type = 'rating' order by position", round1)) as Array<{ id: number }>).map(
    (r) => r.id,
  );
  proposeId = ((await db.get("select id from questions where round_id = ? and type = 'propose-outcome'", round1)) as { id: number }).id;
});
afterAll(async () => {
  await db?.close();
  await server?.stop();
});

/** A browser on its own address, so per-address rate limits do not mix tests up. */
const person = () => new Client(server.url, { "x-forwarded-for": `10.0.0.${++ip}` });

async function start(c: Client) {
  const res = await c.post(BASE, { website: "" });
  expect(res.status).toBe(302);
  expect(res.headers.get("Location")).toBe(`${BASE}/briefing/1`);
  return res;
}

const participantIdOf = async (c: Client) => {
  const cookie = [...(c as unknown as { cookies: Map<string, string> }).cookies].find(([k]) => k.startsWith("ocd_p"));
  const row = (await db.get("select id from participants where resume_token_hash = ?", hashTokenHex(cookie![1]))) as { id: number } | undefined;
  return row!.id;
};

async function answerAll(c: Client, score = (i: number) => String((i % 9) + 1)) {
  for (const [i, id] of ratingIds.entries()) {
    const res = await c.post(`${BASE}/q/${id}`, { answer: score(i) });
    expect(res.status, `question ${id}`).toBe(302);
  }
  const res = await c.post(`${BASE}/q/${proposeId}`, { answer: "  I can get to my appointments easily  " });
  expect(res.headers.get("Location")).toBe(`${BASE}/check`);
}

describe("the citizen journey", () => {
  it("the start page says what it is, who runs it, how long, privacy, voluntary; the home page links to it", async () => {
    const c = person();
    const home = await (await c.get("/")).text();
    expect(home).toContain(`href="${BASE}"`);
    const res = await c.get(BASE);
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toContain("no-store");
    const html = await res.text();
    expect(html).toContain("What matters to you about joined-up health and social care?");
    expect(html).toContain("South Nottinghamshire Transformation Partnership");
    expect(html).toMatch(/It takes about \d+ minutes/);
    expect(html).toContain("Taking part is voluntary");
    expect(html).toContain("We keep your answers for 2 years");
    expect(res.headers.getSetCookie().join()).not.toContain("ocd_p");
  });

  it("saves a draft on every Continue, keeps typed text after an error, and resumes at the first unanswered question", async () => {
    const c = person();
    await start(c);
    const pid = await participantIdOf(c);
    // Skipping ahead is not allowed: back to the first unanswered question.
    const ahead = await c.get(`${BASE}/q/${ratingIds[3]}`);
    expect(ahead.headers.get("Location")).toBe(`${BASE}/q/${ratingIds[0]}`);
    // An error: nothing chosen.
    const empty = await c.post(`${BASE}/q/${ratingIds[0]}`, {});
    expect(empty.status).toBe(400);
    const emptyHtml = await empty.text();
    expect(emptyHtml).toContain("<title>Error:");
    expect(emptyHtml).toContain('href="#answer"');
    expect(emptyHtml).toContain("Select a score from 1 to 9, or select ‘I cannot score this’");
    // A bad value is a 400 with a message, never a 500.
    expect((await c.post(`${BASE}/q/${ratingIds[0]}`, { answer: "12" })).status).toBe(400);
    await c.post(`${BASE}/q/${ratingIds[0]}`, { answer: "8" });
    await c.post(`${BASE}/q/${ratingIds[1]}`, { answer: "unable" });
    const draft = (await db.get("select answers from response_drafts where participant_id = ? and round_id = ?", pid, round1)) as { answers: string };
    const saved = JSON.parse(draft.answers);
    expect(saved[String(ratingIds[0])]).toEqual({ score: 8 });
    expect(saved[String(ratingIds[1])]).toEqual({ unable: true });
    // Leaving and coming back: the start page offers the first unanswered question.
    const back = await (await c.get(BASE)).text();
    expect(back).toContain(`href="${BASE}/q/${ratingIds[2]}"`);
    // The saved answer is shown again on its page.
    const q1 = await (await c.get(`${BASE}/q/${ratingIds[0]}`)).text();
    expect(q1).toMatch(/value="8" checked=""|checked="" value="8"/);
    // Free text that is too long keeps what was typed.
    for (const id of ratingIds.slice(2)) await c.post(`${BASE}/q/${id}`, { answer: "5" });
    const long = "x".repeat(501);
    const tooLong = await c.post(`${BASE}/q/${proposeId}`, { answer: long });
    expect(tooLong.status).toBe(400);
    const tooLongHtml = await tooLong.text();
    expect(tooLongHtml).toContain(long);
    expect(tooLongHtml).toContain("Your answer must be 500 characters or fewer");
  });

  it("optional questions can be left blank; Change links return to check your answers", async () => {
    const c = person();
    await start(c);
    for (const id of ratingIds) await c.post(`${BASE}/q/${id}`, { answer: "6" });
    const blank = await c.post(`${BASE}/q/${proposeId}`, { answer: "   " });
    expect(blank.headers.get("Location")).toBe(`${BASE}/check`);
    const check = await (await c.get(`${BASE}/check`)).text();
    expect(check).toContain(`href="${BASE}/q/${ratingIds[4]}?change=1"`);
    expect(check).toContain("Not answered");
    const changed = await c.post(`${BASE}/q/${ratingIds[4]}?change=1`, { answer: "9" });
    expect(changed.headers.get("Location")).toBe(`${BASE}/check`);
    expect(await (await c.get(`${BASE}/check`)).text()).toContain("9 – critical");
  });

  it("double submit, back-and-resubmit and a second tab record exactly one response", async () => {
    const c = person();
    await start(c);
    await answerAll(c, () => "7");
    const pid = await participantIdOf(c);
    const [a, b, d] = await Promise.all([
      c.post(`${BASE}/check`, { website: "" }),
      c.post(`${BASE}/check`, { website: "" }),
      c.post(`${BASE}/check`, { website: "" }),
    ]);
    for (const res of [a, b, d]) expect(res.headers.get("Location")).toBe(`${BASE}/done`);
    const again = await c.post(`${BASE}/check`, { website: "" });
    expect(again.headers.get("Location")).toBe(`${BASE}/done`);
    const responses = (await db.all("select id, reference from responses where participant_id = ? and round_id = ?", pid, round1)) as Array<{
      id: number;
      reference: string;
    }>;
    expect(responses).toHaveLength(1);
    const stored = (await db.all(
      "select question_id, numeric_value, unable, text_value from answers where response_id = ? order by question_id",
      responses[0].id,
    )) as Array<{ question_id: number; numeric_value: number | null; unable: number; text_value: string | null }>;
    expect(stored).toHaveLength(ratingIds.length + 1);
    expect(stored.filter((s) => s.numeric_value === 7)).toHaveLength(ratingIds.length);
    expect(stored.find((s) => s.question_id === proposeId)?.text_value).toBe("I can get to my appointments easily");
    // The draft is gone; the confirmation shows the reference; answering again is refused.
    expect(await db.get("select count(*) as n from response_drafts where participant_id = ?", pid)).toEqual({ n: 0 });
    const done = await (await c.get(`${BASE}/done`)).text();
    expect(done).toContain(responses[0].reference);
    expect((await c.post(`${BASE}/q/${ratingIds[0]}`, { answer: "1" })).headers.get("Location")).toBe(`${BASE}/done`);
    // Own answers download as CSV and JSON.
    const csv = await (await c.get(`${BASE}/download/csv`)).text();
    expect(csv).toContain("I can get to my appointments easily");
    const json = (await (await c.get(`${BASE}/download/json`)).json()) as { reference: string; answers: unknown[] };
    expect(json.reference).toBe(responses[0].reference);
    expect(json.answers).toHaveLength(ratingIds.length + 1);
  });

  it("nobody else sees a participant's answers", async () => {
    const a = person();
    await start(a);
    await answerAll(a, () => "2");
    await a.post(`${BASE}/check`, { website: "" });
    const b = person();
    expect((await b.get(`${BASE}/done`)).headers.get("Location")).toBe(BASE);
    expect((await b.get(`${BASE}/download/json`)).status).toBe(404);
    await start(b);
    const mine = (await (await b.get(`${BASE}/download/json`)).json()) as { answers: unknown[]; reference: string | null };
    expect(mine.answers).toEqual([]);
    expect(mine.reference).toBeNull();
    // A forged cookie is nobody.
    const forged = person();
    forged.setCookie("ocd_p1", "aaaaaaaaaaaaaaaa");
    expect((await forged.get(`${BASE}/done`)).headers.get("Location")).toBe(BASE);
    // Staff pages are not reachable with a participant cookie.
    expect((await a.get(`/consultations/${SLUG}/results`)).headers.get("Location")).toMatch(/^\/sign-in/);
  });

  it("a resume code continues on another device", async () => {
    const phone = person();
    await start(phone);
    await phone.post(`${BASE}/q/${ratingIds[0]}`, { answer: "4" });
    const page = await (await phone.get(`${BASE}/q/${ratingIds[1]}`)).text();
    const code = /class="app-resume-code">([a-z2-7-]+)</.exec(page)![1];
    const laptop = person();
    const wrong = await laptop.post("/resume", { code: "abcd-efgh-ijkl-mnop", website: "" });
    expect(wrong.status).toBe(400);
    const ok = await laptop.post("/resume", { code: ` ${code.toUpperCase()} `, website: "" });
    expect(ok.headers.get("Location")).toBe(BASE);
    expect(await (await laptop.get(BASE)).text()).toContain(`href="${BASE}/q/${ratingIds[1]}"`);
  });

  it("an invitation link completes one response per round and resumes the member's draft", async () => {
    const member = (await db.get("select id from advisory_group_members order by id desc limit 1")) as { id: number };
    const token = randomToken();
    const consultationId = ((await db.get("select id from consultations where slug = ?", SLUG)) as { id: number }).id;
    const invitationId = Number(
      (
        await db.run(
          "insert into invitations (consultation_id, member_id, round_id, token_hash) values (?, ?, ?, ?)",
          consultationId,
          member.id,
          round1,
          hashTokenHex(token),
        )
      ).lastInsertRowid,
    );
    expect((await person().get("/invite/notarealtokenatall")).status).toBe(404);
    const c = person();
    const open = await c.get(`/invite/${token}`);
    expect(open.headers.get("Location")).toBe(BASE);
    await c.post(`${BASE}/q/${ratingIds[0]}`, { answer: "9" });
    // Another device through the same link: the draft is there.
    const other = person();
    await other.get(`/invite/${token}`);
    expect(await (await other.get(BASE)).text()).toContain(`href="${BASE}/q/${ratingIds[1]}"`);
    await answerAll(other, () => "8");
    await other.post(`${BASE}/check`, { website: "" });
    const row = (await db.get("select completed_at from invitations where id = ?", invitationId)) as { completed_at: number | null };
    expect(row.completed_at).toBeGreaterThan(0);
    const pid = ((await db.all("select id from participants where member_id = ?", member.id)) as Array<{ id: number }>).map((r) => r.id);
    expect(pid).toHaveLength(1);
    expect(await db.get("select count(*) as n from responses where participant_id = ? and round_id = ?", pid[0], round1)).toEqual({ n: 1 });
    // The member's stakeholder group comes from the advisory group (consented), kept apart from answers.
    expect(await db.get("select stakeholder_group from participant_profiles where participant_id = ?", pid[0])).toBeTruthy();
    // The link again: the confirmation, never a second response.
    const third = person();
    await third.get(`/invite/${token}`);
    expect(await (await third.get(BASE)).text()).toContain("You have sent your answers");
    expect((await third.post(`${BASE}/check`, { website: "" })).headers.get("Location")).toBe(`${BASE}/done`);
    expect(await db.get("select count(*) as n from responses where participant_id = ?", pid[0])).toEqual({ n: 1 });
    // A revoked link stops working.
    await db.run("update invitations set revoked_at = ? where id = ?", new Date(), invitationId);
    expect((await person().get(`/invite/${token}`)).status).toBe(404);
  });

  it("withdrawing deletes the response while the round is open", async () => {
    const c = person();
    await start(c);
    await answerAll(c);
    await c.post(`${BASE}/check`, { website: "" });
    const pid = await participantIdOf(c);
    expect(await (await c.get(`${BASE}/withdraw`)).text()).toContain("Delete my answers");
    const res = await c.post(`${BASE}/withdraw`, {});
    expect(res.headers.get("Location")).toBe(`${BASE}/withdrawn`);
    expect(await db.get("select count(*) as n from responses where participant_id = ?", pid)).toEqual({ n: 0 });
  });

  it("the honeypot refuses bots and public posts are rate limited", async () => {
    const bot = person();
    expect((await bot.post(BASE, { website: "http://spam.example" })).status).toBe(400);
    expect(await db.get("select count(*) as n from participants where resume_token_hash is not null")).toBeTruthy();
    const crowd = person();
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await new Client(server.url, { "x-forwarded-for": "10.9.9.9" }).post(BASE, { website: "" })).status);
    expect(statuses.slice(0, 6).every((s) => s === 302)).toBe(true);
    expect(statuses.slice(6)).toEqual([429, 429]);
    void crowd;
  });

  it("a staff preview uses the same pages without storing anything", async () => {
    const officer = new Client(server.url);
    await officer.signIn(DEMO.officer.email, DEMO.officer.password);
    const before = await db.get("select (select count(*) from response_drafts) + (select count(*) from responses) + (select count(*) from participants) as n");
    const start = await officer.get(`${BASE}/preview?round=1&lng=cy`);
    expect(start.headers.get("Location")).toBe(`${BASE}/preview`);
    const html = await (await officer.get(`${BASE}/preview`)).text();
    expect(html).toContain('data-testid="preview-banner"');
    for (const id of ratingIds) expect((await officer.post(`${BASE}/preview/q/${id}`, { answer: "5" })).status).toBe(302);
    await officer.post(`${BASE}/preview/q/${proposeId}`, { answer: "preview idea" });
    expect((await officer.post(`${BASE}/preview/check`, { website: "" })).headers.get("Location")).toBe(`${BASE}/preview/done`);
    const after = await db.get("select (select count(*) from response_drafts) + (select count(*) from responses) + (select count(*) from participants) as n");
    expect(after).toEqual(before);
    // Citizens and other partnerships cannot preview.
    expect((await person().get(`${BASE}/preview`)).headers.get("Location")).toMatch(/^\/sign-in/);
    const outsider = new Client(server.url);
    await outsider.signIn(DEMO.otherOfficer.email, DEMO.otherOfficer.password);
    expect((await outsider.get(`${BASE}/preview`)).status).toBe(403);
  });

  it("a consultation for the advisory group only refuses the public link but accepts invitations", async () => {
    await db.run("update consultations set audience = 'group' where slug = ?", SLUG);
    try {
      const c = person();
      const page = await (await c.get(BASE)).text();
      expect(page).toContain("This consultation is for members of the advisory group");
      expect(page).not.toContain("Start now");
      const before = await db.get("select count(*) as n from participants");
      expect((await c.post(BASE, { website: "" })).headers.get("Location")).toBe(BASE);
      expect(await db.get("select count(*) as n from participants")).toEqual(before);
    } finally {
      await db.run("update consultations set audience = 'both' where slug = ?", SLUG);
    }
  });

  it("hostile values in every journey form and route parameter give a 4xx at worst, echoed escaped", async () => {
    const PAYLOADS = [
      "",
      " ",
      "x".repeat(100_000),
      "\u0000\u0001\u007f",
      "<script>alert(1)</script>",
      '"><img src=x onerror=alert(1)>',
      "'; DROP TABLE answers; --",
      "1e309",
      "-1",
      "9.5",
      "unable",
      "𝕏😀",
    ];
    const c = person();
    await start(c);
    const check = (status: number, body: string, label: string) => {
      expect(status, label).toBeLessThan(500);
      expect(body, label).not.toContain("<script>alert(1)</script>");
      expect(body, label).not.toContain("<img src=x onerror=alert(1)>");
      expect(body, label).not.toMatch(/at [\w.<>]+ \(.*:\d+:\d+\)/);
    };
    for (const payload of PAYLOADS) {
      for (const [path, field] of [
        [`${BASE}/q/${ratingIds[0]}`, "answer"],
        [`${BASE}/q/${ratingIds[0]}`, "rank-O1"],
        ["/resume", "code"],
        [`${BASE}/about-you`, "consent"],
        [`${BASE}/done`, "email"],
      ] as const) {
        const res = await c.post(path, { [field]: payload, website: "" });
        check(res.status, await res.text(), `${path} ${field}=${JSON.stringify(payload.slice(0, 20))}`);
        const repeated = await c.post(path, { [field]: [payload, payload] });
        check(repeated.status, await repeated.text(), `${path} repeated ${field}`);
      }
      if (payload.length < 1000) {
        const e = encodeURIComponent(payload);
        for (const path of [
          `/s/${e}`,
          `${BASE}/q/${e}`,
          `${BASE}/briefing/${e}`,
          `${BASE}/briefing/1?return=${e}`,
          `${BASE}/download/${e}`,
          `/invite/${e}`,
          `/s/${e}/preview`,
        ]) {
          const res = await c.get(path);
          check(res.status, await res.text(), path);
        }
      }
    }
    // The first question still holds nothing odd.
    const pid = await participantIdOf(c);
    const draft = (await db.get("select answers from response_drafts where participant_id = ?", pid)) as { answers: string } | undefined;
    const first = draft ? JSON.parse(draft.answers)[String(ratingIds[0])] : undefined;
    expect(first === undefined || JSON.stringify(first) === JSON.stringify({ unable: true })).toBe(true);
  });

  it("round 2 shows the member's own round-1 score and the group's distribution; a closed round says so and keeps the draft readable", async () => {
    const { r2 } = await addSecondRound(server.dbPath);
    await db.run("update rounds set show_feedback = ?, feedback_by = 'overall' where id = ?", true, r2);
    const r2Questions = (await db.all("select q.id, q.outcome_id from questions q where round_id = ? order by position", r2)) as Array<{
      id: number;
      outcome_id: number;
    }>;
    // A seeded member who answered round 1 and not yet round 2.
    const seeded = (await db.get(
      "select p.member_id, p.id from participants p join responses r on r.participant_id = p.id where r.round_id = ? and p.member_id is not null and p.id not in (select participant_id from responses where round_id = ?) order by p.id limit 1",
      round1,
      r2,
    )) as { member_id: number; id: number };
    const ownScore = (await db.get(
      "select a.numeric_value from answers a join responses r on r.id = a.response_id where r.participant_id = ? and a.question_id = ?",
      seeded.id,
      ratingIds[0],
    )) as { numeric_value: number | null };
    const token = randomToken();
    const consultationId = ((await db.get("select id from consultations where slug = ?", SLUG)) as { id: number }).id;
    await db.run(
      "insert into invitations (consultation_id, member_id, round_id, token_hash) values (?, ?, ?, ?)",
      consultationId,
      seeded.member_id,
      r2,
      hashTokenHex(token),
    );
    const c = person();
    await c.get(`/invite/${token}`);
    const res = await c.get(`${BASE}/q/${r2Questions[0].id}`);
    expect(res.status, String(res.headers.get("Location"))).toBe(200);
    const page = await res.text();
    expect(page).toContain('data-testid="round-feedback"');
    expect(page).toContain(ownScore.numeric_value == null ? "you said you could not score this" : `you gave this a score of ${ownScore.numeric_value}`);
    expect(page).toMatch(/Everyone \(\d+ people\)/);
    expect(page).toContain('data-testid="distribution-columns"');
    expect(page).toContain("<table");
    await c.post(`${BASE}/q/${r2Questions[0].id}`, { answer: "3" });
    // When round 2 is only for people who took part before, a newcomer is told so and cannot start.
    await db.run("update rounds set allow_new_participants = ? where id = ?", false, r2);
    const newcomer = person();
    expect(await (await newcomer.get(BASE)).text()).toContain("Round 2 is only for people who answered the earlier round");
    expect((await newcomer.post(BASE, { website: "" })).headers.get("Location")).toBe(BASE);
    expect((await c.get(`${BASE}/q/${r2Questions[0].id}`)).status).toBe(200);
    // Close the round: the journey says so and the saved answer stays readable.
    await db.run("update rounds set status = 'closed' where id in (?, ?)", round1, r2);
    expect((await c.get(`${BASE}/q/${r2Questions[1].id}`)).headers.get("Location")).toBe(BASE);
    const closed = await (await c.get(BASE)).text();
    expect(closed).toContain("This consultation is closed");
    expect(closed).toContain('data-testid="saved-answers"');
    expect(closed).toContain("3 – not important");
    expect((await c.post(`${BASE}/q/${r2Questions[1].id}`, { answer: "5" })).headers.get("Location")).toBe(BASE);
    expect((await person().post(BASE, { website: "" })).headers.get("Location")).toBe(BASE);
  });
});
