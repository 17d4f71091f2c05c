// The candidate outcome library in real Chromium: axe-core with and without
// JavaScript, in English and Welsh: the list, an import report, a successful import.
import type { Browser } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO } from "../helpers/client";
import { expectAccessible, newContext, signInAs, withServerAndBrowser } from "../helpers/browser";
import type { TestServer } from "../helpers/server";

let server: TestServer;
let browser: Browser;
withServerAndBrowser((s, b) => ([server, browser] = [s, b]));

const file = (name: string, text: string) => ({ name, mimeType: "text/csv", buffer: Buffer.from(text) });

for (const javaScriptEnabled of [true, false]) {
  for (const locale of ["en", "cy"] as const) {
    describe(`outcomes, ${locale}, JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
      it("list, import report, imported", async () => {
        const context = await newContext(browser, server.url, javaScriptEnabled, locale);
        const page = await context.newPage();
        await signInAs(page, server.url, DEMO.officer);
        await page.click("a[href='/consultations/joined-up-care/outcomes']");
        await page.waitForSelector("form:has(input[value=import])");
        await expectAccessible(page, "outcome library");
        await page.setInputFiles("#file", file("bad.csv", "code,domain,statement,description\n,Access,,\n"));
        await page.click("form:has(input[value=import]) button.govuk-button");
        await page.waitForSelector("[data-testid=error-summary]");
        await expectAccessible(page, "import report");
        const code = `N${locale}${javaScriptEnabled ? 1 : 0}`;
        await page.setInputFiles("#file", file("good.csv", `code,domain,statement,description\n${code},Access,I can get to my appointments easily,\n`));
        await page.click("form:has(input[value=import]) button.govuk-button");
        await page.waitForSelector(".govuk-notification-banner--success");
        expect(await page.textContent("main")).toContain(code);
        await expectAccessible(page, "after import");
        await context.close();
      });
    });
  }
}
