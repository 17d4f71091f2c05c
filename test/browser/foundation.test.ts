// Every foundation page and state, in English and Welsh, with JavaScript on and
// off, checked by axe-core (WCAG 2.2 AA tags) in real Chromium.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO } from "../helpers/client";
import { expectAccessible, newContext as newContextFor, signInAs, withServerAndBrowser } from "../helpers/browser";
import type { TestServer } from "../helpers/server";

let server: TestServer;
let browser: Browser;
withServerAndBrowser((s, b) => ([server, browser] = [s, b]));

const newContext = (javaScriptEnabled: boolean, locale: "en" | "cy") => newContextFor(browser, server.url, javaScriptEnabled, locale);
const signIn = (page: Page, account: { email: string; password: string }) => signInAs(page, server.url, account);

for (const javaScriptEnabled of [true, false]) {
  for (const locale of ["en", "cy"] as const) {
    describe(`${locale}, JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
      let context: BrowserContext;
      let page: Page;
      const errors: string[] = [];
      beforeAll(async () => {
        context = await newContext(javaScriptEnabled, locale);
        page = await context.newPage();
        page.on("console", (m) => {
          // The 400, 403 and 404 pages this suite visits on purpose are logged as failed loads.
          if (m.type() !== "error" || /Failed to load resource: .* (400|403|404)/.test(m.text())) return;
          // With the app's JavaScript refused, the failed bundle loads are expected.
          if (!javaScriptEnabled && /ERR_FAILED|Failed to fetch dynamically imported module|Failed to load resource/.test(m.text())) return;
          errors.push(m.text());
        });
        page.on("pageerror", (e) => errors.push(String(e)));
      });
      afterAll(async () => {
        await context?.close();
      });

      it("home, accessibility and privacy pages", async () => {
        for (const path of ["/", "/accessibility", "/privacy"]) {
          await page.goto(`${server.url}${path}`);
          if (javaScriptEnabled) await page.waitForFunction(() => "__remixRouter" in window);
          else expect(await page.evaluate(() => "__remixRouter" in window)).toBe(false);
          expect(await page.getAttribute("html", "lang")).toBe(locale);
          await expectAccessible(page, path);
        }
        expect(await page.title()).toMatch(locale === "en" ? /– Outcomes that matter$/ : /– Canlyniadau sy'n bwysig$/);
      });

      it("sign in: empty, then with errors (error summary, Error: title)", async () => {
        await page.goto(`${server.url}/sign-in`);
        await expectAccessible(page, "sign in empty");
        await page.fill("#email", "not-an-email");
        await page.click("form[method=post] button.govuk-button");
        await page.waitForSelector("[data-testid=error-summary]");
        expect(await page.title()).toMatch(locale === "en" ? /^Error: Sign in/ : /^Gwall: Mewngofnodi/);
        expect(await page.inputValue("#email")).toBe("not-an-email");
        if (javaScriptEnabled) {
          // The summary takes focus; its first link moves focus to the field.
          await page.waitForFunction(() => document.activeElement?.getAttribute("data-testid") === "error-summary");
          await page.click("[data-testid=error-summary] a >> nth=0");
          expect(await page.evaluate(() => document.activeElement?.id)).toBe("email");
        }
        await expectAccessible(page, "sign in with errors");
      });

      it("the administrator's dashboard and people page, with errors and after an invitation", async () => {
        await signIn(page, DEMO.admin);
        expect(await page.textContent("[data-testid=signed-in-as]")).toContain("Amira Khan");
        await expectAccessible(page, "dashboard");
        await page.goto(`${server.url}/partnerships/south-nottinghamshire/users`);
        await expectAccessible(page, "admin users");
        await page.click("form:has(input[value=invite]) button.govuk-button");
        await page.waitForSelector("[data-testid=error-summary]");
        await expectAccessible(page, "admin users with errors");
        await page.fill("#displayName", `Test Person ${locale}${javaScriptEnabled}`);
        await page.fill("#email", `person-${locale}-${javaScriptEnabled}@example.org`);
        await page.check("#role-2");
        await page.click("form:has(input[value=invite]) button.govuk-button");
        await page.waitForSelector("[data-testid=invitation-link]");
        await expectAccessible(page, "admin users after invite");
        const link = (await page.textContent("[data-testid=invitation-link]"))!.trim();
        await page.goto(`${server.url}/sign-out`);
        await expectAccessible(page, "sign out");
        await page.click("button[value=this]");
        await page.waitForURL(/signedOut=1/);
        await expectAccessible(page, "signed out");
        await page.goto(link);
        await expectAccessible(page, "join");
      });

      it("error pages: not found and forbidden", async () => {
        await page.goto(`${server.url}/no-such-page`);
        await expectAccessible(page, "404");
        await signIn(page, DEMO.officer);
        const res = await page.goto(`${server.url}/partnerships/south-nottinghamshire/users`);
        expect(res?.status()).toBe(403);
        await expectAccessible(page, "403");
        await page.goto(`${server.url}/sign-out`);
        await page.click("button[value=this]");
        await page.waitForURL(/signedOut=1/);
      });

      it("switches language with the header link", async () => {
        await page.goto(`${server.url}/sign-in`);
        const other = locale === "en" ? "cy" : "en";
        await Promise.all([page.waitForURL(/\/sign-in$/), page.click(`a[hreflang=${other}]`)]);
        expect(await page.getAttribute("html", "lang")).toBe(other);
        await expectAccessible(page, "after language switch");
        await page.click(`a[hreflang=${locale}]`);
        await page.waitForFunction((l) => document.documentElement.lang === l, locale);
      });

      it("logs no errors in the browser console (CSP lets the app's scripts run)", () => {
        expect(errors).toEqual([]);
      });
    });
  }
}

describe("keyboard", () => {
  it("reaches the skip link first and signs in with the keyboard alone", async () => {
    const context = await newContext(true, "en");
    const page = await context.newPage();
    await page.goto(`${server.url}/sign-in`);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to main content");
    await page.keyboard.press("Enter");
    await page.focus("#email");
    await page.keyboard.type(DEMO.commissioner.email);
    await page.keyboard.press("Tab");
    await page.keyboard.type(DEMO.commissioner.password);
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.waitForSelector("h1:has-text('Claire Boateng')");
    expect(page.url()).toMatch(/\/dashboard$/);
    await context.close();
  });
});
