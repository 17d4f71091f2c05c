/**
 * The review queue one answer at a time and the codings export, over HTTP against the real
 * server. The machine's codings are written directly (a done `assign` run and its rows) so the
 * order is known; the server's runner may re-score after each confirmation, which later
 * assertions allow for.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../../app/domain/csv";
import { replaceMachineCodings } from "../../app/repos/themes.server";
import { Client, DEMO } from "../helpers/client";
import { submitTextAnswers } from "../helpers/moderation";
import { openAppDb } from "../helpers/app-db";
import { startServer, type TestServer } from "../helpers/server";
import { openTestDb, type TestDb } from "../helpers/test-database";

const C = "/consultations/joined-up-care";
let server: TestServer;
let db: TestDb;
let officer: Client;
let ids: number[];
let proposal: number;
let questionId: number;
let themes: { care: number; carers: number; cmd: number };
let R: string;
let officerName: string;

async function signedIn(account: { email: string; password: string }) {
  const c = new Client(server.url);
  expect((await c.signIn(account.email, account.password)).status).toBe(302);
  return c;
}
const shown = (html: string) => Number(/name="answerId" value="(\d+)"/.exec(html)?.[1]);
/** Whether the checkbox with this value is ticked (React writes `checked=""` before `value`). */
const ticked = (html: string, value: string | number) =>
  [...html.matchAll(/<input[^>]*type="checkbox"[^>]*>/g)].some(([tag]) => tag.includes(`value="${value}"`) && tag.includes('checked=""'));

beforeAll(async () => {
  server = await startServer();
  db = openTestDb(server.dbPath);
  ids = await submitTextAnswers(server.dbPath, [
    { kind: "free-text", text: "The carers who come to my mother's home are rushed and never the same person.", group: "carer" },
    { kind: "free-text", text: "I waited three weeks for a care package after leaving hospital.", group: "service-user" },
    { kind: "free-text", text: "Nobody asks the family carers how they are coping.", group: "carer" },
    { kind: "free-text", text: "<b>Parking</b> at the hospital costs too much.", group: "citizen" },
    { kind: "free-text", text: "Home visits from the district nurse made all the difference." },
    { kind: "free-text", text: "n/a", group: "professional" },
  ]);
  [proposal] = await submitTextAnswers(server.dbPath, [{ kind: "propose-outcome", text: "Free parking", group: "citizen" }]);
  questionId = ((await db.get("select question_id as q from answers where id = ?", ids[0])) as { q: number }).q;
  R = `${C}/themes/${questionId}/review`;
  const c = (await db.get("select id from consultations where slug = 'joined-up-care'")) as { id: number };
  const theme = async (name: string) =>
    Number(
      (await db.run("insert into codebook_themes (consultation_id, name, description, created_at) values (?, ?, '', ?)", c.id, name, new Date()))
        .lastInsertRowid,
    );
  themes = { care: await theme("Care at home"), carers: await theme("Carers"), cmd: await theme("=cmd|' /C calc'!A0") };
  officerName = ((await db.get("select display_name as n from users where email = ?", DEMO.officer.email)) as { n: string }).n;
  const { db: d, close } = openAppDb(server.dbPath);
  try {
    const run = (
      await db.run(
        "insert into theme_runs (consultation_id, question_id, kind, status, parameters, requested_at, finished_at) values (?, ?, 'assign', 'done', '{}', ?, ?)",
        c.id,
        questionId,
        new Date(),
        new Date(),
      )
    ).lastInsertRowid;
    await replaceMachineCodings(
      d,
      run,
      [
        {
          answerId: ids[0],
          themes: [
            { themeId: themes.care, confidence: 0.9 },
            { themeId: themes.carers, confidence: 0.41 },
          ],
        },
        { answerId: ids[1], themes: [{ themeId: themes.care, confidence: 0.3 }] },
        {
          answerId: ids[2],
          themes: [
            { themeId: themes.carers, confidence: 0.82 },
            { themeId: themes.cmd, confidence: 0.12 },
          ],
        },
        { answerId: ids[3], themes: [{ themeId: themes.cmd, confidence: 0.6 }] },
      ],
      new Date("2026-12-03T10:12:00Z"),
    );
  } finally {
    await close();
  }
  officer = await signedIn(DEMO.officer);
});
afterAll(async () => {
  await db?.close();
  await server?.stop();
});

describe("who may review", () => {
  it("refuses another partnership, lets commissioners read but not confirm, redirects the signed out, and 404s what is not this question's", async () => {
    const csv = `${C}/themes/${questionId}/codings.csv`;
    const other = await signedIn(DEMO.otherOfficer);
    for (const p of [R, csv]) expect((await other.get(p)).status, p).toBe(403);
    expect((await other.post(R, { answerId: String(ids[0]), themes: "none" })).status).toBe(403);
    const commissioner = await signedIn(DEMO.commissioner);
    for (const p of [R, `${R}?answer=${ids[0]}`, csv]) expect((await commissioner.get(p)).status, p).toBe(200);
    expect(await (await commissioner.get(R)).text()).not.toContain("Confirm and show next");
    expect((await commissioner.post(R, { answerId: String(ids[0]), themes: "none" })).status).toBe(403);
    for (const p of [R, csv]) expect((await new Client(server.url).get(p)).status, p).toBe(302);
    for (const p of [
      `${R}?answer=abc`,
      `${R}?answer=${proposal}`,
      `${R}?answer=999999`,
      `${C}/themes/abc/review`,
      `${C}/themes/abc/codings.csv`,
      `${C}/themes/999999/codings.csv`,
    ])
      expect((await officer.get(p)).status, p).toBe(404);
    // An answer to another question may not be confirmed through this one.
    expect((await officer.post(R, { answerId: String(proposal), themes: "none" })).status).toBe(404);
    expect(await db.get("select count(*) as n from coding_reviews")).toEqual({ n: 0 });
  });
});

describe("the queue", () => {
  it("opens the least confident answer first, its suggestions ticked with their confidence, escaped and without who wrote it", async () => {
    const html = await (await officer.get(R)).text();
    expect(html).toContain("0 of 6 answers reviewed");
    expect(shown(html)).toBe(ids[1]); // 30%, the least confident
    expect(html).toContain("I waited three weeks for a care package after leaving hospital.");
    expect(html).toContain("Suggested: 30% confident");
    expect(html).toContain("Machine: Care at home 30% (3 December 2026 at 10:12)");
    expect(ticked(html, themes.care)).toBe(true);
    expect(ticked(html, themes.carers)).toBe(false);
    expect(ticked(html, "none")).toBe(false);
    expect(html).toContain("Service user");
    expect(html).toContain("None of these: no real content");
    // The suggested theme is listed first.
    expect(html.indexOf(`value="${themes.care}"`)).toBeLessThan(html.indexOf(`value="${themes.carers}"`));
    expect(html).toContain(`href="${C}/themes/${questionId}/codings.csv"`);
    const parking = await (await officer.get(`${R}?answer=${ids[3]}`)).text();
    expect(parking).toContain("&lt;b&gt;Parking&lt;/b&gt;");
    expect(parking).not.toContain("<b>Parking</b>");
  });

  it("keeps the ticks when nothing or both kinds are chosen, and refuses unknown themes with 400", async () => {
    const empty = await officer.post(R, { answerId: String(ids[1]) });
    expect(empty.status).toBe(400);
    const e1 = await empty.text();
    expect(e1).toContain("Select the themes this answer is about, or None of these");
    expect(e1).toContain("govuk-error-summary");
    const both = await officer.post(R, { answerId: String(ids[1]), themes: [String(themes.carers), "none"] });
    expect(both.status).toBe(400);
    const e2 = await both.text();
    expect(e2).toContain("Select themes or None of these, not both");
    expect(ticked(e2, themes.carers)).toBe(true);
    expect(ticked(e2, themes.care)).toBe(false);
    expect((await officer.post(R, { answerId: String(ids[1]), themes: "999999" })).status).toBe(400);
    expect((await officer.post(R, { answerId: String(ids[1]), themes: "x" })).status).toBe(400);
    expect((await officer.post(R, { answerId: "abc", themes: "none" })).status).toBe(400);
    expect(await db.get("select count(*) as n from coding_reviews")).toEqual({ n: 0 });
  });

  it("confirms once however often it is sent, queues one re-scoring, and shows the next", async () => {
    const form = { answerId: String(ids[1]), themes: [String(themes.care), String(themes.carers)] };
    const first = await officer.post(R, form);
    expect(first.status).toBe(302);
    expect((await officer.post(R, form)).status).toBe(302);
    expect(await db.get("select count(*) as n from coding_reviews where answer_id = ?", ids[1])).toEqual({ n: 1 });
    expect(
      ((await db.all("select theme_id from answer_themes where answer_id = ? order by theme_id", ids[1])) as Array<{ theme_id: number }>).map(
        (r) => r.theme_id,
      ),
    ).toEqual([themes.care, themes.carers].sort((a, b) => a - b));
    // Each confirmation asks for a re-scoring; one already waiting is reused.
    const assign = (await db.all("select status, count(*) as n from theme_runs where kind = 'assign' and requested_by is not null group by status")) as Array<{
      status: string;
      n: number;
    }>;
    expect(assign.reduce((s, r) => s + r.n, 0)).toBeGreaterThanOrEqual(1);
    expect(assign.find((r) => r.status === "queued")?.n ?? 0).toBeLessThanOrEqual(1);
    expect(await db.get("select count(*) as n from audit_log where action = 'themes.answer-coded' and entity_id = ?", String(ids[1]))).toEqual({ n: 2 });
    const next = await (await officer.get(first.headers.get("location")!)).text();
    expect(next).toContain("1 of 6 answers reviewed");
    expect(shown(next)).not.toBe(ids[1]);
    expect(await db.get("select count(*) as n from coding_reviews where answer_id = ?", shown(next))).toEqual({ n: 0 });
  });

  it("opens a reviewed answer with the person's themes ticked and who confirmed it, and corrects it", async () => {
    const html = await (await officer.get(`${R}?answer=${ids[1]}`)).text();
    expect(shown(html)).toBe(ids[1]);
    expect(html).toContain(`Confirmed by a person: ${officerName.replace(/'/g, "&#x27;")}, `);
    expect(ticked(html, themes.care)).toBe(true);
    expect(ticked(html, themes.carers)).toBe(true);
    expect((await officer.post(R, { answerId: String(ids[1]), themes: "none" })).status).toBe(302);
    expect(await db.get("select count(*) as n from answer_themes where answer_id = ?", ids[1])).toEqual({ n: 0 });
    expect(await db.get("select count(*) as n from coding_reviews where answer_id = ?", ids[1])).toEqual({ n: 1 });
    expect(ticked(await (await officer.get(`${R}?answer=${ids[1]}`)).text(), "none")).toBe(true);
  });

  it("ends with every answer reviewed", async () => {
    for (let k = 0; k < 8; k++) {
      const html = await (await officer.get(R)).text();
      if (html.includes("All 6 answers have been reviewed.")) break;
      const id = shown(html);
      expect(id).toBeGreaterThan(0);
      const form =
        id === ids[2] ? { answerId: String(id), themes: [String(themes.carers), String(themes.cmd)] } : { answerId: String(id), themes: String(themes.care) };
      expect((await officer.post(R, form)).status).toBe(302);
    }
    const done = await (await officer.get(R)).text();
    expect(done).toContain("6 of 6 answers reviewed");
    expect(done).toContain("All 6 answers have been reviewed.");
    expect(done).toContain(`href="${C}/themes/${questionId}/groups"`);
  });
});

describe("the codings export", () => {
  it("has one row per coding with its source, coder, confidence and time, formula-safe, and no participant data", async () => {
    // A blind second coder's coding of one answer.
    const c = (await db.get("select id from consultations where slug = 'joined-up-care'")) as { id: number };
    const user = (await db.get("select id from users where email = ?", DEMO.officer.email)) as { id: number };
    const sample = Number(
      (
        await db.run(
          "insert into agreement_samples (consultation_id, question_id, coder_id, seed, size, created_by, created_at) values (?, ?, ?, 7, 1, ?, ?)",
          c.id,
          questionId,
          user.id,
          user.id,
          new Date(),
        )
      ).lastInsertRowid,
    );
    // `returning`: agreement_sample_items has no id column (openTestDb adds `returning id` on PostgreSQL otherwise).
    await db.run(
      "insert into agreement_sample_items (sample_id, answer_id, position, theme_ids, coded_at) values (?, ?, 0, ?, ?) returning sample_id",
      sample,
      ids[0],
      JSON.stringify([themes.carers]),
      new Date("2026-12-03T11:00:00Z"),
    );
    const res = await officer.get(`${C}/themes/${questionId}/codings.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const text = await res.text();
    const table = parseCsv(text);
    expect(table.header).toEqual(["answer_id", "theme", "source", "coder", "confidence", "coded_at"]);
    const rows = table.rows.map((r) => r.values);
    const person = rows.filter((r) => r.source === "person");
    // ids[1] was corrected to none; the rest carry the person's themes.
    expect(person.filter((r) => r.answer_id === String(ids[1]))).toEqual([]);
    expect(
      person
        .filter((r) => r.answer_id === String(ids[2]))
        .map((r) => r.theme)
        .sort(),
    ).toEqual(["'=cmd|' /C calc'!A0", "Carers"]);
    for (const r of person) {
      expect(r.coder).toBe(officerName);
      expect(r.confidence).toBe("");
      expect(r.coded_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
    const machine = rows.filter((r) => r.source === "machine");
    expect(machine.length).toBeGreaterThan(0);
    for (const r of machine) {
      expect(r.coder).toBe("machine");
      expect(Number(r.confidence)).toBeGreaterThanOrEqual(0);
      expect(Number(r.confidence)).toBeLessThanOrEqual(1);
    }
    expect(rows.filter((r) => r.source === "second-coder")).toEqual([
      { answer_id: String(ids[0]), theme: "Carers", source: "second-coder", coder: officerName, confidence: "", coded_at: "2026-12-03T11:00:00.000Z" },
    ]);
    // Every field that could start a formula is guarded; no answer text or participant detail.
    expect(text).not.toMatch(/(^|[,\r\n])"?=/);
    expect(text).not.toContain("rushed");
    expect(text).not.toContain("Parking");
    expect(rows.every((r) => ids.includes(Number(r.answer_id)))).toBe(true);
  });
});
