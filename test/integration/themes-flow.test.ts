/**
 * From citizens' words to a candidate outcome, over HTTP against the real server: suggestions run
 * in the background (the request only queues them), the officer accepts, renames, merges, splits
 * and discards; the machine codes every answer against the codebook; a person reviews one answer
 * at a time; a theme becomes a candidate outcome with its provenance. Answers are the public
 * reference sample (test/fixtures/reference/themes_sample.csv), submitted with stakeholder groups.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../../app/domain/csv";
import { Client, DEMO } from "../helpers/client";
import { submitTextAnswers } from "../helpers/moderation";
import { openAppDb } from "../helpers/app-db";
import { startServer, type TestServer } from "../helpers/server";
import { openTestDb, type TestDb } from "../helpers/test-database";

const C = "/consultations/joined-up-care";
const GROUPS = ["citizen", "carer", "service-user", "professional"] as const;
let server: TestServer;
let db: TestDb;
let officer: Client;
let answerIds: number[];
let questionId: number;
let Q: string;

async function signedIn(account: { email: string; password: string }) {
  const c = new Client(server.url);
  expect((await c.signIn(account.email, account.password)).status).toBe(302);
  return c;
}

async function until<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, ms = 25_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end)
      throw new Error(
        `timed out waiting for ${what}; server said:\n${server.output().slice(-2000)}\nruns: ${JSON.stringify(await db.all("select id, kind, status, phase, error from theme_runs"))}`,
      );
    await new Promise((r) => setTimeout(r, 200));
  }
}

const runDone = (kind: string) =>
  until(`${kind} run`, async () => {
    const r = (await db.get("select status from theme_runs where kind = ? order by id desc limit 1", kind)) as { status: string } | undefined;
    if (r?.status === "failed") throw new Error(`${kind} run failed`);
    return r?.status === "done";
  });

beforeAll(async () => {
  server = await startServer();
  db = openTestDb(server.dbPath);
  const sample = parseCsv(readFileSync("test/fixtures/reference/themes_sample.csv", "utf8")).rows.map((r) => r.values.text);
  answerIds = await submitTextAnswers(
    server.dbPath,
    sample.map((text, i) => ({ kind: "free-text" as const, text, group: GROUPS[i % GROUPS.length] })),
  );
  questionId = ((await db.get("select question_id as q from answers where id = ?", answerIds[0])) as { q: number }).q;
  Q = `${C}/themes/${questionId}`;
  officer = await signedIn(DEMO.officer);
});
afterAll(async () => {
  await db?.close();
  await server?.stop();
});

describe("who may theme", () => {
  it("lets commissioners read but not act, refuses another partnership, and 404s other questions", async () => {
    const commissioner = await signedIn(DEMO.commissioner);
    for (const p of [`${C}/themes`, Q, `${Q}/review`]) expect((await commissioner.get(p)).status, p).toBe(200);
    expect((await commissioner.post(Q, { intent: "suggest" })).status).toBe(403);
    expect((await commissioner.post(`${Q}/review`, { answerId: String(answerIds[0]), themes: "none" })).status).toBe(403);
    const other = await signedIn(DEMO.otherOfficer);
    for (const p of [`${C}/themes`, Q, `${Q}/review`]) expect((await other.get(p)).status, p).toBe(403);
    expect((await new Client(server.url).get(Q)).status).toBe(302);
    const rating = (await db.get("select q.id from questions q where q.type = 'rating' limit 1")) as { id: number };
    for (const p of [`${C}/themes/${rating.id}`, `${C}/themes/abc`, `${C}/themes/999999/review`, `${Q}/review?answer=999999`])
      expect((await officer.get(p)).status, p).toBe(404);
    expect(await db.get("select count(*) as n from theme_runs")).toEqual({ n: 0 });
  });
});

describe("suggestions, the codebook and the review", () => {
  it("lists the question with its answers", async () => {
    const html = await (await officer.get(`${C}/themes`)).text();
    expect(html).toContain("Is there anything else you want to tell us about joined-up care?");
    expect(html).toContain("0 of 65");
  });

  it("refuses a bad number of themes, keeping what was typed", async () => {
    const res = await officer.post(Q, { intent: "suggest", k: "99" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Enter a number of themes from 2 to 30, or leave it blank");
    expect(html).toContain('value="99"');
  });

  it("queues suggestions without doing the work in the request, then shows them with keywords and example answers", async () => {
    const res = await officer.post(Q, { intent: "suggest", k: "6" });
    expect(res.status).toBe(302);
    const run = (await db.get("select status, kind from theme_runs order by id desc limit 1")) as { status: string; kind: string };
    expect(run.kind).toBe("suggest");
    expect(["queued", "running"]).toContain(run.status);
    await runDone("suggest");
    const open = (await db.all("select * from theme_suggestions where status = 'open' order by size desc")) as Array<{
      id: number;
      label: string;
      size: number;
      member_answer_ids: string;
      exemplar_answer_ids: string;
    }>;
    expect(open.length).toBe(6);
    expect(open.reduce((s, o) => s + o.size, 0)).toBe(65);
    const html = await (await officer.get(Q)).text();
    expect(html).toContain("Suggestions waiting for a decision: 6");
    const example = (await db.get("select text_value as t from answers where id = ?", JSON.parse(open[0].exemplar_answer_ids)[0])) as { t: string };
    expect(html).toContain(example.t.replace(/&/g, "&amp;").replace(/'/g, "&#x27;").replace(/"/g, "&quot;").slice(0, 30));
  });

  it("accepts with a new name, refuses a clash keeping the typed name, merges, discards and splits", async () => {
    const open = async () =>
      (await db.all("select id, size from theme_suggestions where status = 'open' order by size desc, id")) as Array<{ id: number; size: number }>;
    const [a, b, c, d] = await open();
    expect((await officer.post(Q, { intent: "accept", suggestionId: String(a.id), name: "Joined-up services" })).status).toBe(302);
    const clash = await officer.post(Q, { intent: "accept", suggestionId: String(b.id), name: "joined-up SERVICES" });
    expect(clash.status).toBe(400);
    const html = await clash.text();
    expect(html).toContain("The codebook already has a theme with this name");
    expect(html).toContain('value="joined-up SERVICES"');
    expect((await officer.post(Q, { intent: "merge", merge: [String(b.id), String(c.id)], mergeName: "Getting help" })).status).toBe(302);
    expect((await officer.post(Q, { intent: "discard", suggestionId: String(d.id) })).status).toBe(302);
    const themes = await db.all("select name from codebook_themes order by name");
    expect(themes).toEqual([{ name: "Getting help" }, { name: "Joined-up services" }]);
    const states = (await db.all("select id, status from theme_suggestions where id in (?, ?, ?, ?) order by id", a.id, b.id, c.id, d.id)) as Array<{
      id: number;
      status: string;
    }>;
    expect(Object.fromEntries(states.map((s) => [s.id, s.status]))).toEqual({ [a.id]: "accepted", [b.id]: "accepted", [c.id]: "merged", [d.id]: "discarded" });
    // A decided suggestion cannot be decided again.
    expect((await officer.post(Q, { intent: "discard", suggestionId: String(a.id) })).status).toBe(404);
    const big = (await open()).find((s) => s.size >= 4)!;
    expect((await officer.post(Q, { intent: "split", suggestionId: String(big.id) })).status).toBe(302);
    await until(
      "split run",
      async () => ((await db.get("select count(*) as n from theme_runs where kind = 'suggest' and status = 'done'")) as { n: number }).n === 2,
    );
    const halves = (await db.all(
      "select size from theme_suggestions s join theme_runs r on r.id = s.run_id where cast(r.parameters as text) like '%splitOf%'",
    )) as Array<{ size: number }>;
    expect(halves.length).toBe(2);
    expect(halves[0].size + halves[1].size).toBe(big.size);
    expect(await db.get("select status from theme_suggestions where id = ?", big.id)).toEqual({ status: "split" });
  });

  it("codes every answer against the codebook in the background", async () => {
    await runDone("assign");
    const coded = (await db.get("select count(distinct answer_id) as n from machine_codings")) as { n: number };
    expect(coded.n).toBeGreaterThan(30);
    expect(coded.n).toBeLessThanOrEqual(65);
    const html = await (await officer.get(Q)).text();
    expect(html).toMatch(/Machine-coded \d+ of 65 answers on/);
  });

  it("reviews one answer at a time, least confident first, with the machine's themes ticked", async () => {
    const least = (await db.get(
      "select answer_id, min(confidence) as c from (select answer_id, max(confidence) as confidence from machine_codings group by answer_id) as best group by answer_id order by c, answer_id limit 1",
    )) as { answer_id: number };
    const page = await (await officer.get(`${Q}/review`)).text();
    expect(page).toContain("0 of 65 answers reviewed");
    expect(page).toContain(`name="answerId" value="${least.answer_id}"`);
    const suggested = (await db.all("select theme_id from machine_codings where answer_id = ? order by rank", least.answer_id)) as Array<{ theme_id: number }>;
    expect(page).toContain(`checked="" value="${suggested[0].theme_id}"`);
    expect(page).toMatch(/Suggested: \d+% confident/);
    // Nothing ticked: an error that says what to do.
    const empty = await officer.post(`${Q}/review`, { answerId: String(least.answer_id) });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("Select the themes this answer is about, or None of these");
    const unknown = await officer.post(`${Q}/review`, { answerId: String(least.answer_id), themes: "999999" });
    expect(unknown.status).toBe(400);
    const theme = ((await db.get("select id from codebook_themes where name = 'Getting help'")) as { id: number }).id;
    const runsBefore = ((await db.get("select count(*) as n from theme_runs where kind = 'assign'")) as { n: number }).n;
    expect((await officer.post(`${Q}/review`, { answerId: String(least.answer_id), themes: String(theme) })).status).toBe(302);
    expect((await officer.post(`${Q}/review`, { answerId: String(least.answer_id), themes: String(theme) })).status).toBe(302);
    expect(await db.get("select count(*) as n from coding_reviews where answer_id = ?", least.answer_id)).toEqual({ n: 1 });
    expect(await db.all("select theme_id from answer_themes where answer_id = ?", least.answer_id)).toEqual([{ theme_id: theme }]);
    // The confirmation asks the machine to re-score (one queued run, however many confirmations).
    expect(((await db.get("select count(*) as n from theme_runs where kind = 'assign'")) as { n: number }).n).toBeGreaterThan(runsBefore);
    const next = await (await officer.get(`${Q}/review`)).text();
    expect(next).toContain("1 of 65 answers reviewed");
    expect(next).not.toContain(`name="answerId" value="${least.answer_id}"`);
    // Correcting an answer already reviewed shows who confirmed it.
    const again = await (await officer.get(`${Q}/review?answer=${least.answer_id}`)).text();
    expect(again).toContain("Confirmed by a person:");
    expect((await officer.post(`${Q}/review`, { answerId: String(least.answer_id), themes: "none" })).status).toBe(302);
    expect(await db.get("select count(*) as n from answer_themes where answer_id = ?", least.answer_id)).toEqual({ n: 0 });
    expect(await db.get("select count(*) as n from coding_reviews where answer_id = ?", least.answer_id)).toEqual({ n: 1 });
  });
});

describe("a candidate outcome from a theme", () => {
  it("pre-fills the statement, offers the theme's approved quotes, and records where the outcome came from", async () => {
    const theme = (await db.get("select id from codebook_themes where name = 'Joined-up services'")) as { id: number };
    // Two answers tagged by a person, one with an approved quote.
    const [x, y] = answerIds.slice(10, 12);
    for (const a of [x, y]) expect((await officer.post(`${Q}/review`, { answerId: String(a), themes: String(theme.id) })).status).toBe(302);
    const text = ((await db.get("select text_value as t from answers where id = ?", x)) as { t: string }).t;
    expect((await officer.post(`${C}/moderation/${x}`, { intent: "quote", quote: text })).status).toBe(302);
    const quote = (await db.get("select id from approved_quotes where answer_id = ?", x)) as { id: number };
    const form = `${C}/codebook/${theme.id}/outcome`;
    const page = await (await officer.get(form)).text();
    expect(page).toContain("Joined-up services</textarea>");
    expect(page).toContain(`value="${quote.id}"`);
    const domain = (
      (await db.get("select d.id from outcome_domains d join consultations c on c.id = d.consultation_id where c.slug = 'joined-up-care' limit 1")) as {
        id: number;
      }
    ).id;
    const bad = await officer.post(form, { code: "T1", domain: String(domain), statement: "", quotes: "999999" });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain("Choose quotes from the list");
    const commissioner = await signedIn(DEMO.commissioner);
    expect((await commissioner.post(form, { code: "T1", domain: String(domain), statement: "x" })).status).toBe(403);
    const res = await officer.post(form, {
      code: "T1",
      domain: String(domain),
      statement: "Services talk to each other so I tell my story once",
      quotes: String(quote.id),
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toContain("/outcomes?added=T1");
    const outcome = (await db.get("select id from candidate_outcomes where code = 'T1'")) as { id: number };
    expect(await db.get("select theme_name, answer_count, quote_ids from outcome_provenance where outcome_id = ?", outcome.id)).toEqual({
      theme_name: "Joined-up services",
      answer_count: 2,
      quote_ids: `[${quote.id}]`,
    });
    const edit = await (await officer.get(`${C}/outcomes/T1`)).text();
    expect(edit).toContain("From citizens&#x27; words");
    expect(edit).toContain("Written from the theme “Joined-up services”. Answers that carried it: 2.");
    const again = await (await officer.get(form)).text();
    expect(again).toContain("Outcomes already written from this theme: T1.");
  });
});

describe("the blind second coder", () => {
  it("draws a sample from a stated seed, shows its coder only the answer, and reports κ, α and the machine's F1 as the domain computes them", async () => {
    const A = `${Q}/agreement`;
    expect(await (await officer.get(A)).text()).toContain("No second coding has been started for this question.");
    const bad = await officer.post(A, { size: "1", seed: "3" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Enter a number of answers from 2 to 65");
    const { seededSample } = await import("../../app/domain/themes/agreement-intervals");
    const all = ((await db.all("select a.id from answers a where a.question_id = ? order by a.id", questionId)) as Array<{ id: number }>).map((r) => r.id);
    const themes = ((await db.all("select id from codebook_themes order by id")) as Array<{ id: number }>).map((r) => r.id);
    // The first reviewer codes half of what seed 3 will draw, so both people have coded some of the sample.
    for (const [k, a] of seededSample(all, 12, 3).slice(0, 6).entries())
      expect((await officer.post(`${Q}/review`, { answerId: String(a), themes: String(themes[k % themes.length]) })).status).toBe(302);
    const reviewedIds = ((await db.all("select answer_id from coding_reviews")) as Array<{ answer_id: number }>).map((r) => r.answer_id);
    const start = await officer.post(A, { size: "12", seed: "3" });
    expect(start.status).toBe(302);
    expect(start.headers.get("location")).toBe(`${A}/code`);
    const sample = (await db.get("select id, seed, size from agreement_samples order by id desc limit 1")) as { id: number; seed: number; size: number };
    expect(sample).toMatchObject({ seed: 3, size: 12 });
    const drawn = (
      (await db.all("select answer_id from agreement_sample_items where sample_id = ? order by position", sample.id)) as Array<{ answer_id: number }>
    ).map((r) => r.answer_id);
    expect(drawn).toEqual(seededSample(all, 12, 3));
    // Only the sample's coder codes it; commissioners and other partnerships are refused.
    expect((await (await signedIn(DEMO.commissioner)).get(`${A}/code`)).status).toBe(403);
    expect((await (await signedIn(DEMO.otherOfficer)).get(`${A}/code`)).status).toBe(403);
    for (let i = 0; i < drawn.length; i++) {
      const page = await (await officer.get(`${A}/code`)).text();
      expect(page).toContain(`name="answerId" value="${drawn[i]}"`);
      // Blind: no machine suggestion, no confidence, nothing ticked.
      expect(page).not.toContain("Suggested:");
      expect(page).not.toContain("Machine:");
      expect(page).not.toContain('checked=""');
      const choice = i % 3 === 2 ? "none" : String(themes[i % themes.length]);
      expect((await officer.post(`${A}/code`, { answerId: String(drawn[i]), themes: choice })).status).toBe(302);
    }
    // A repeated submit records nothing new; when all are coded the code page sends back to the results.
    expect((await officer.post(`${A}/code`, { answerId: String(drawn[0]), themes: "none" })).status).toBe(302);
    expect(await db.get("select theme_ids from agreement_sample_items where sample_id = ? and answer_id = ?", sample.id, drawn[0])).toEqual({
      theme_ids: `[${themes[0]}]`,
    });
    expect((await officer.get(`${A}/code`)).status).toBe(302);
    // The reviews above queued re-scoring; let it finish so the page and the check see the same machine codings.
    await until(
      "re-scoring",
      async () => ((await db.get("select count(*) as n from theme_runs where status in ('queued', 'running')")) as { n: number }).n === 0,
    );
    const html = await (await officer.get(A)).text();
    expect(html).toContain("Latest sample: 12 of 12 answers coded by");
    const { latestSample, sampleAgreement } = await import("../../app/services/theme-agreement.server");
    const { db: drizzleDb, close } = openAppDb(server.dbPath);
    try {
      const c = (await db.get("select id from consultations where slug = 'joined-up-care'")) as { id: number };
      const expected = await sampleAgreement(drizzleDb, (await latestSample(drizzleDb, c.id, questionId))!);
      const two = (x: number) => x.toFixed(2);
      expect(expected.alpha?.alpha).not.toBeNull();
      expect(html).toContain(`Krippendorff&#x27;s alpha</th><td class="govuk-table__cell govuk-table__cell--numeric">${two(expected.alpha!.alpha!)}`);
      expect(expected.kappa?.kappa).not.toBeNull();
      expect(html).toContain(`Kappa ${two(expected.kappa!.kappa!)}:`);
      if (expected.machine?.macro != null) expect(html).toContain(`Macro-F1 ${two(expected.machine.macro)}`);
      expect(expected.bothPeople).toBe(drawn.filter((id) => reviewedIds.includes(id)).length);
    } finally {
      await close();
    }
  });
});
