// What an accessibility and language audit by hand found, each as a browser assertion
// in real Chromium (axe-core as everywhere else, plus the specific check): the language chosen by
// a ?lng= link holds for the whole journey (JavaScript on and off), staff screens never label
// English as Polish or Urdu, English names in Urdu sentences, the Urdu font, focus after
// client-side navigation, and the error summary's autofocus.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import enCommon from "../../locales/en/common.json";
import cyCommon from "../../locales/cy/common.json";
import plCommon from "../../locales/pl/common.json";
import urCommon from "../../locales/ur/common.json";
import { DEMO } from "../helpers/client";
import { expectAccessible, newContext, signInAs, waitForNavigationOf, withServerAndBrowser } from "../helpers/browser";
import { createFixture, FIXTURE_SLUG, invite, sql, type Fixture } from "../helpers/journey-fixture";
import type { TestServer } from "../helpers/server";

type Locale = "en" | "cy" | "pl" | "ur";
const COMMON: Record<Locale, typeof enCommon> = { en: enCommon, cy: cyCommon, pl: plCommon, ur: urCommon };
const DEMO_JOURNEY = "/s/joined-up-care";

let server: TestServer;
let browser: Browser;
let fixture: Fixture;
const contexts: BrowserContext[] = [];
withServerAndBrowser(async (s, b) => {
  [server, browser] = [s, b];
  fixture = await createFixture(server.dbPath);
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
});

/** A browser in English (Accept-Language en-GB) with no language cookie: only the ?lng= link chooses. */
async function englishBrowser(javaScriptEnabled: boolean): Promise<Page> {
  const context = await browser.newContext({ locale: "en-GB" });
  if (!javaScriptEnabled) await context.route("**/build/**", (route) => route.abort());
  contexts.push(context);
  const page = await context.newPage();
  // What a failure needs explained: a renderer that died, or a script error.
  page.on("crash", () => console.error(`[inclusion] page crashed at ${page.url()}`));
  page.on("pageerror", (e) => console.error(`[inclusion] script error at ${page.url()}: ${e.message}`));
  return page;
}

const path = (page: Page) => new URL(page.url()).pathname;

/** Question and outcome wording that exists in English but not in `locale` (shown as an English fallback). */
async function englishOnly(locale: Locale): Promise<string[]> {
  const rows = await sql<{ text: string }>(
    server.dbPath,
    `select text from question_translations q where locale = 'en' and not exists (select 1 from question_translations o where o.question_id = q.question_id and o.locale = ?)
     union select statement from candidate_outcome_translations c where locale = 'en' and not exists (select 1 from candidate_outcome_translations o where o.outcome_id = c.outcome_id and o.locale = ?)`,
    locale,
    locale,
  );
  return rows.map((r) => r.text.trim());
}

/** The page is in `locale`: `<html lang>`, its direction, the layout's words and the title's service name. */
async function expectLanguage(page: Page, locale: Locale, label: string) {
  const common = COMMON[locale];
  expect(await page.getAttribute("html", "lang"), label).toBe(locale);
  expect(await page.getAttribute("html", "dir"), label).toBe(locale === "ur" ? "rtl" : "ltr");
  expect((await page.textContent(".govuk-skip-link"))?.trim(), label).toBe(common.layout.skipLink);
  expect(await page.title(), label).toContain(common.service.name);
  const back = page.locator("main .govuk-back-link");
  if (await back.count()) expect((await back.first().textContent())?.trim(), label).toBe(common.common.back);
  const button = page.locator("main form[method=post] button.govuk-button");
  if (locale !== "en" && (await button.count())) expect((await button.last().textContent())?.trim(), label).not.toBe(enCommon.common.continue);
  // Content in another language (an untranslated question) is marked with its own language.
  if (locale === "en") return;
  const unmarked = await page.evaluate(
    ({ lng, english }) => {
      const own = (el: Element | null): string | null => (el ? (el.getAttribute("lang") ?? own(el.parentElement)) : null);
      const texts = [...document.querySelectorAll("main h1 span, main h1 label, main label, main legend")].filter((el) => el.children.length === 0);
      return texts.filter((el) => own(el) === lng && english.includes(el.textContent!.trim())).map((el) => el.textContent);
    },
    { lng: locale, english: await englishOnly(locale) },
  );
  expect(unmarked ?? [], `${label}: English text labelled ${locale}`).toEqual([]);
}

/** Answers whatever the step asks with its first choices and moves on. */
async function answerAndContinue(page: Page, js: boolean) {
  const briefing = page.locator("[data-testid=briefing-continue]");
  if (await briefing.count()) {
    await waitForNavigationOf(page, js, () => briefing.click());
    return;
  }
  const radioNames = await page.locator("main input[type=radio]").evaluateAll((els) => [...new Set(els.map((e) => (e as HTMLInputElement).name))]);
  for (const name of radioNames) await page.check(`main input[type=radio][name="${name}"] >> nth=0`);
  const checkbox = page.locator("main input[type=checkbox][name=answer]");
  if (await checkbox.count()) await checkbox.first().check();
  const selects = page.locator("main select");
  for (let i = 0; i < (await selects.count()); i++) await selects.nth(i).selectOption(String(i + 1));
  const text = page.locator("main textarea");
  if (await text.count()) await text.first().fill("Being listened to");
  await waitForNavigationOf(page, js, () => page.click("main form[method=post] button.govuk-button >> nth=-1"));
}

describe("the language chosen by a ?lng= link holds for the whole journey", () => {
  for (const js of [false, true]) {
    for (const locale of ["cy", "pl", "ur"] as const) {
      it(`${locale}, JavaScript ${js ? "on" : "off"}: the start page, Start now, every step to check your answers`, async () => {
        const page = await englishBrowser(js);
        await page.goto(`${server.url}${DEMO_JOURNEY}?lng=${locale}`);
        await expectLanguage(page, locale, "start page");
        await waitForNavigationOf(page, js, () => page.click("main form[method=post] button.govuk-button"));
        const seen: string[] = [];
        for (let n = 0; n < 40 && !path(page).endsWith("/check"); n++) {
          await expectLanguage(page, locale, `step ${n + 1} ${path(page)}`);
          if (n === 2) await expectAccessible(page, `${locale} step 3`);
          // "Question 1 of 14" is part of the question's legend or label, as GOV.UK does it.
          const progress = page.locator("[data-testid=question-progress]");
          if (await progress.count()) expect(await progress.evaluate((el) => Boolean(el.closest("legend, label")))).toBe(true);
          seen.push(path(page));
          await answerAndContinue(page, js);
          expect(path(page), "each step leads on").not.toBe(seen[seen.length - 1]);
        }
        expect(path(page)).toBe(`${DEMO_JOURNEY}/check`);
        expect(seen.length).toBeGreaterThan(10);
        await expectLanguage(page, locale, "check your answers");
        await expectAccessible(page, `${locale} check your answers`);
        // Until the participant changes it: the switcher's choice wins over the earlier link.
        await page.click(`a[hreflang=en]`);
        await page.waitForURL((u) => u.pathname.endsWith("/check"));
        await expectLanguage(page, "en", "after switching to English");
        expect(page.url()).not.toContain("lng=");
      });
    }
  }

  it("an invitation link with ?lng=pl, and the resume page with ?lng=ur", async () => {
    const token = await invite(server.dbPath, fixture, fixture.members.carer, fixture.round1);
    const member = await englishBrowser(false);
    await member.goto(`${server.url}/invite/${token}?lng=pl`);
    expect(path(member)).toBe(`/s/${FIXTURE_SLUG}`);
    await expectLanguage(member, "pl", "invitation landing");
    // Nothing is saved yet: no "welcome back", a start button.
    const { default: plCitizen } = await import("../../locales/pl/citizen.json");
    expect(await member.textContent("main")).not.toContain(plCitizen.start.welcomeBack);
    expect((await member.textContent("[data-testid=resume]"))?.trim()).toBe(plCitizen.start.start);
    await waitForNavigationOf(member, false, () => member.click("[data-testid=resume]"));
    await expectLanguage(member, "pl", "invitation first step");
    for (let n = 0; n < 4; n++) await answerAndContinue(member, false);
    await expectLanguage(member, "pl", "invitation, a few steps on");
    // Once something is saved, the start page welcomes them back.
    await member.goto(`${server.url}/s/${FIXTURE_SLUG}`);
    expect(await member.textContent("main")).toContain(plCitizen.start.welcomeBack);
    expect((await member.textContent("[data-testid=resume]"))?.trim()).toBe(plCitizen.start.resume);

    // Anonymous in Urdu on one device, resumed on another through /resume?lng=ur.
    const first = await englishBrowser(false);
    await first.goto(`${server.url}/s/${FIXTURE_SLUG}?lng=ur`);
    await waitForNavigationOf(first, false, () => first.click("main form[method=post] button.govuk-button"));
    for (let n = 0; n < 3; n++) await answerAndContinue(first, false);
    await first.click(".govuk-details__summary");
    const code = (await first.textContent(".app-resume-code"))!.trim();
    const second = await englishBrowser(false);
    await second.goto(`${server.url}/resume?lng=ur`);
    await expectLanguage(second, "ur", "resume page");
    await second.fill("#code", code);
    await waitForNavigationOf(second, false, () => second.click("main form[method=post] button.govuk-button"));
    await expectLanguage(second, "ur", "after resuming");
  });
});

describe("resuming on a second device (once seen landing on the start page)", () => {
  for (const js of [true, false]) {
    it(`JavaScript ${js ? "on" : "off"}: the resume code always leads on to the first unanswered question, three times over`, async () => {
      for (let run = 0; run < 3; run++) {
        const first = await englishBrowser(js);
        await first.goto(`${server.url}/s/${FIXTURE_SLUG}`);
        await waitForNavigationOf(first, js, () => first.click("main form[method=post] button.govuk-button"));
        for (let n = 0; n < 4; n++) await answerAndContinue(first, js);
        const unanswered = path(first);
        expect(unanswered).toMatch(/\/q\/\d+$/);
        await first.click(".govuk-details__summary");
        const code = (await first.textContent(".app-resume-code"))!.trim();
        await first.context().close();
        const second = await englishBrowser(js);
        await second.goto(`${server.url}/resume`);
        await second.fill("#code", run % 2 ? code.toUpperCase() : code);
        await waitForNavigationOf(second, js, () => second.click("main form[method=post] button.govuk-button"));
        expect(path(second), `run ${run}`).toBe(`/s/${FIXTURE_SLUG}`);
        await waitForNavigationOf(second, js, () => second.click("[data-testid=resume]"));
        expect(path(second), `run ${run}`).toBe(unanswered);
        await second.context().close();
      }
    });
  }
});

describe("staff screens are never labelled Polish or Urdu", () => {
  for (const js of [false, true]) {
    it(`JavaScript ${js ? "on" : "off"}: a staff member who chose Urdu gets English staff screens, marked English and left to right`, async () => {
      const context = await newContext(browser, server.url, js, "ur");
      contexts.push(context);
      const page = await context.newPage();
      await signInAs(page, server.url, DEMO.officer);
      for (const staffPath of ["/dashboard", "/consultations/joined-up-care", "/consultations/joined-up-care/results"]) {
        await page.goto(`${server.url}${staffPath}`);
        expect(await page.getAttribute("html", "lang"), staffPath).toBe("en");
        expect(await page.getAttribute("html", "dir"), staffPath).toBe("ltr");
        expect((await page.textContent(".govuk-skip-link"))?.trim()).toBe(enCommon.layout.skipLink);
        // Only the languages staff screens are written in are offered there.
        expect(await page.locator("[aria-label] .app-language-switcher [lang]").evaluateAll((els) => els.map((e) => e.getAttribute("lang")))).toEqual([
          "en",
          "cy",
        ]);
        await expectAccessible(page, `${staffPath} chosen ur`);
      }
      // Back on a public page the participant's Urdu returns, also after a client-side navigation.
      await page.goto(`${server.url}/dashboard`);
      await waitForNavigationOf(page, js, () => page.click(".app-header__service"));
      expect(path(page)).toBe("/");
      await expectLanguage(page, "ur", "home after the dashboard");
    });
  }
});

describe("Urdu: the font, its line height, and English names inside Urdu sentences", () => {
  it("Noto Nastaliq Urdu is served and used, with a line height Nastaliq needs; the partnership's name is marked English and isolated", async () => {
    const page = await englishBrowser(true);
    const fontRequests: string[] = [];
    page.on("response", (r) => {
      if (r.url().includes("/fonts/")) fontRequests.push(`${r.status()} ${new URL(r.url()).pathname}`);
    });
    await page.goto(`${server.url}${DEMO_JOURNEY}?lng=ur`);
    await page.evaluate(() => document.fonts.ready);
    const style = await page.evaluate(() => {
      const p = document.querySelector("main p.govuk-body")!;
      const cs = getComputedStyle(p);
      return {
        family: cs.fontFamily,
        lineHeight: parseFloat(cs.lineHeight),
        fontSize: parseFloat(cs.fontSize),
        loaded: document.fonts.check(`16px "Noto Nastaliq Urdu"`, "ہے"),
      };
    });
    expect(style.family).toMatch(/^"?Noto Nastaliq Urdu"?/);
    expect(style.lineHeight / style.fontSize).toBeGreaterThanOrEqual(1.8);
    expect(style.loaded).toBe(true);
    expect(fontRequests.some((r) => r.startsWith("200 /fonts/noto-nastaliq-urdu-arabic-400-normal.woff2"))).toBe(true);
    // "یہ مشاورت <bdi lang=en>South Nottinghamshire …</bdi> چلا رہی ہے۔"
    const names = await page.locator("main bdi[lang=en]").allTextContents();
    expect(names).toContain("South Nottinghamshire Transformation Partnership");
    const inSentence = await page.locator("main p.govuk-body:has(bdi[lang=en])").first().textContent();
    expect(inSentence).toMatch(/[\u0600-\u06FF]/);
    await page.screenshot({ path: "/tmp/i16-urdu-start.png", fullPage: false });
    await expectAccessible(page, "Urdu start page");
  });
});

describe("focus and announcements", () => {
  it("JavaScript on: after a client-side navigation focus is on the main heading and the new title is announced", async () => {
    const page = await englishBrowser(true);
    await page.goto(`${server.url}${DEMO_JOURNEY}?lng=en`);
    await waitForNavigationOf(page, true, () => page.click("main form[method=post] button.govuk-button"));
    for (let n = 0; n < 3; n++) {
      await waitForNavigationOf(page, true, () => page.click("[data-testid=briefing-continue]"));
      const focused = await page.evaluate(() => ({
        tag: document.activeElement?.tagName,
        tabindex: document.activeElement?.getAttribute("tabindex"),
        inMain: Boolean(document.activeElement?.closest("main")),
      }));
      expect(focused).toEqual({ tag: "H1", tabindex: "-1", inMain: true });
      await page.waitForFunction(() => document.querySelector("[data-testid=route-announcer]")?.textContent === document.title);
      expect(await page.getAttribute("[data-testid=route-announcer]", "aria-live")).toBe("polite");
    }
    // One Tab from the heading reaches the page's content, not the header again.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest("main")))).toBe(true);
    await expectAccessible(page, "briefing after client-side navigation");
  });

  it("JavaScript off: the error summary has autofocus and takes focus on load", async () => {
    const page = await englishBrowser(false);
    await page.goto(`${server.url}/sign-in`);
    await waitForNavigationOf(page, false, () => page.click("main form[method=post] button.govuk-button"));
    expect(await page.getAttribute("[data-testid=error-summary]", "autofocus")).toBe("");
    await page.waitForFunction(() => document.activeElement?.getAttribute("data-testid") === "error-summary");
    await expectAccessible(page, "sign-in errors without JavaScript");
  });
});

/** The page's own sideways scroll: none when the document is no wider than the viewport. */
async function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; viewport: number; widest: string[] }> {
  return page.evaluate(() => {
    const viewport = document.documentElement.clientWidth;
    const widest = [...document.querySelectorAll("body *")]
      .filter((el) => !el.closest(".app-table-scroll") && el.getBoundingClientRect().right > viewport + 1)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`);
    return { scrollWidth: document.documentElement.scrollWidth, viewport, widest };
  });
}

describe("charts, tables and Easy Read at 320 px and in Urdu (after results, an outcome set and publication)", () => {
  it("no page scrolls sideways at 320 px: results, framework, dashboard, public summary, schedule, Easy Read, for each role", async () => {
    const { Client } = await import("../helpers/client");
    const { publishDemo } = await import("../helpers/publication");
    const { COMET } = await import("../helpers/framework");
    const officerClient = new Client(server.url);
    await officerClient.signIn(DEMO.officer.email, DEMO.officer.password);
    expect((await officerClient.post("/consultations/joined-up-care/results", COMET)).status).toBe(302);
    const commissionerClient = new Client(server.url);
    await commissionerClient.signIn(DEMO.commissioner.email, DEMO.commissioner.password);
    expect((await commissionerClient.post("/consultations/joined-up-care/framework", { intent: "start" })).status).toBe(302);
    const summary = await publishDemo(server.url);

    const pages: Record<string, { account: { email: string; password: string } | null; paths: string[] }> = {
      officer: {
        account: DEMO.officer,
        paths: ["/dashboard", "/consultations/joined-up-care/results", "/consultations/joined-up-care/framework", "/consultations/joined-up-care"],
      },
      commissioner: {
        account: DEMO.commissioner,
        paths: [
          "/dashboard",
          "/consultations/joined-up-care/results",
          "/consultations/joined-up-care/framework",
          "/consultations/joined-up-care/framework/1/schedule",
        ],
      },
      administrator: { account: DEMO.admin, paths: ["/dashboard"] },
      public: { account: null, paths: ["/", summary, `${summary}/easy-read`, `${summary}?lng=ur`, `${summary}/easy-read?lng=ur`, "/accessibility"] },
    };
    for (const [role, { account, paths }] of Object.entries(pages)) {
      const context = await newContext(browser, server.url, false, "en");
      contexts.push(context);
      const page = await context.newPage();
      if (account) await signInAs(page, server.url, account);
      // 320 CSS px wide: a 1280 px screen at 400% zoom (WCAG 1.4.10), and a 640 px one at 200%.
      await page.setViewportSize({ width: 320, height: 800 });
      for (const p of paths) {
        await page.goto(`${server.url}${p}`);
        const overflow = await horizontalOverflow(page);
        expect(overflow.scrollWidth, `${role} ${p}: ${overflow.widest.join(", ")}`).toBeLessThanOrEqual(overflow.viewport);
        // Every table sits in a focusable region named by its caption.
        const regions = await page.locator("main table").evaluateAll((tables) =>
          tables.map((t) => {
            const region = t.closest("[role=region]");
            const label = region?.getAttribute("aria-labelledby");
            return {
              region: Boolean(region),
              tabindex: region?.getAttribute("tabindex"),
              named: Boolean(label && document.getElementById(label)?.textContent?.trim()),
            };
          }),
        );
        for (const r of regions) expect(r, `${role} ${p}`).toEqual({ region: true, tabindex: "0", named: true });
        if (p === "/consultations/joined-up-care/results" || p === summary || p.endsWith("/schedule"))
          await page.screenshot({ path: `/tmp/i16-320-${role}-${p.split("/").pop()}.png`, fullPage: true });
        await expectAccessible(page, `${role} ${p} at 320 px`);
      }
    }
  }, 240_000);

  it("Urdu charts mirror and show every label inside the chart, at body size at 320 px", async () => {
    const page = await englishBrowser(false);
    for (const width of [320, 1024]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${server.url}/summaries/joined-up-care?lng=ur`);
      await page.evaluate(() => document.fonts.ready);
      const charts = await page.locator("figure.app-chart").evaluateAll((figures) => {
        const bodySize = parseFloat(getComputedStyle(document.querySelector("main p.govuk-body")!).fontSize);
        return figures.map((figure) => {
          const box = figure.getBoundingClientRect();
          const texts = [...figure.querySelectorAll(".app-chart__label, .app-chart__value")];
          const outside = texts.filter((el) => {
            const r = el.getBoundingClientRect();
            return r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.width === 0;
          });
          const small = texts.filter((el) => parseFloat(getComputedStyle(el).fontSize) < bodySize);
          // Right to left: each bar starts at its track's right edge and its value is written to its left.
          const bars = [...figure.querySelectorAll("[data-testid=chart-bar]")].map((bar) => {
            const track = bar.parentElement!.getBoundingClientRect();
            const b = bar.getBoundingClientRect();
            const value = bar.closest(".app-chart__series")!.querySelector(".app-chart__value")!.getBoundingClientRect();
            return { fromRight: Math.abs(b.right - track.right) < 1, valueLeft: value.right <= track.left + 1 };
          });
          return { id: figure.id, labels: texts.length, outside: outside.map((el) => el.textContent), small: small.length, bodySize, bars };
        });
      });
      expect(charts.length).toBeGreaterThanOrEqual(3);
      // Bars where a value may be shown (the localities' shares are all withheld in the demo).
      expect(charts.reduce((n, c) => n + c.bars.length, 0)).toBeGreaterThan(3);
      for (const c of charts) {
        expect(c.labels, c.id).toBeGreaterThan(0);
        expect(c.outside, `${c.id} at ${width}px`).toEqual([]);
        expect(c.small, `${c.id} text smaller than ${c.bodySize}px at ${width}px`).toBe(0);
        for (const b of c.bars) expect(b, `${c.id} at ${width}px`).toEqual({ fromRight: true, valueLeft: true });
      }
      await page.locator("#chart-consensus").screenshot({ path: `/tmp/i16-urdu-chart-${width}.png` });
    }
    await expectAccessible(page, "Urdu summary with charts");
  });

  it("Easy Read: a clear sans-serif at Easy Read sizes, a default picture for every point with the point as its alternative text, credited", async () => {
    for (const locale of ["en", "ur"] as const) {
      const page = await englishBrowser(false);
      await page.goto(`${server.url}/summaries/joined-up-care/easy-read?lng=${locale}`);
      await page.evaluate(() => document.fonts.ready);
      const text = await page.evaluate(() => {
        const p = document.querySelector(".app-easy-read__text p")!;
        const cs = getComputedStyle(p);
        return { family: cs.fontFamily, size: parseFloat(cs.fontSize) };
      });
      expect(text.family).not.toMatch(/Times|(^|,\s*)serif$/i);
      expect(text.family).toMatch(locale === "ur" ? /Noto Nastaliq Urdu/ : /system-ui|Arial|sans-serif/);
      expect(text.size).toBeGreaterThanOrEqual(21); // 16 pt
      const pictures = await page.locator("[data-testid=default-picture]").evaluateAll((imgs) =>
        imgs.map((img) => ({
          alt: img.getAttribute("alt"),
          heading: img.closest("section")!.querySelector("h2")!.textContent,
          loaded: (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0,
        })),
      );
      expect(pictures).toHaveLength(5);
      for (const p of pictures) expect(p).toEqual({ alt: p.heading, heading: p.heading, loaded: true });
      expect(await page.textContent("[data-testid=pictures-credit]")).toContain("OpenMoji");
      await page.screenshot({ path: `/tmp/i16-easy-read-${locale}.png`, fullPage: true });
      await expectAccessible(page, `Easy Read ${locale}`);
    }
  });
});

describe("print", () => {
  it("the printed schedule carries only the schedule: no signed-in bar, no header or footer, no shaded box", async () => {
    const context = await newContext(browser, server.url, true, "en");
    contexts.push(context);
    const page = await context.newPage();
    await signInAs(page, server.url, DEMO.commissioner);
    await page.goto(`${server.url}/consultations/joined-up-care/framework/1/schedule`);
    await page.emulateMedia({ media: "print" });
    const printed = await page.evaluate(() => {
      const schedule = document.querySelector(".app-schedule")!;
      const shown = (e: Element) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden" && !e.closest(".govuk-visually-hidden");
      const stray = [...document.body.querySelectorAll("*")].filter(
        (e) =>
          !schedule.contains(e) &&
          !e.contains(schedule) &&
          shown(e) &&
          (e.textContent!.trim() !== "" || getComputedStyle(e).backgroundColor !== "rgba(0, 0, 0, 0)"),
      );
      return {
        stray: stray.map((e) => `${e.tagName.toLowerCase()}.${e.className}: ${e.textContent!.trim().slice(0, 40)}`),
        page: getComputedStyle(document.documentElement).backgroundColor,
        body: getComputedStyle(document.body).backgroundColor,
        text: (schedule as HTMLElement).innerText,
      };
    });
    expect(printed.stray).toEqual([]);
    expect([printed.page, printed.body]).toEqual(["rgb(255, 255, 255)", "rgb(255, 255, 255)"]);
    expect(printed.text).toContain("Schedule: outcomes and incentive payments");
    expect(printed.text).not.toContain("Signed in as");
    const pdf = await page.pdf({ format: "A4" });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  });
});

describe("links a person may follow", () => {
  it("the consultation overview shows an officer and a commissioner only links that open for them", async () => {
    for (const [account, privacyShown] of [
      [DEMO.officer, true],
      [DEMO.commissioner, false],
    ] as const) {
      const context = await newContext(browser, server.url, false, "en");
      contexts.push(context);
      const page = await context.newPage();
      await signInAs(page, server.url, account);
      await page.goto(`${server.url}/consultations/joined-up-care`);
      const hrefs = await page.locator("main a[href^='/']").evaluateAll((links) => [...new Set(links.map((a) => a.getAttribute("href")!))]);
      expect(hrefs.length).toBeGreaterThan(3);
      expect(hrefs.includes("/consultations/joined-up-care/privacy"), account.email).toBe(privacyShown);
      for (const href of hrefs) {
        const res = await page.request.get(`${server.url}${href}`, { maxRedirects: 0 });
        expect(res.status(), `${account.email} ${href}`).toBeLessThan(400);
      }
    }
  });
});

describe("new pages, each accessible with JavaScript on and off, in English and Welsh", () => {
  for (const js of [true, false]) {
    for (const locale of ["en", "cy"] as const) {
      it(`${locale}, JavaScript ${js ? "on" : "off"}: removing a translation asks first; the date input; the accessibility statement's credits`, async () => {
        const context = await newContext(browser, server.url, js, locale);
        contexts.push(context);
        const page = await context.newPage();
        await signInAs(page, server.url, DEMO.officer);
        await page.goto(`${server.url}/consultations/joined-up-care/edit/pl`);
        await expectAccessible(page, "Polish text editor");
        await waitForNavigationOf(page, js, () => page.click("a[href$='/edit/pl/remove']"));
        expect(path(page)).toBe("/consultations/joined-up-care/edit/pl/remove");
        await expectAccessible(page, "remove the Polish text: confirm");
        // "No, keep it" goes back and removes nothing.
        await waitForNavigationOf(page, js, () => page.click("main .govuk-button-group a"));
        expect(path(page)).toBe("/consultations/joined-up-care/edit/pl");
        await page.goto(`${server.url}/consultations/joined-up-care/edit`);
        expect(await page.locator("input[type=date]").count()).toBe(0);
        expect(await page.locator("#closesAt-month").count()).toBe(1);
        await expectAccessible(page, "settings with date inputs");
        await page.goto(`${server.url}/accessibility`);
        expect(await page.locator("#pictures a[href='https://openmoji.org/']").count()).toBe(1);
        await expectAccessible(page, "accessibility statement");
      });
    }
  }

  it("the page past a journey rate limit: translated, says when to try again, accessible", async () => {
    const { startServer } = await import("../helpers/server");
    const limited = await startServer({ JOURNEY_START_LIMIT: "1" });
    try {
      for (const js of [true, false]) {
        const context = await newContext(browser, limited.url, js, "cy");
        contexts.push(context);
        const page = await context.newPage();
        for (let n = 0; n < 2; n++) {
          await context.clearCookies({ name: /^ocd_p/ });
          await page.goto(`${limited.url}${DEMO_JOURNEY}`);
          await waitForNavigationOf(page, js, () => page.click("main form[method=post] button.govuk-button"));
        }
        expect(await page.textContent("main h1")).toBe(cyCommon.errors.tooMany.title);
        expect(await page.textContent("[data-testid=retry-at]")).toMatch(/^Gallwch roi cynnig arall arni ar ôl \d\d:\d\d\.$/);
        expect(await page.getAttribute("html", "lang")).toBe("cy");
        await expectAccessible(page, `429 page, JavaScript ${js ? "on" : "off"}`);
      }
    } finally {
      await limited.stop();
    }
  });
});
