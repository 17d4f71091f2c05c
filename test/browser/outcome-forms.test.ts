// The officer's outcome pages in real Chromium, axe on every page and state, JavaScript on and
// off, English and Welsh: add an outcome (errors, done), change it, retire it (confirmation,
// errors, done) and bring it back, translate the outcomes and the rating question wording
// (errors, done; Urdu right to left), the overview's counts, the stakeholder-group question's
// first steps; then a Welsh participant sees Welsh outcome statements, and previewing in
// Welsh leaves the officer's own screens in their language.
import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { Client, DEMO } from "../helpers/client";
import { expectAccessible, newContext, signInAs, waitForNavigationOf, withServerAndBrowser } from "../helpers/browser";
import type { TestServer } from "../helpers/server";

let server: TestServer;
let browser: Browser;
withServerAndBrowser((s, b) => ([server, browser] = [s, b]));

const C = "/consultations/joined-up-care";
const errorSummary = "[data-testid=error-summary]";
const successBanner = ".govuk-notification-banner--success";

async function submit(page: Page, formSelector: string, then: string) {
  await Promise.all([page.waitForSelector(then), page.click(`${formSelector} button[type=submit]`)]);
}
async function go(page: Page, path: string, ready: string) {
  await page.goto(`${server.url}${path}`);
  await page.waitForSelector(ready);
}

for (const javaScriptEnabled of [true, false]) {
  for (const locale of ["en", "cy"] as const) {
    const code = `N${locale}${javaScriptEnabled ? 1 : 0}`;
    const label = (what: string) => `${what} (${locale}, JavaScript ${javaScriptEnabled ? "on" : "off"})`;
    describe(`outcome forms, ${locale}, JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
      it("add, change, retire and bring back an outcome; translate; the overview's counts", async () => {
        const context = await newContext(browser, server.url, javaScriptEnabled, locale);
        const page = await context.newPage();
        await signInAs(page, server.url, DEMO.officer);

        await go(page, `${C}/outcomes`, `a[href='${C}/outcomes/new']`);
        await expectAccessible(page, label("library with add and change links"));
        await page.click(`a[href='${C}/outcomes/new']`);
        await page.waitForSelector("#code");
        await expectAccessible(page, label("add an outcome"));
        await submit(page, "main form", errorSummary);
        expect(await page.locator(".govuk-error-message").count()).toBeGreaterThanOrEqual(3);
        await expectAccessible(page, label("add an outcome, with errors"));
        await page.fill("#code", code);
        await page.check("input[name=domain][value=new]");
        await page.fill("#newDomain", `Access ${code}`);
        await page.fill("#statement", "I can get to my appointments easily");
        await submit(page, "main form", successBanner);
        expect(new URL(page.url()).search).toBe(`?added=${code}`);
        expect(await page.textContent("main")).toContain("I can get to my appointments easily");
        await expectAccessible(page, label("library, outcome added"));

        // Change it: an error, then saved.
        await page.click(`a[href='${C}/outcomes/${code}']`);
        await page.waitForSelector("#statement");
        await expectAccessible(page, label("change an outcome"));
        await page.fill("#statement", "");
        await submit(page, "main form:has(input[value=save])", errorSummary);
        await expectAccessible(page, label("change an outcome, with errors"));
        await page.fill("#statement", "I can get to my appointments easily and on time");
        await submit(page, "main form:has(input[value=save])", successBanner);
        expect(await page.textContent("main")).toContain("I can get to my appointments easily and on time");

        // Retire it: the confirmation, its error, done; then bring it back.
        await go(page, `${C}/outcomes/${code}`, `a[href='${C}/outcomes/${code}/retire']`);
        await page.click(`a[href='${C}/outcomes/${code}/retire']`);
        await page.waitForSelector("#reason");
        await expectAccessible(page, label("retire, confirmation"));
        await submit(page, "main form", errorSummary);
        await expectAccessible(page, label("retire, with errors"));
        await page.fill("#reason", "Covered by O13");
        await submit(page, "main form", successBanner);
        expect(new URL(page.url()).search).toBe(`?retired=${code}`);
        await expectAccessible(page, label("library, outcome retired"));
        await go(page, `${C}/outcomes/${code}`, "form:has(input[value=reinstate])");
        await expectAccessible(page, label("a retired outcome"));
        await submit(page, "main form:has(input[value=reinstate])", successBanner);
        expect(new URL(page.url()).search).toBe(`?reinstated=${code}`);

        // Translate into Welsh: an error, then saved.
        await go(page, `${C}/edit/cy/outcomes`, "#ratingText");
        expect(await page.getAttribute("#ratingText", "lang")).toBe("cy");
        await expectAccessible(page, label("translate into Welsh"));
        await page.fill("#ratingText", "Pa mor bwysig yw hyn?");
        await submit(page, "main form", errorSummary);
        await expectAccessible(page, label("translate into Welsh, with errors"));
        await page.fill("#ratingText", "Pa mor bwysig yw hyn i chi: “[outcome]”?");
        const statement = page.locator("textarea[name^=statement-]").last();
        await statement.fill("Gallaf gyrraedd fy apwyntiadau yn hawdd ac ar amser");
        await submit(page, "main form", successBanner);
        expect(await page.textContent(successBanner)).toContain(locale === "cy" ? "Cadwyd y cyfieithiadau (Cymraeg)." : "Translations into Cymraeg saved.");

        // Urdu is written right to left.
        await go(page, `${C}/edit/ur/outcomes`, "#ratingText");
        expect(await page.getAttribute("#ratingText", "dir")).toBe("rtl");
        await expectAccessible(page, label("translate into Urdu"));

        // The overview counts outcome statements and rating questions per language.
        await go(page, C, `a[href='${C}/edit/cy/outcomes']`);
        expect(await page.textContent("main")).toContain(locale === "cy" ? "Datganiadau canlyniadau" : "Outcome statements");
        await expectAccessible(page, label("overview with translation counts"));
        await context.close();
      }, 240_000);

      it("a new stakeholder-group question starts with the four groups", async () => {
        const context = await newContext(browser, server.url, javaScriptEnabled, locale);
        const page = await context.newPage();
        await signInAs(page, server.url, DEMO.officer);
        await go(page, "/consultations/personal-budgets/survey", "main");
        const round = "/consultations/personal-budgets/rounds/1";
        // The draft demo consultation has no round until an officer makes round 1.
        if ((await page.locator(`a[href='${round}']`).count()) === 0)
          await Promise.all([page.waitForURL(`${server.url}${round}`), page.click("main form:has(input[value=first-round]) button[type=submit]")]);
        await go(page, `${round}/questions/new?type=profile`, "input[name=profileField]");
        await expectAccessible(page, label("profile question, choose the field"));
        await submit(page, "main form", errorSummary);
        await expectAccessible(page, label("profile question, choose the field, with errors"));
        await page.check("input[name=profileField][value=stakeholderGroup]");
        await submit(page, "main form", "#choices-en");
        expect(await page.inputValue("#choices-en")).toBe(
          "A member of the public\nA carer (I look after someone)\nSomeone who uses health or social care services\nA health or social care professional",
        );
        expect((await page.inputValue("#choices-cy")).split("\n")).toHaveLength(4);
        await expectAccessible(page, label("profile question, filled in"));
        await context.close();
      }, 240_000);
    });
  }
}

describe("languages of participants and of the preview", () => {
  it("a Welsh participant sees Welsh outcome statements, including the officer's new translation", async () => {
    // The officer translates O1's description into Welsh (and rewords its statement) on the translation page.
    const officer = new Client(server.url);
    await officer.signIn(DEMO.officer.email, DEMO.officer.password);
    const db = new Database(server.dbPath, { readonly: true });
    const o1 = (
      db
        .prepare("select o.id from candidate_outcomes o join consultations c on c.id = o.consultation_id where c.slug = 'joined-up-care' and o.code = 'O1'")
        .get() as { id: number }
    ).id;
    db.close();
    const saved = await officer.post(`${C}/edit/cy/outcomes`, {
      [`statement-${o1}`]: "Dim ond unwaith y mae'n rhaid i mi adrodd fy hanes",
      [`description-${o1}`]: "Mae staff yn rhannu'r hyn maen nhw'n ei wybod, gyda'ch caniatâd.",
    });
    expect(saved.status).toBe(302);
    for (const javaScriptEnabled of [true, false]) {
      const context = await newContext(browser, server.url, javaScriptEnabled, "cy");
      const page = await context.newPage();
      await page.goto(`${server.url}/s/joined-up-care`);
      await waitForNavigationOf(page, javaScriptEnabled, () => page.click("main form button[type=submit]"));
      expect(page.url()).toMatch(/\/briefing\/1$/);
      // Through the briefing to the first question.
      for (let n = 0; n < 10 && !/\/q\/\d+$/.test(page.url()); n++) {
        const before = page.url();
        await waitForNavigationOf(page, javaScriptEnabled, () => page.click("[data-testid=briefing-continue]"));
        expect(page.url()).not.toBe(before);
      }
      expect(page.url()).toMatch(/\/q\/\d+$/);
      // Round 1 has answers, so its question keeps the words it was asked in; the statement and description are the new Welsh.
      expect(await page.textContent("h1")).toContain("Dim ond unwaith y mae'n rhaid i mi adrodd fy stori");
      expect(await page.locator("h1 [lang=en]").count()).toBe(0);
      await page.waitForFunction(() => document.title.includes("adrodd fy hanes"), undefined, { timeout: 5000 });
      const description = page.locator("main p.govuk-body", { hasText: "Mae staff yn rhannu" });
      expect(await description.count()).toBe(1);
      expect(await description.getAttribute("lang")).toBeNull();
      await expectAccessible(page, `Welsh participant, first rating question (JavaScript ${javaScriptEnabled ? "on" : "off"})`);
      await context.close();
    }
  }, 240_000);

  it("previewing in Welsh leaves the officer's own screens in English", async () => {
    for (const javaScriptEnabled of [true, false]) {
      const context = await newContext(browser, server.url, javaScriptEnabled, "en");
      const page = await context.newPage();
      await signInAs(page, server.url, DEMO.officer);
      await go(page, `${C}/rounds/1`, "a[href='/s/joined-up-care/preview?round=1&lng=cy']");
      await Promise.all([page.waitForURL(/\/s\/joined-up-care\/preview$/), page.click("a[href='/s/joined-up-care/preview?round=1&lng=cy']")]);
      expect(await page.getAttribute("html", "lang")).toBe("cy");
      await expectAccessible(page, `preview in Welsh (JavaScript ${javaScriptEnabled ? "on" : "off"})`);
      // Leaving the preview through the header's dashboard link: the officer's English again.
      await Promise.all([page.waitForURL(/\/dashboard$/), page.click("[data-testid=signed-in-as] a[href='/dashboard']")]);
      await page.waitForSelector("h1");
      expect(await page.getAttribute("html", "lang")).toBe("en");
      expect(await page.textContent("[data-testid=signed-in-as]")).toContain("Signed in as");
      expect((await context.cookies()).find((c) => c.name === "lng")?.value).toBe("en");
      await context.close();
    }
  }, 240_000);
});
