// The whole study in real Chromium (methods §4, "Across rounds"): the whole-study results,
// the COS-STAR report and its form, the outcome set built from both rounds, the trace page
// and the published summary, found by their links' visible text, with axe-core (WCAG 2.2 AA),
// JavaScript on and off, in English and Welsh.
import type { Browser } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { Client, DEMO } from "../helpers/client";
import { expectAccessible, newContext, signInAs, withServerAndBrowser } from "../helpers/browser";
import type { TestServer } from "../helpers/server";
import { prepareTwoRoundStudy, STUDY_SLUG } from "../helpers/study";

let server: TestServer;
let browser: Browser;
withServerAndBrowser((s, b) => ([server, browser] = [s, b]));
beforeAll(async () => {
  await prepareTwoRoundStudy(server.url, server.dbPath);
});

const TEXT = {
  en: {
    results: "Results",
    study: "Whole study",
    report: "Study report (COS-STAR)",
    round1: "Round 1",
    save: "Save the report",
    start: "Start building the outcome set",
    trace: "Where it came from",
    tooLong: "Each answer must be 5,000 characters or fewer",
    history: "Every round it was rated in",
    howDone: "How this was done",
  },
  cy: {
    results: "Canlyniadau",
    study: "Yr astudiaeth gyfan",
    report: "Adroddiad yr astudiaeth (COS-STAR)",
    round1: "Rownd 1",
    save: "Cadw'r adroddiad",
    start: "Dechrau llunio'r set o ganlyniadau",
    trace: "O ble y daeth",
    tooLong: "Rhaid i bob ateb fod yn 5,000 o nodau neu lai",
    history: "Pob rownd y cafodd ei sgorio ynddi",
    howDone: "Sut y gwnaed hyn",
  },
} as const;

for (const javaScriptEnabled of [true, false]) {
  for (const locale of ["en", "cy"] as const) {
    const w = TEXT[locale];
    describe(`the whole study, ${locale}, JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
      it("officer: whole-study results, the COS-STAR report, and its form with an error", async () => {
        const context = await newContext(browser, server.url, javaScriptEnabled, locale);
        const page = await context.newPage();
        await signInAs(page, server.url, DEMO.officer);
        await page.goto(`${server.url}/consultations/${STUDY_SLUG}/results`);
        await page.getByRole("link", { name: w.study, exact: true }).click();
        await page.waitForSelector("[data-testid=study-framework]");
        expect(await page.locator("[data-testid=study-O1]").locator("xpath=ancestor::tr").innerText()).toContain(w.round1);
        expect(await page.locator("[data-testid=round-path]").first().innerText()).toContain("→");
        await expectAccessible(page, "whole study");
        await page.getByRole("link", { name: w.report, exact: true }).click();
        await page.waitForSelector("[data-testid=cos-star-item-9a]");
        await expectAccessible(page, "COS-STAR report");
        await page.fill("#item-4", "x".repeat(5001));
        await page.getByRole("button", { name: w.save }).click();
        await page.waitForSelector("[data-testid=error-summary]");
        expect(await page.locator("[data-testid=error-summary]").innerText()).toContain(w.tooLong);
        expect((await page.inputValue("#item-4")).length).toBe(5001);
        await expectAccessible(page, "COS-STAR report with an error");
        await context.close();
      });

      it("commissioner: the outcome set built from both rounds, and an outcome's history", async () => {
        const context = await newContext(browser, server.url, javaScriptEnabled, locale);
        const page = await context.newPage();
        await signInAs(page, server.url, DEMO.commissioner);
        await page.goto(`${server.url}/consultations/${STUDY_SLUG}/framework`);
        const start = page.getByRole("button", { name: w.start });
        if (await start.count()) {
          expect(await page.locator("[data-testid=built-from]").innerText()).toMatch(/1.*13.*2.*9/s);
          await expectAccessible(page, "outcome set, before starting");
          await start.click();
        }
        await page.waitForSelector("[data-testid=basis]");
        expect(await page.locator("[data-testid=round-O1]").innerText()).toContain(w.round1);
        await expectAccessible(page, "outcome set from two rounds");
        await page.locator("a", { hasText: w.trace }).filter({ hasText: "O3" }).click();
        await page.waitForSelector("[data-testid=round-history]");
        expect(await page.getByRole("heading", { name: w.history }).count()).toBe(1);
        expect(await page.locator("[data-testid=round-history] tbody tr").count()).toBe(2);
        await expectAccessible(page, "trace of an outcome decided in round 2");
        await context.close();
      });
    });
  }
}

describe("the whole study at 320 px", () => {
  it("never scrolls the page sideways: whole study, report, outcome set and trace (WCAG 1.4.10)", async () => {
    const context = await newContext(browser, server.url, true, "en");
    const page = await context.newPage();
    await signInAs(page, server.url, DEMO.commissioner);
    await page.setViewportSize({ width: 320, height: 800 });
    const C = `/consultations/${STUDY_SLUG}`;
    for (const path of [`${C}/results/study`, `${C}/results/report`, `${C}/results?round=2`, `${C}/framework`, `${C}/framework/1/trace/O3`]) {
      await page.goto(`${server.url}${path}`);
      const { scrollWidth, viewport } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        viewport: document.documentElement.clientWidth,
      }));
      expect(scrollWidth, path).toBeLessThanOrEqual(viewport);
    }
    await context.close();
  });
});

describe("the published summary of a two-round study", () => {
  it("reports every round and how it was done, accessibly, in English and Welsh, with and without JavaScript", async () => {
    const officer = new Client(server.url);
    await officer.signIn(DEMO.officer.email, DEMO.officer.password);
    const C = `/consultations/${STUDY_SLUG}`;
    expect((await officer.post(C, { intent: "status", to: "closed" })).status).toBe(302);
    expect(
      (
        await officer.post(`${C}/publication`, {
          intent: "save",
          result: "latest",
          margins: "none",
          licence: "OGL-3.0",
          whatWeAsked_en: "We asked which outcomes matter most.",
        })
      ).status,
    ).toBe(302);
    expect((await officer.post(`${C}/publication`, { intent: "publish", changeNote: "" })).status).toBe(302);
    for (const javaScriptEnabled of [true, false]) {
      for (const locale of ["en", "cy"] as const) {
        const context = await newContext(browser, server.url, javaScriptEnabled, locale);
        const page = await context.newPage();
        await page.goto(`${server.url}/summaries/${STUDY_SLUG}`);
        await page.waitForSelector("[data-testid=all-outcomes]");
        expect(await page.locator("[data-testid=people-by-round] tbody tr").count()).toBe(2);
        expect(await page.getByRole("heading", { name: TEXT[locale].howDone }).count()).toBe(1);
        expect(await page.locator("html").getAttribute("lang")).toBe(locale);
        await expectAccessible(page, `published summary, ${locale}, JavaScript ${javaScriptEnabled ? "on" : "off"}`);
        await page.setViewportSize({ width: 320, height: 800 });
        const { scrollWidth, viewport } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          viewport: document.documentElement.clientWidth,
        }));
        expect(scrollWidth, `summary at 320 px, ${locale}`).toBeLessThanOrEqual(viewport);
        await context.close();
      }
    }
  });
});
