// The results page in real Chromium: axe-core (WCAG 2.2 AA) with and without
// JavaScript, in English and Welsh, before and after calculating, with errors.
import type { Browser } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO } from "../helpers/client";
import { expectAccessible, newContext, signInAs, withServerAndBrowser } from "../helpers/browser";
import { addSecondRound } from "../helpers/rounds";
import type { TestServer } from "../helpers/server";

let server: TestServer;
let browser: Browser;
withServerAndBrowser((s, b) => ([server, browser] = [s, b]));

for (const javaScriptEnabled of [true, false]) {
  for (const locale of ["en", "cy"] as const) {
    describe(`results, ${locale}, JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
      it("empty, with errors, calculated, and as a commissioner sees it", async () => {
        const context = await newContext(browser, server.url, javaScriptEnabled, locale);
        const page = await context.newPage();
        await signInAs(page, server.url, DEMO.officer);
        await page.click("a[href='/consultations/joined-up-care/results']");
        await page.waitForSelector("form:has(input[value=compute])");
        await expectAccessible(page, "results before calculation");
        await page.fill("#thresholdIn", "200");
        await page.click("form:has(input[value=compute]) button.govuk-button");
        await page.waitForSelector("[data-testid=error-summary]");
        expect(await page.inputValue("#thresholdIn")).toBe("200");
        await expectAccessible(page, "results with errors");
        await page.fill("#thresholdIn", "70");
        await page.click("form:has(input[value=compute]) button.govuk-button");
        await page.waitForSelector("[data-testid=result-version]");
        await expectAccessible(page, "results calculated");
        await page.click("form:has(input[value=upload-margins]) button.govuk-button");
        await page.waitForSelector("[data-testid=error-summary]");
        await expectAccessible(page, "margins upload with errors");
        await context.close();
        const commissioner = await newContext(browser, server.url, javaScriptEnabled, locale);
        const cpage = await commissioner.newPage();
        await signInAs(cpage, server.url, DEMO.commissioner);
        await cpage.goto(`${server.url}/consultations/joined-up-care/results`);
        await cpage.waitForSelector("[data-testid=result-version]");
        expect(await cpage.locator("form:has(input[value=compute])").count()).toBe(0);
        await expectAccessible(cpage, "results as commissioner");
        await commissioner.close();
      });
    });
  }
}

describe("results of a later round", () => {
  it("shows changes since the previous round accessibly, with and without JavaScript", async () => {
    await addSecondRound(server.dbPath);
    for (const javaScriptEnabled of [true, false]) {
      const context = await newContext(browser, server.url, javaScriptEnabled, "en");
      const page = await context.newPage();
      await signInAs(page, server.url, DEMO.commissioner);
      await page.goto(`${server.url}/consultations/joined-up-care/results?round=2`);
      await page.waitForSelector("text=Changes since round 1");
      await expectAccessible(page, `round 2 changes, JavaScript ${javaScriptEnabled ? "on" : "off"}`);
      await context.close();
    }
  });
});
