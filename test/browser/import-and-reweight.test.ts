// In real Chromium, axe-core with and without JavaScript, in English and Welsh:
// an officer imports paper responses (the page, an error, a problem report, the result), and a
// commissioner includes an outcome with no weight and shares the weights out by priority.
import type { Browser, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO, signedInClient } from "../helpers/client";
import { expectAccessible, newContext, signInAs, withServerAndBrowser } from "../helpers/browser";
import { COMET, currentSet } from "../helpers/framework";
import type { TestServer } from "../helpers/server";

let server: TestServer;
let browser: Browser;
withServerAndBrowser((s, b) => ([server, browser] = [s, b]));

const C = "/consultations/joined-up-care";
const F = `${C}/framework`;
const file = (name: string, text: string) => ({ name, mimeType: "text/csv", buffer: Buffer.from(text) });

beforeAll(async () => {
  // Results and a draft outcome set for the commissioner's part.
  expect((await (await signedInClient(server.url, DEMO.officer)).post(`${C}/results`, COMET)).status).toBe(302);
  expect((await (await signedInClient(server.url, DEMO.commissioner)).post(F, { intent: "start" })).status).toBe(302);
});

async function submit(page: Page, form: string) {
  await Promise.all([page.waitForLoadState("load"), page.click(`${form} button.govuk-button`)]);
}

for (const javaScriptEnabled of [true, false]) {
  for (const locale of ["en", "cy"] as const) {
    const tag = `${locale}${javaScriptEnabled ? 1 : 0}`;
    describe(`${locale}, JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
      it("an officer imports paper responses into round 1", async () => {
        const context = await newContext(browser, server.url, javaScriptEnabled, locale);
        const page = await context.newPage();
        await signInAs(page, server.url, DEMO.officer);
        await page.goto(`${server.url}${C}/rounds/1`);
        await page.click(`a[href='${C}/rounds/1/import']`);
        await page.waitForSelector("form[enctype='multipart/form-data']");
        await expectAccessible(page, "import page");
        const total = Number(await page.textContent("[data-testid=channel-total]"));

        await submit(page, "form[enctype='multipart/form-data']");
        await page.waitForSelector("[data-testid=error-summary]");
        expect(await page.title()).toMatch(/^(Error|Gwall): /);
        await expectAccessible(page, "import with nothing chosen");

        await page.check("input[name=channel][value=paper]");
        await page.setInputFiles("#file", file("bad.csv", "respondent_id,O1,O2\nA,10,5\nA,U,x\n"));
        await submit(page, "form[enctype='multipart/form-data']");
        await page.waitForSelector("table:has(td)");
        await page.waitForSelector("[data-testid=error-summary]");
        await expectAccessible(page, "import problem report");

        await page.check("input[name=channel][value=event]");
        await page.setInputFiles("#file", file(`${tag}.csv`, `respondent_id,group,O1,O2\n${tag}-1,carer,9,8\n${tag}-2,citizen,7,U\n`));
        await submit(page, "form[enctype='multipart/form-data']");
        await page.waitForSelector(".govuk-notification-banner--success");
        expect(Number(await page.textContent("[data-testid=channel-total]"))).toBe(total + 2);
        expect(await page.textContent("main")).toContain(`${tag}.csv`);
        await expectAccessible(page, "after the import");
        await context.close();
      });

      it("a commissioner includes an outcome with no weight and shares the weights out by priority", async () => {
        const code = (await currentSet(server.dbPath)).content.outcomes.find((o) => !o.included)!.code;
        const context = await newContext(browser, server.url, javaScriptEnabled, locale);
        const page = await context.newPage();
        await signInAs(page, server.url, DEMO.commissioner);
        await page.goto(`${server.url}${F}/outcomes/${code}`);
        await page.check("input[name=included][value=yes]");
        await page.fill("#inclusionReason", "A statutory duty of the council");
        await submit(page, "form:has(input[value=inclusion])");
        await page.waitForSelector("form:has(input[name=choice])");
        expect(new URL(page.url()).pathname).toBe(`${F}/reweight`);
        expect(await page.textContent("[data-testid=without-weight]")).toContain(code);
        await expectAccessible(page, "the choice after including an outcome with no weight");

        await submit(page, "form:has(input[name=choice])");
        await page.waitForSelector("[data-testid=error-summary]");
        await expectAccessible(page, "the choice with an error");

        await page.check("input[name=choice][value=priority]");
        await submit(page, "form:has(input[name=choice])");
        await page.waitForSelector(".govuk-notification-banner--success");
        expect(new URL(page.url()).pathname).toBe(`${F}/weights`);
        await expectAccessible(page, "weights after sharing them out");
        const included = (await currentSet(server.dbPath)).content.outcomes.filter((o) => o.included);
        expect(included.every((o) => o.finalWeight !== null)).toBe(true);
        expect(included.reduce((a, o) => a + Math.round(o.finalWeight! * 100), 0)).toBe(10000);

        // Leave it out again for the next run (a reason, in case it is a departure).
        await page.goto(`${server.url}${F}/outcomes/${code}`);
        await page.check("input[name=included][value=no]");
        await page.fill("#inclusionReason", "Back as the citizens decided");
        await submit(page, "form:has(input[value=inclusion])");
        await page.waitForSelector(".govuk-notification-banner--success");
        await context.close();
      });
    });
  }
}
