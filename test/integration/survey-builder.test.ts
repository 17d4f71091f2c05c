// The survey builder over HTTP: questions of every type, conditions, reorder, the
// "rate every outcome" shortcut, locks once a round has responses, round 2 from
// round 1's results; 403 for another partnership, no changes by commissioners.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, DEMO } from "../helpers/client";
import { insertResponses } from "../helpers/responses";
import { startServer, type TestServer } from "../helpers/server";
import { openTestDb, testDialect } from "../helpers/test-database";

let server: TestServer;
let officer: Client;
const SLUG = "builder-test";
const C = `/consultations/${SLUG}`;
const R1 = `${C}/rounds/1`;

beforeAll(async () => {
  server = await startServer();
  officer = new Client(server.url);
  await officer.signIn(DEMO.officer.email, DEMO.officer.password);
  const groupId = (await sql<{ id: number }>("select id from advisory_groups where name like 'South%'"))[0].id;
  const created = await officer.post("/consultations/new", {
    title: "Builder test",
    summary: "",
    audience: "both",
    opensAt: "",
    closesAt: "",
    contactEmail: "",
    advisoryGroupId: String(groupId),
  });
  expect(created.status).toBe(302);
  const form = new FormData();
  form.set("intent", "import");
  const csv = [
    "code,domain,statement,description",
    "A1,Access,I can get help when I need it,",
    "A2,Access,I can get to my appointments easily,",
    "J1,Joined-up care,I only tell my story once,",
    "J2,Joined-up care,My care is planned with me,",
  ].join("\n");
  form.set("file", new Blob([csv], { type: "text/csv" }), "o.csv");
  expect((await officer.request(`${C}/outcomes`, { method: "POST", body: form, headers: { Origin: server.url } })).status).toBe(302);
});
afterAll(async () => {
  await server?.stop();
});

async function sql<T>(query: string, ...params: unknown[]): Promise<T[]> {
  const db = openTestDb(server.dbPath);
  try {
    return await db.all<T>(query, ...params);
  } finally {
    await db.close();
  }
}
const roundId = async (n: number) =>
  (
    await sql<{ id: number }>(
      "select r.id from rounds r join surveys s on s.id = r.survey_id join consultations c on c.id = s.consultation_id where c.slug = ? and r.number = ?",
      SLUG,
      n,
    )
  )[0].id;
const questionsOf = async (n: number) =>
  sql<{
    id: number;
    type: string;
    position: number;
    outcome_id: number | null;
    condition_question_id: number | null;
    condition_value: string | null;
    config: string;
  }>(
    "select id, type, position, outcome_id, condition_question_id, condition_value, config from questions where round_id = ? order by position",
    await roundId(n),
  );
const outcomeId = async (code: string) =>
  (
    await sql<{ id: number }>(
      "select co.id from candidate_outcomes co join consultations c on c.id = co.consultation_id where c.slug = ? and co.code = ?",
      SLUG,
      code,
    )
  )[0].id;

const BLANK = {
  "text-cy": "",
  "hint-en": "",
  "hint-cy": "",
  "choices-cy": "",
  "text-pl": "",
  "hint-pl": "",
  "choices-pl": "",
  "text-ur": "",
  "hint-ur": "",
  "choices-ur": "",
};

describe("building round 1", () => {
  it("adds rating questions for every outcome, grouped by domain, once", async () => {
    const res = await officer.post(R1, { intent: "add-ratings" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`${R1}?ratings=4`);
    const qs = await questionsOf(1);
    expect(qs.map((q) => q.outcome_id)).toEqual(await Promise.all(["A1", "A2", "J1", "J2"].map(outcomeId)));
    const text = await sql<{ text: string; locale: string }>("select text, locale from question_translations where question_id = ?", qs[0].id);
    expect(text).toEqual([{ locale: "en", text: "How important is this to you: “I can get help when I need it”?" }]);
    const again = await officer.post(R1, { intent: "add-ratings" });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("Every active candidate outcome already has a rating question");
    const page = await (await officer.get(R1)).text();
    expect(page).toContain("Domain: Access");
    expect(page).toContain("Domain: Joined-up care");
    expect(page).toContain(`href="/s/${SLUG}/preview?round=1&amp;lng=cy"`);
    // The link leads to the citizens' preview of this round.
    const viewer = new Client(server.url);
    await viewer.signIn(DEMO.officer.email, DEMO.officer.password);
    const preview = await viewer.get(`/s/${SLUG}/preview?round=1&lng=cy`);
    expect(preview.status).toBeLessThan(400);
  });

  it("shows the type chooser, then a form that keeps what was typed on error", async () => {
    expect(await (await officer.get(`${R1}/questions/new`)).text()).toContain("What type of question?");
    const unchosen = await officer.post(`${R1}/questions/new`, { intent: "choose" });
    expect(unchosen.status).toBe(400);
    expect(await unchosen.text()).toContain("<title>Error: Add a question");
    const chosen = await officer.post(`${R1}/questions/new`, { intent: "choose", type: "ranking" });
    expect(chosen.headers.get("location")).toBe(`${R1}/questions/new?type=ranking`);
    const bad = await officer.get(`${R1}/questions/new?type=bogus`);
    expect(bad.status).toBe(200);
    expect(await bad.text()).toContain("Select a type of question");
    const res = await officer.post(`${R1}/questions/new`, {
      intent: "save",
      type: "single-choice",
      required: "yes",
      ...BLANK,
      "text-en": "Do you <b>care</b> for someone?",
      "choices-en": "Yes",
      "choices-cy": "Ydw\nNac ydw",
      condition: "none",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("<title>Error: Add a question");
    expect(html).toContain("Enter between 2 and 50 choices");
    expect(html).toContain("Do you &lt;b&gt;care&lt;/b&gt; for someone?");
  });

  let choiceId = 0;
  let followUpId = 0;
  it("adds questions of every type, with Welsh text and a display condition", async () => {
    const add = async (form: Record<string, string>) => {
      const res = await officer.post(`${R1}/questions/new`, { intent: "save", condition: "none", ...BLANK, ...form });
      expect(res.status, JSON.stringify(form)).toBe(302);
      return Number(/added=(\d+)/.exec(res.headers.get("location")!)![1]);
    };
    choiceId = await add({
      type: "single-choice",
      required: "yes",
      "text-en": "Do you care for someone?",
      "text-cy": "Ydych chi'n gofalu am rywun?",
      "choices-en": "Yes\nNo",
      "choices-cy": "Ydw\nNac ydw",
    });
    followUpId = await add({ type: "free-text", required: "no", "text-en": "What would help you as a carer?", maxLength: "800", condition: `${choiceId}:yes` });
    await add({ type: "likert", required: "yes", "text-en": "Services work well together." });
    await add({
      type: "multiple-choice",
      required: "no",
      "text-en": "Which services do you use?",
      "choices-en": "GP\nHospital\nSocial care",
      minSelected: "1",
      maxSelected: "2",
    });
    await add({ type: "ranking", required: "yes", "text-en": "Put these in order", "choices-en": "Speed\nContinuity\nChoice" });
    await add({ type: "pairwise", required: "yes", "text-en": "Which matters more to you?", "choices-en": "Seeing the same person\nBeing seen quickly" });
    await add({ type: "propose-outcome", required: "no", "text-en": "Is there an outcome we missed?" });
    await add({
      type: "profile",
      required: "no",
      profileField: "stakeholderGroup",
      "text-en": "Which describes you best?",
      "choices-en": "Member of the public\nCarer\nI use services\nI work in care",
    });
    const twice = await officer.post(`${R1}/questions/new`, {
      intent: "save",
      condition: "none",
      ...BLANK,
      type: "rating",
      required: "yes",
      outcomeId: String(await outcomeId("A1")),
      allowUnable: "yes",
      "text-en": "Rate A1 again",
    });
    expect(twice.status).toBe(400);
    expect(await twice.text()).toContain("already has a rating question in this round");
    await add({ type: "free-text", required: "no", "text-en": "Anything else?" });
    const qs = await questionsOf(1);
    expect(qs.map((q) => q.type)).toEqual([
      "rating",
      "rating",
      "rating",
      "rating",
      "single-choice",
      "free-text",
      "likert",
      "multiple-choice",
      "ranking",
      "pairwise",
      "propose-outcome",
      "profile",
      "free-text",
    ]);
    const followUp = qs.find((q) => q.id === followUpId)!;
    expect(followUp).toMatchObject({ condition_question_id: choiceId, condition_value: "yes" });
    expect(JSON.parse(followUp.config)).toEqual({ maxLength: 800 });
    expect(JSON.parse(qs.find((q) => q.type === "profile")!.config)).toEqual({
      field: "stakeholderGroup",
      choices: ["citizen", "carer", "service-user", "professional"],
    });
    const cy = await sql<{ text: string; options: string }>(
      "select text, options from question_translations where question_id = ? and locale = 'cy'",
      choiceId,
    );
    // PostgreSQL keeps JSON as jsonb, which puts an object's keys in an order of its own: there the stored options are compared as parsed JSON.
    const options = (json: string) => (testDialect === "postgres" ? JSON.parse(json) : json);
    expect(cy.map((r) => ({ ...r, options: options(r.options) }))).toEqual([
      { text: "Ydych chi'n gofalu am rywun?", options: options(JSON.stringify({ yes: "Ydw", no: "Nac ydw" })) },
    ]);
  });

  it("edits a question, keeps conditions pointing backwards, reorders and deletes", async () => {
    const edit = `${R1}/questions/${choiceId}`;
    const page = await (await officer.get(edit)).text();
    expect(page).toContain("Ydych chi&#x27;n gofalu am rywun?");
    const saved = await officer.post(edit, {
      intent: "save",
      required: "no",
      ...BLANK,
      "text-en": "Do you look after someone?",
      "choices-en": "Yes\nNo",
      "text-cy": "Ydych chi'n gofalu am rywun?",
      "choices-cy": "Ydw\nNac ydw",
      condition: "none",
      type: "likert",
    });
    expect(saved.status).toBe(302);
    expect(await sql("select type, required from questions where id = ?", choiceId)).toEqual([{ type: "single-choice", required: 0 }]);
    // The follow-up cannot move above the question it depends on.
    const refused = await officer.post(R1, { intent: "move", questionId: String(followUpId), direction: "up" });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("must come after the question it depends on");
    const before = (await questionsOf(1)).map((q) => q.id);
    expect((await officer.post(R1, { intent: "move", questionId: String(choiceId), direction: "up" })).status).toBe(302);
    const after = (await questionsOf(1)).map((q) => q.id);
    const i = before.indexOf(choiceId);
    expect(after[i - 1]).toBe(choiceId);
    expect((await officer.post(R1, { intent: "move", questionId: String(choiceId), direction: "down" })).status).toBe(302);
    expect((await questionsOf(1)).map((q) => q.id)).toEqual(before);
    // Deleting the last question ("Anything else?").
    const last = before.at(-1)!;
    expect((await officer.post(`${R1}/questions/${last}`, { intent: "delete" })).status).toBe(302);
    expect((await questionsOf(1)).map((q) => q.position)).toEqual(before.slice(0, -1).map((_, k) => k));
    // A question of another round or consultation is not found here.
    const other = (
      await sql<{ id: number }>(
        "select q.id from questions q join rounds r on r.id = q.round_id join surveys s on s.id = r.survey_id join consultations c on c.id = s.consultation_id where c.slug = 'joined-up-care' limit 1",
      )
    )[0].id;
    expect((await officer.get(`${R1}/questions/${other}`)).status).toBe(404);
    expect((await officer.post(R1, { intent: "move", questionId: String(other), direction: "up" })).status).toBe(404);
    const audit = await sql<{ action: string }>("select distinct action from audit_log where action like 'question%' order by action");
    expect(audit.map((a) => a.action)).toEqual(["question.created", "question.deleted", "question.moved", "question.updated", "questions.ratings-added"]);
  });

  it("saves round settings with validation", async () => {
    const bad = await officer.post(R1, {
      intent: "settings",
      showFeedback: "maybe",
      feedbackBy: "overall",
      allowNewParticipants: "yes",
      opensAt: "",
      closesAt: "",
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Select whether to show feedback");
    expect(
      (
        await officer.post(R1, {
          intent: "settings",
          showFeedback: "no",
          feedbackBy: "overall",
          allowNewParticipants: "yes",
          opensAt: "",
          closesAt: "2099-12-31",
        })
      ).status,
    ).toBe(302);
  });
});

describe("running round 1 and setting up round 2", () => {
  it("opens round 1 with the consultation, then locks questions once responses arrive", async () => {
    expect((await officer.post(C, { intent: "status", to: "open" })).status).toBe(302);
    expect(await sql("select status from rounds where id = ?", await roundId(1))).toEqual([{ status: "open" }]);
    // Scores: A1 everyone 9 (consensus in), A2 everyone 2 (out), J1 split (no consensus), J2 mostly 5.
    await insertResponses(server.dbPath, await roundId(1), 20, (code, k) =>
      code === "A1" ? 9 : code === "A2" ? 2 : code === "J1" ? (k % 2 ? 9 : 2) : k === 0 ? "U" : 5,
    );
    const page = await (await officer.get(R1)).text();
    expect(page).toContain("This round has responses, so its questions are locked.");
    expect(page).not.toContain('value="add-ratings"');
    const q = (await questionsOf(1))[0].id;
    for (const [path, form] of [
      [`${R1}/questions/new`, { intent: "save", type: "likert", required: "yes", "text-en": "Late question", condition: "none" }],
      [`${R1}/questions/${q}`, { intent: "save", required: "yes", "text-en": "Changed", condition: "none" }],
      [`${R1}/questions/${q}`, { intent: "delete" }],
      [R1, { intent: "move", questionId: String(q), direction: "down" }],
    ] as const) {
      const res = await officer.post(path, form);
      expect(res.status, `${path} ${res.headers.get("location")}`).toBe(409);
      expect(await res.text()).toContain("Set up a new round instead");
    }
    const locked = await officer.get(`${R1}/questions/new?type=likert`);
    expect(locked.status).toBe(200);
    const lockedHtml = await locked.text();
    expect(lockedHtml).toContain("Set up a new round instead");
    expect(lockedHtml).not.toContain('name="intent"');
    expect((await officer.get(`${C}/survey`)).status).toBe(200);
  });

  it("sets up round 2 from round 1's results: carries forward outcomes without consensus, adds accepted proposals", async () => {
    expect((await officer.post(R1, { intent: "status", to: "closed" })).status).toBe(302);
    const computed = await officer.post(`${C}/results?round=1`, {
      intent: "compute",
      rule: "comet",
      thresholdIn: "70",
      thresholdOut: "15",
      bound: "strict",
      groups: "overall",
      groupWeighting: "pooled",
      margins: "none",
    });
    expect(computed.status).toBe(302);
    // An outcome accepted in moderation after round 1.
    const db = openTestDb(server.dbPath);
    const consultationId = (await db.get<{ id: number }>("select id from consultations where slug = ?", SLUG))!.id;
    const p1 = (
      await db.run("insert into candidate_outcomes (consultation_id, code, source, position) values (?, 'P1', 'Proposed by a participant', 99)", consultationId)
    ).lastInsertRowid;
    await db.run(
      "insert into candidate_outcome_translations (outcome_id, locale, statement) values (?, 'en', 'I can choose where I am cared for') returning outcome_id",
      p1,
    );
    await db.run(
      "insert into candidate_outcomes (consultation_id, code, source, status, position) values (?, 'P2', 'Proposed by a participant', 'rejected', 100)",
      consultationId,
    );
    await db.close();

    const page = await officer.get(`${C}/rounds/new`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const checked = async (code: string) => new RegExp(`checked="" value="${await outcomeId(code)}"`).test(html);
    expect([await checked("A1"), await checked("A2"), await checked("J1"), await checked("J2"), await checked("P1")]).toEqual([false, false, true, true, true]);
    expect(html).toContain("Consensus in: rated critical in round 1.");
    expect(html).toContain("New since round 1.");
    expect(html).not.toContain("P2:");

    const none = await officer.post(`${C}/rounds/new`, {
      showFeedback: "yes",
      feedbackBy: "stakeholder-group",
      allowNewParticipants: "no",
      copyOtherQuestions: "yes",
    });
    expect(none.status).toBe(400);
    expect(await none.text()).toContain("Select at least one outcome");
    // The officer overrides: keep A1 too.
    const ids = await Promise.all(["A1", "J1", "J2", "P1"].map(async (c) => String(await outcomeId(c))));
    const created = await officer.post(`${C}/rounds/new`, {
      outcomeIds: ids,
      showFeedback: "yes",
      feedbackBy: "stakeholder-group",
      allowNewParticipants: "no",
      copyOtherQuestions: "yes",
    });
    expect(created.status).toBe(302);
    expect(created.headers.get("location")).toBe(`${C}/rounds/2?created=1`);
    expect(await sql("select status, show_feedback, feedback_by, allow_new_participants from rounds where id = ?", await roundId(2))).toEqual([
      { status: "draft", show_feedback: 1, feedback_by: "stakeholder-group", allow_new_participants: 0 },
    ]);
    const r1 = await questionsOf(1);
    const r2 = await questionsOf(2);
    expect(r2.filter((q) => q.type === "rating").map((q) => q.outcome_id)).toEqual(await Promise.all(["A1", "J1", "J2", "P1"].map(outcomeId)));
    expect(r2.filter((q) => q.type !== "rating").map((q) => q.type)).toEqual(r1.filter((q) => q.type !== "rating").map((q) => q.type));
    const newChoice = r2.find((q) => q.type === "single-choice")!;
    expect(r2.find((q) => q.type === "free-text")).toMatchObject({ condition_question_id: newChoice.id, condition_value: "yes" });
    const sameWording = await sql<{ text: string }>("select text from question_translations where question_id = ? and locale = 'en'", r2[0].id);
    expect(sameWording).toEqual(await sql("select text from question_translations where question_id = ? and locale = 'en'", r1[0].id));
    // Round 2 cannot open while round 1 is closed but the consultation... is open: it can.
    expect((await officer.post(`${C}/rounds/2`, { intent: "status", to: "open" })).status).toBe(302);
    // Only the latest round may re-open.
    const reopen = await officer.post(R1, { intent: "status", to: "open" });
    expect(reopen.status).toBe(409);
    expect(await reopen.text()).toContain("Another round is open");
    expect((await officer.get(`${C}/rounds/new`)).status).toBe(200);
  });
});

describe("access to the builder", () => {
  const J = "/consultations/joined-up-care";
  const q = async () =>
    (
      await sql<{ id: number }>(
        "select q.id from questions q join rounds r on r.id = q.round_id join surveys s on s.id = r.survey_id join consultations c on c.id = s.consultation_id where c.slug = 'joined-up-care' limit 1",
      )
    )[0].id;
  const routes = async () => {
    const question = `${J}/rounds/1/questions/${await q()}`;
    return {
      gets: [`${J}/survey`, `${J}/rounds/1`, `${J}/rounds/1/questions/new`, `${J}/rounds/1/questions/new?type=likert`, question, `${J}/rounds/new`],
      posts: [
        [`${J}/survey`, { intent: "first-round" }],
        [`${J}/rounds/1`, { intent: "status", to: "closed" }],
        [`${J}/rounds/1`, { intent: "add-ratings" }],
        [`${J}/rounds/1`, { intent: "move", questionId: String(await q()), direction: "down" }],
        [`${J}/rounds/1`, { intent: "settings", showFeedback: "yes", feedbackBy: "overall", allowNewParticipants: "yes", opensAt: "", closesAt: "" }],
        [`${J}/rounds/1/questions/new`, { intent: "save", type: "likert", required: "yes", "text-en": "X", condition: "none" }],
        [question, { intent: "save", required: "yes", "text-en": "X", condition: "none" }],
        [question, { intent: "delete" }],
        [`${J}/rounds/new`, { outcomeIds: "1", showFeedback: "yes", feedbackBy: "overall", allowNewParticipants: "yes", copyOtherQuestions: "yes" }],
      ] as Array<[string, Record<string, string>]>,
    };
  };

  it("an officer of another partnership gets 403 on every builder route", async () => {
    const other = new Client(server.url);
    await other.signIn(DEMO.otherOfficer.email, DEMO.otherOfficer.password);
    const { gets, posts } = await routes();
    for (const path of gets) expect((await other.get(path)).status, path).toBe(403);
    for (const [path, form] of posts) expect((await other.post(path, form)).status, path).toBe(403);
  });

  it("commissioners see the survey and rounds but cannot change them", async () => {
    const commissioner = new Client(server.url);
    await commissioner.signIn(DEMO.commissioner.email, DEMO.commissioner.password);
    const { gets, posts } = await routes();
    expect((await commissioner.get(gets[0])).status).toBe(200);
    const round = await commissioner.get(gets[1]);
    expect(round.status).toBe(200);
    expect(await round.text()).not.toContain('name="intent"');
    for (const path of gets.slice(2)) expect((await commissioner.get(path)).status, path).toBe(403);
    const before = await sql("select count(*) n from audit_log");
    for (const [path, form] of posts) expect((await commissioner.post(path, form)).status, path).toBe(403);
    expect(await sql("select count(*) n from audit_log")).toEqual(before);
  });
});
