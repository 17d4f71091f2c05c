// The candidate outcome library: roles, CSV import with a validation report, CSV export.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../../app/domain/csv";
import { Client, DEMO } from "../helpers/client";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

const PAGE = "/consultations/joined-up-care/outcomes";

async function signedIn(account: { email: string; password: string }) {
  const c = new Client(server.url);
  await c.signIn(account.email, account.password);
  return c;
}

function importFile(client: Client, csv: string) {
  const form = new FormData();
  form.set("intent", "import");
  form.set("file", new Blob([csv], { type: "text/csv" }), "outcomes.csv");
  return client.request(PAGE, { method: "POST", body: form, headers: { Origin: server.url } });
}

describe("candidate outcome library", () => {
  it("is for the partnership's officers and commissioners; only officers import", async () => {
    expect((await new Client(server.url).get(PAGE)).status).toBe(302);
    expect((await new Client(server.url).get(`${PAGE}.csv`)).status).toBe(302);
    expect((await (await signedIn(DEMO.otherOfficer)).get(PAGE)).status).toBe(403);
    expect((await (await signedIn(DEMO.otherOfficer)).get(`${PAGE}.csv`)).status).toBe(403);
    const commissioner = await signedIn(DEMO.commissioner);
    const page = await commissioner.get(PAGE);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("13 candidate outcomes");
    expect(html).not.toContain('value="import"');
    expect((await importFile(commissioner, "code,domain,statement,description\nX1,D,S,\n")).status).toBe(403);
  });

  it("lists every problem by line and column and imports nothing when any row is bad", async () => {
    const officer = await signedIn(DEMO.officer);
    const res = await importFile(officer, "code,domain,statement,description\nO20,Access,I can get to my appointments easily,\n,Access,No code,\nO 21,,,\n");
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("The file has 4 problems. Nothing was imported.");
    expect(html).toMatch(
      /<th scope="row" class="govuk-table__header">3<\/th><td class="govuk-table__cell govuk-table__cell--numeric">1<\/td><td class="govuk-table__cell">Enter a code<\/td>/,
    );
    expect(html).toContain("Code “O 21” must be up to 20 letters");
    expect(await (await officer.get(PAGE)).text()).toContain("13 candidate outcomes");
  });

  it("imports new and updated outcomes, then exports them safely", async () => {
    const officer = await signedIn(DEMO.officer);
    const csv = [
      "code,domain,statement,description,source",
      "O20,Access,I can get to my appointments easily,Transport and opening hours,Proposed by a participant",
      'O1,Joined-up care,"I only have to tell my story once, to one person",,',
      'O21,Access,"=HYPERLINK(""http://evil.example"")",Formula test,',
    ].join("\n");
    const res = await importFile(officer, csv);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`${PAGE}?created=2&updated=1`);
    const html = await (await officer.get(res.headers.get("location")!)).text();
    expect(html).toContain("Imported: 2 added, 1 updated.");
    expect(html).toContain("15 candidate outcomes");
    const exported = await officer.get(`${PAGE}.csv`);
    expect(exported.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(exported.headers.get("content-disposition")).toContain('attachment; filename="joined-up-care-outcomes.csv"');
    const text = await exported.text();
    const rows = parseCsv(text).rows.map((r) => r.values);
    expect(rows).toHaveLength(15);
    expect(rows.find((r) => r.code === "O1")?.statement).toBe("I only have to tell my story once, to one person");
    expect(rows.find((r) => r.code === "O20")).toMatchObject({ domain: "Access", source: "Proposed by a participant" });
    expect(rows.find((r) => r.code === "O21")?.statement).toBe('\'=HYPERLINK("http://evil.example")');
  });
});
