// An outcome written from a theme of citizens' answers, published: the public summary shows
// where it came from in every language. Checked in Urdu with JavaScript off (right to left, the
// English theme name isolated, the quote marked in its own language), with axe and at 320 px.
import Database from "better-sqlite3";
import type { Browser } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectAccessible, newContext, withServerAndBrowser } from "../helpers/browser";
import { Client, DEMO } from "../helpers/client";
import { submitTextAnswers } from "../helpers/moderation";
import { publishDemo } from "../helpers/publication";
import type { TestServer } from "../helpers/server";

let server: TestServer;
let browser: Browser;
withServerAndBrowser((s, b) => ([server, browser] = [s, b]));

const C = "/consultations/joined-up-care";
const QUOTE = "I only want to tell my story once, not five times";

describe("outcomes from citizens' words on the published summary", () => {
  it("shows the theme, its answers and the chosen quote, in Urdu right to left, accessible at 320 px", async () => {
    const [answerId] = await submitTextAnswers(server.dbPath, [{ kind: "free-text", text: QUOTE, group: "carer" }]);
    const officer = new Client(server.url);
    await officer.signIn(DEMO.officer.email, DEMO.officer.password);
    expect((await officer.post(`${C}/codebook`, { intent: "create", name: "Telling my story once" })).status).toBe(302);
    const db = new Database(server.dbPath);
    const themeId = (db.prepare("select id from codebook_themes where name = 'Telling my story once'").get() as { id: number }).id;
    const domain = (
      db.prepare("select d.id from outcome_domains d join consultations c on c.id = d.consultation_id where c.slug = 'joined-up-care' limit 1").get() as {
        id: number;
      }
    ).id;
    expect((await officer.post(`${C}/moderation/${answerId}`, { intent: "tag", themes: String(themeId) })).status).toBe(302);
    expect((await officer.post(`${C}/moderation/${answerId}`, { intent: "quote", quote: QUOTE })).status).toBe(302);
    const quoteId = (db.prepare("select id from approved_quotes where answer_id = ?").get(answerId) as { id: number }).id;
    db.close();
    expect(
      (
        await officer.post(`${C}/codebook/${themeId}/outcome`, {
          code: "T1",
          domain: String(domain),
          statement: "I tell my story once",
          quotes: String(quoteId),
        })
      ).status,
    ).toBe(302);
    const summary = await publishDemo(server.url);

    const context = await newContext(browser, server.url, false, "ur");
    const page = await context.newPage();
    await page.goto(`${server.url}${summary}?lng=ur`);
    await page.waitForSelector("[data-testid=provenance]");
    expect(await page.getAttribute("html", "lang")).toBe("ur");
    expect(await page.getAttribute("html", "dir")).toBe("rtl");
    const section = page.locator("[data-testid=provenance]");
    expect(await section.textContent()).toContain("Telling my story once");
    expect(await section.locator("bdi[lang=en]").textContent()).toContain("Telling my story once");
    expect(await section.locator("blockquote").getAttribute("lang")).toBe("en");
    expect(await section.locator("blockquote").textContent()).toContain(QUOTE);
    await expectAccessible(page, "summary with provenance (ur, JS off)");
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await section.screenshot({ path: "/tmp/provenance-ur-320.png" });
    await context.close();
  });
});
