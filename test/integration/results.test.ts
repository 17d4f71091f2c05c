// Results pages over HTTP: roles, computing versions, caching by input hash,
// population margins upload and weighting.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, DEMO } from "../helpers/client";
import { addSecondRound } from "../helpers/rounds";
import { startServer, type TestServer } from "../helpers/server";
import { openTestDb } from "../helpers/test-database";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

const PAGE = "/consultations/joined-up-care/results";
const COMET = {
  intent: "compute",
  rule: "comet",
  thresholdIn: "70",
  thresholdOut: "15",
  bound: "strict",
  groups: "overall",
  groupWeighting: "equal",
  margins: "none",
};

async function signedIn(account: { email: string; password: string }) {
  const c = new Client(server.url);
  await c.signIn(account.email, account.password);
  return c;
}

function upload(client: Client, name: string, csv: string) {
  const form = new FormData();
  form.set("intent", "upload-margins");
  form.set("name", name);
  form.set("file", new Blob([csv], { type: "text/csv" }), "margins.csv");
  return client.request(PAGE, { method: "POST", body: form, headers: { Origin: server.url } });
}

describe("results", () => {
  it("is closed to visitors, other partnerships, and computing is closed to commissioners", async () => {
    const visitor = await new Client(server.url).get(PAGE);
    expect(visitor.status).toBe(302);
    expect((await (await signedIn(DEMO.otherOfficer)).get(PAGE)).status).toBe(403);
    const commissioner = await signedIn(DEMO.commissioner);
    expect((await commissioner.get(PAGE)).status).toBe(200);
    expect((await commissioner.post(PAGE, COMET)).status).toBe(403);
    expect((await commissioner.get(`${PAGE}?round=abc`)).status).toBe(400);
    expect((await commissioner.get(`${PAGE}?round=9`)).status).toBe(404);
  });

  it("computes a version from the stored responses, reuses it for the same inputs, adds one for new settings", async () => {
    const officer = await signedIn(DEMO.officer);
    const first = await officer.post(PAGE, COMET);
    expect(first.status).toBe(302);
    expect(first.headers.get("location")).toMatch(/version=1&notice=computed$/);
    const html = await (await officer.get(`${PAGE}?round=1&version=1`)).text();
    expect(html).toContain("Result version 1, from 24 responses.");
    expect(html).toContain("at least 70% of people rate it 7 to 9");
    expect(html).toContain("Answers are not weighted to the population.");
    expect(html).toContain('role="img"');
    expect(html).toContain("I only have to tell my story once");
    const again = await officer.post(PAGE, COMET);
    expect(again.headers.get("location")).toMatch(/version=1&notice=reused$/);
    const other = await officer.post(PAGE, { ...COMET, rule: "median-iqr" });
    expect(other.headers.get("location")).toMatch(/version=2&notice=computed$/);
    // Version 1 is still there, unchanged.
    expect(await (await officer.get(`${PAGE}?round=1&version=1`)).text()).toContain("at least 70% of people");
    const db = openTestDb(server.dbPath);
    const stored = await db.all("select version, response_count from aggregation_results order by version");
    const audit = (await db.get<{ n: number }>("select count(*) n from audit_log where action = 'aggregation.computed'"))!;
    await db.close();
    expect(stored).toEqual([
      { version: 1, response_count: 24 },
      { version: 2, response_count: 24 },
    ]);
    expect(audit.n).toBe(2);
  });

  it("keeps what was typed and explains bad settings", async () => {
    const officer = await signedIn(DEMO.officer);
    const res = await officer.post(PAGE, { ...COMET, thresholdIn: "150", rule: "" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Enter a percentage from 50 to 100");
    expect(html).toContain("Select a consensus rule");
    expect(html).toContain('value="150"');
  });

  it("validates uploaded population figures with line and column, then weights to them", async () => {
    const officer = await signedIn(DEMO.officer);
    const bad = await upload(officer, "Broken", "variable,category,target\nage_band,18-34,lots\n");
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("The file has a problem on line 2, column 3: target &quot;lots&quot; is not a non-negative number");
    const wrongVariable = await upload(officer, "Broken", "variable,category,target\nincome,high,5\n");
    expect(await wrongVariable.text()).toContain("line 2, column 1");
    // Margins the demo panel can meet: sex and locality (every category has members).
    const csv = [
      "variable,category,target",
      "sex,female,51",
      "sex,male,49",
      "locality,Nottingham City,33",
      "locality,Nottingham North and East,22",
      "locality,Nottingham West,20",
      "locality,Rushcliffe,25",
    ].join("\n");
    const ok = await upload(officer, "Census 2021 (illustrative)", csv);
    expect(ok.status).toBe(302);
    const page = await (await officer.get(PAGE)).text();
    const id = /name="margins" type="radio"[^>]*value="(\d+)"/.exec(page)?.[1];
    expect(id).toBeTruthy();
    const weighted = await officer.post(PAGE, { ...COMET, margins: id! });
    expect(weighted.status).toBe(302);
    const html = await (await officer.get(weighted.headers.get("location")!)).text();
    expect(html).toMatch(
      /weighted to the population figures “Census 2021 \(illustrative\)” by raking.*Design effect \d+\.\d\d; effective sample size \d+\.\d of 24 people/,
    );
  });

  it("reports figures the panel cannot be weighted to as a clear error, not a failure", async () => {
    const officer = await signedIn(DEMO.officer);
    expect((await upload(officer, "Impossible", "variable,category,target\nage_band,18-34,10\nage_band,Under 18,10\n")).status).toBe(302);
    const page = await (await officer.get(PAGE)).text();
    const ids = [...page.matchAll(/name="margins" type="radio"[^>]*value="(\d+)"/g)].map((m) => Number(m[1]));
    const res = await officer.post(PAGE, { ...COMET, margins: String(Math.max(...ids)) });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("The answers could not be weighted to these population figures.");
  });

  it("shows what changed since the previous round: who answered again and how scores moved", async () => {
    // Round 2 with the same rating questions; 20 of the 24 round-1 participants answer, O1 all moved to 9.
    const { r1, r2 } = await addSecondRound(server.dbPath);
    const db = openTestDb(server.dbPath);
    const byGroup = await db.all<{ g: string; n: number; kept: number }>(
      `select pp.stakeholder_group g, count(*) n, sum(case when r.participant_id in (select participant_id from responses where round_id = ?) then 1 else 0 end) kept
         from responses r join participant_profiles pp on pp.participant_id = r.participant_id where r.round_id = ? group by g`,
      r2,
      r1,
    );
    await db.close();
    const html = await (await (await signedIn(DEMO.commissioner)).get(`${PAGE}?round=2`)).text();
    expect(html).toContain("Changes since round 1");
    const groupLabel: Record<string, string> = { citizen: "Citizens", carer: "Carers", "service-user": "Service users", professional: "Professionals" };
    for (const g of byGroup) {
      expect(html).toContain(
        `<th scope="row" class="govuk-table__header">${groupLabel[g.g]}</th><td class="govuk-table__cell govuk-table__cell--numeric">${g.n}</td><td class="govuk-table__cell govuk-table__cell--numeric">${g.kept}</td>`,
      );
    }
    expect(byGroup.reduce((a, g) => a + g.kept, 0)).toBe(20);
    // O1: everyone who answered round 2 now scores 9.
    expect(html).toMatch(/<th scope="row" class="govuk-table__header">O1<\/th><td[^>]*>[\d.]+%<\/td><td[^>]*>100\.0% \(\+[\d.]+\)<\/td>/);
  });
});
