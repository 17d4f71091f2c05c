// The officer's whole journey in real Chromium, with axe-core (WCAG 2.2 AA) on every
// officer page in each state (empty, with errors, filled): create a consultation,
// translate it, build a two-round survey, open round 1, and after responses set up
// round 2 from round 1's results. Once with JavaScript in English, once without in Welsh.
import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO } from "../helpers/client";
import { expectAccessible, fillDate, newContext, signInAs, withServerAndBrowser } from "../helpers/browser";
import { insertResponses } from "../helpers/responses";
import type { TestServer } from "../helpers/server";

let server: TestServer;
let browser: Browser;
withServerAndBrowser((s, b) => ([server, browser] = [s, b]));

function roundIdOf(slug: string, number: number): number {
  const db = new Database(server.dbPath, { readonly: true });
  try {
    return (
      db
        .prepare(
          "select r.id from rounds r join surveys s on s.id = r.survey_id join consultations c on c.id = s.consultation_id where c.slug = ? and r.number = ?",
        )
        .get(slug, number) as { id: number }
    ).id;
  } finally {
    db.close();
  }
}

/** Clicks the submit button of the form holding `intent` (or the page's main form) and waits for `then`. */
async function submit(page: Page, formSelector: string, then: string) {
  await Promise.all([page.waitForSelector(then), page.click(`${formSelector} button[type=submit]`)]);
}
const errorSummary = "[data-testid=error-summary]";
const successBanner = ".govuk-notification-banner--success";

const RUNS = [
  { javaScriptEnabled: true, locale: "en" as const, title: "Care closer to home" },
  { javaScriptEnabled: false, locale: "cy" as const, title: "Care closer to home in Wales" },
];

for (const run of RUNS) {
  describe(`officer journey, ${run.locale}, JavaScript ${run.javaScriptEnabled ? "on" : "off"}`, () => {
    it("creates, translates, builds two rounds, opens round 1 and sets up round 2", { timeout: 400_000 }, async () => {
      const context = await newContext(browser, server.url, run.javaScriptEnabled, run.locale);
      const page = await context.newPage();
      await signInAs(page, server.url, DEMO.officer);
      await expectAccessible(page, "dashboard");

      // Create: empty, with errors, created.
      await page.click("a[href='/consultations/new?partnership=south-nottinghamshire']");
      await page.waitForSelector("#title");
      await expectAccessible(page, "create, empty");
      await page.fill("#contactEmail", "not an email");
      await submit(page, "main form[method=post]", errorSummary);
      expect(await page.inputValue("#contactEmail")).toBe("not an email");
      expect(await page.title()).toMatch(/^(Error|Gwall):/);
      await expectAccessible(page, "create, with errors");
      await page.fill("#title", run.title);
      await page.fill("#summary", "What matters to you about care at home?");
      await page.check("#audience-3");
      await fillDate(page, "closesAt", "2099-01-31");
      await page.fill("#contactEmail", "engage@south-notts.example");
      await page.selectOption("#advisoryGroupId", { index: 1 });
      await submit(page, "main form[method=post]", successBanner);
      const slug = new URL(page.url()).pathname.split("/")[2];
      expect(slug).toMatch(/^care-closer-to-home/);
      const base = `/consultations/${slug}`;
      await expectAccessible(page, "overview, created");

      // Opening is refused until round 1 has questions.
      await submit(page, "form:has(input[name=to][value=open])", errorSummary);
      await expectAccessible(page, "overview, refused");

      // Welsh text: empty, with errors, saved.
      await page.click(`a[href='${base}/edit/cy']`);
      await page.waitForSelector("#briefing");
      await expectAccessible(page, "Welsh text, empty");
      await page.fill("#summary", "Beth sy'n bwysig i chi am ofal yn y cartref?");
      await submit(page, "main form[method=post]", errorSummary);
      expect(await page.inputValue("#summary")).toBe("Beth sy'n bwysig i chi am ofal yn y cartref?");
      await expectAccessible(page, "Welsh text, with errors");
      await page.fill("#title", "Gofal yn nes at adref");
      await page.fill("#briefing", "## Yr achos dros newid\n\nMae pobl eisiau gofal yn nes at adref.");
      await submit(page, "main form[method=post]", successBanner);
      expect(await page.textContent("main")).toContain("Cymraeg");
      await page.goto(`${server.url}${base}/edit/cy`);
      await page.waitForSelector("#briefing");
      await expectAccessible(page, "Welsh text, filled");

      // Settings: with errors, saved.
      await page.goto(`${server.url}${base}/edit`);
      await page.waitForSelector("#opensAt");
      await expectAccessible(page, "settings, filled");
      await fillDate(page, "opensAt", "2099-02-01");
      await submit(page, "main form[method=post]", errorSummary);
      await expectAccessible(page, "settings, with errors");
      await fillDate(page, "opensAt", "");
      await Promise.all([page.waitForURL(`${server.url}${base}`), page.click("main form[method=post] button[type=submit]")]);

      // Outcomes for the rating questions.
      await page.goto(`${server.url}${base}/outcomes`);
      await page.setInputFiles("#file", {
        name: "o.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(
          "code,domain,statement,description\nH1,Home,I can stay in my own home,\nH2,Home,My home is adapted to my needs,\nT1,Time,People arrive when they say they will,\n",
        ),
      });
      await submit(page, "form:has(input[value=import])", successBanner);

      // Survey and round 1: empty, then filled.
      await page.goto(`${server.url}${base}/survey`);
      await page.waitForSelector(`a[href='${base}/rounds/1']`);
      await expectAccessible(page, "survey");
      await page.click(`a[href='${base}/rounds/1']`);
      await page.waitForSelector("form:has(input[value=add-ratings])");
      expect(await page.locator(`a[href='/s/${slug}/preview?round=1&lng=cy']`).count()).toBe(1);
      await expectAccessible(page, "round 1, no questions");
      await submit(page, "form:has(input[value=add-ratings])", successBanner);
      await expectAccessible(page, "round 1, ratings added");

      // A single-choice question: type chooser, its errors, the form and its errors.
      await page.click(`a[href='${base}/rounds/1/questions/new']`);
      await page.waitForSelector("input[name=type][value=single-choice]");
      await expectAccessible(page, "question type, empty");
      await submit(page, "main form:has(input[value=choose])", errorSummary);
      await expectAccessible(page, "question type, with errors");
      await page.check("input[name=type][value=single-choice]");
      await submit(page, "main form:has(input[value=choose])", "#choices-en");
      await expectAccessible(page, "question form, empty");
      await page.fill("#text-en", "Do you look after someone?");
      await page.fill("#choices-en", "Yes");
      await submit(page, "main form[method=post]", errorSummary);
      expect(await page.inputValue("#text-en")).toBe("Do you look after someone?");
      await expectAccessible(page, "question form, with errors");
      await page.fill("#choices-en", "Yes\nNo");
      await page.fill("#text-cy", "Ydych chi'n gofalu am rywun?");
      await page.fill("#choices-cy", "Ydw\nNac ydw");
      await submit(page, "main form[method=post]", successBanner);

      // A follow-up shown only to carers.
      await page.goto(`${server.url}${base}/rounds/1/questions/new?type=free-text`);
      await page.waitForSelector("#condition");
      await page.fill("#text-en", "What would help you as a carer?");
      await page.selectOption("#condition", { index: 1 });
      await submit(page, "main form[method=post]", successBanner);
      await expectAccessible(page, "round 1, five questions");
      expect(await page.locator("ol.govuk-list > li").count()).toBe(5);

      // Edit the single-choice question: filled, with errors, saved; then move it up.
      const choiceItem = page.locator("ol.govuk-list > li").nth(3);
      const editHref = await choiceItem.locator("a[href*='/questions/']").getAttribute("href");
      await page.click(`a[href='${editHref}']`);
      await page.waitForSelector("#choices-cy");
      expect(await page.inputValue("#choices-cy")).toBe("Ydw\nNac ydw");
      await expectAccessible(page, "edit question, filled");
      await page.fill("#text-en", "");
      await submit(page, "main form:has(input[value=save])", errorSummary);
      await expectAccessible(page, "edit question, with errors");
      await page.fill("#text-en", "Do you care for someone?");
      await submit(page, "main form:has(input[value=save])", successBanner);
      const questionId = editHref!.split("/").pop();
      await submit(page, `li#question-${questionId} form`, `li#question-${questionId}`);
      await page.waitForFunction((id) => document.querySelectorAll("ol.govuk-list > li")[2]?.id === `question-${id}`, questionId);

      // Round settings: with errors, saved.
      await fillDate(page, "closesAt", "2099-01-01");
      await fillDate(page, "opensAt", "2099-02-01");
      await submit(page, "form:has(input[value=settings])", errorSummary);
      await expectAccessible(page, "round settings, with errors");
      await fillDate(page, "opensAt", "");
      await submit(page, "form:has(input[value=settings])", successBanner);

      // Open the consultation: round 1 opens with it.
      await page.goto(`${server.url}${base}`);
      await submit(page, "form:has(input[name=to][value=open])", successBanner);
      await expectAccessible(page, "overview, open");

      // Responses arrive (as the citizen journey stores them); questions lock.
      await insertResponses(server.dbPath, roundIdOf(slug, 1), 20, (code, k) => (code === "H1" ? 9 : code === "H2" ? 2 : k % 2 ? 9 : 3));
      await page.goto(`${server.url}${base}/rounds/1`);
      await page.waitForSelector(".govuk-inset-text");
      expect(await page.locator("form:has(input[value=add-ratings])").count()).toBe(0);
      await expectAccessible(page, "round 1, locked");
      await submit(page, "form:has(input[name=to][value=closed])", successBanner);

      // Results for round 1, then round 2 from them.
      await page.goto(`${server.url}${base}/results?round=1`);
      await submit(page, "form:has(input[value=compute])", "[data-testid=result-version]");
      await page.goto(`${server.url}${base}/rounds/new`);
      await page.waitForSelector("input[name=outcomeIds]");
      await expectAccessible(page, "round 2 set-up, filled");
      const checked = await page.$$eval("input[name=outcomeIds]:checked", (els) => els.map((e) => (e.parentElement?.textContent ?? "").slice(0, 3)));
      expect(checked).toEqual(["T1:"]);
      await page.uncheck("input[name=outcomeIds]:checked");
      await submit(page, "main form[method=post]", errorSummary);
      await expectAccessible(page, "round 2 set-up, with errors");
      await page.check("#outcomeIds-2");
      await page.check("#outcomeIds-domain-2");
      await page.check("input[name=feedbackBy][value=stakeholder-group]");
      await submit(page, "main form[method=post]", successBanner);
      expect(new URL(page.url()).pathname).toBe(`${base}/rounds/2`);
      expect(await page.locator("ol.govuk-list > li").count()).toBe(4);
      await expectAccessible(page, "round 2, created");
      await page.goto(`${server.url}${base}/survey`);
      expect(await page.locator(`a[href='${base}/rounds/2']`).count()).toBe(1);
      await page.goto(`${server.url}/dashboard`);
      await expectAccessible(page, "dashboard with the new consultation");
      await context.close();
    });
  });
}

describe("empty states", () => {
  it("a consultation without rounds, as the officer sees it", { timeout: 120_000 }, async () => {
    const context = await newContext(browser, server.url, true, "en");
    const page = await context.newPage();
    await signInAs(page, server.url, DEMO.officer);
    await page.goto(`${server.url}/consultations/personal-budgets/survey`);
    await page.waitForSelector("form:has(input[value=first-round])");
    await expectAccessible(page, "survey without rounds");
    await page.goto(`${server.url}/consultations/personal-budgets`);
    await expectAccessible(page, "draft overview with no rounds");
    await page.goto(`${server.url}/consultations/personal-budgets/rounds/new`);
    await expectAccessible(page, "next round refused");
    await context.close();
  });
});
