// Personal data pages in real Chromium with axe: a consultation's retention page (empty, error,
// saved) and a member's data and erasure page (error, erased), in English and Welsh, JS on and off.
import type { Browser } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO } from "../helpers/client";
import { expectAccessible, fillDate, newContext, signInAs, withServerAndBrowser } from "../helpers/browser";
import type { TestServer } from "../helpers/server";

let server: TestServer;
let browser: Browser;
withServerAndBrowser((s, b) => ([server, browser] = [s, b]));

const cases = [
  { js: true, locale: "en", member: 2 },
  { js: false, locale: "cy", member: 3 },
] as const;

for (const { js, locale, member } of cases) {
  describe(`personal data, ${locale}, JavaScript ${js ? "on" : "off"}`, () => {
    it("retention: empty, error, saved; member: error, erased", async () => {
      const context = await newContext(browser, server.url, js, locale);
      const page = await context.newPage();
      await signInAs(page, server.url, DEMO.officer);
      await page.goto(`${server.url}/consultations/joined-up-care`);
      await page.click("a[href='/consultations/joined-up-care/privacy']");
      await page.waitForSelector("form:has(input[value=retention])");
      await expectAccessible(page, "privacy: empty");
      await page.click("form:has(input[value=delete]) button.govuk-button");
      await page.waitForSelector("[data-testid=error-summary]");
      expect(await page.title()).toMatch(/^(Error|Gwall):/);
      await expectAccessible(page, "privacy: error");
      await fillDate(page, "retainUntil", "2028-01-31");
      await page.click("form:has(input[value=retention]) button.govuk-button");
      await page.waitForSelector(".govuk-notification-banner--success");
      await expectAccessible(page, "privacy: saved");

      const base = `/partnerships/south-nottinghamshire/groups/1/members/${member}`;
      await page.goto(`${server.url}${base}`);
      await page.click(`a[href='${base}/privacy']`);
      await page.waitForSelector("form:has(input[value=erase])");
      await expectAccessible(page, "member data: start");
      await page.click("form:has(input[value=erase]) button.govuk-button");
      await page.waitForSelector("[data-testid=error-summary]");
      await expectAccessible(page, "member data: error");
      await page.check("input[name=confirm]");
      await page.click("form:has(input[value=erase]) button.govuk-button");
      await page.waitForSelector(".govuk-notification-banner--success");
      await expectAccessible(page, "member data: erased");
      await context.close();
    });
  });
}
