/**
 * Real Chromium through playwright-core. The browser is found at CHROME_PATH,
 * else /usr/bin/chromium (Debian's package), else the binary shipped inside the
 * @sparticuz/chromium npm package, so the suite runs on a fresh machine.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { afterAll, beforeAll, expect } from "vitest";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { startServer, type TestServer } from "./server";

const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
];

async function findChromium(): Promise<{ executablePath: string; args: string[] }> {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv && existsSync(fromEnv)) return { executablePath: fromEnv, args: FLAGS };
  if (existsSync("/usr/bin/chromium")) return { executablePath: "/usr/bin/chromium", args: FLAGS };
  const sparticuz = (await import("@sparticuz/chromium")).default;
  return { executablePath: await sparticuz.executablePath(), args: [...sparticuz.args, ...FLAGS] };
}

export async function launchBrowser(): Promise<Browser> {
  const { executablePath, args } = await findChromium();
  return chromium.launch({ executablePath, args, headless: true });
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

/**
 * Runs axe-core in the page. Injected through the DevTools protocol, which the
 * page's Content-Security-Policy does not apply to, so the CSP stays on.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Let pending rendering work settle first: `autofocus` (the error summary) focuses and scrolls
  // during the next rendering updates, which would otherwise move targets while axe measures them.
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
  const hasAxe = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== "undefined");
  if (!hasAxe) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  }, AXE_TAGS);
}

export function describeViolations(violations: AxeViolation[]): string {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(" ")}`).join("\n")}`).join("\n");
}

/**
 * "JavaScript off" means the application's JavaScript never runs: every request
 * for its bundles (/build/…) is refused, so pages stay server-rendered HTML and
 * forms submit natively. (Chromium's own script switch would also stop axe.)
 */
export async function newContext(browser: Browser, url: string, javaScriptEnabled: boolean, locale: "en" | "cy" | "pl" | "ur"): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: `${locale}-GB` });
  if (!javaScriptEnabled) await context.route("**/build/**", (route) => route.abort());
  await context.addCookies([{ name: "lng", value: locale, url }]);
  return context;
}

export async function expectAccessible(page: Page, label: string) {
  const violations = await axeViolations(page);
  expect(violations, `${label}\n${describeViolations(violations)}`).toEqual([]);
}

export async function signInAs(page: Page, url: string, account: { email: string; password: string }) {
  await page.goto(`${url}/sign-in`);
  await page.fill("#email", account.email);
  await page.fill("#password", account.password);
  await page.click("form[method=post] button.govuk-button");
  await page.waitForSelector("[data-testid=signed-in-as]");
  expect(page.url()).toMatch(/\/dashboard$/);
}

/**
 * For a browser test file: starts the production server (fresh seeded database) and Chromium
 * before its tests, hands both to `receive`, and stops both after them.
 */
export function withServerAndBrowser(receive: (server: TestServer, browser: Browser) => unknown, env: Record<string, string> = {}): void {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(env), launchBrowser()]);
    await receive(server, browser);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
}

type RemixWindow = Window & {
  __remixRouter?: { subscribe: (fn: (s: { navigation: { state: string } }) => void) => () => void };
  __navs?: number;
  __unsub?: () => void;
};

/**
 * Runs an action (click, key press) and waits until its navigation has finished: a full page
 * load without JavaScript; with JavaScript (after hydration), Remix's client-side navigation (or
 * a full load for plain links), then hydration of the page it ends on.
 */
export async function waitForNavigationOf(page: Page, javaScriptEnabled: boolean, action: () => Promise<unknown>) {
  if (!javaScriptEnabled) {
    await Promise.all([page.waitForNavigation({ waitUntil: "load" }), action()]);
    return;
  }
  // Hydrated, not merely loaded: a click before hydration is a plain browser navigation that the
  // router never sees, and the wait below would return before it has finished (this was the
  // "landed on the start page" flake).
  await page.waitForFunction(() => document.documentElement.hasAttribute("data-hydrated"));
  await page.evaluate(() => {
    const w = window as RemixWindow;
    w.__unsub?.();
    w.__navs = 0;
    let busy = false;
    w.__unsub = w.__remixRouter!.subscribe((state) => {
      if (state.navigation.state !== "idle") busy = true;
      else if (busy) {
        busy = false;
        w.__navs = (w.__navs ?? 0) + 1;
      }
    });
  });
  await action();
  await page.waitForFunction(() => {
    const w = window as RemixWindow;
    return w.__navs === undefined || w.__navs > 0;
  });
  await page.waitForLoadState("load");
  await waitForRendered(page);
}

/**
 * Waits until the page on screen is the one at the current address, hydrated: the router changes
 * the URL before React has committed the new page (it renders in a transition), so a URL check
 * alone can read the previous page's heading.
 */
export async function waitForRendered(page: Page) {
  await page.waitForFunction(() => {
    const html = document.documentElement;
    return html.hasAttribute("data-hydrated") && html.getAttribute("data-rendered") === `${location.pathname}${location.search}`;
  });
}

/** Fills a GOV.UK date input (day, month, year) from "yyyy-mm-dd", or clears it with "". */
export async function fillDate(page: Page, name: string, isoDay: string) {
  const [year = "", month = "", day = ""] = isoDay ? isoDay.split("-") : [];
  await page.fill(`#${name}`, day ? String(Number(day)) : "");
  await page.fill(`#${name}-month`, month ? String(Number(month)) : "");
  await page.fill(`#${name}-year`, year);
}
