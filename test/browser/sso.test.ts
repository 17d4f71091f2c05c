// Staff single sign-on in real Chromium (decision 0025), English and Welsh, JavaScript on and
// off, with axe on every page and state: the administrator's settings (errors, saved), the
// sign-in page's button, the whole round trip through a test OpenID Connect provider, a refused
// token, a password refused when SSO is required, and the signed-out page's offer.
import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO } from "../helpers/client";
import { expectAccessible, newContext, signInAs, withServerAndBrowser } from "../helpers/browser";
import { startTestOidcProvider, type TestOidcProvider } from "../helpers/oidc-provider";
import type { TestServer } from "../helpers/server";

let server: TestServer;
let browser: Browser;
withServerAndBrowser((s, b) => ([server, browser] = [s, b]), { SSO_ALLOW_HTTP_ISSUER: "true" });
let idp: TestOidcProvider;
beforeAll(async () => {
  idp = await startTestOidcProvider();
});
afterAll(async () => {
  await idp?.close();
});

const SETTINGS = "/partnerships/south-nottinghamshire/sign-in";
const text = {
  en: {
    saved: "The sign-in settings have been saved.",
    button: "Sign in with South Nottinghamshire",
    signedOut: "You have signed out",
    token: "did not confirm who you are",
    required: "Your organisation asks you to sign in",
  },
  cy: {
    saved: "Mae'r gosodiadau mewngofnodi wedi'u cadw.",
    button: "Mewngofnodi gyda South Nottinghamshire",
    signedOut: "Rydych wedi allgofnodi",
    token: "gadarnhau pwy ydych chi",
    required: "Mae eich sefydliad yn gofyn",
  },
};

function setRequireSso(on: boolean) {
  const db = new Database(server.dbPath);
  db.prepare("update identity_providers set require_sso = ?").run(on ? 1 : 0);
  db.close();
}

async function submit(page: Page, selector: string) {
  await Promise.all([page.waitForLoadState("load"), page.click(selector)]);
  await page.waitForLoadState("networkidle");
}

for (const javaScriptEnabled of [false, true]) {
  for (const locale of ["en", "cy"] as const) {
    describe(`${locale}, JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
      it("an administrator sets up the provider; staff sign in with it and out again", async () => {
        const context = await newContext(browser, server.url, javaScriptEnabled, locale);
        const page = await context.newPage();
        try {
          // The administrator's settings: empty, with errors, saved.
          await signInAs(page, server.url, DEMO.admin);
          await page.goto(`${server.url}${SETTINGS}`);
          await expectAccessible(page, "settings");
          await page.fill("#issuer", "not a url");
          await submit(page, "form[method=post] button.govuk-button:not(.govuk-button--warning)");
          await page.waitForSelector("[data-testid=error-summary]");
          await expectAccessible(page, "settings with errors");
          await page.fill("#issuer", idp.issuer);
          await page.fill("#clientId", idp.clientId);
          await page.fill("#clientSecret", idp.clientSecret);
          await page.fill("#allowedDomains", "south-notts.example");
          await page.check("#requireSso-2");
          await submit(page, "form[method=post] button.govuk-button:not(.govuk-button--warning)");
          await page.waitForSelector(".govuk-notification-banner--success");
          expect(await page.textContent(".govuk-notification-banner--success")).toContain(text[locale].saved);
          await expectAccessible(page, "settings saved");
          await page.goto(`${server.url}/sign-out`);
          await submit(page, "form[method=post] button[value=this]");

          // The sign-in page offers the provider; the round trip signs the officer in.
          await page.goto(`${server.url}/sign-in`);
          await expectAccessible(page, "sign-in with a provider");
          idp.next({ sub: `browser-officer-${locale}-${javaScriptEnabled}`, email: DEMO.officer.email, email_verified: true });
          await Promise.all([page.waitForURL(/\/dashboard$/), page.click(`a.govuk-button:has-text("${text[locale].button}")`)]);
          await page.waitForSelector("[data-testid=signed-in-as]");
          await expectAccessible(page, "dashboard after single sign-on");

          // Signing out offers the provider's own sign-out, which comes back home.
          await page.goto(`${server.url}/sign-out`);
          await submit(page, "form[method=post] button[value=this]");
          await page.waitForURL(/\/sign-out\?provider=south-nottinghamshire$/);
          expect(await page.textContent("h1")).toContain(text[locale].signedOut);
          await expectAccessible(page, "signed out, provider offered");
          await Promise.all([page.waitForURL(/\/\?signedOut=1$/), page.click(`a.govuk-button[href^="${idp.issuer}/logout"]`)]);

          // A token the provider got wrong: back on the sign-in page with the reason.
          idp.next({ sub: "browser-officer", email: DEMO.officer.email, email_verified: true }, "expired");
          await page.goto(`${server.url}/sign-in`);
          await Promise.all([page.waitForURL(/\/sign-in\?sso=token$/), page.click(`a.govuk-button:has-text("${text[locale].button}")`)]);
          expect(await page.textContent("[data-testid=error-summary]")).toContain(text[locale].token);
          await expectAccessible(page, "sign-in, token refused");

          // Required: the officer's password is refused with a pointer to the button.
          setRequireSso(true);
          await page.fill("#email", DEMO.officer.email);
          await page.fill("#password", DEMO.officer.password);
          await submit(page, "form[method=post] button.govuk-button");
          // The page already shows an error summary (the refused token): wait for the new one's words.
          await expect.poll(() => page.textContent("[data-testid=error-summary]"), { timeout: 10_000 }).toContain(text[locale].required);
          await expectAccessible(page, "sign-in, password refused as SSO is required");
        } finally {
          setRequireSso(false);
          await context.close();
        }
      });
    });
  }
}
