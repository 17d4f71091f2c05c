// Officers create and edit consultations and move them through their lifecycle;
// other partnerships get 403, commissioners read but cannot change.
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

async function signedIn(account: { email: string; password: string }) {
  const c = new Client(server.url);
  await c.signIn(account.email, account.password);
  return c;
}

async function sql<T>(query: string, ...params: unknown[]): Promise<T[]> {
  const db = openTestDb(server.dbPath);
  try {
    return await db.all<T>(query, ...params);
  } finally {
    await db.close();
  }
}

const SETTINGS = { audience: "both", opensAt: "", closesAt: "2099-01-31", contactEmail: "engage@south-notts.example", advisoryGroupId: "none" };

describe("creating a consultation", () => {
  it("keeps what was typed and lists every problem", async () => {
    const officer = await signedIn(DEMO.officer);
    const res = await officer.post("/consultations/new", {
      title: "",
      summary: "Keep <me>",
      audience: "nobody",
      opensAt: "2027-02-30",
      closesAt: "2027-01-01",
      contactEmail: "not-an-email",
      advisoryGroupId: "none",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("<title>Error: Create a consultation");
    for (const message of ["Enter a title", "Select who can take part", "Enter a real opening date", "Enter an email address in the correct format"])
      expect(html).toContain(message);
    expect(html).toContain("Keep &lt;me&gt;");
    expect(html).toContain('value="not-an-email"');
  });

  it("creates a draft with a safe unique slug, its survey and round 1, audited", async () => {
    const officer = await signedIn(DEMO.officer);
    const form = { title: "Care at home: what matters?", summary: "About care at home.", ...SETTINGS };
    const first = await officer.post("/consultations/new", form);
    expect(first.status).toBe(302);
    expect(first.headers.get("location")).toBe("/consultations/care-at-home-what-matters?created=1");
    const second = await officer.post("/consultations/new", form);
    expect(second.headers.get("location")).toBe("/consultations/care-at-home-what-matters-2?created=1");
    const page = await officer.get("/consultations/care-at-home-what-matters");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Care at home: what matters?");
    expect(html).toContain("Draft");
    const [row] = await sql<{ status: string; contact_email: string; closes_at: number }>(
      "select status, contact_email, closes_at from consultations where slug = ?",
      "care-at-home-what-matters",
    );
    expect(row).toMatchObject({ status: "draft", contact_email: "engage@south-notts.example" });
    expect(new Date(row.closes_at).toISOString()).toBe("2099-01-31T23:59:59.000Z");
    const rounds = await sql<{ number: number; status: string }>(
      "select r.number, r.status from rounds r join surveys s on s.id = r.survey_id join consultations c on c.id = s.consultation_id where c.slug = ?",
      "care-at-home-what-matters",
    );
    expect(rounds).toEqual([{ number: 1, status: "draft" }]);
    const audit = await sql<{ action: string }>("select action from audit_log where action in ('consultation.created', 'round.created') order by id");
    expect(audit.length).toBeGreaterThanOrEqual(4);
  });
});

describe("editing", () => {
  it("edits settings and the text per locale, showing which translations are missing", async () => {
    const officer = await signedIn(DEMO.officer);
    await officer.post("/consultations/new", { title: "Translations test", summary: "", ...SETTINGS });
    const base = "/consultations/translations-test";
    let html = await (await officer.get(base)).text();
    expect(html).toMatch(/Cymraeg<\/th><td class="govuk-table__cell">Title, Summary, Briefing and evidence pack, Privacy notice<\/td>/);

    const bad = await officer.post(`${base}/edit`, { ...SETTINGS, opensAt: "2027-03-01", closesAt: "2027-02-01" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("The closing date must be after the opening date");
    const ok = await officer.post(`${base}/edit`, {
      ...SETTINGS,
      audience: "group",
      advisoryGroupId: String((await sql<{ id: number }>("select id from advisory_groups where name like 'South%'"))[0].id),
    });
    expect(ok.status).toBe(302);
    html = await (await officer.get(base)).text();
    expect(html).toContain("Advisory group members only");
    expect(html).toContain("South Nottinghamshire Citizen");

    const noTitle = await officer.post(`${base}/edit/en`, { title: " ", summary: "kept", briefing: "## Case for change\n\nText", privacyNotice: "" });
    expect(noTitle.status).toBe(400);
    const noTitleHtml = await noTitle.text();
    expect(noTitleHtml).toContain("Enter a title");
    expect(noTitleHtml).toContain("## Case for change");
    expect(
      (await officer.post(`${base}/edit/en`, { title: "Translations test", summary: "S", briefing: "## Case for change\r\n\r\nText", privacyNotice: "P" }))
        .status,
    ).toBe(302);
    expect(
      (await officer.post(`${base}/edit/cy`, { title: "Prawf cyfieithu", summary: "C", briefing: "## Yr achos\n\nTestun", privacyNotice: "" })).status,
    ).toBe(302);
    const cy = await sql<{ title: string; briefing: string }>(
      "select title, briefing from consultation_translations ct join consultations c on c.id = ct.consultation_id where c.slug = 'translations-test' and locale = 'cy'",
    );
    expect(cy).toEqual([{ title: "Prawf cyfieithu", briefing: "## Yr achos\n\nTestun" }]);
    html = await (await officer.get(base)).text();
    expect(html).toMatch(/Cymraeg<\/th><td class="govuk-table__cell">Privacy notice<\/td>/);
    expect(html).toMatch(/English<\/th><td class="govuk-table__cell"><strong class="govuk-tag govuk-tag--green">Complete/);
    // A blank Save is an error with the error pattern, and deletes nothing.
    const blank = await officer.post(`${base}/edit/cy`, { title: "", summary: "", briefing: "", privacyNotice: "" });
    expect(blank.status).toBe(400);
    expect(await blank.text()).toContain("Enter a title");
    expect(
      await sql(
        "select title from consultation_translations ct join consultations c on c.id = ct.consultation_id where c.slug = 'translations-test' and locale = 'cy'",
      ),
    ).toEqual([{ title: "Prawf cyfieithu" }]);
    // Removing asks on its own page first; then the Welsh text is gone. English cannot be removed.
    const confirm = await (await officer.get(`${base}/edit/cy/remove`)).text();
    expect(confirm).toContain("Are you sure you want to remove the Cymraeg text?");
    expect(confirm).toMatch(/<form method="post"[^>]*>/);
    expect((await officer.post(`${base}/edit/cy/remove`, {})).status).toBe(302);
    expect(
      await sql(
        "select 1 from consultation_translations ct join consultations c on c.id = ct.consultation_id where c.slug = 'translations-test' and locale = 'cy'",
      ),
    ).toEqual([]);
    expect((await officer.get(`${base}/edit/cy/remove`)).status).toBe(404);
    expect((await officer.get(`${base}/edit/en/remove`)).status).toBe(404);
    expect((await officer.post(`${base}/edit/en`, { title: "", summary: "", briefing: "", privacyNotice: "" })).status).toBe(400);
    expect((await officer.get(`${base}/edit/xx`)).status).toBe(404);
  });
});

describe("lifecycle", () => {
  it("refuses to open without questions, then opens with round 1, closes, re-opens; all audited", async () => {
    const officer = await signedIn(DEMO.officer);
    await officer.post("/consultations/new", { title: "Lifecycle test", summary: "", ...SETTINGS });
    const base = "/consultations/lifecycle-test";
    const refused = await officer.post(base, { intent: "status", to: "open" });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("Add questions to the first round before opening the consultation.");
    // A question added directly (the builder is tested elsewhere).
    const db = openTestDb(server.dbPath);
    await db.run(
      "insert into questions (round_id, position, type, config) select r.id, 0, 'free-text', '{}' from rounds r join surveys s on s.id = r.survey_id join consultations c on c.id = s.consultation_id where c.slug = 'lifecycle-test'",
    );
    await db.close();
    expect((await officer.post(base, { intent: "status", to: "open" })).status).toBe(302);
    expect(
      await sql(
        "select c.status, r.status as round from consultations c join surveys s on s.consultation_id = c.id join rounds r on r.survey_id = s.id where c.slug = 'lifecycle-test'",
      ),
    ).toEqual([{ status: "open", round: "open" }]);
    expect((await officer.post(base, { intent: "status", to: "published" })).status).toBe(400);
    expect((await officer.post(base, { intent: "status", to: "closed" })).status).toBe(302);
    expect(
      await sql(
        "select c.status, r.status as round from consultations c join surveys s on s.consultation_id = c.id join rounds r on r.survey_id = s.id where c.slug = 'lifecycle-test'",
      ),
    ).toEqual([{ status: "closed", round: "closed" }]);
    expect((await officer.post(base, { intent: "status", to: "open" })).status).toBe(302);
    const audience = await officer.post(`${base}/edit`, { ...SETTINGS, audience: "public" });
    expect(audience.status).toBe(400);
    expect(await audience.text()).toContain("Who can take part cannot change once the consultation has opened");
    expect((await officer.post(`${base}/edit`, { ...SETTINGS, contactEmail: "new@south-notts.example" })).status).toBe(302);
    const history = await sql<{ action: string; details: string; actor_user_id: number }>(
      "select action, details, actor_user_id from audit_log where action in ('consultation.status-changed', 'round.status-changed') and entity_id in (select cast(id as text) from consultations where slug = 'lifecycle-test' union select cast(r.id as text) from rounds r join surveys s on s.id = r.survey_id join consultations c on c.id = s.consultation_id where c.slug = 'lifecycle-test') order by id",
    );
    expect(history.map((h) => [h.action, JSON.parse(h.details).to])).toEqual([
      ["consultation.status-changed", "open"],
      ["round.status-changed", "open"],
      ["consultation.status-changed", "closed"],
      ["round.status-changed", "closed"],
      ["consultation.status-changed", "open"],
    ]);
    expect(new Set(history.map((h) => h.actor_user_id)).size).toBe(1);
    const html = await (await officer.get(base)).text();
    expect(html).toContain("Consultation: Closed to Open");
    expect(html).toMatch(/Closed to Open<\/td><td class="govuk-table__cell">Owen Price/);
  });
});

describe("access", () => {
  const slug = "joined-up-care";
  const GETS = [`/consultations/${slug}`, `/consultations/${slug}/edit`, `/consultations/${slug}/edit/en`, `/consultations/${slug}/edit/cy`];
  const POSTS: Array<[string, Record<string, string>]> = [
    [`/consultations/${slug}`, { intent: "status", to: "closed" }],
    [`/consultations/${slug}/edit`, SETTINGS],
    [`/consultations/${slug}/edit/en`, { title: "Hijacked", summary: "", briefing: "", privacyNotice: "" }],
  ];

  it("an officer of another partnership gets 403 everywhere; signed-out people are sent to sign in", async () => {
    const other = await signedIn(DEMO.otherOfficer);
    const anonymous = new Client(server.url);
    for (const path of GETS) {
      expect((await other.get(path)).status, path).toBe(403);
      expect((await anonymous.get(path)).status, path).toBe(302);
    }
    for (const [path, form] of POSTS) {
      expect((await other.post(path, form)).status, path).toBe(403);
      expect((await anonymous.post(path, form)).status, path).toBe(302);
    }
    expect(await sql("select status from consultations where slug = ?", slug)).toEqual([{ status: "open" }]);
  });

  it("commissioners read the overview but cannot change anything or create", async () => {
    const commissioner = await signedIn(DEMO.commissioner);
    const overview = await commissioner.get(`/consultations/${slug}`);
    expect(overview.status).toBe(200);
    expect(await overview.text()).not.toContain('name="intent"');
    for (const path of GETS.slice(1)) expect((await commissioner.get(path)).status, path).toBe(403);
    for (const [path, form] of POSTS) expect((await commissioner.post(path, form)).status, path).toBe(403);
    expect((await commissioner.get("/consultations/new")).status).toBe(403);
    expect((await commissioner.post("/consultations/new", { title: "X", summary: "", ...SETTINGS })).status).toBe(403);
  });

  it("the dashboard shows dates, responses per round and response rates by stakeholder group", async () => {
    const officer = await signedIn(DEMO.officer);
    const html = await (await officer.get("/dashboard")).text();
    expect(html).toContain("Round 1 (Open): 24");
    expect(html).toContain("Response rate by stakeholder group");
    expect(html).toMatch(
      /Carers<\/th><td class="govuk-table__cell govuk-table__cell--numeric">\d+<\/td><td class="govuk-table__cell govuk-table__cell--numeric">\d+<\/td><td class="govuk-table__cell govuk-table__cell--numeric">\d+%/,
    );
    expect(html).toContain('href="/consultations/new?partnership=south-nottinghamshire"');
  });
});
