// The "Done when": publish the demo consultation's summary, then open it
// signed out in each locale and in Easy Read with JavaScript disabled, with zero
// axe violations; the officer's workflow and preview are checked too.
import type { Browser } from "playwright-core";
import { describe, expect, it } from "vitest";
import { SUPPORTED_LOCALES } from "../../app/i18n/config";
import { expectAccessible, newContext, signInAs, withServerAndBrowser } from "../helpers/browser";
import { Client, DEMO } from "../helpers/client";
import type { TestServer } from "../helpers/server";

let server: TestServer;
let browser: Browser;
withServerAndBrowser((s, b) => ([server, browser] = [s, b]));

const SLUG = "joined-up-care";

describe("publishing the demo consultation's summary", () => {
  it("the officer calculates, writes, previews and publishes (JavaScript on, then off)", async () => {
    // Results and closing the consultation belong to other pages: done over HTTP.
    const officer = new Client(server.url);
    await officer.signIn(DEMO.officer.email, DEMO.officer.password);
    const computed = await officer.post(`/consultations/${SLUG}/results`, {
      intent: "compute",
      rule: "comet",
      thresholdIn: "70",
      thresholdOut: "15",
      bound: "strict",
      groups: "overall",
      groupWeighting: "equal",
      margins: "none",
    });
    expect(computed.status).toBe(302);

    for (const javaScriptEnabled of [true, false]) {
      const context = await newContext(browser, server.url, javaScriptEnabled, "en");
      const page = await context.newPage();
      await signInAs(page, server.url, DEMO.officer);
      await page.goto(`${server.url}/consultations/${SLUG}/publication`);
      await page.waitForSelector("form:has(input[value=save])");
      await expectAccessible(page, `workflow, JS ${javaScriptEnabled}`);
      if (!javaScriptEnabled) {
        // Publishing an open consultation is refused with an error summary.
        await page.click("form:has(input[value=publish]) button.govuk-button");
        await page.waitForSelector("[data-testid=error-summary]");
        expect(await page.title()).toMatch(/^Error: /);
        await expectAccessible(page, "workflow with errors");
        await page.fill(
          "#whatWeAsked_en",
          "We asked which outcomes of joined-up health and social care matter most to you.\n\nYour answers shape the contracts for care.",
        );
        await page.fill("#whatWeAsked_cy", "Gofynnon ni pa ganlyniadau gofal cydgysylltiedig sydd bwysicaf i chi.");
        await page.fill("#whatWeDid_en", "Commissioners will agree the outcome set in the spring.");
        await page.fill("#alt_who_en", "A group of people around a table");
        await page.click("form:has(input[value=save]) button.govuk-button");
        await page.waitForSelector(".govuk-notification-banner--success");
        await expectAccessible(page, "draft saved");
        await page.goto(`${server.url}/consultations/${SLUG}/publication/preview?lng=en`);
        await page.waitForSelector("[data-testid=preview-banner]");
        expect(await page.locator("[data-testid=exact]").count()).toBeGreaterThan(0);
        await expectAccessible(page, "preview");
        await page.goto(`${server.url}/consultations/${SLUG}/publication/preview?lng=cy&view=easy-read`);
        await page.waitForSelector(".app-easy-read");
        await expectAccessible(page, "Easy Read preview in Welsh");
        const closed = await officer.post(`/consultations/${SLUG}`, { intent: "status", to: "closed" });
        expect(closed.status).toBe(302);
        await page.goto(`${server.url}/consultations/${SLUG}/publication`);
        await page.click("form:has(input[value=publish]) button.govuk-button");
        await page.waitForSelector(".govuk-notification-banner--success");
        expect(await page.textContent(".govuk-notification-banner--success")).toContain("Version 1");
        await expectAccessible(page, "published");
      }
      await context.close();
    }
  });

  for (const locale of SUPPORTED_LOCALES) {
    it(`is public in ${locale}, signed out, JavaScript off: index, summary and Easy Read pass axe`, async () => {
      const context = await newContext(browser, server.url, false, locale);
      const page = await context.newPage();
      await page.goto(`${server.url}/summaries`);
      await page.waitForSelector("[data-testid=summaries-list]");
      expect(await page.getAttribute("html", "lang")).toBe(locale);
      await expectAccessible(page, `index ${locale}`);
      await page.click(`a[href='/summaries/${SLUG}']`);
      await page.waitForSelector("[data-testid=last-updated]");
      expect(await page.getAttribute("html", "lang")).toBe(locale);
      expect(await page.getAttribute("html", "dir")).toBe(locale === "ur" ? "rtl" : "ltr");
      expect(await page.locator("[data-testid=exact]").count()).toBe(0);
      expect(await page.locator("figure.app-chart figcaption").count()).toBeGreaterThanOrEqual(3);
      await expectAccessible(page, `summary ${locale}`);
      await page.goto(`${server.url}/summaries/${SLUG}/easy-read`);
      await page.waitForSelector(".app-easy-read__point");
      expect(await page.locator(".app-easy-read__point").count()).toBe(5);
      await expectAccessible(page, `Easy Read ${locale}`);
      await context.close();
    });
  }
});
