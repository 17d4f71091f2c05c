// The "Done when" in real Chromium: from aggregated results to an agreed outcome
// set signed by two organisations, version 2, comparison, all four downloads parsed and
// checked against each other and the screen; axe-core on every page and state.
import ExcelJS from "exceljs";
import { readFileSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../../app/domain/csv";
import { expectAccessible, newContext, signInAs, withServerAndBrowser } from "../helpers/browser";
import { Client, DEMO } from "../helpers/client";
import { CCG_COMMISSIONER, COMET, currentSet, INDICATOR } from "../helpers/framework";
import type { TestServer } from "../helpers/server";

let server: TestServer;
let browser: Browser;
let claire: BrowserContext;
let page: Page;
const F = "/consultations/joined-up-care/framework";
let included: string[] = [];

withServerAndBrowser((s, b) => ([server, browser] = [s, b]));
beforeAll(async () => {
  claire = await newContext(browser, server.url, true, "en");
  page = await claire.newPage();
});

async function go(path: string) {
  await page.goto(`${server.url}${path}`);
}

async function submit(formSelector: string) {
  await Promise.all([page.waitForLoadState("networkidle"), page.click(`${formSelector} button[type=submit]`)]);
}

async function download(linkText: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.click(`[data-testid=downloads] a:has-text("${linkText}")`)]);
  return file.path();
}

describe("outcome set, from results to an agreed, exported, versioned set", () => {
  it("officer names the signatories (with an error state), and results are calculated", async () => {
    const officer = await newContext(browser, server.url, false, "en");
    const op = await officer.newPage();
    await signInAs(op, server.url, DEMO.officer);
    await op.goto(`${server.url}/consultations/joined-up-care/signatories`);
    await expectAccessible(op, "signatories");
    await Promise.all([op.waitForNavigation({ waitUntil: "load" }), op.click("form button.govuk-button")]);
    await op.waitForSelector("[data-testid=error-summary]");
    expect(await op.title()).toMatch(/^Error: /);
    await expectAccessible(op, "signatories with an error");
    await op.check("label:has-text('Nottinghamshire County Council')");
    await op.check("label:has-text('Rushcliffe Clinical Commissioning Group')");
    await Promise.all([op.waitForNavigation({ waitUntil: "load" }), op.click("form button.govuk-button")]);
    await op.waitForSelector(".govuk-notification-banner--success");
    await expectAccessible(op, "signatories saved");
    await officer.close();
    const client = new Client(server.url);
    await client.signIn(DEMO.officer.email, DEMO.officer.password);
    expect((await client.post("/consultations/joined-up-care/results", COMET)).status).toBe(302);
  });

  it("a commissioner starts from the results and edits outcomes, indicators and weights", async () => {
    await signInAs(page, server.url, DEMO.commissioner);
    await expectAccessible(page, "dashboard with the outcome set link");
    await page.click(`a[href='${F}']`);
    await page.waitForSelector("form:has(input[value=start])");
    await expectAccessible(page, "framework before it starts");
    await submit("form:has(input[value=start])");
    await page.waitForSelector("[data-testid=set-status]");
    expect(await page.textContent("[data-testid=set-status]")).toContain("Draft");
    await expectAccessible(page, "framework draft with problems");
    const set = await currentSet(server.dbPath);
    included = set.content.outcomes.filter((o) => o.included).map((o) => o.code);
    expect(included.length).toBeGreaterThan(2);

    // Leaving out a consensus-in outcome needs a reason.
    const dropped = included.pop()!;
    await go(`${F}/outcomes/${dropped}`);
    await expectAccessible(page, "outcome editor");
    await page.check("#included-2");
    await submit("form:has(input[value=inclusion])");
    await page.waitForSelector("[data-testid=error-summary]");
    await expectAccessible(page, "outcome editor with an error");
    await page.fill("#inclusionReason", "Already paid for under the reablement contract");
    await submit("form:has(input[value=inclusion])");
    // Reword one, keeping the citizens' wording alongside.
    await go(`${F}/outcomes/${included[0]}`);
    await page.fill("#statement", "People tell their story only once");
    await submit("form:has(input[value=reword])");
    await page.waitForSelector(".govuk-notification-banner--success");
    await expectAccessible(page, "outcome editor after saving");

    // One indicator per included outcome, through the form (one error state checked).
    for (const [k, code] of included.entries()) {
      await go(`${F}/outcomes/${code}/indicators/new`);
      if (k === 0) {
        await expectAccessible(page, "indicator form");
        await submit("form:has(#name)");
        await page.waitForSelector("[data-testid=error-summary]");
        await expectAccessible(page, "indicator form with errors");
      }
      for (const field of [
        "name",
        "definition",
        "numerator",
        "denominator",
        "dataSource",
        "baselineValue",
        "baselineDate",
        "targetValue",
        "targetDate",
        "nationalMeasure",
      ] as const) {
        await page.fill(`#${field}`, k === 1 && field === "name" ? "=cmd|' /C calc'!A0" : INDICATOR[field]);
      }
      await page.check(`input[name=frequency][value=${INDICATOR.frequency}]`);
      await page.check(`input[name=validationMethod][value=${INDICATOR.validationMethod}]`);
      await submit("form:has(#name)");
      await page.waitForSelector(`h1:has-text("${code}")`);
    }
    await expectAccessible(page, "outcome with an indicator");
    await go(`${F}/outcomes/${included[0]}/indicators/1`);
    expect(await page.inputValue("#name")).toBe(INDICATOR.name);
    await expectAccessible(page, "indicator form, changing one");

    // Weights: the stale total is refused; then citizen-derived weights with two shifted by 6 points.
    await go(`${F}/weights`);
    await expectAccessible(page, "weights");
    await submit("form:has(#margin)");
    await page.waitForSelector("[data-testid=error-summary]");
    expect(await page.textContent("[data-testid=error-summary]")).toContain("Final weights must total exactly 100%");
    await expectAccessible(page, "weights with errors");
    const citizen: Record<string, number> = {};
    for (const code of included) citizen[code] = Number((await page.textContent(`[data-testid=citizen-${code}]`))!.replace("%", ""));
    for (const [k, code] of included.entries()) {
      const shift = k === 0 ? 6 : k === 1 ? -6 : 0;
      await page.fill(`#weight-${code}`, (citizen[code] + shift).toFixed(2));
      if (shift) await page.fill(`#reason-${code}`, "The commissioning board weighted continuity of care higher");
    }
    await page.fill("#pot", "250000");
    await submit("form:has(#margin)");
    await page.waitForSelector("[data-testid=total-final]");
    expect(await page.textContent("[data-testid=total-final]")).toContain("100.00%");

    // Reorder within a domain with the up button.
    const rows = await page.locator("form:has(input[value=up]) input[name=code]").evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect(rows.length).toBeGreaterThan(0);
    await submit(`form:has(input[name=code][value="${rows[0]}"]):has(input[value=up])`);
    expect(await page.locator("[data-testid=problems]").count()).toBe(0);
    await expectAccessible(page, "framework ready to propose");
  }, 180_000);

  it("is proposed, signed by both organisations, and agreed", async () => {
    await submit("form:has(input[value=propose])");
    await page.waitForSelector(".govuk-notification-banner--success");
    await expectAccessible(page, "framework proposed");
    await submit("form:has(input[value=sign])");
    await page.waitForSelector(".govuk-notification-banner--success");
    expect(await page.textContent("[data-testid=set-status]")).toContain("Proposed");
    const ccg = await newContext(browser, server.url, false, "cy");
    const cp = await ccg.newPage();
    await signInAs(cp, server.url, CCG_COMMISSIONER);
    await cp.goto(`${server.url}${F}`);
    await expectAccessible(cp, "framework proposed, in Welsh, without JavaScript");
    await Promise.all([cp.waitForNavigation({ waitUntil: "load" }), cp.click("form:has(input[value=sign]) button")]);
    await cp.waitForSelector(".govuk-notification-banner--success");
    expect(await cp.textContent("[data-testid=set-status]")).toContain("Wedi'i chytuno");
    await expectAccessible(cp, "framework agreed, in Welsh");
    await ccg.close();
    await go(F);
    expect(await page.textContent("[data-testid=set-status]")).toContain("Agreed");
    expect(await page.locator("[data-testid=draft-mark]").count()).toBe(0);
    await expectAccessible(page, "framework agreed");
    await go(`${F}/1/trace/${included[0]}`);
    expect(await page.textContent("main")).toContain("outcomes-codesign/delphi-aggregation");
    await expectAccessible(page, "traceability");
    // Pages that edit say the agreed version cannot be changed there.
    for (const path of [`${F}/outcomes/${included[0]}`, `${F}/weights`, `${F}/outcomes/${included[0]}/indicators/1`]) {
      await go(path);
      await page.waitForSelector("#not-editable");
      await expectAccessible(page, `${path} on an agreed version`);
    }
  }, 120_000);

  it("downloads all four formats, which agree with each other, the schedule and the screen", async () => {
    await go(F);
    const screen: Record<string, { weight: string; statement: string }> = {};
    for (const code of included) {
      screen[code] = {
        weight: (await page.textContent(`[data-testid=final-${code}]`))!.trim(),
        statement: (await page.textContent(`[data-testid=row-${code}] [data-testid=statement]`))!.trim(),
      };
    }
    const doc = JSON.parse(readFileSync(await download("JSON (with"), "utf8"));
    const csv = parseCsv(readFileSync(await download("CSV"), "utf8"));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download("Excel"));
    const indigo = JSON.parse(readFileSync(await download("INDIGO"), "utf8"));
    expect(doc.watermark).toBeNull();
    const fromJson = Object.fromEntries(
      doc.outcomes
        .filter((o: { included: boolean }) => o.included)
        .map((o: { code: string; finalWeight: number; statement: string; amount: number }) => [o.code, o]),
    );
    expect(Object.keys(fromJson).sort()).toEqual([...included].sort());
    for (const code of included) {
      expect(`${fromJson[code].finalWeight.toFixed(2)}%`).toBe(screen[code].weight);
      expect(fromJson[code].statement).toBe(screen[code].statement);
      const csvRow = csv.rows.find((r) => r.values.code === code)!;
      expect(csvRow.values.final_weight).toBe(fromJson[code].finalWeight.toFixed(2));
      expect(csvRow.values.amount_gbp).toBe(fromJson[code].amount.toFixed(2));
      expect(csvRow.values.watermark).toBe("");
      // INDIGO 4.1.0 pipelines have no prices: the metric's notes carry the weight and the share of the pot.
      const metric = indigo.outcome_metrics.find((m: { id: string }) => m.id === code);
      expect(metric.notes).toContain(`Weight: ${fromJson[code].finalWeight.toFixed(2)}% of the incentive payment.`);
      expect(metric.notes).toContain(`Maximum price if all targets achieved: GBP ${fromJson[code].amount.toFixed(2)}.`);
    }
    // The hostile indicator name is neutralised in the CSV, plain text in JSON and XLSX.
    expect(csv.rows.find((r) => r.values.code === included[1])!.values.indicator_name).toBe("'=cmd|' /C calc'!A0");
    const xlsxWeights: Record<string, number> = {};
    workbook.getWorksheet("weights")!.eachRow((row, n) => {
      if (n > 2 && row.getCell(1).value !== "total") xlsxWeights[String(row.getCell(1).value)] = Number(row.getCell(4).value);
    });
    expect(xlsxWeights).toEqual(Object.fromEntries(included.map((c) => [c, fromJson[c].finalWeight])));
    const indicatorNames: string[] = [];
    workbook.getWorksheet("indicators")!.eachRow((row, n) => {
      if (n > 2) indicatorNames.push(String(row.getCell(3).value));
    });
    expect(indicatorNames).toContain("=cmd|' /C calc'!A0");
    expect(workbook.getWorksheet("provenance")!.getRow(1).getCell(1).value).toMatch(/agreed$/);

    // The printable schedule shows the same outcomes, shares and amounts.
    await page.click("a:has-text('Schedule: outcomes and incentive payments')");
    await page.waitForSelector("[data-testid=schedule-table]");
    await expectAccessible(page, "schedule, agreed");
    for (const code of included) {
      const row = page.locator(`tr[data-code="${code}"]`);
      expect((await row.locator("[data-field=weight]").textContent())!.trim()).toBe(screen[code].weight);
      expect((await row.locator("[data-field=statement]").textContent())!.trim()).toBe(fromJson[code].statement);
      expect((await row.locator("[data-field=amount]").textContent())!.replace(/[£,]/g, "")).toBe(fromJson[code].amount.toFixed(2));
    }
    await page.emulateMedia({ media: "print" });
    expect(await page.locator("header.govuk-header").isVisible()).toBe(false);
    await page.emulateMedia({ media: "screen" });
  }, 120_000);

  it("a change makes version 2, which is compared with version 1 and downloads as a draft", async () => {
    await go(F);
    await submit("form:has(input[value=new-version])");
    await page.waitForSelector("[data-testid=error-summary]");
    await expectAccessible(page, "new version without a reason");
    await page.fill("#reason", "Carers asked for a measure of joint visits");
    await submit("form:has(input[value=new-version])");
    await page.waitForSelector("[data-testid=draft-mark]");
    await go(`${F}/outcomes/${included[0]}`);
    await page.fill("#statement", "People tell their story once, and staff share it");
    await submit("form:has(input[value=reword])");
    // Reordering works without JavaScript (plain form posts).
    const noJs = await newContext(browser, server.url, false, "en");
    const np = await noJs.newPage();
    await signInAs(np, server.url, DEMO.commissioner);
    await np.goto(`${server.url}${F}`);
    const movable = await np.locator("form:has(input[value=down]) input[name=code]").evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    await Promise.all([
      np.waitForNavigation({ waitUntil: "load" }),
      np.click(`form:has(input[name=code][value="${movable[0]}"]):has(input[value=down]) button`),
    ]);
    await np.waitForSelector(`#outcome-${movable[0]}`);
    await expectAccessible(np, "framework after a move without JavaScript");
    await noJs.close();
    await go(F);
    expect(await page.textContent("h1")).toContain("version 2");
    await submit("form.app-compare-form");
    await page.waitForSelector("[data-testid=change]");
    const changes = (await page.locator("[data-testid=change]").allTextContents()).map((c) => c.trim());
    expect(changes).toContain(`${included[0]}: wording`);
    expect(changes).toContain(`${movable[0]}: position in its domain`);
    expect(await page.textContent("main")).toContain("moved an outcome");
    expect(await page.textContent("main")).toContain("Carers asked for a measure of joint visits");
    expect(await page.textContent("main")).toContain("Claire Boateng");
    await expectAccessible(page, "compare versions");
    await go(F);
    const draftDoc = JSON.parse(readFileSync(await download("JSON (with"), "utf8"));
    expect(draftDoc.watermark).toBe("DRAFT – not agreed");
    expect(draftDoc.outcomeSet.version).toBe(2);
    const draftCsv = parseCsv(readFileSync(await download("CSV"), "utf8"));
    expect(draftCsv.rows.every((r) => r.values.watermark === "DRAFT – not agreed")).toBe(true);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download("Excel"));
    for (const sheet of workbook.worksheets) expect(String(sheet.getRow(1).getCell(1).value)).toContain("DRAFT");
    await go(`${F}/2/schedule`);
    await page.waitForSelector("[data-testid=draft-mark]");
    await expectAccessible(page, "schedule, draft");
    await go(`${F}?version=1`);
    expect(await page.textContent("[data-testid=set-status]")).toContain("Agreed");
    await expectAccessible(page, "version 1 while version 2 is a draft");
  }, 120_000);
});
