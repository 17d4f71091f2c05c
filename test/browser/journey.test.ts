// A two-round survey completed in Chromium by three participants from
// different stakeholder groups — one anonymous by the public link (in Urdu, leaving and
// resuming on another device, an error, a change from check your answers), two by invitation
// (one with JavaScript off and a double submit; one by keyboard alone, in Polish) — with the
// stored responses compared with what was entered and axe run at every step; then every state
// in every locale, reflow at 320 px and target sizes.
import { afterAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { expectAccessible, newContext, waitForNavigationOf, withServerAndBrowser } from "../helpers/browser";
import { createFixture, FIXTURE_SLUG, invite, sql, type Fixture } from "../helpers/journey-fixture";
import type { TestServer } from "../helpers/server";

const BASE = `/s/${FIXTURE_SLUG}`;
let server: TestServer;
let browser: Browser;
let f: Fixture;
const contexts: BrowserContext[] = [];

withServerAndBrowser(async (s, b) => {
  [server, browser] = [s, b];
  f = await createFixture(server.dbPath);
});
// Runs before the fixture's own afterAll (hooks run last-registered first), while the browser is open.
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
});

type Locale = "en" | "cy" | "pl" | "ur";
const jsOf = new WeakMap<Page, boolean>();
async function open(js: boolean, locale: Locale): Promise<Page> {
  const context = await newContext(browser, server.url, js, locale);
  contexts.push(context);
  const page = await context.newPage();
  jsOf.set(page, js);
  return page;
}

const path = (page: Page) => new URL(page.url()).pathname;
let steps = 0;
async function step(page: Page, label: string) {
  steps++;
  await expectAccessible(page, `${label} (${path(page)})`);
}

/** Runs an action and waits until its navigation has finished (see waitForNavigationOf). */
async function act(page: Page, action: () => Promise<unknown>) {
  await waitForNavigationOf(page, jsOf.get(page) ?? false, action);
}
const clickContinue = (page: Page) => act(page, () => page.click("main form[method=post] button.govuk-button >> nth=-1"));
const follow = (page: Page, selector: string) => act(page, () => page.click(selector));

interface Stored {
  question_id: number;
  numeric_value: number | null;
  unable: number;
  text_value: string | null;
}
async function storedAnswers(memberOrToken: { memberId?: number; participantId?: number }, roundId: number): Promise<Record<number, Stored>> {
  const pid =
    memberOrToken.participantId ??
    ((
      await sql<{ id: number }>(
        server.dbPath,
        "select id from participants where member_id = ? and consultation_id = ?",
        memberOrToken.memberId,
        f.consultationId,
      )
    )[0]?.id as number);
  const rows = await sql<Stored>(
    server.dbPath,
    "select a.question_id, a.numeric_value, a.unable, a.text_value from answers a join responses r on r.id = a.response_id where r.participant_id = ? and r.round_id = ?",
    pid,
    roundId,
  );
  return Object.fromEntries(rows.map((r) => [r.question_id, r]));
}
const responsesOf = async (pid: number, roundId: number) =>
  await sql<{ reference: string }>(server.dbPath, "select reference from responses where participant_id = ? and round_id = ?", pid, roundId);

let anonymousParticipant = 0;
let anonymousPage: Page;

describe("a two-round survey, three participants", () => {
  it("participant A: anonymous by the public link, in Urdu, with an error, leaving and resuming on another device, and a change", async () => {
    const page = await open(true, "ur");
    await page.goto(`${server.url}/`);
    await follow(page, `a[href="${BASE}"]`);
    expect(await page.getAttribute("html", "dir")).toBe("rtl");
    await expect(page.locator("h1").textContent()).resolves.toContain("ٹیسٹ");
    await step(page, "A start page (ur)");
    await clickContinue(page);
    expect(path(page)).toBe(`${BASE}/briefing/1`);
    await step(page, "A briefing 1");
    await follow(page, "[data-testid=briefing-continue]");
    await step(page, "A briefing 2");
    await follow(page, "[data-testid=briefing-continue]");
    expect(path(page)).toBe(`${BASE}/q/${f.q.r1[0]}`);
    await step(page, "A rating, empty");
    // An error: Continue without choosing.
    await clickContinue(page);
    expect(await page.title()).toMatch(/^خرابی:/);
    expect(await page.evaluate(() => document.activeElement?.classList.contains("govuk-error-summary"))).toBe(true);
    await step(page, "A rating, error");
    await page.check('input[name=answer][value="8"]');
    await step(page, "A rating, filled");
    await clickContinue(page);
    await page.check('input[name=answer][value="unable"]');
    await clickContinue(page);
    expect(path(page)).toBe(`${BASE}/q/${f.q.r1[2]}`);
    // Leave: take the resume code, close this device.
    await page.click(".govuk-details__summary");
    const code = (await page.textContent(".app-resume-code"))!.trim();
    expect(code).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4}){3}$/);
    await page.context().close();
    // Another device.
    const other = await open(true, "ur");
    await other.goto(`${server.url}${BASE}`);
    await follow(other, `a[href="/resume"]`);
    await step(other, "A resume page");
    await other.fill("#code", code.toUpperCase());
    await clickContinue(other);
    expect(path(other)).toBe(BASE);
    await step(other, "A start page, welcome back");
    await follow(other, "[data-testid=resume]");
    expect(path(other)).toBe(`${BASE}/q/${f.q.r1[2]}`);
    await other.check('input[name=answer][value="5"]');
    await clickContinue(other);
    // Ranking: a position per item.
    await step(other, "A ranking");
    await other.selectOption("#answer", "2");
    await other.selectOption("#rank-T2", "1");
    await other.selectOption("#rank-T3", "3");
    await clickContinue(other);
    await step(other, "A pairwise");
    await other.check('input[name=answer][value="T2"]');
    await clickContinue(other);
    await step(other, "A multiple choice");
    await other.check('input[name=answer][value="visit"]');
    await other.check('input[name=answer][value="phone"]');
    await clickContinue(other);
    expect(path(other)).toBe(`${BASE}/q/${f.q.why}`);
    await step(other, "A conditional free text");
    await other.fill("#answer", "آمنے سامنے بات کرنا آسان ہے");
    await clickContinue(other);
    await step(other, "A idea");
    await other.fill("#answer", "Help with transport to appointments");
    await clickContinue(other);
    expect(path(other)).toBe(`${BASE}/about-you`);
    await step(other, "A about you");
    await other.check('input[name=consent][value="yes"]');
    await clickContinue(other);
    await step(other, "A profile question");
    await other.check('input[name=answer][value="citizen"]');
    await clickContinue(other);
    expect(path(other)).toBe(`${BASE}/check`);
    await step(other, "A check your answers");
    // A change from check your answers: back to the page, then back to check.
    await follow(other, `a[href="${BASE}/q/${f.q.r1[0]}?change=1"]`);
    expect(await other.isChecked('input[name=answer][value="8"]')).toBe(true);
    await other.check('input[name=answer][value="9"]');
    await clickContinue(other);
    expect(path(other)).toBe(`${BASE}/check`);
    expect(await other.textContent("[data-testid=check-answers]")).toContain("9");
    await clickContinue(other);
    expect(path(other)).toBe(`${BASE}/done`);
    await step(other, "A confirmation");
    const reference = (await other.textContent("[data-testid=reference]"))!.trim();
    // The optional receipt: an error first, then sent.
    await other.fill("#email", "not an email");
    await clickContinue(other);
    await step(other, "A receipt error");
    await other.fill("#email", "a.participant@example.org");
    await clickContinue(other);
    expect(await other.textContent(".govuk-notification-banner")).toBeTruthy();
    const pid = (await sql<{ participant_id: number }>(server.dbPath, "select participant_id from responses where reference = ?", reference))[0].participant_id;
    anonymousParticipant = pid;
    anonymousPage = other;
    const stored = await storedAnswers({ participantId: pid }, f.round1);
    expect(stored[f.q.r1[0]]).toMatchObject({ numeric_value: 9, unable: 0 });
    expect(stored[f.q.r1[1]]).toMatchObject({ numeric_value: null, unable: 1 });
    expect(stored[f.q.r1[2]]).toMatchObject({ numeric_value: 5 });
    expect(JSON.parse(stored[f.q.rank].text_value!)).toEqual(["T2", "T1", "T3"]);
    expect(stored[f.q.pair].text_value).toBe("T2");
    expect(JSON.parse(stored[f.q.multi].text_value!)).toEqual(["phone", "visit"]);
    expect(stored[f.q.why].text_value).toBe("آمنے سامنے بات کرنا آسان ہے");
    expect(stored[f.q.idea].text_value).toBe("Help with transport to appointments");
    expect(stored[f.q.group]).toBeUndefined();
    expect(Object.keys(stored)).toHaveLength(8);
    expect(await sql(server.dbPath, "select stakeholder_group from participant_profiles where participant_id = ?", pid)).toEqual([
      { stakeholder_group: "citizen" },
    ]);
    expect(await sql(server.dbPath, "select count(*) as n from email_outbox where kind = 'receipt' and to_address = 'a.participant@example.org'")).toEqual([
      { n: 1 },
    ]);
  }, 240_000);

  it("participant B: a carer by invitation, JavaScript off, submitting twice (double click and a second tab)", async () => {
    const token = await invite(server.dbPath, f, f.members.carer, f.round1);
    const page = await open(false, "en");
    await page.goto(`${server.url}/invite/${token}`);
    expect(path(page)).toBe(BASE);
    await step(page, "B start page (invited)");
    await follow(page, "[data-testid=resume]");
    expect(path(page)).toBe(`${BASE}/briefing/1`);
    await follow(page, "[data-testid=briefing-continue]");
    await follow(page, "[data-testid=briefing-continue]");
    for (const [i, score] of ["7", "6", "8"].entries()) {
      expect(path(page)).toBe(`${BASE}/q/${f.q.r1[i]}`);
      await step(page, `B rating ${i + 1}`);
      await page.check(`input[name=answer][value="${score}"]`);
      await clickContinue(page);
    }
    // A ranking that is not a full order is refused and keeps what was chosen.
    await page.selectOption("#answer", "1");
    await page.selectOption("#rank-T2", "1");
    await clickContinue(page);
    await step(page, "B ranking, error");
    expect(await page.inputValue("#rank-T2")).toBe("1");
    await page.selectOption("#rank-T2", "3");
    await page.selectOption("#rank-T3", "2");
    await clickContinue(page);
    await page.check('input[name=answer][value="T1"]');
    await clickContinue(page);
    await page.check('input[name=answer][value="letter"]');
    await clickContinue(page);
    expect(path(page)).toBe(`${BASE}/q/${f.q.idea}`);
    await clickContinue(page); // optional, left blank
    await page.check('input[name=consent][value="no"]');
    await clickContinue(page);
    expect(path(page)).toBe(`${BASE}/check`);
    await step(page, "B check your answers");
    // A second tab on the same check page.
    const tab2 = await page.context().newPage();
    jsOf.set(tab2, false);
    await tab2.goto(`${server.url}${BASE}/check`);
    // Double click on the submit button.
    await page.dblclick("main form[method=post] button.govuk-button");
    await page.waitForURL(/\/done$/);
    await page.waitForLoadState("load");
    await step(page, "B confirmation");
    const reference = (await page.textContent("[data-testid=reference]"))!.trim();
    await act(tab2, () => tab2.click("main form[method=post] button.govuk-button"));
    expect(path(tab2)).toBe(`${BASE}/done`);
    expect((await tab2.textContent("[data-testid=reference]"))!.trim()).toBe(reference);
    // Back, then submit again: still the same confirmation.
    await page.goBack();
    await page.waitForLoadState("load");
    expect(path(page)).toBe(`${BASE}/done`);
    const pid = (
      await sql<{ id: number }>(server.dbPath, "select id from participants where member_id = ? and consultation_id = ?", f.members.carer, f.consultationId)
    )[0].id;
    expect(await responsesOf(pid, f.round1)).toEqual([{ reference }]);
    const stored = await storedAnswers({ participantId: pid }, f.round1);
    expect(stored[f.q.r1[0]].numeric_value).toBe(7);
    expect(stored[f.q.r1[1]].numeric_value).toBe(6);
    expect(stored[f.q.r1[2]].numeric_value).toBe(8);
    expect(JSON.parse(stored[f.q.rank].text_value!)).toEqual(["T1", "T3", "T2"]);
    expect(stored[f.q.pair].text_value).toBe("T1");
    expect(JSON.parse(stored[f.q.multi].text_value!)).toEqual(["letter"]);
    expect(Object.keys(stored)).toHaveLength(6);
    // The carer's stakeholder group comes from the advisory group, with consent given there.
    expect(await sql(server.dbPath, "select stakeholder_group from participant_profiles where participant_id = ?", pid)).toEqual([
      { stakeholder_group: "carer" },
    ]);
    expect(
      (
        await sql<{ completed_at: number | null }>(
          server.dbPath,
          "select completed_at from invitations where member_id = ? and round_id = ?",
          f.members.carer,
          f.round1,
        )
      )[0].completed_at,
    ).toBeGreaterThan(0);
  }, 240_000);

  it("participant C: a professional by invitation, in Polish, using only the keyboard", async () => {
    const token = await invite(server.dbPath, f, f.members.professional, f.round1);
    const page = await open(true, "pl");
    await page.goto(`${server.url}/invite/${token}`);
    await keyboardRound1(page);
  }, 240_000);
});

/** Tabs until the focused element matches, then returns; fails after too many presses. */
async function tabTo(page: Page, selector: string, max = 60) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`could not reach ${selector} with Tab`);
}
async function keyEnter(page: Page, selector: string) {
  await tabTo(page, selector);
  await act(page, () => page.keyboard.press("Enter"));
}
/** Radios: Tab into the group (first radio), then arrow keys move and select. */
async function keyRadio(page: Page, index: number) {
  await tabTo(page, "input[name=answer], input[name=consent]");
  for (let i = 0; i < index; i++) await page.keyboard.press("ArrowDown");
}
const CONTINUE = "main form[method=post] button.govuk-button";

async function keyboardRound1(page: Page) {
  await page.waitForLoadState("networkidle");
  await step(page, "C start page (pl)");
  await keyEnter(page, "[data-testid=resume]");
  await step(page, "C briefing 1");
  await keyEnter(page, "[data-testid=briefing-continue]");
  await keyEnter(page, "[data-testid=briefing-continue]");
  for (const index of [2, 8, 3]) {
    await step(page, "C rating");
    await keyRadio(page, index); // scores 3, 9, 4
    await keyEnter(page, CONTINUE);
  }
  // Ranking with selects: arrow keys change a focused select.
  await tabTo(page, "#answer");
  await page.keyboard.press("ArrowDown"); // T1: position 1
  await tabTo(page, "#rank-T2");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown"); // T2: position 2
  await tabTo(page, "#rank-T3");
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowDown"); // T3: position 3
  await keyEnter(page, CONTINUE);
  await step(page, "C pairwise");
  await keyRadio(page, 1); // T2
  await keyEnter(page, CONTINUE);
  // Checkboxes: Space toggles.
  await tabTo(page, "input[name=answer][value=phone]");
  await page.keyboard.press("Space");
  await keyEnter(page, CONTINUE);
  await tabTo(page, "#answer");
  await page.keyboard.type("Fewer different visitors every week");
  await keyEnter(page, CONTINUE);
  expect(path(page)).toBe(`${BASE}/about-you`);
  await keyRadio(page, 1); // no
  await keyEnter(page, CONTINUE);
  expect(path(page)).toBe(`${BASE}/check`);
  await step(page, "C check your answers");
  // Focus is visible: the focused button is drawn differently (GOV.UK's yellow focus state).
  await tabTo(page, CONTINUE);
  const focused = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const s = getComputedStyle(el);
    return { background: s.backgroundColor, shadow: s.boxShadow };
  });
  expect(focused.background).toBe("rgb(255, 221, 0)");
  expect(focused.shadow).not.toBe("none");
  await keyEnter(page, CONTINUE);
  expect(path(page)).toBe(`${BASE}/done`);
  await step(page, "C confirmation");
  const pid = (
    await sql<{ id: number }>(
      server.dbPath,
      "select id from participants where member_id = ? and consultation_id = ?",
      f.members.professional,
      f.consultationId,
    )
  )[0].id;
  const stored = await storedAnswers({ participantId: pid }, f.round1);
  expect([stored[f.q.r1[0]].numeric_value, stored[f.q.r1[1]].numeric_value, stored[f.q.r1[2]].numeric_value]).toEqual([3, 9, 4]);
  expect(JSON.parse(stored[f.q.rank].text_value!)).toEqual(["T1", "T2", "T3"]);
  expect(stored[f.q.pair].text_value).toBe("T2");
  expect(JSON.parse(stored[f.q.multi].text_value!)).toEqual(["phone"]);
  expect(stored[f.q.idea].text_value).toBe("Fewer different visitors every week");
  expect(Object.keys(stored)).toHaveLength(7);
}

describe("round 1 closes, round 2 opens with feedback", () => {
  it("a closed round says so, in every locale, and keeps a draft readable", async () => {
    // D starts, saves one answer, and the round closes before D finishes.
    const d = await open(false, "en");
    await d.goto(`${server.url}${BASE}`);
    await clickContinue(d);
    await d.goto(`${server.url}${BASE}/q/${f.q.r1[0]}`);
    await d.check('input[name=answer][value="4"]');
    await clickContinue(d);
    await sql(server.dbPath, "update rounds set status = 'closed' where id = ?", f.round1);
    await d.goto(`${server.url}${BASE}/q/${f.q.r1[1]}`);
    expect(path(d)).toBe(BASE);
    expect(await d.textContent("[data-testid=closed]")).toContain("closed");
    expect(await d.textContent("[data-testid=saved-answers]")).toContain("4 – important but not critical");
    await step(d, "closed with a readable draft (en)");
    for (const locale of ["cy", "pl", "ur"] as const) {
      const p = await open(true, locale);
      await p.goto(`${server.url}${BASE}`);
      expect(await p.isVisible("[data-testid=closed]")).toBe(true);
      await step(p, `closed (${locale})`);
    }
  }, 120_000);

  it("in round 2 each participant sees their own score and the groups' scores, and answers again", async () => {
    await sql(server.dbPath, "update rounds set status = 'open' where id = ?", f.round2);
    // A: the same anonymous participant, by cookie, still in Urdu.
    const a = anonymousPage;
    await a.goto(`${server.url}${BASE}`);
    await step(a, "A round 2 start");
    await follow(a, "[data-testid=resume]");
    await follow(a, "[data-testid=briefing-continue]");
    await follow(a, "[data-testid=briefing-continue]");
    expect(path(a)).toBe(`${BASE}/q/${f.q.r2[0]}`);
    const feedback = await a.textContent("[data-testid=round-feedback]");
    expect(await a.textContent("[data-testid=own-score]")).toContain("9");
    expect(feedback).toContain("(11 "); // 10 synthetic citizens and A
    expect(await a.locator("[data-testid=round-feedback] [data-testid=distribution-columns]").count()).toBeGreaterThan(0);
    expect(await a.locator("[data-testid=round-feedback] table").count()).toBeGreaterThan(0);
    await step(a, "A round 2 feedback (ur)");
    for (const score of ["9", "unable", "6"]) {
      await a.check(`input[name=answer][value="${score}"]`);
      await clickContinue(a);
    }
    await clickContinue(a);
    expect(path(a)).toBe(`${BASE}/done`);
    const stored = await storedAnswers({ participantId: anonymousParticipant }, f.round2);
    expect([stored[f.q.r2[0]].numeric_value, stored[f.q.r2[1]].unable, stored[f.q.r2[2]].numeric_value]).toEqual([9, 1, 6]);
    expect(Object.keys(stored)).toHaveLength(3);
    // Round 1's answers are untouched.
    expect((await storedAnswers({ participantId: anonymousParticipant }, f.round1))[f.q.r1[0]].numeric_value).toBe(9);

    // B: invited again, JavaScript off.
    const b = await open(false, "en");
    await b.goto(`${server.url}/invite/${await invite(server.dbPath, f, f.members.carer, f.round2)}`);
    await follow(b, "[data-testid=resume]");
    await follow(b, "[data-testid=briefing-continue]");
    await follow(b, "[data-testid=briefing-continue]");
    expect(await b.textContent("[data-testid=own-score]")).toContain("7");
    await step(b, "B round 2 feedback (en, no JavaScript)");
    for (const score of ["8", "6", "8"]) {
      await b.check(`input[name=answer][value="${score}"]`);
      await clickContinue(b);
    }
    await clickContinue(b);
    const bStored = await storedAnswers({ memberId: f.members.carer }, f.round2);
    expect([bStored[f.q.r2[0]].numeric_value, bStored[f.q.r2[1]].numeric_value, bStored[f.q.r2[2]].numeric_value]).toEqual([8, 6, 8]);

    // C: invited again, keyboard only.
    const c = await open(true, "pl");
    await c.goto(`${server.url}/invite/${await invite(server.dbPath, f, f.members.professional, f.round2)}`);
    await c.waitForLoadState("networkidle");
    await keyEnter(c, "[data-testid=resume]");
    await keyEnter(c, "[data-testid=briefing-continue]");
    await keyEnter(c, "[data-testid=briefing-continue]");
    // Professionals in round 1 were fewer than 8: their scores are not shown.
    expect(await c.textContent("[data-testid=round-feedback]")).toContain("Profesjonaliści: odpowiedziało mniej niż 8 osób");
    await step(c, "C round 2 feedback (pl)");
    for (const index of [4, 4, 4]) {
      await keyRadio(c, index);
      await keyEnter(c, CONTINUE);
    }
    await keyEnter(c, CONTINUE);
    expect(path(c)).toBe(`${BASE}/done`);
    const cStored = await storedAnswers({ memberId: f.members.professional }, f.round2);
    expect([cStored[f.q.r2[0]].numeric_value, cStored[f.q.r2[1]].numeric_value, cStored[f.q.r2[2]].numeric_value]).toEqual([5, 5, 5]);
    // Exactly one response per participant per round.
    expect(
      await sql(
        server.dbPath,
        "select round_id, count(*) as n from responses r join participants p on p.id = r.participant_id where p.consultation_id = ? and r.reference not like 'TEST-%' group by round_id order by round_id",
        f.consultationId,
      ),
    ).toEqual([
      { round_id: f.round1, n: 3 },
      { round_id: f.round2, n: 3 },
    ]);
  }, 240_000);
});

describe("every state in every locale; reflow and target sizes", () => {
  it("start, question with feedback (empty, error, filled), check your answers and confirmation pass axe in en, cy, pl and ur", async () => {
    for (const locale of ["en", "cy", "pl", "ur"] as const) {
      const page = await open(true, locale);
      await page.goto(`${server.url}${BASE}`);
      expect(await page.getAttribute("html", "dir")).toBe(locale === "ur" ? "rtl" : "ltr");
      await step(page, `start (${locale})`);
      await clickContinue(page);
      await page.goto(`${server.url}${BASE}/q/${f.q.r2[0]}`);
      await step(page, `question with feedback, empty (${locale})`);
      await clickContinue(page);
      expect(await page.isVisible("[data-testid=error-summary]")).toBe(true);
      await step(page, `question, error (${locale})`);
      await page.check('input[name=answer][value="7"]');
      await step(page, `question, filled (${locale})`);
      for (let i = 0; i < 3; i++) {
        if (i > 0) await page.check('input[name=answer][value="7"]');
        await clickContinue(page);
      }
      expect(path(page)).toBe(`${BASE}/check`);
      await step(page, `check your answers (${locale})`);
      // Switching language mid-survey keeps the page and the answers.
      const otherLocale = locale === "en" ? "cy" : "en";
      await follow(page, `a[hreflang=${otherLocale}]`);
      expect(path(page)).toBe(`${BASE}/check`);
      expect(await page.locator("[data-testid=check-answers] .govuk-summary-list__row").count()).toBe(3);
      await follow(page, `a[hreflang=${locale}]`);
      await clickContinue(page);
      await step(page, `confirmation (${locale})`);
      await follow(page, `a[href="${BASE}/withdraw"]`);
      await step(page, `withdraw (${locale})`);
      await clickContinue(page);
      expect(path(page)).toBe(`${BASE}/withdrawn`);
      await step(page, `withdrawn (${locale})`);
    }
  }, 300_000);

  it("reflows at 320 px without horizontal scrolling, and every control is at least 24 × 24 px", async () => {
    const context = await newContext(browser, server.url, true, "ur");
    contexts.push(context);
    const page = await context.newPage();
    await page.setViewportSize({ width: 320, height: 640 });
    const fits = async (label: string) => {
      const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      expect(scroll, `${label} scrolls sideways`).toBeLessThanOrEqual(client);
      const small = await page.evaluate(() =>
        [...document.querySelectorAll("main input:not([type=hidden]), main button, main select, main .govuk-button")]
          .filter((el) => !el.closest("[aria-hidden=true]"))
          .map((el) => ({ el: `${el.tagName} ${el.getAttribute("name") ?? ""}`, box: el.getBoundingClientRect() }))
          .filter((x) => x.box.width < 24 || x.box.height < 24)
          .map((x) => `${x.el} ${Math.round(x.box.width)}×${Math.round(x.box.height)}`),
      );
      expect(small, `${label}: controls smaller than 24 × 24`).toEqual([]);
    };
    await page.goto(`${server.url}${BASE}`);
    await fits("start");
    await clickContinue(page);
    await fits("briefing");
    await page.goto(`${server.url}${BASE}/q/${f.q.r2[0]}`);
    await page.click(".app-feedback .govuk-details__summary");
    await fits("question with feedback");
    await clickContinue(page);
    await fits("question with error");
    for (let i = 0; i < 3; i++) {
      await page.check('input[name=answer][value="2"]');
      await clickContinue(page);
    }
    await fits("check your answers");
    await clickContinue(page);
    await fits("confirmation");
    await page.goto(`${server.url}/resume`);
    await fits("resume");
    expect(steps).toBeGreaterThan(60);
  }, 120_000);
});
