// Themes by stakeholder group in real Chromium with axe-core: without codings, with a person's
// codings and with the machine's; JavaScript on (English) and off (Welsh); the chart at 320 px.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../app/db.server";
import { recordPersonCoding, replaceMachineCodings } from "../../app/repos/themes.server";
import { DEMO } from "../helpers/client";
import { expectAccessible, launchBrowser, newContext, signInAs } from "../helpers/browser";
import { submitTextAnswers } from "../helpers/moderation";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let browser: Browser;
let url: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const groups = ["carer", "carer", "carer", "citizen", "citizen", "citizen", "professional", "service-user"] as const;
  const ids = await submitTextAnswers(
    server.dbPath,
    groups.map((group, i) => ({ kind: "free-text" as const, text: `Answer ${i}`, group })),
  );
  const { db, sqlite } = openDatabase(server.dbPath, "db/migrations");
  const questionId = (sqlite.prepare("select question_id from answers where id = ?").get(ids[0]) as { question_id: number }).question_id;
  url = `${server.url}/consultations/joined-up-care/themes/${questionId}/groups`;
  sqlite.close();
  void db;
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function code() {
  const { db, sqlite } = openDatabase(server.dbPath, "db/migrations");
  const c = sqlite.prepare("select id from consultations where slug = 'joined-up-care'").get() as { id: number };
  const officerId = (sqlite.prepare("select id from users where email = ?").get(DEMO.officer.email) as { id: number }).id;
  const answers = sqlite.prepare("select a.id, a.question_id from answers a where a.text_value like 'Answer %' order by a.id").all() as {
    id: number;
    question_id: number;
  }[];
  const themes = ["Telling my story once, to everyone who looks after me", "Getting to appointments"].map((name) =>
    Number(
      sqlite.prepare("insert into codebook_themes (consultation_id, name, description, created_at) values (?, ?, '', ?)").run(c.id, name, Date.now())
        .lastInsertRowid,
    ),
  );
  const run = Number(
    sqlite
      .prepare("insert into theme_runs (consultation_id, question_id, kind, status, requested_at) values (?, ?, 'assign', 'done', ?)")
      .run(c.id, answers[0].question_id, Date.now()).lastInsertRowid,
  );
  for (const [i, a] of answers.slice(0, 5).entries()) await recordPersonCoding(db, c.id, a.id, i % 2 ? [themes[1]] : [themes[0]], officerId, new Date());
  await replaceMachineCodings(
    db,
    run,
    answers.slice(5).map((a) => ({ answerId: a.id, themes: [{ themeId: themes[0], confidence: 0.7 }] })),
    new Date(),
  );
  sqlite.close();
}

describe("themes by group", () => {
  it("is accessible without codings, with a person's and with the machine's, JS on in English and off in Welsh; the chart fits 320 px", async () => {
    const on = await newContext(browser, server.url, true, "en");
    const page = await on.newPage();
    await signInAs(page, server.url, DEMO.officer);
    await page.goto(url);
    await page.waitForSelector("[data-testid=no-codings]");
    await expectAccessible(page, "groups (no codings)");
    await code();
    await page.goto(url);
    await page.waitForSelector("[data-testid=groups-chart]");
    expect(await page.textContent("[data-testid=basis-used]")).toContain("Answers counted: 5");
    await expectAccessible(page, "groups (person)");
    await page.check("input[value=machine]");
    await page.click("form[method=get] button");
    await page.waitForURL(/basis=machine/);
    await page.waitForFunction(() => document.querySelector("[data-testid=basis-used]")?.textContent?.includes("counted: 8"));
    expect(await page.textContent("[data-testid=basis-used]")).toContain("Answers counted: 8");
    await expectAccessible(page, "groups (machine)");

    const off = await newContext(browser, server.url, false, "cy");
    const p2 = await off.newPage();
    await signInAs(p2, server.url, DEMO.officer);
    await p2.goto(`${url}?lng=cy`);
    await p2.check("input[value=machine]");
    await Promise.all([p2.waitForURL(/basis=machine/), p2.click("form[method=get] button")]);
    expect(await p2.textContent("h1")).toContain("Themâu yn ôl grŵp rhanddeiliaid");
    await expectAccessible(p2, "groups (Welsh, JS off, machine)");
    await p2.goto(url.replace(/\?.*/, ""));
    await expectAccessible(p2, "groups (Welsh, JS off, person)");

    const shotPage = page;
    await shotPage.goto(`${url}?basis=machine`);
    await shotPage.waitForSelector("[data-testid=groups-chart]");
    await shotPage.setViewportSize({ width: 1280, height: 900 });
    await shotPage.screenshot({ path: "/tmp/theme-groups-1280.png", fullPage: true });
    await shotPage.setViewportSize({ width: 320, height: 800 });
    expect(await shotPage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await shotPage.screenshot({ path: "/tmp/theme-groups-320.png", fullPage: true });
  });
});
