/** Themes by stakeholder group over HTTP: the page's figures are the engine's on the same codings, for both bases; who may read it. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { themesByGroup } from "../../app/domain/themes";
import { recordPersonCoding, replaceMachineCodings } from "../../app/repos/themes.server";
import { Client, DEMO } from "../helpers/client";
import { submitTextAnswers, type SubmittedText } from "../helpers/moderation";
import { publishDemo } from "../helpers/publication";
import { openAppDb } from "../helpers/app-db";
import { startServer, type TestServer } from "../helpers/server";
import { openTestDb } from "../helpers/test-database";

let server: TestServer;
let officer: Client;
let base: string;
let questionId: number;
const THEMES = ["Telling my story once", "Transport"];
// group, person's themes (null: not reviewed), machine's themes
const PLAN: Array<[SubmittedText["group"], number[] | null, number[]]> = [
  ["carer", [0], [0]],
  ["carer", [0], [0]],
  ["carer", [0, 1], [0]],
  ["carer", [], [1]],
  ["carer", null, [0]],
  ["carer", null, [0]],
  ["citizen", [1], [1]],
  ["citizen", [], [0]],
  ["citizen", [0], [0]],
  ["citizen", [1], [1]],
  ["citizen", null, [1]],
  ["citizen", null, []],
  [undefined, [1], [1]],
  [undefined, null, [0]],
];
let themeIds: number[];

beforeAll(async () => {
  server = await startServer();
  const answerIds = await submitTextAnswers(
    server.dbPath,
    PLAN.map(([group], i) => ({ kind: "free-text", text: `Answer ${i} about care`, group })),
  );
  const { db, close } = openAppDb(server.dbPath);
  const sqlite = openTestDb(server.dbPath);
  const c = (await sqlite.get<{ id: number }>("select id from consultations where slug = 'joined-up-care'"))!;
  const officerId = (await sqlite.get<{ id: number }>("select id from users where email = ?", DEMO.officer.email))!.id;
  questionId = (await sqlite.get<{ question_id: number }>("select question_id from answers where id = ?", answerIds[0]))!.question_id;
  themeIds = [];
  for (const name of THEMES)
    themeIds.push(
      (await sqlite.run("insert into codebook_themes (consultation_id, name, description, created_at) values (?, ?, '', ?)", c.id, name, new Date()))
        .lastInsertRowid,
    );
  const runId = (
    await sqlite.run(
      "insert into theme_runs (consultation_id, question_id, kind, status, requested_at) values (?, ?, 'assign', 'done', ?)",
      c.id,
      questionId,
      new Date(),
    )
  ).lastInsertRowid;
  await replaceMachineCodings(
    db,
    runId,
    PLAN.map(([, , m], i) => ({ answerId: answerIds[i], themes: m.map((k) => ({ themeId: themeIds[k], confidence: 0.8 })) })),
    new Date(),
  );
  for (const [i, [, p]] of PLAN.entries())
    if (p)
      await recordPersonCoding(
        db,
        c.id,
        answerIds[i],
        p.map((k) => themeIds[k]),
        officerId,
        new Date(),
      );
  await sqlite.close();
  await close();
  officer = new Client(server.url);
  expect((await officer.signIn(DEMO.officer.email, DEMO.officer.password)).status).toBe(302);
  base = `/consultations/joined-up-care/themes/${questionId}/groups`;
});
afterAll(async () => {
  await server?.stop();
});

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, "")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .trim();
/** Each theme's table rows as cell texts. */
function tables(html: string): string[][][] {
  return [...html.matchAll(/data-testid="theme-groups"[\s\S]*?<tbody[^>]*>([\s\S]*?)<\/tbody>/g)].map((m) =>
    [...m[1].matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => text(c[1]))),
  );
}
const NAMES: Record<string, string> = { carer: "Carer", citizen: "Citizen", "not-stated": "Not recorded" };

function expected(basis: "person" | "machine") {
  const answers = PLAN.flatMap(([group, p, m]) =>
    p
      ? [{ group: group ?? "not-stated", themes: p.map(String) }]
      : basis === "machine" && m.length
        ? [{ group: group ?? "not-stated", themes: m.map(String) }]
        : [],
  );
  return { n: answers.length, results: themesByGroup(answers, ["0", "1"]) };
}

describe("themes by stakeholder group", () => {
  for (const basis of ["person", "machine"] as const) {
    it(`shows the engine's figures on the ${basis} basis`, async () => {
      const res = await officer.get(`${base}${basis === "machine" ? "?basis=machine" : ""}`);
      expect(res.status).toBe(200);
      const html = await res.text();
      const { n, results } = expected(basis);
      // The machine basis adds the unreviewed answers the machine gave a theme (an answer it left without one has no coding row).
      expect(n).toBe(basis === "person" ? 9 : 13);
      expect(text(html.match(/data-testid="basis-used"[^>]*>([\s\S]*?)<\/p>/)![1])).toContain(`Answers counted: ${n}`);
      const got = tables(html);
      expect(got).toHaveLength(2);
      results.forEach((r, k) => {
        const order = ["carer", "citizen", "not-stated"];
        const rows = [...r.groups].sort((a, b) => order.indexOf(a.group) - order.indexOf(b.group));
        rows.forEach((g, i) => {
          expect(got[k][i]).toEqual([NAMES[g.group], String(g.answers), String(g.withTheme), `${Math.round(g.share * 100)}%`, g.lift.toFixed(1)]);
        });
        expect(got[k].at(-1)!.slice(0, 4)).toEqual([
          "All groups",
          String(n),
          String(r.groups.reduce((s, g) => s + g.withTheme, 0)),
          `${Math.round(r.overallShare * 100)}%`,
        ]);
      });
      const p = results[0].test.p;
      expect(html).toContain(p < 0.001 ? "p = &lt; 0.001" : `p = ${p.toFixed(p < 0.01 ? 3 : 2)}`);
      expect(html).toContain('role="img"');
      expect(html).toContain("Telling my story once");
    });
  }

  it("says how many answers each basis counts", async () => {
    const html = await (await officer.get(base)).text();
    expect(html).toMatch(/Confirmed by a person[\s\S]*Answers counted: 9<[\s\S]*machine&#x27;s suggestions[\s\S]*Answers counted: 13</);
  });

  it("refuses other partnerships, sends the signed-out to sign in, and 404s for malformed or foreign ids", async () => {
    const other = new Client(server.url);
    await other.signIn(DEMO.otherOfficer.email, DEMO.otherOfficer.password);
    expect((await other.get(base)).status).toBe(403);
    const commissioner = new Client(server.url);
    await commissioner.signIn(DEMO.commissioner.email, DEMO.commissioner.password);
    expect((await commissioner.get(base)).status).toBe(200);
    expect((await new Client(server.url).get(base)).status).toBe(302);
    expect((await officer.get(`/consultations/joined-up-care/themes/abc/groups`)).status).toBe(404);
    expect((await officer.get(`/consultations/joined-up-care/themes/999999/groups`)).status).toBe(404);
    const db = openTestDb(server.dbPath);
    const rating = await db.get<{ id: number }>("select id from questions where type not in ('free-text','propose-outcome') limit 1");
    await db.close();
    if (rating) expect((await officer.get(`/consultations/joined-up-care/themes/${rating.id}/groups`)).status).toBe(404);
  });
});

describe("the published summary's themes by group", () => {
  it("applies the small-number rule: a group count of 3 is shown as fewer than 8, 8 as 10", async () => {
    // Theme 0 carries 3 carers' answers above; 7 more citizens' proposals make 8 citizens, and 2
    // professionals' a second small cell (with one alone, secondary suppression would hide the 8 too).
    const more = await submitTextAnswers(
      server.dbPath,
      [...Array.from({ length: 7 }, () => "citizen" as const), "professional" as const, "professional" as const].map((group, i) => ({
        kind: "propose-outcome" as const,
        text: `Proposal ${i}`,
        group,
      })),
    );
    const db = openTestDb(server.dbPath);
    // `returning`: answer_themes has no id column (openTestDb adds `returning id` on PostgreSQL otherwise).
    for (const id of more)
      await db.run("insert into answer_themes (answer_id, theme_id, tagged_at) values (?, ?, ?) returning answer_id", id, themeIds[0], new Date());
    await db.close();
    const path = await publishDemo(server.url);
    const html = await (await new Client(server.url).get(path)).text();
    const section = html.slice(html.indexOf(">Telling my story once<"));
    const table = section.slice(section.indexOf('data-testid="theme-by-group"'), section.indexOf("</table>"));
    const rows = Object.fromEntries(
      [...table.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)]
        .map((r) => [...r[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => text(c[1])))
        .filter((r) => r.length === 2),
    );
    expect(rows["Carers"]).toBe("fewer than 8");
    expect(rows["Members of the public"]).toBe("10");
    expect(Object.keys(rows)).toContain("Health and care staff");
    expect(Object.values(rows).filter((v) => v === "fewer than 8")).toHaveLength(2);
    expect(table).not.toMatch(/>3</);
  });
});
