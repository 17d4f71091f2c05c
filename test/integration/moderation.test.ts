/** Moderation queue and codebook over HTTP against the real server; answers stand in for the citizen journey (test/helpers/moderation.ts). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listPublishedThemes } from "../../app/repos/moderation.server";
import { Client, DEMO } from "../helpers/client";
import { submitTextAnswers } from "../helpers/moderation";
import { openAppDb } from "../helpers/app-db";
import { startServer, type TestServer } from "../helpers/server";
import { openTestDb, type TestDb } from "../helpers/test-database";

const M = "/consultations/joined-up-care/moderation";
const CB = "/consultations/joined-up-care/codebook";
let server: TestServer;
let db: TestDb;
let officer: Client;
let ids: number[];

async function signedIn(account: { email: string; password: string }) {
  const c = new Client(server.url);
  expect((await c.signIn(account.email, account.password)).status).toBe(302);
  return c;
}

beforeAll(async () => {
  server = await startServer();
  db = openTestDb(server.dbPath);
  ids = await submitTextAnswers(server.dbPath, [
    { kind: "propose-outcome", text: "i want to be able to get my medicines without waiting days", group: "service-user" },
    { kind: "propose-outcome", text: "Staff should talk to each other so I only tell my story once", group: "carer" },
    { kind: "propose-outcome", text: "Free parking at every hospital", group: "citizen" },
    {
      kind: "free-text",
      text: "I had to tell my story five times to different people at Queen's Medical Centre, and nobody talked to each other.",
      group: "carer",
    },
    { kind: "free-text", text: "<script>alert(1)</script> The district nurses were wonderful.", group: "citizen" },
    { kind: "free-text", text: "Transport to appointments is a real problem in Rushcliffe." },
  ]);
  officer = await signedIn(DEMO.officer);
});
afterAll(async () => {
  await db?.close();
  await server?.stop();
});

describe("who may moderate", () => {
  it("refuses officers of another partnership everywhere and lets commissioners read but not decide", async () => {
    const pages = [M, `${M}/${ids[0]}`, CB];
    const posts: Array<[string, Record<string, string>]> = [
      [`${M}/${ids[0]}`, { intent: "reject", reason: "no" }],
      [`${M}/${ids[3]}`, { intent: "quote", quote: "nobody talked to each other" }],
      [`${M}/${ids[3]}`, { intent: "tag" }],
      [CB, { intent: "create", name: "Sneaky" }],
    ];
    const other = await signedIn(DEMO.otherOfficer);
    for (const p of pages) expect((await other.get(p)).status, p).toBe(403);
    for (const [p, f] of posts) expect((await other.post(p, f)).status, p).toBe(403);
    const commissioner = await signedIn(DEMO.commissioner);
    for (const p of pages) expect((await commissioner.get(p)).status, p).toBe(200);
    for (const [p, f] of posts) expect((await commissioner.post(p, f)).status, p).toBe(403);
    const page = await (await commissioner.get(`${M}/${ids[0]}`)).text();
    expect(page).not.toContain("Accept as a candidate outcome");
    for (const p of pages) expect((await new Client(server.url).get(p)).status).toBe(302);
    expect(await db.get("select count(*) as n from moderation_decisions")).toEqual({ n: 0 });
    expect(await db.get("select count(*) as n from codebook_themes")).toEqual({ n: 0 });
  });

  it("answers 404 for an answer of another consultation or a malformed id", async () => {
    expect((await officer.get(`${M}/999999`)).status).toBe(404);
    expect((await officer.get(`${M}/abc`)).status).toBe(404);
    // A rating answer is not in the queue.
    const rating = (await db.get("select a.id from answers a join questions q on q.id = a.question_id where q.type = 'rating' limit 1")) as { id: number };
    expect((await officer.get(`${M}/${rating.id}`)).status).toBe(404);
  });
});

describe("the queue", () => {
  it("lists submitted proposals and free text, escaped, with the stakeholder group and never the participant", async () => {
    const html = await (await officer.get(M)).text();
    expect(html).toContain("Answers waiting for a decision (6)");
    expect(html).toContain("Free parking at every hospital");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("Service user");
    expect(html).not.toMatch(/MOD-\d+/);
    expect(await (await officer.get(`${M}?show=decided`)).text()).toContain("No decisions yet.");
  });

  it("accepts a proposal as a new candidate outcome, worded by the officer, in a chosen domain; audited; once only", async () => {
    const page = `${M}/${ids[0]}`;
    const empty = await officer.post(page, { intent: "accept", statement: " ", description: "kept", domain: "" });
    expect(empty.status).toBe(400);
    const emptyHtml = await empty.text();
    expect(emptyHtml).toContain("Error: ");
    expect(emptyHtml).toContain("Enter the wording of the outcome");
    expect(emptyHtml).toContain("Select a domain");
    expect(emptyHtml).toContain(">kept</textarea>");
    const noName = await officer.post(page, { intent: "accept", statement: "I get my medicines without waiting", domain: "new", newDomain: "" });
    expect(noName.status).toBe(400);
    expect(await noName.text()).toContain("Enter the name of the new domain");
    const otherDomain = await officer.post(page, { intent: "accept", statement: "I get my medicines without waiting", domain: "999999" });
    expect(otherDomain.status).toBe(400);

    const domain = (await db.get(
      "select d.id from outcome_domains d join outcome_domain_translations t on t.domain_id = d.id and t.locale = 'en' where t.name = 'Staying well and independent'",
    )) as { id: number };
    const ok = await officer.post(page, {
      intent: "accept",
      statement: "I get my medicines without waiting days",
      description: "From a participant in round 1.",
      domain: String(domain.id),
    });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe(`${M}?done=accepted&code=P1`);
    const outcome = await db.get(
      "select co.id, co.source, co.status, co.domain_id, t.statement from candidate_outcomes co join candidate_outcome_translations t on t.outcome_id = co.id and t.locale = 'en' where co.code = 'P1'",
    );
    expect(outcome).toMatchObject({
      source: "Proposed by a participant",
      status: "active",
      domain_id: domain.id,
      statement: "I get my medicines without waiting days",
    });
    expect(await db.get("select decision, outcome_id is not null as linked from moderation_decisions where answer_id = ?", ids[0])).toEqual({
      decision: "accepted",
      linked: 1,
    });
    expect(await db.get("select count(*) as n from audit_log where action = 'moderation.accepted' and entity_id = ?", String(ids[0]))).toEqual({ n: 1 });
    const again = await officer.post(page, { intent: "accept", statement: "Twice", domain: String(domain.id) });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("Someone has already decided on this answer");
    expect(await (await officer.get("/consultations/joined-up-care/outcomes")).text()).toContain("I get my medicines without waiting days");
  });

  it("merges a proposal into an existing outcome, and rejects one only with a reason", async () => {
    expect((await officer.post(`${M}/${ids[1]}`, { intent: "merge", outcome: "NOPE" })).status).toBe(400);
    const merged = await officer.post(`${M}/${ids[1]}`, { intent: "merge", outcome: "O1" });
    expect(merged.headers.get("Location")).toBe(`${M}?done=merged&code=O1`);
    expect(
      await db.get("select d.decision, co.code from moderation_decisions d join candidate_outcomes co on co.id = d.outcome_id where d.answer_id = ?", ids[1]),
    ).toEqual({ decision: "merged", code: "O1" });

    const noReason = await officer.post(`${M}/${ids[2]}`, { intent: "reject", reason: "" });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain("Enter the reason for rejecting the proposal");
    expect((await officer.post(`${M}/${ids[2]}`, { intent: "reject", reason: "Parking charges are outside these contracts." })).status).toBe(302);
    expect(await db.get("select decision, reason from moderation_decisions where answer_id = ?", ids[2])).toEqual({
      decision: "rejected",
      reason: "Parking charges are outside these contracts.",
    });
    expect(await db.get("select count(*) as n from audit_log where action in ('moderation.merged', 'moderation.rejected')")).toEqual({ n: 2 });
    // Actions that do not fit the kind of answer are refused.
    expect((await officer.post(`${M}/${ids[3]}`, { intent: "merge", outcome: "O1" })).status).toBe(400);
    expect((await officer.post(`${M}/${ids[0]}`, { intent: "quote", quote: "i want" })).status).toBe(400);
    expect((await officer.post(`${M}/${ids[3]}`, { intent: "dance" })).status).toBe(400);
  });

  it("approves free text as a quote only in the participant's own words, trimmed or redacted in brackets; withdraws it", async () => {
    const page = `${M}/${ids[3]}`;
    const invented = await officer.post(page, { intent: "quote", quote: "I had to tell my story ten times" });
    expect(invented.status).toBe(400);
    const inventedHtml = await invented.text();
    expect(inventedHtml).toContain("The quote must use only the participant");
    expect(inventedHtml).toContain("I had to tell my story ten times</textarea>");
    const quote = "I had to tell my story five times to different people at [the hospital] […] and nobody talked to each other.";
    expect((await officer.post(page, { intent: "quote", quote })).status).toBe(302);
    expect(await db.get("select text, withdrawn_at from approved_quotes where answer_id = ?", ids[3])).toEqual({ text: quote, withdrawn_at: null });
    expect(await db.get("select decision from moderation_decisions where answer_id = ?", ids[3])).toEqual({ decision: "reviewed" });
    expect((await officer.post(page, { intent: "withdraw-quote" })).status).toBe(302);
    expect((await officer.post(page, { intent: "withdraw-quote" })).status).toBe(404);
    expect((await officer.post(page, { intent: "quote", quote })).status).toBe(302);
    expect((await officer.post(`${M}/${ids[5]}`, { intent: "reviewed" })).status).toBe(302);
    expect((await officer.post(`${M}/${ids[5]}`, { intent: "reviewed" })).status).toBe(409);
  });
});

describe("the codebook", () => {
  it("creates themes, tags answers with several, and counts them per stakeholder group", async () => {
    expect((await officer.post(CB, { intent: "create", name: "" })).status).toBe(400);
    for (const name of ["Telling my story once", "Staff working together", "Transport"])
      expect((await officer.post(CB, { intent: "create", name, description: "" })).status).toBe(302);
    const dup = await officer.post(CB, { intent: "create", name: "transport" });
    expect(dup.status).toBe(400);
    expect(await dup.text()).toContain("There is already a theme with this name");
    const themes = (await db.all("select id, name from codebook_themes order by id")) as Array<{ id: number; name: string }>;
    const [story, together, transport] = themes.map((t) => String(t.id));
    expect((await officer.post(`${M}/${ids[3]}`, { intent: "tag", themes: [story, together] })).status).toBe(302);
    expect((await officer.post(`${M}/${ids[1]}`, { intent: "tag", themes: [story] })).status).toBe(302);
    expect((await officer.post(`${M}/${ids[5]}`, { intent: "tag", themes: [transport, "999999"] })).status).toBe(302);
    expect((await officer.post(`${M}/${ids[4]}`, { intent: "tag", themes: ["x"] })).status).toBe(400);
    expect(await db.get("select count(*) as n from answer_themes")).toEqual({ n: 4 });
    // Renaming keeps the tags.
    expect(
      (await officer.post(CB, { intent: "edit", themeId: transport, name: "Getting to appointments", description: "Buses, parking, hospital transport" }))
        .status,
    ).toBe(302);

    const html = await (await officer.get(CB)).text();
    expect(html).toContain("Getting to appointments");
    expect(html).toContain("[the hospital]");

    const { db: drizzleDb, close } = openAppDb(server.dbPath);
    try {
      const consultationId = (await db.get<{ id: number }>("select id from consultations where slug = 'joined-up-care'"))!.id;
      const published = await listPublishedThemes(drizzleDb, consultationId);
      expect(published.themes.map((t) => [t.name, t.count, t.byGroup])).toEqual([
        ["Getting to appointments", 1, { "not-stated": 1 }],
        ["Staff working together", 1, { carer: 1 }],
        ["Telling my story once", 2, { carer: 2 }],
      ]);
      expect(published.quotes).toEqual([
        {
          id: expect.any(Number),
          text: "I had to tell my story five times to different people at [the hospital] […] and nobody talked to each other.",
          roundNumber: 1,
          themeIds: [Number(story), Number(together)],
        },
      ]);
      expect(JSON.stringify(published)).not.toMatch(/Queen's|participant|member/i);
    } finally {
      await close();
    }
  });

  it("deletes a theme after a confirmation: its tags go, the answers stay, and it is audited", async () => {
    const story = (await db.get("select id from codebook_themes where name = 'Telling my story once'")) as { id: number };
    const confirm = await (await officer.get(`${CB}?delete=${story.id}`)).text();
    expect(confirm).toContain("Delete the theme “Telling my story once”?");
    expect(confirm).toContain("Answers tagged with it: 2.");
    const answersBefore = ((await db.get("select count(*) as n from answers")) as { n: number }).n;
    // Only the consultation's officers; only real themes.
    const commissioner = await signedIn(DEMO.commissioner);
    expect((await commissioner.post(CB, { intent: "delete", themeId: String(story.id) })).status).toBe(403);
    const otherOfficer = await signedIn(DEMO.otherOfficer);
    expect([403, 404]).toContain((await otherOfficer.post(CB, { intent: "delete", themeId: String(story.id) })).status);
    expect((await officer.post(CB, { intent: "delete", themeId: "x" })).status).toBe(400);
    expect((await officer.post(CB, { intent: "delete", themeId: "999999" })).status).toBe(404);
    expect(await db.get("select count(*) as n from codebook_themes where id = ?", story.id)).toEqual({ n: 1 });

    const deleted = await officer.post(CB, { intent: "delete", themeId: String(story.id) });
    expect(deleted.status).toBe(302);
    expect(deleted.headers.get("Location")).toBe(`${CB}?deleted=1`);
    expect(await (await officer.get(`${CB}?deleted=1`)).text()).toContain("The theme has been deleted.");
    expect(await db.get("select count(*) as n from codebook_themes where id = ?", story.id)).toEqual({ n: 0 });
    expect(await db.get("select count(*) as n from answer_themes where theme_id = ?", story.id)).toEqual({ n: 0 });
    expect(await db.get("select count(*) as n from answer_themes")).toEqual({ n: 2 });
    expect(((await db.get("select count(*) as n from answers")) as { n: number }).n).toBe(answersBefore);
    const audit = (await db.get("select details from audit_log where action = 'codebook.theme-deleted'")) as { details: string };
    expect(JSON.parse(audit.details)).toMatchObject({ name: "Telling my story once", taggedAnswers: 2 });
  });
});
