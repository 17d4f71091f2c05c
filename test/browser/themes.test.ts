// The themes pages in real Chromium with axe-core: the questions list, one question's page
// (no run, a validation error, progress, suggestions), the review queue (an answer, an error,
// all done) and the candidate outcome form; JavaScript on in English (the progress refreshes
// itself) and off in Welsh (everything works through plain forms); 320 px without sideways scroll.
import { readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../../app/domain/csv";
import { openDatabase } from "../../app/db.server";
import { DEMO } from "../helpers/client";
import { expectAccessible, launchBrowser, newContext, signInAs } from "../helpers/browser";
import { submitTextAnswers } from "../helpers/moderation";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let browser: Browser;
let base: string;
let questionUrl: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const groups = ["citizen", "carer", "service-user", "professional"] as const;
  const texts = parseCsv(readFileSync("test/fixtures/reference/themes_sample.csv", "utf8"))
    .rows.map((r) => r.values.text)
    .slice(0, 40);
  const ids = await submitTextAnswers(
    server.dbPath,
    texts.map((text, i) => ({ kind: "free-text" as const, text, group: groups[i % 4] })),
  );
  const { sqlite } = openDatabase(server.dbPath, "db/migrations");
  const questionId = (sqlite.prepare("select question_id from answers where id = ?").get(ids[0]) as { question_id: number }).question_id;
  sqlite.close();
  base = `${server.url}/consultations/joined-up-care`;
  questionUrl = `${base}/themes/${questionId}`;
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function noSidewaysScroll(page: import("playwright-core").Page, what: string) {
  await page.setViewportSize({ width: 320, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${what} scrolls sideways at 320 px`).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe("themes pages", () => {
  it("suggest, accept, code and review with JavaScript on (English), accessible at every step", async () => {
    const ctx = await newContext(browser, server.url, true, "en");
    const page = await ctx.newPage();
    await signInAs(page, server.url, DEMO.officer);
    await page.goto(`${base}/themes`);
    await expectAccessible(page, "themes questions");
    await page.click("text=Is there anything else you want to tell us about joined-up care?");
    await page.waitForSelector("[data-testid=no-suggestions]");
    await expectAccessible(page, "question page, no run");
    await page.fill("#k", "1");
    await page.click("text=Suggest themes");
    await page.waitForSelector(".govuk-error-summary");
    await expectAccessible(page, "question page, error");
    await page.fill("#k", "5");
    await page.click("button:has-text('Suggest themes')");
    // The page refreshes itself until the suggestions are in.
    await page.waitForSelector("[data-testid=suggestion]", { timeout: 30_000 });
    expect(await page.locator("[data-testid=suggestion]").count()).toBe(5);
    await expectAccessible(page, "question page, suggestions");
    await page.screenshot({ path: "/tmp/themes-question-1280.png", fullPage: true });
    await noSidewaysScroll(page, "question page");
    const first = page.locator("[data-testid=suggestion]").first();
    await first.locator("input[name=name]").fill("Getting the right help");
    await first.locator("button:has-text('Accept')").click();
    await page.waitForSelector(".govuk-notification-banner");
    await page.waitForSelector("[data-testid=last-assign]", { timeout: 30_000 });
    await page.click("text=Review answers one by one");
    await page.waitForSelector("[data-testid=review-answer]");
    expect(await page.textContent("[data-testid=review-progress]")).toContain("0 of 40 answers reviewed");
    await expectAccessible(page, "review, an answer");
    await page.screenshot({ path: "/tmp/themes-review-1280.png", fullPage: true });
    await noSidewaysScroll(page, "review");
    // The keyboard alone: untick the machine's suggestions, tick "None of these", confirm.
    for (const box of await page.locator("input[name=themes]:checked").all()) {
      await box.focus();
      await page.keyboard.press("Space");
    }
    await page.focus("#themes-none");
    await page.keyboard.press("Space");
    expect(await page.isChecked("#themes-none")).toBe(true);
    await page.focus("button:has-text('Confirm and show next')");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.querySelector("[data-testid=review-progress]")?.textContent?.includes("1 of 40"));
    for (const box of await page.locator("input[name=themes]:checked").all()) await box.uncheck();
    await page.click("button:has-text('Confirm and show next')");
    await page.waitForSelector(".govuk-error-summary");
    await expectAccessible(page, "review, error");
  });

  it("works with JavaScript off in Welsh: the questions, a question, the review and the candidate outcome form", async () => {
    const ctx = await newContext(browser, server.url, false, "cy");
    const page = await ctx.newPage();
    await signInAs(page, server.url, DEMO.officer);
    await page.goto(`${base}/themes?lng=cy`);
    expect(await page.getAttribute("html", "lang")).toBe("cy");
    await expectAccessible(page, "questions (Welsh, JS off)");
    await page.goto(questionUrl);
    expect(await page.textContent("h2")).toBeTruthy();
    await expectAccessible(page, "question (Welsh, JS off)");
    await page.goto(`${questionUrl}/review`);
    await expectAccessible(page, "review (Welsh, JS off)");
    for (const checked of await page.locator("input[name=themes]:checked").all()) await checked.uncheck();
    await page.locator("input[name=themes]:not([value=none])").first().check();
    await Promise.all([page.waitForURL(/confirmed=/), page.click("button.govuk-button")]);
    expect(await page.textContent("[data-testid=review-progress]")).toContain("2 o 40");
    await page.goto(`${base}/codebook`);
    await page.click("text=Gwneud canlyniad posibl");
    await page.waitForSelector("#statement");
    await expectAccessible(page, "candidate form (Welsh, JS off)");
    await page.fill("#statement", "");
    await Promise.all([page.waitForLoadState("load"), page.click("button.govuk-button")]);
    await page.waitForSelector(".govuk-error-summary");
    await expectAccessible(page, "candidate form, error (Welsh, JS off)");
    await page.screenshot({ path: "/tmp/themes-candidate-320.png", fullPage: true });
  });

  it("the blind second coder: start a sample, code it, read the agreement, accessible throughout", async () => {
    const ctx = await newContext(browser, server.url, true, "en");
    const page = await ctx.newPage();
    await signInAs(page, server.url, DEMO.officer);
    await page.goto(`${questionUrl}/agreement`);
    await page.waitForSelector("[data-testid=no-sample]");
    await expectAccessible(page, "agreement, no sample");
    await page.fill("#size", "0");
    await page.click("button:has-text('Start coding the sample')");
    await page.waitForSelector(".govuk-error-summary");
    await expectAccessible(page, "agreement, error");
    await page.fill("#size", "3");
    await page.click("button:has-text('Start coding the sample')");
    await page.waitForSelector("[data-testid=blind-answer]");
    await expectAccessible(page, "blind coding");
    for (let i = 0; i < 3; i++) {
      await page.waitForFunction((n) => document.querySelector("[data-testid=blind-progress]")?.textContent?.startsWith(`${n} of 3`), i);
      await page.locator("input[name=themes]").last().check();
      await page.click("button:has-text('Save and show next')");
    }
    await page.waitForSelector("[data-testid=agreement-results]");
    await expectAccessible(page, "agreement results");
    await page.screenshot({ path: "/tmp/themes-agreement-1280.png", fullPage: true });
    await noSidewaysScroll(page, "agreement results");
  });
});
