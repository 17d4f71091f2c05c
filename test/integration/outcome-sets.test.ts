// Outcome sets over HTTP against the real server: who may do what, validation,
// the agreement path, and the exports (JSON Schema, INDIGO, CSV, XLSX) agreeing.
import Ajv from "ajv";
import ExcelJS from "exceljs";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../../app/domain/csv";
import { Client, DEMO } from "../helpers/client";
import {
  addOtherPartnershipCommissioner,
  addUnnamedOrganisationCommissioner,
  CCG_COMMISSIONER,
  CITY_COMMISSIONER,
  COMET,
  currentSet,
  INDICATOR,
  organisationIds,
  OTHER_COMMISSIONER,
} from "../helpers/framework";
import { startServer, type TestServer } from "../helpers/server";
import { openTestDb } from "../helpers/test-database";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
  await addOtherPartnershipCommissioner(server.dbPath);
  await addUnnamedOrganisationCommissioner(server.dbPath);
});
afterAll(async () => {
  await server?.stop();
});

const C = "/consultations/joined-up-care";
const F = `${C}/framework`;
const ajv = new Ajv({ allErrors: true });
const schema = (name: string) => ajv.compile(JSON.parse(readFileSync(path.resolve("docs/schemas", name), "utf8")));

async function signedIn(account: { email: string; password: string }) {
  const c = new Client(server.url);
  const res = await c.signIn(account.email, account.password);
  expect(res.status, account.email).toBe(302);
  return c;
}

describe("outcome sets", () => {
  it("only commissioners of the consultation's partnership can see or do anything", async () => {
    const visitor = new Client(server.url);
    const others = [await signedIn(DEMO.otherOfficer), await signedIn(OTHER_COMMISSIONER), await signedIn(DEMO.officer), await signedIn(DEMO.admin)];
    const pages = [
      F,
      `${F}/weights`,
      `${F}/compare?from=1&to=1`,
      `${F}/outcomes/O1`,
      `${F}/outcomes/O1/indicators/new`,
      `${F}/1/trace/O1`,
      `${F}/1/schedule`,
      `${F}/1/export.json`,
      `${F}/1/export.csv`,
      `${F}/1/export.xlsx`,
      `${F}/1/indigo.json`,
    ];
    for (const page of pages) {
      const res = await visitor.get(page);
      expect(res.status, page).toBe(302);
      expect(res.headers.get("location"), page).toMatch(/^\/sign-in/);
      for (const c of others) expect((await c.get(page)).status, page).toBe(403);
    }
    const posts: Array<[string, Record<string, string>]> = [
      [F, { intent: "start" }],
      [F, { intent: "sign", version: "1" }],
      [`${F}/weights`, { pot: "1" }],
      [`${F}/outcomes/O1`, { intent: "inclusion", included: "no" }],
      [`${F}/outcomes/O1/indicators/new`, INDICATOR],
    ];
    for (const [page, form] of posts) {
      expect((await visitor.post(page, form)).status, page).toBe(302);
      for (const c of others) expect((await c.post(page, form)).status, page).toBe(403);
    }
    // Nothing was created by any of them.
    const db = openTestDb(server.dbPath);
    expect((await db.get<{ n: number }>("select count(*) n from outcome_sets"))!.n).toBe(0);
    await db.close();
  });

  it("officers name the organisations that sign; commissioners see them; others cannot", async () => {
    const officer = await signedIn(DEMO.officer);
    const page = `${C}/signatories`;
    expect((await officer.get(page)).status).toBe(200);
    const none = await officer.post(page, {});
    expect(none.status).toBe(400);
    expect(await none.text()).toContain("Select at least one organisation that must sign");
    expect((await officer.post(page, { organisations: ["999999"] })).status).toBe(400);
    const provider = await organisationIds(server.dbPath, ["Circle Partners"]);
    expect((await officer.post(page, { organisations: provider })).status).toBe(400);
    const ids = await organisationIds(server.dbPath, ["Nottinghamshire County Council", "Rushcliffe Clinical Commissioning Group"]);
    const saved = await officer.post(page, { organisations: ids });
    expect(saved.status).toBe(302);
    const commissioner = await signedIn(DEMO.commissioner);
    const html = await (await commissioner.get(page)).text();
    expect(html).toContain("Rushcliffe Clinical Commissioning Group");
    expect(html).not.toContain('type="checkbox"');
    expect((await commissioner.post(page, { organisations: ids })).status).toBe(403);
    expect((await (await signedIn(DEMO.otherOfficer)).post(page, { organisations: ids })).status).toBe(403);
    expect((await new Client(server.url).get(page)).status).toBe(302);
  });

  it("builds, validates, agrees with two signatures, refuses changes, and exports the same content everywhere", async () => {
    const claire = await signedIn(DEMO.commissioner);
    const david = await signedIn(CCG_COMMISSIONER);
    const noResult = await claire.post(F, { intent: "start" });
    expect(noResult.status).toBe(409);
    expect(await noResult.text()).toContain("Calculate results before starting the outcome set");
    expect((await (await signedIn(DEMO.officer)).post(`${C}/results`, COMET)).status).toBe(302);
    expect((await claire.post(F, { intent: "start" })).headers.get("location")).toBe(`${F}?notice=started`);
    const set = await currentSet(server.dbPath);
    const inCodes = set.content.outcomes.filter((o) => o.included).map((o) => o.code);
    expect(inCodes.length).toBeGreaterThan(1);
    const notIn = set.content.outcomes.find((o) => !o.included)!;

    // Excluding a consensus-in outcome needs a reason; the page keeps what was chosen.
    const noReason = await claire.post(`${F}/outcomes/${inCodes[0]}`, { intent: "inclusion", included: "no", inclusionReason: "" });
    expect(noReason.status).toBe(400);
    const noReasonHtml = await noReason.text();
    expect(noReasonHtml).toContain("Enter why you are leaving out an outcome that people agreed is critical");
    expect(noReasonHtml).toContain("<title>Error: ");
    // Including one without consensus is no departure unless it was "out".
    const include = await claire.post(`${F}/outcomes/${notIn.code}`, {
      intent: "inclusion",
      included: "yes",
      inclusionReason: notIn.evidence.consensus === "out" ? "Commissioners' statutory duty" : "",
    });
    expect(include.status).toBe(302);
    const codes = [...inCodes, notIn.code];

    // Indicators: validated with clear errors, then added to every included outcome.
    const bad = await claire.post(`${F}/outcomes/${codes[0]}/indicators/new`, {
      ...INDICATOR,
      baselineValue: "lots",
      targetDate: "2020-01-01",
      frequency: "weekly",
    });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain("Enter the baseline as a number");
    expect(badHtml).toContain("Select how often it is reported");
    expect(badHtml).toContain('value="lots"');
    for (const code of codes) expect((await claire.post(`${F}/outcomes/${code}/indicators/new`, INDICATOR)).status).toBe(302);

    // Weights: exactly 100, and reasons beyond the margin.
    const even = (100 / codes.length).toFixed(2);
    const weights = Object.fromEntries(codes.map((c, k) => [`weight-${c}`, k === 0 ? (100 - Number(even) * (codes.length - 1)).toFixed(2) : even]));
    const reasons = Object.fromEntries(codes.map((c) => [`reason-${c}`, "Equal shares agreed by the commissioning board"]));
    const short = await claire.post(`${F}/weights`, { ...weights, [`weight-${codes[0]}`]: "1", ...reasons, pot: "250000", margin: "5" });
    expect(short.status).toBe(400);
    expect(await short.text()).toMatch(/Final weights must total exactly 100% – they total \d+\.\d\d%/);
    const noReasons = await claire.post(`${F}/weights`, { ...weights, pot: "250000", margin: "0" });
    expect(noReasons.status).toBe(400);
    expect(await noReasons.text()).toContain("differs from the citizen-derived weight by more than 0 points");
    expect((await claire.post(`${F}/weights`, { ...weights, ...reasons, pot: "£250,000", margin: "5" })).status).toBe(302);

    // Hostile wording is kept as text.
    const hostile = '=HYPERLINK("http://evil.example","click")';
    expect((await claire.post(`${F}/outcomes/${codes[1]}`, { intent: "reword", statement: hostile })).status).toBe(302);

    // Draft downloads are marked.
    const draftCsv = await (await claire.get(`${F}/1/export.csv`)).text();
    expect(parseCsv(draftCsv).rows.every((r) => r.values.watermark === "DRAFT – not agreed")).toBe(true);

    // Propose, sign by both organisations, agreed.
    expect((await claire.post(F, { intent: "propose", version: "1" })).headers.get("location")).toBe(`${F}?notice=proposed`);
    expect((await claire.post(`${F}/outcomes/${codes[0]}`, { intent: "reword", statement: "x" })).status).toBe(409);
    // A commissioner signs only for their own organisation, and only if it was named.
    const sam = await signedIn(CITY_COMMISSIONER);
    const refused = await sam.post(F, { intent: "sign", version: "1" });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("Your organisation is not one of the organisations that must sign");
    expect((await claire.post(F, { intent: "sign", version: "1" })).headers.get("location")).toBe(`${F}?notice=signed`);
    expect((await claire.post(F, { intent: "sign", version: "1" })).status).toBe(409);
    expect((await david.post(F, { intent: "sign", version: "1" })).headers.get("location")).toBe(`${F}?notice=agreed`);
    expect((await currentSet(server.dbPath)).status).toBe("agreed");
    // The agreed version cannot be edited over HTTP.
    expect((await claire.post(`${F}/weights`, { ...weights, ...reasons, pot: "1", margin: "5" })).status).toBe(409);
    expect((await claire.post(`${F}/outcomes/${codes[0]}`, { intent: "reword", statement: "changed" })).status).toBe(409);
    expect((await claire.post(F, { intent: "move", version: "1", code: codes[0], direction: "down" })).status).toBe(409);
    expect((await claire.post(F, { intent: "withdraw", version: "1" })).status).toBe(409);
    expect((await currentSet(server.dbPath)).content.outcomes.find((o) => o.code === codes[1])).toBeTruthy();

    // Exports: JSON against its schema, INDIGO against its schema, CSV and XLSX with the same content.
    const jsonRes = await claire.get(`${F}/1/export.json`);
    expect(jsonRes.headers.get("content-disposition")).toBe('attachment; filename="joined-up-care-outcome-set-v1.json"');
    const doc = await jsonRes.json();
    const validate = schema("outcome-set.schema.json");
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(doc.watermark).toBeNull();
    expect(doc.method.responseCount).toBe(24);
    expect(doc.outcomeSet.signatures.map((s: { signer: string }) => s.signer).sort()).toEqual(["Claire Boateng", "David Ellis"]);
    const indigo = await (await claire.get(`${F}/1/indigo.json`)).json();
    const validateIndigo = schema("indigo-4.1.0/pipeline-fields.schema.json"); // INDIGO 4.1.0 pipeline.json
    expect(validateIndigo(indigo), JSON.stringify(validateIndigo.errors)).toBe(true);
    expect(indigo.outcome_metrics.map((m: { id: string }) => m.id).sort()).toEqual([...codes].sort());
    expect(indigo.overall_project_finance.maximum_potential_outcome_payment_v2.amount.value).toBe(250000);

    const csvRes = await claire.get(`${F}/1/export.csv`);
    expect(csvRes.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const csvBuffer = Buffer.from(await csvRes.arrayBuffer());
    expect([...csvBuffer.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const table = parseCsv(csvBuffer.toString("utf8"));
    for (const row of table.rows) for (const f of row.fields) expect(f).not.toMatch(/^[=+\-@\t\r]/);
    expect(table.rows.find((r) => r.values.code === codes[1])!.values.statement).toBe(`'${hostile}`);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await (await claire.get(`${F}/1/export.xlsx`)).arrayBuffer()) as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["outcomes", "indicators", "weights", "provenance"]);
    for (const sheet of workbook.worksheets) {
      expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
      expect(sheet.getColumn(1).width).toBeGreaterThan(5);
    }
    const weightsSheet = workbook.getWorksheet("weights")!;
    const xlsxWeights: Record<string, number> = {};
    weightsSheet.eachRow((row, n) => {
      if (n > 2 && row.getCell(1).value !== "total") xlsxWeights[String(row.getCell(1).value)] = Number(row.getCell(4).value);
    });
    expect(workbook.getWorksheet("outcomes")!.getRow(1).getCell(1).value).toMatch(/agreed$/);
    const jsonWeights = Object.fromEntries(
      doc.outcomes.filter((o: { included: boolean }) => o.included).map((o: { code: string; finalWeight: number }) => [o.code, o.finalWeight]),
    );
    const csvWeights = Object.fromEntries(table.rows.filter((r) => r.values.included === "yes").map((r) => [r.values.code, Number(r.values.final_weight)]));
    expect(xlsxWeights).toEqual(jsonWeights);
    expect(csvWeights).toEqual(jsonWeights);
    expect(Object.values(jsonWeights).reduce((a: number, w) => a + Math.round(Number(w) * 100), 0)).toBe(10000);

    // Version 2 from the agreed one, with a reason; compare lists what changed and why.
    const noWhy = await claire.post(F, { intent: "new-version", reason: "  " });
    expect(noWhy.status).toBe(400);
    expect((await claire.post(F, { intent: "new-version", reason: "Carers asked for a stronger measure" })).status).toBe(302);
    expect((await claire.post(`${F}/outcomes/${codes[0]}`, { intent: "reword", statement: "People tell their story only once" })).status).toBe(302);
    const compare = await (await claire.get(`${F}/compare?from=1&to=2`)).text();
    expect(compare).toContain("Carers asked for a stronger measure");
    expect(compare).toContain("People tell their story only once");
    expect((await claire.get(`${F}/compare?from=1&to=9`)).status).toBe(404);
    expect((await claire.get(`${F}/compare?from=x&to=2`)).status).toBe(404);
    const trace = await (await claire.get(`${F}/1/trace/${codes[0]}`)).text();
    expect(trace).toContain("outcomes-codesign/delphi-aggregation");
    expect(trace).toContain("24 people");
    const draft2 = await (await claire.get(`${F}/2/export.json`)).json();
    expect(draft2.watermark).toBe("DRAFT – not agreed");
    expect((await claire.get(`${F}/2/schedule`)).status).toBe(200);

    // Every state change was audited.
    const db = openTestDb(server.dbPath);
    const actions = (await db.all<{ action: string }>("select action from audit_log where entity_type = 'outcome_set'")).map((a) => a.action);
    await db.close();
    expect(actions).toEqual(
      expect.arrayContaining([
        "outcome_set.started",
        "outcome_set.included",
        "outcome_set.indicator_added",
        "outcome_set.weights_set",
        "outcome_set.proposed",
        "outcome_set.signed",
        "outcome_set.agreed",
        "outcome_set.version_started",
        "outcome_set.reworded",
      ]),
    );
  });
});
