// Candidate outcomes one at a time (add, change, retire, reinstate), their translations and
// the rating question wording per language, the missing-translations counts, the
// stakeholder-group profile question's starting text, and the preview's own language.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, DEMO } from "../helpers/client";
import { insertResponses } from "../helpers/responses";
import { startServer, type TestServer } from "../helpers/server";
import { openTestDb } from "../helpers/test-database";

let server: TestServer;
let officer: Client;
const SLUG = "outcome-forms";
const C = `/consultations/${SLUG}`;
const LIB = `${C}/outcomes`;

async function sql<T>(query: string, ...params: unknown[]): Promise<T[]> {
  const db = openTestDb(server.dbPath);
  try {
    return await db.all<T>(query, ...params);
  } finally {
    await db.close();
  }
}
async function write(query: string, ...params: unknown[]) {
  const db = openTestDb(server.dbPath);
  try {
    await db.run(query, ...params);
  } finally {
    await db.close();
  }
}
const consultationId = async () => (await sql<{ id: number }>("select id from consultations where slug = ?", SLUG))[0].id;
const roundId = async (n: number) =>
  (
    await sql<{ id: number }>(
      "select r.id from rounds r join surveys s on s.id = r.survey_id where s.consultation_id = ? and r.number = ?",
      await consultationId(),
      n,
    )
  )[0]?.id;
const outcome = async (code: string) =>
  (
    await sql<{ id: number; status: string; domain_id: number }>(
      "select id, status, domain_id from candidate_outcomes where consultation_id = ? and code = ?",
      await consultationId(),
      code,
    )
  )[0];
/** The rating question of `code` in round `n`: its text per locale. */
async function ratingText(n: number, code: string): Promise<Record<string, string>> {
  const rows = await sql<{ locale: string; text: string }>(
    "select qt.locale, qt.text from questions q join question_translations qt on qt.question_id = q.id where q.round_id = ? and q.outcome_id = ? and q.type = 'rating'",
    await roundId(n),
    (await outcome(code)).id,
  );
  return Object.fromEntries(rows.map((r) => [r.locale, r.text]));
}
const ratingQuestionCount = async (n: number, code: string) =>
  (await sql<{ n: number }>("select count(*) as n from questions where round_id = ? and outcome_id = ?", await roundId(n), (await outcome(code)).id))[0].n;
const audits = async (action: string) =>
  (await sql<{ details: string }>("select details from audit_log where action = ? order by id", action)).map(
    (r) => JSON.parse(r.details) as Record<string, unknown>,
  );
const translation = (form: Record<string, string>) => form;

beforeAll(async () => {
  server = await startServer();
  officer = new Client(server.url);
  await officer.signIn(DEMO.officer.email, DEMO.officer.password);
  const created = await officer.post("/consultations/new", {
    title: "Outcome forms",
    summary: "",
    audience: "public",
    opensAt: "",
    closesAt: "",
    contactEmail: "",
    advisoryGroupId: "none",
  });
  expect(created.status).toBe(302);
});
afterAll(async () => {
  await server?.stop();
});

describe("adding and changing one candidate outcome", () => {
  it("explains every problem, refuses a code in use, and adds the outcome in a new or an existing domain", async () => {
    const page = await officer.get(`${LIB}/new`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Add a candidate outcome");

    const empty = await officer.post(`${LIB}/new`, {});
    expect(empty.status).toBe(400);
    const emptyHtml = await empty.text();
    expect(emptyHtml).toContain("<title>Error: Add a candidate outcome");
    for (const message of ["Enter a code", "Select a domain", "Enter the statement"]) expect(emptyHtml).toContain(message);

    const noName = await officer.post(`${LIB}/new`, { code: "A1", domain: "new", newDomain: "", statement: "I can get help when I need it" });
    expect(noName.status).toBe(400);
    expect(await noName.text()).toContain("Enter the name of the new domain");

    const added = await officer.post(`${LIB}/new`, {
      code: "A1",
      domain: "new",
      newDomain: "Access",
      statement: "I can get help when I need it",
      description: "Day or night",
      source: "Workshop, May 2026",
    });
    expect(added.status).toBe(302);
    expect(added.headers.get("location")).toBe(`${LIB}?added=A1`);
    const library = await (await officer.get(added.headers.get("location")!)).text();
    expect(library).toContain("Outcome A1 added.");
    expect(library).toContain("I can get help when I need it");

    const again = await officer.post(`${LIB}/new`, { code: "a1", domain: String((await outcome("A1")).domain_id), statement: "Duplicate" });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("Another outcome already has this code");
    const reserved = await officer.post(`${LIB}/new`, { code: "new", domain: String((await outcome("A1")).domain_id), statement: "Clash" });
    expect(reserved.status).toBe(400);
    expect(await reserved.text()).toContain("“new” is kept for the page that adds outcomes");
    const otherDomain = await officer.post(`${LIB}/new`, { code: "A2", domain: "999999", statement: "Nowhere" });
    expect(otherDomain.status).toBe(400);

    expect(
      (await officer.post(`${LIB}/new`, { code: "A2", domain: String((await outcome("A1")).domain_id), statement: "I can get to my appointments easily" }))
        .status,
    ).toBe(302);
    expect((await outcome("A2")).domain_id).toBe((await outcome("A1")).domain_id);
    expect((await audits("candidate-outcome.created")).map((d) => d.code)).toEqual(["A1", "A2"]);
  });

  it("is for the consultation's officers only", async () => {
    const commissioner = new Client(server.url);
    await commissioner.signIn(DEMO.commissioner.email, DEMO.commissioner.password);
    const stranger = new Client(server.url);
    await stranger.signIn(DEMO.otherOfficer.email, DEMO.otherOfficer.password);
    for (const client of [commissioner, stranger]) {
      for (const path of [`${LIB}/new`, `${LIB}/A1`, `${LIB}/A1/retire`, `${C}/edit/cy/outcomes`]) expect((await client.get(path)).status).toBe(403);
      expect((await client.post(`${LIB}/A1`, { code: "A1", domain: String((await outcome("A1")).domain_id), statement: "Hijacked" })).status).toBe(403);
      expect((await client.post(`${LIB}/A1/retire`, { reason: "Hijacked" })).status).toBe(403);
    }
    expect((await new Client(server.url).get(`${LIB}/new`)).headers.get("location")).toMatch(/^\/sign-in/);
    expect((await officer.get(`${LIB}/NOPE`)).status).toBe(404);
    expect((await officer.get(`${LIB}/bad%20code`)).status).toBe(404);
    expect((await officer.get(`${C}/edit/en/outcomes`)).status).toBe(404);
    expect((await officer.get(`${C}/edit/xx/outcomes`)).status).toBe(404);
    expect(
      (
        await sql<{ text: string }>(
          "select statement as text from candidate_outcome_translations where outcome_id = ? and locale = 'en'",
          (await outcome("A1")).id,
        )
      )[0].text,
    ).toBe("I can get help when I need it");
  });
});

describe("translations and the rating questions that follow them", () => {
  it("writes each language's rating questions from its wording and statement, keeps words written by hand, and counts what is missing", async () => {
    expect((await officer.post(`${C}/rounds/1`, { intent: "add-ratings" })).status).toBe(302);
    expect(await ratingText(1, "A1")).toEqual({ en: "How important is this to you: “I can get help when I need it”?" });

    const form = await (await officer.get(`${C}/edit/cy/outcomes`)).text();
    expect(form).toContain('value="Pa mor bwysig yw hyn i chi: “[outcome]”?"');
    const a1 = (await outcome("A1")).id;
    const a2 = (await outcome("A2")).id;
    const domain = (await outcome("A1")).domain_id;

    const bad = await officer.post(
      `${C}/edit/cy/outcomes`,
      translation({ ratingText: "Pa mor bwysig yw hyn?", ratingHint: "", [`statement-${a2}`]: "", [`description-${a2}`]: "Disgrifiad heb ddatganiad" }),
    );
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain("Write [outcome] once in the rating question");
    expect(badHtml).toContain("Enter the statement as well as its description");

    const saved = await officer.post(
      `${C}/edit/cy/outcomes`,
      translation({
        ratingText: "Pa mor bwysig yw hyn i chi: “[outcome]”?",
        ratingHint: "Mae 1 i 3 yn golygu ddim yn bwysig, 4 i 6 yn bwysig ond nid yn hanfodol, 7 i 9 yn hanfodol.",
        [`domain-${domain}`]: "Mynediad",
        [`statement-${a1}`]: "Rwy'n cael help pan fydd ei angen arnaf",
        [`description-${a1}`]: "Ddydd neu nos",
        [`statement-${a2}`]: "",
        [`description-${a2}`]: "",
      }),
    );
    expect(saved.status).toBe(302);
    expect(saved.headers.get("location")).toBe(`${LIB}?translated=cy`);
    expect(await (await officer.get(saved.headers.get("location")!)).text()).toContain("Translations into Cymraeg saved.");
    expect((await ratingText(1, "A1")).cy).toBe("Pa mor bwysig yw hyn i chi: “Rwy'n cael help pan fydd ei angen arnaf”?");
    expect((await ratingText(1, "A2")).cy).toBeUndefined();
    // The standard wording is not stored: the consultation keeps following it.
    expect(await sql("select * from rating_wordings where consultation_id = ?", await consultationId())).toEqual([]);

    // Polish with the consultation's own wording.
    expect(
      (
        await officer.post(`${C}/edit/pl/outcomes`, {
          ratingText: "Jak ważne jest dla Ciebie: „[outcome]”?",
          ratingHint: "",
          [`statement-${a1}`]: "Dostaję pomoc, kiedy jej potrzebuję",
          [`statement-${a2}`]: "Łatwo docieram na wizyty",
        })
      ).status,
    ).toBe(302);
    expect((await ratingText(1, "A2")).pl).toBe("Jak ważne jest dla Ciebie: „Łatwo docieram na wizyty”?");
    expect(await sql("select locale, text from rating_wordings where consultation_id = ?", await consultationId())).toEqual([
      { locale: "pl", text: "Jak ważne jest dla Ciebie: „[outcome]”?" },
    ]);

    // Words an officer wrote by hand for one question stay when the statement changes.
    await write(
      "update question_translations set text = 'Własne pytanie' where locale = 'pl' and question_id = (select id from questions where round_id = ? and outcome_id = ?)",
      await roundId(1),
      a2,
    );
    await officer.post(`${C}/edit/pl/outcomes`, {
      ratingText: "Jak ważne jest dla Ciebie: „[outcome]”?",
      [`statement-${a1}`]: "Dostaję pomoc wtedy, gdy jej potrzebuję",
      [`statement-${a2}`]: "Bez trudu docieram na wizyty",
    });
    expect((await ratingText(1, "A2")).pl).toBe("Własne pytanie");
    expect((await ratingText(1, "A1")).pl).toBe("Jak ważne jest dla Ciebie: „Dostaję pomoc wtedy, gdy jej potrzebuję”?");

    // Removing a statement removes the question's generated text in that language (English shows instead).
    await officer.post(`${C}/edit/pl/outcomes`, {
      ratingText: "Jak ważne jest dla Ciebie: „[outcome]”?",
      [`statement-${a1}`]: "",
      [`statement-${a2}`]: "Bez trudu docieram na wizyty",
    });
    expect((await ratingText(1, "A1")).pl).toBeUndefined();

    const overview = await (await officer.get(C)).text();
    expect(overview).toContain("Outcome statements");
    expect(overview).toContain("Rating questions with text");
    expect(overview).toMatch(
      /Cymraeg<\/th><td class="govuk-table__cell">[^<]*<\/td><td class="govuk-table__cell">1 of 2<\/td><td class="govuk-table__cell">1 of 2<\/td>/,
    );
    expect(overview).toContain(`href="${C}/edit/cy/outcomes"`);
    expect((await audits("candidate-outcomes.translated")).map((d) => d.locale)).toEqual(["cy", "pl", "pl", "pl"]);
  });

  it("a changed English statement reaches rating questions still being built", async () => {
    const a1 = await outcome("A1");
    const page = await (await officer.get(`${LIB}/A1`)).text();
    expect(page).toContain('name="code"');
    const saved = await officer.post(`${LIB}/A1`, {
      intent: "save",
      code: "A1",
      domain: String(a1.domain_id),
      statement: "I get help when I need it, day or night",
      description: "",
      source: "Workshop, May 2026",
    });
    expect(saved.status).toBe(302);
    expect(saved.headers.get("location")).toBe(`${LIB}?saved=A1`);
    expect((await ratingText(1, "A1")).en).toBe("How important is this to you: “I get help when I need it, day or night”?");
    expect((await audits("candidate-outcome.updated")).at(-1)).toMatchObject({ code: "A1", changed: ["statement", "description"], questionsUpdated: 1 });
  });
});

describe("once a round has answers, and retiring", () => {
  it("fixes the code and the words already asked, fills gaps, and retires an outcome out of new rounds only", async () => {
    await insertResponses(server.dbPath, await roundId(1), 3, () => 7);
    const a1 = await outcome("A1");
    const a2 = await outcome("A2");
    const page = await (await officer.get(`${LIB}/A1`)).text();
    expect(page).toContain("Code: A1");
    expect(page).not.toContain('name="code"');
    expect(page).toContain("This outcome was asked about in round 1.");
    // A code sent anyway is ignored; the statement changes in the library but not in round 1's question.
    expect((await officer.post(`${LIB}/A1`, { intent: "save", code: "Z9", domain: String(a1.domain_id), statement: "Help comes when I need it" })).status).toBe(
      302,
    );
    expect(await outcome("Z9")).toBeUndefined();
    expect((await ratingText(1, "A1")).en).toBe("How important is this to you: “I get help when I need it, day or night”?");
    expect(await (await officer.get(LIB)).text()).toContain("Help comes when I need it");
    // A Welsh gap is filled even in the answered round; a Welsh change is not.
    await officer.post(`${C}/edit/cy/outcomes`, {
      ratingText: "Pa mor bwysig yw hyn i chi: “[outcome]”?",
      [`statement-${a1.id}`]: "Daw help pan fydd ei angen arnaf",
      [`statement-${a2.id}`]: "Gallaf gyrraedd fy apwyntiadau yn hawdd",
    });
    expect((await ratingText(1, "A2")).cy).toBe("Pa mor bwysig yw hyn i chi: “Gallaf gyrraedd fy apwyntiadau yn hawdd”?");
    expect((await ratingText(1, "A1")).cy).toBe("Pa mor bwysig yw hyn i chi: “Rwy'n cael help pan fydd ei angen arnaf”?");

    // Round 2 rates both; languages round 1 lacked are written from the wording.
    await write("update rounds set status = 'closed' where id = ?", await roundId(1));
    const created = await officer.post(`${C}/rounds/new`, {
      outcomeIds: [String(a1.id), String(a2.id)],
      showFeedback: "yes",
      feedbackBy: "overall",
      allowNewParticipants: "yes",
      copyOtherQuestions: "no",
    });
    expect(created.status).toBe(302);
    expect((await ratingText(2, "A2")).cy).toBe("Pa mor bwysig yw hyn i chi: “Gallaf gyrraedd fy apwyntiadau yn hawdd”?");

    const confirm = await officer.get(`${LIB}/A2/retire`);
    expect(confirm.status).toBe(200);
    const confirmHtml = await confirm.text();
    expect(confirmHtml).toContain("it stays in round 1");
    expect(confirmHtml).toContain("taken out of round 2 (no answers yet)");
    const noReason = await officer.post(`${LIB}/A2/retire`, { reason: " " });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain("Enter why you are retiring the outcome");
    const answersBefore = (
      await sql<{ n: number }>("select count(*) as n from answers a join questions q on q.id = a.question_id where q.outcome_id = ?", a2.id)
    )[0].n;
    const retired = await officer.post(`${LIB}/A2/retire`, { reason: "Covered by A1 after the workshop" });
    expect(retired.status).toBe(302);
    expect(retired.headers.get("location")).toBe(`${LIB}?retired=A2`);
    expect((await outcome("A2")).status).toBe("retired");
    expect(await ratingQuestionCount(2, "A2")).toBe(0);
    expect(await ratingQuestionCount(1, "A2")).toBe(1);
    expect((await sql<{ n: number }>("select count(*) as n from answers a join questions q on q.id = a.question_id where q.outcome_id = ?", a2.id))[0].n).toBe(
      answersBefore,
    );
    expect((await audits("candidate-outcome.retired")).at(-1)).toEqual({
      code: "A2",
      reason: "Covered by A1 after the workshop",
      removedFromRounds: [2],
      keptInRounds: [1],
    });
    const library = await (await officer.get(`${LIB}?retired=A2`)).text();
    expect(library).toContain("Outcome A2 retired.");
    expect(library).toContain("Retired");

    // Not offered again: "rate every outcome" leaves it out, and retiring twice does nothing.
    await officer.post(`${C}/rounds/2`, { intent: "add-ratings" });
    expect(await ratingQuestionCount(2, "A2")).toBe(0);
    expect((await officer.get(`${LIB}/A2/retire`)).headers.get("location")).toBe(`${LIB}/A2`);
    const twice = await officer.post(`${LIB}/A2/retire`, { reason: "Again" });
    // Refused; the page then sends the officer to the outcome's own page, which says it is retired.
    expect([twice.status, twice.headers.get("location")]).toEqual([302, `${LIB}/A2`]);
    expect(await audits("candidate-outcome.retired")).toHaveLength(1);

    // Back to the library.
    expect(await (await officer.get(`${LIB}/A2`)).text()).toContain("Return it to the library");
    const back = await officer.post(`${LIB}/A2`, { intent: "reinstate" });
    expect(back.headers.get("location")).toBe(`${LIB}?reinstated=A2`);
    expect((await outcome("A2")).status).toBe("active");
    expect(await audits("candidate-outcome.reinstated")).toEqual([{ code: "A2" }]);
  });
});

describe("the stakeholder-group profile question", () => {
  it("asks which field first, then starts with the question and the four groups in every language", async () => {
    const round = `${C}/rounds/2`;
    const chooser = await (await officer.get(`${round}/questions/new?type=profile`)).text();
    expect(chooser).toContain("What will this profile question ask about?");
    expect((await officer.post(`${round}/questions/new`, { intent: "choose-field" })).status).toBe(400);
    const chosen = await officer.post(`${round}/questions/new`, { intent: "choose-field", profileField: "stakeholderGroup" });
    expect(chosen.headers.get("location")).toBe(`${round}/questions/new?type=profile&field=stakeholderGroup`);
    const form = await (await officer.get(chosen.headers.get("location")!)).text();
    expect(form).toContain(
      "A member of the public\nA carer (I look after someone)\nSomeone who uses health or social care services\nA health or social care professional</textarea>",
    );
    expect(form).toContain("Aelod o&#x27;r cyhoedd\nGofalwr (rwy&#x27;n gofalu am rywun)");
    expect(form).toContain('value="Which of these best describes you?"');
    expect(form).toMatch(/checked="" value="stakeholderGroup"/);
    expect((await officer.get(`${round}/questions/new?type=profile&field=nonsense`)).status).toBe(200);
  });
});

describe("previewing in another language", () => {
  it("keeps the preview's language to the preview and leaves the officer's own language alone", async () => {
    const start = await officer.get("/s/joined-up-care/preview?round=1&lng=cy");
    expect(start.status).toBe(302);
    const cookies = start.headers.getSetCookie();
    expect(cookies.some((c) => c.startsWith("preview_lng=cy; Path=/s/joined-up-care/preview;"))).toBe(true);
    expect(cookies.some((c) => c.startsWith("lng="))).toBe(false);
    expect(await (await officer.get("/s/joined-up-care/preview")).text()).toContain('<html lang="cy"');
    expect(await (await officer.get("/dashboard")).text()).toContain('<html lang="en"');
    // Choosing a language inside the preview changes the preview, not the officer.
    const switched = await officer.get(`/language/pl?returnTo=${encodeURIComponent("/s/joined-up-care/preview/briefing/1")}`);
    expect(switched.headers.getSetCookie()).toEqual([expect.stringMatching(/^preview_lng=pl; Path=\/s\/joined-up-care\/preview;/)]);
    expect(await (await officer.get("/s/joined-up-care/preview/briefing/1")).text()).toContain('<html lang="pl"');
    expect(await (await officer.get(C)).text()).toContain('<html lang="en"');
    // Outside a preview the switcher sets the officer's own language, as before.
    expect((await officer.get("/language/cy?returnTo=/dashboard")).headers.getSetCookie()[0]).toMatch(/^lng=cy; Path=\//);
  });
});
