// Advisory groups, invitations, email, participation, moderation and codebook in real
// Chromium with axe-core: every page in its empty, error and filled states; importing
// members; invitations that arrive at a real SMTP server; Welsh without JavaScript.
import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO } from "../helpers/client";
import { expectAccessible, launchBrowser, newContext, signInAs } from "../helpers/browser";
import { submitTextAnswers } from "../helpers/moderation";
import { startServer, type TestServer } from "../helpers/server";
import { inviteLink, smtpEnv, startTestSmtp, type TestSmtp } from "../helpers/smtp";

let server: TestServer;
let smtp: TestSmtp;
let browser: Browser;
let answerIds: number[];

beforeAll(async () => {
  smtp = await startTestSmtp();
  [server, browser] = await Promise.all([startServer(smtpEnv(smtp.port)), launchBrowser()]);
  answerIds = await submitTextAnswers(server.dbPath, [
    { kind: "propose-outcome", text: "I can see my own care records online", group: "service-user" },
    { kind: "free-text", text: "The district nurses were wonderful, but I had to repeat my story to the GP.", group: "carer" },
  ]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.close();
});

const file = (name: string, text: string) => ({ name, mimeType: "text/csv", buffer: Buffer.from(text) });
const submit = (page: Page, intent: string) => page.click(`form:has(input[name=intent][value="${intent}"]) button.govuk-button`);

describe("panel pages, English, JavaScript on", () => {
  it("groups and members: empty, error and filled states; CSV import", async () => {
    const context = await newContext(browser, server.url, true, "en");
    const page = await context.newPage();
    await signInAs(page, server.url, DEMO.officer);
    await page.click("a[href='/partnerships/south-nottinghamshire/groups']");
    await page.waitForURL(/\/partnerships\/south-nottinghamshire\/groups$/);
    await page.waitForSelector("form:has(input[value=create])");
    await expectAccessible(page, "groups (filled)");
    await submit(page, "create");
    await page.waitForSelector("[data-testid=error-summary]");
    expect(await page.title()).toMatch(/^Error: /);
    await expectAccessible(page, "groups (error)");
    await page.fill("#name", "Browser test panel");
    await submit(page, "create");
    await page.waitForSelector("[data-testid=no-members]");
    await expectAccessible(page, "group (empty)");

    await page.setInputFiles("#file", file("bad.csv", "name,email,stakeholder_group\nNo Email,,citizen\nBad Group,b@cag.example,voter\n"));
    await submit(page, "import");
    await page.waitForSelector("[data-testid=error-summary]");
    expect(await page.textContent("main")).toContain("Enter the member's email address");
    await expectAccessible(page, "group (import report)");
    await page.setInputFiles(
      "#file",
      file(
        "good.csv",
        "name,email,stakeholder_group,preferred_language,profile_consent,locality\nAled Jones,aled@cag.example,carer,cy,yes,Rushcliffe\nBeth Smith,beth@cag.example,citizen,en,no,\n",
      ),
    );
    await submit(page, "import");
    await page.waitForURL(/imported=2$/);
    await page.waitForSelector(".govuk-notification-banner--success");
    expect(await page.textContent("main")).toContain("Aled Jones");
    await expectAccessible(page, "group (filled)");

    await page.click("a.govuk-button[href$='/members/new']");
    await page.waitForSelector("#displayName");
    await expectAccessible(page, "new member (empty)");
    await page.click("form button.govuk-button");
    await page.waitForSelector("[data-testid=error-summary]");
    await expectAccessible(page, "new member (error)");
    await page.fill("#displayName", "Cerys Evans");
    await page.fill("#email", "cerys@cag.example");
    await page.check("#stakeholderGroup-2");
    await page.click("form button.govuk-button");
    await page.waitForURL(/added=1$/);
    await page.click("a:has-text('Change'):has(span:text('Cerys Evans'))");
    await page.waitForSelector("#displayName");
    await expectAccessible(page, "edit member (filled)");
    await page.fill("#email", "not an email");
    await submit(page, "save");
    await page.waitForSelector("[data-testid=error-summary]");
    await expectAccessible(page, "edit member (error)");
    await context.close();
  }, 240_000);

  it("invitations arrive at the SMTP server; reminders; email log; participation", async () => {
    const context = await newContext(browser, server.url, true, "en");
    const page = await context.newPage();
    await signInAs(page, server.url, DEMO.officer);
    await page.goto(`${server.url}/consultations/personal-budgets/invitations`);
    await page.waitForSelector("[data-testid=no-group]");
    await expectAccessible(page, "invitations (no group)");
    await page.goto(`${server.url}/consultations/joined-up-care/invitations/emails`);
    await page.waitForSelector("[data-testid=no-emails]");
    await expectAccessible(page, "email log (empty)");

    await page.goto(`${server.url}/consultations/joined-up-care/invitations`);
    await page.waitForSelector("form:has(input[value=invite])");
    await expectAccessible(page, "invitations (before sending)");
    await submit(page, "invite");
    await page.waitForURL(/invited=6/);
    expect(await page.textContent("[data-testid=invitations-notice]")).toContain("6 new");
    await smtp.waitFor((m) => m.length >= 6);
    for (const mail of smtp.messages) expect(inviteLink(mail)).toMatch(new RegExp(`^${server.url}/invite/[a-z0-9]+$`));
    await page.reload();
    await expectAccessible(page, "invitations (sent)");
    await submit(page, "remind");
    await page.waitForURL(/reminded=6/);
    await smtp.waitFor((m) => m.length >= 12);
    await submit(page, "remind");
    await page.waitForSelector("[data-testid=invitations-notice]:has-text('Reminders queued: 0')");
    await expectAccessible(page, "invitations (reminded)");
    await page.click("a[href='/consultations/joined-up-care/invitations/emails']");
    await page.waitForURL(/\/invitations\/emails$/);
    await page.waitForSelector("table");
    await expectAccessible(page, "email log (filled)");
    await page.goto(`${server.url}/consultations/joined-up-care/participation`);
    await page.waitForSelector("table");
    await expectAccessible(page, "participation (filled)");
    await page.goto(`${server.url}/consultations/personal-budgets/participation`);
    await page.waitForSelector("h1");
    await expectAccessible(page, "participation (no group)");
    await context.close();
  }, 240_000);

  it("moderation and codebook: empty, error and filled", async () => {
    const context = await newContext(browser, server.url, true, "en");
    const page = await context.newPage();
    await signInAs(page, server.url, DEMO.officer);
    await page.goto(`${server.url}/consultations/joined-up-care/moderation?show=decided`);
    await page.waitForSelector("[data-testid=queue-empty]");
    await expectAccessible(page, "moderation (empty)");
    await page.goto(`${server.url}/consultations/joined-up-care/codebook`);
    await page.waitForSelector("[data-testid=no-themes]");
    await expectAccessible(page, "codebook (empty)");
    await submit(page, "create");
    await page.waitForSelector("[data-testid=error-summary]");
    await expectAccessible(page, "codebook (error)");
    await page.fill("#name", "Telling my story once");
    await submit(page, "create");
    await page.waitForURL(/created=1$/);

    await page.goto(`${server.url}/consultations/joined-up-care/moderation`);
    await page.waitForSelector("table");
    await expectAccessible(page, "moderation queue (filled)");
    await page.goto(`${server.url}/consultations/joined-up-care/moderation/${answerIds[0]}`);
    await page.waitForSelector("form:has(input[value=accept])");
    await expectAccessible(page, "proposal");
    await page.fill("#statement", "");
    await submit(page, "accept");
    await page.waitForSelector("[data-testid=error-summary]");
    await expectAccessible(page, "proposal (error)");
    await page.fill("#statement", "I can see my own care records");
    await page.check("#domain");
    await submit(page, "accept");
    await page.waitForURL(/done=accepted/);
    expect(await page.textContent(".govuk-notification-banner")).toContain("P1");

    await page.goto(`${server.url}/consultations/joined-up-care/moderation/${answerIds[1]}`);
    await page.waitForSelector("form:has(input[value=quote])");
    await page.fill("#quote", "The nurses were terrible");
    await submit(page, "quote");
    await page.waitForSelector("[data-testid=error-summary]");
    await expectAccessible(page, "free text (error)");
    await page.fill("#quote", "The district nurses were wonderful, but I had to repeat my story to [the doctor].");
    await submit(page, "quote");
    await page.waitForURL(/quoted=1$/);
    await page.check("#themes");
    await submit(page, "tag");
    await page.waitForURL(/tagged=1$/);
    await expectAccessible(page, "free text (quoted, tagged)");
    await page.goto(`${server.url}/consultations/joined-up-care/codebook`);
    await page.waitForSelector("blockquote");
    await expectAccessible(page, "codebook (filled)");
    // Deleting a theme asks first (works without JavaScript), then says it is done.
    await page.click("a[href*='?delete=']");
    await page.waitForSelector("#delete-theme");
    await expectAccessible(page, "codebook (delete confirmation)");
    await page.click("button.govuk-button--warning");
    await page.waitForURL(/deleted=1$/);
    await expectAccessible(page, "codebook (theme deleted)");
    await context.close();
  }, 240_000);
});

describe("panel pages, Welsh, JavaScript off", () => {
  it("every page passes axe", async () => {
    const context = await newContext(browser, server.url, false, "cy");
    const page = await context.newPage();
    await signInAs(page, server.url, DEMO.officer);
    await page.goto(`${server.url}/partnerships/south-nottinghamshire/groups`);
    const groupId = await page.getAttribute("table a.govuk-link", "href");
    expect(groupId).toMatch(/^\/partnerships\/south-nottinghamshire\/groups\/\d+$/);
    for (const path of [
      "/partnerships/south-nottinghamshire/groups",
      groupId!,
      `${groupId}/members/new`,
      "/consultations/joined-up-care/invitations",
      "/consultations/joined-up-care/invitations/emails",
      "/consultations/joined-up-care/participation",
      "/consultations/joined-up-care/moderation",
      `/consultations/joined-up-care/moderation/${answerIds[1]}`,
      "/consultations/joined-up-care/codebook",
    ]) {
      await page.goto(`${server.url}${path}`);
      await page.waitForSelector("h1");
      expect(await page.getAttribute("html", "lang")).toBe("cy");
      await expectAccessible(page, `cy ${path}`);
    }
    // An error state without JavaScript: the form posts natively and the summary is in Welsh.
    await page.goto(`${server.url}${groupId}/members/new`);
    await page.click("form button.govuk-button");
    await page.waitForSelector("[data-testid=error-summary]");
    expect(await page.textContent("[data-testid=error-summary]")).toContain("Rhowch enw'r aelod");
    await expectAccessible(page, "cy new member (error)");
    // Deleting a codebook theme without JavaScript: add one, confirm, delete.
    await page.goto(`${server.url}/consultations/joined-up-care/codebook`);
    await page.fill("#name", "Thema i'w dileu");
    await page.click("form:has(input[name=intent][value=create]) button.govuk-button");
    await page.waitForURL(/created=1$/);
    await page.click("a[href*='?delete=']");
    await page.waitForSelector("#delete-theme");
    expect(await page.textContent("#delete-theme")).toContain("Dileu'r thema");
    await expectAccessible(page, "cy codebook (delete confirmation)");
    await page.click("button.govuk-button--warning");
    await page.waitForURL(/deleted=1$/);
    expect(await page.textContent(".govuk-notification-banner")).toContain("Mae'r thema wedi'i dileu.");
    await expectAccessible(page, "cy codebook (theme deleted)");
    await context.close();
  }, 240_000);
});

describe("development mailbox", () => {
  it("is empty, then shows captured invitations", async () => {
    const capture = await startServer({ EMAIL_CAPTURE: "true", EMAIL_POLL_SECONDS: "0.2" });
    try {
      const context = await newContext(browser, capture.url, true, "en");
      const page = await context.newPage();
      await signInAs(page, capture.url, DEMO.officer);
      await page.goto(`${capture.url}/dev/mailbox`);
      await page.waitForSelector("h1");
      await expectAccessible(page, "mailbox (empty)");
      await page.goto(`${capture.url}/consultations/joined-up-care/invitations`);
      await submit(page, "invite");
      await page.waitForURL(/invited=/);
      for (let i = 0; i < 50; i++) {
        await page.goto(`${capture.url}/dev/mailbox`);
        if ((await page.locator("pre.app-mail-text").count()) >= 6) break;
        await page.waitForTimeout(200);
      }
      expect(await page.locator("pre.app-mail-text").count()).toBe(6);
      expect(await page.textContent("main")).toContain("/invite/");
      await expectAccessible(page, "mailbox (filled)");
      await context.close();

      // More than a page of mail: GOV.UK pagination, JavaScript on in English and off in Welsh.
      const db = new Database(capture.dbPath);
      db.pragma("busy_timeout = 5000");
      const consultationId = (db.prepare("select id from consultations where slug = 'joined-up-care'").get() as { id: number }).id;
      const insert = db.prepare(
        "insert into email_outbox (kind, to_address, subject, text, status, next_attempt_at, updated_at, consultation_id) values ('invitation', ?, ?, 'Hello', 'queued', ?, ?, ?)",
      );
      for (let k = 0; k < 20; k++) insert.run(`paged${k}@cag.example`, `Paged ${k}`, Date.now(), Date.now(), consultationId);
      for (let i = 0; i < 100 && (db.prepare("select count(*) as n from email_outbox where status = 'sent'").get() as { n: number }).n < 26; i++)
        await new Promise((r) => setTimeout(r, 100));
      db.close();
      for (const [javaScriptEnabled, locale] of [
        [true, "en"],
        [false, "cy"],
      ] as const) {
        const paged = await newContext(browser, capture.url, javaScriptEnabled, locale);
        const p = await paged.newPage();
        await signInAs(p, capture.url, DEMO.officer);
        await p.goto(`${capture.url}/dev/mailbox`);
        await p.waitForSelector("nav.govuk-pagination");
        expect(await p.locator("pre.app-mail-text").count()).toBe(20);
        await expectAccessible(p, `mailbox page 1 (${locale})`);
        await Promise.all([p.waitForURL(/page=2$/), p.click("a[rel=next]")]);
        await p.waitForSelector("a[rel=prev]");
        expect(await p.locator("pre.app-mail-text").count()).toBe(6);
        await expectAccessible(p, `mailbox page 2 (${locale})`);
        await paged.close();
      }
    } finally {
      await capture.stop();
    }
  }, 240_000);
});
