/** Citizen's Advisory Group members over HTTP against the real server: list, add, edit, remove, import, export, and who may do it. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../../app/domain/csv";
import { Client, DEMO } from "../helpers/client";
import { startServer, type TestServer } from "../helpers/server";
import { openTestDb, type TestDb } from "../helpers/test-database";

let server: TestServer;
let db: TestDb;
let G: string;
let groupId: number;

beforeAll(async () => {
  server = await startServer();
  db = openTestDb(server.dbPath);
  groupId = ((await db.get("select id from advisory_groups order by id limit 1")) as { id: number }).id;
  G = `/partnerships/south-nottinghamshire/groups/${groupId}`;
});
afterAll(async () => {
  await db?.close();
  await server?.stop();
});

async function signedIn(account: { email: string; password: string }) {
  const c = new Client(server.url);
  const res = await c.signIn(account.email, account.password);
  expect(res.status).toBe(302);
  return c;
}

function upload(client: Client, path: string, csv: string) {
  const form = new FormData();
  form.set("intent", "import");
  form.set("file", new Blob([csv], { type: "text/csv" }), "members.csv");
  return client.request(path, { method: "POST", body: form, headers: { Origin: server.url } });
}

const member = (over: Record<string, string> = {}) => ({
  displayName: "Ffion Jones",
  email: "Ffion.Jones@cag.example",
  stakeholderGroup: "carer",
  preferredLocale: "cy",
  profileConsent: "yes",
  ageBand: "35-49",
  sex: "female",
  locality: "Rushcliffe",
  ethnicity: "White",
  ...over,
});

describe("who may use the advisory group pages", () => {
  it("refuses officers of another partnership, commissioners and administrators on every page and action, and sends strangers to sign in", async () => {
    const memberId = ((await db.get("select id from advisory_group_members where group_id = ? limit 1", groupId)) as { id: number }).id;
    const pages = ["/partnerships/south-nottinghamshire/groups", G, `${G}/members/new`, `${G}/members/${memberId}`, `${G}/members.csv`];
    const posts: Array<[string, Record<string, string>]> = [
      ["/partnerships/south-nottinghamshire/groups", { intent: "create", name: "Sneaky group" }],
      [`${G}/members/new`, member({ email: "sneaky@cag.example" })],
      [`${G}/members/${memberId}`, { intent: "remove" }],
      [`${G}/members/${memberId}`, { ...member({ email: "sneaky2@cag.example" }), intent: "save" }],
    ];
    for (const who of [DEMO.otherOfficer, DEMO.commissioner, DEMO.admin]) {
      const c = await signedIn(who);
      for (const p of pages) expect((await c.get(p)).status, `${who.email} GET ${p}`).toBe(403);
      for (const [p, form] of posts) expect((await c.post(p, form)).status, `${who.email} POST ${p}`).toBe(403);
      expect((await upload(c, G, "name,email,stakeholder_group\nX,x@cag.example,citizen\n")).status).toBe(403);
    }
    const stranger = new Client(server.url);
    for (const p of pages) expect((await stranger.get(p)).status).toBe(302);
    expect(await db.get("select count(*) as n from advisory_group_members where email like 'sneaky%' or email = 'x@cag.example'")).toEqual({ n: 0 });
    expect(await db.get("select count(*) as n from advisory_groups where name = 'Sneaky group'")).toEqual({ n: 0 });
    expect(await db.get("select left_at from advisory_group_members where id = ?", memberId)).toEqual({ left_at: null });
  });

  it("answers 404 for another partnership's group, an unknown member and malformed ids", async () => {
    const officer = await signedIn(DEMO.officer);
    const otherGroup = Number(
      (await db.get<{ id: number }>(
        "insert into advisory_groups (partnership_id, name) values ((select id from partnerships where slug = 'mid-nottinghamshire'), 'Mid Notts panel') returning id",
      ))!.id,
    );
    expect((await officer.get(`/partnerships/south-nottinghamshire/groups/${otherGroup}`)).status).toBe(404);
    expect((await (await signedIn(DEMO.otherOfficer)).get(`/partnerships/mid-nottinghamshire/groups/${otherGroup}`)).status).toBe(200);
    expect((await (await signedIn(DEMO.otherOfficer)).get(`/partnerships/south-nottinghamshire/groups/${otherGroup}`)).status).toBe(403);
    expect((await officer.get(`${G}/members/99999`)).status).toBe(404);
    expect((await officer.get(`/partnerships/south-nottinghamshire/groups/0`)).status).toBe(404);
    expect((await officer.get(`/partnerships/south-nottinghamshire/groups/1e3`)).status).toBe(404);
  });
});

describe("groups and members", () => {
  it("creates a group, refusing an empty or repeated name with the typed value kept", async () => {
    const officer = await signedIn(DEMO.officer);
    const list = await officer.get("/partnerships/south-nottinghamshire/groups");
    expect(await list.text()).toContain("South Nottinghamshire Citizen&#x27;s Advisory Group");
    const empty = await officer.post("/partnerships/south-nottinghamshire/groups", { intent: "create", name: " ", description: "kept <b>text</b>" });
    expect(empty.status).toBe(400);
    const html = await empty.text();
    expect(html).toContain("Error: ");
    expect(html).toContain("Enter a name for the group");
    expect(html).toContain("kept &lt;b&gt;text&lt;/b&gt;");
    const created = await officer.post("/partnerships/south-nottinghamshire/groups", { intent: "create", name: "Young carers panel", description: "" });
    expect(created.status).toBe(302);
    const again = await officer.post("/partnerships/south-nottinghamshire/groups", { intent: "create", name: "young CARERS panel" });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("There is already a group with this name");
    expect(await db.get("select count(*) as n from audit_log where action = 'advisory-group.created'")).toEqual({ n: 1 });
  });

  it("adds, edits and removes a member; duplicates by email are refused; profile data only with consent", async () => {
    const officer = await signedIn(DEMO.officer);
    const bad = await officer.post(`${G}/members/new`, member({ email: "nope", stakeholderGroup: "", profileConsent: "no" }));
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain("Enter an email address in the correct format");
    expect(badHtml).toContain("Select the member&#x27;s stakeholder group");
    expect(badHtml).toContain("Profile data can only be kept with the member&#x27;s consent");
    expect(badHtml).toContain('value="Ffion Jones"');

    const dup = await officer.post(`${G}/members/new`, member({ email: "MEMBER01@cag.example" }));
    expect(dup.status).toBe(400);
    expect(await dup.text()).toContain("A member of this group already has this email address");

    const ok = await officer.post(`${G}/members/new`, member());
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe(`${G}?added=1`);
    const row = (await db.get("select * from advisory_group_members where email = 'ffion.jones@cag.example'")) as Record<string, unknown>;
    expect(row).toMatchObject({
      display_name: "Ffion Jones",
      stakeholder_group: "carer",
      preferred_locale: "cy",
      age_band: "35-49",
      locality: "Rushcliffe",
      left_at: null,
    });
    expect(row.profile_consent_at).toBeTypeOf("number");
    const id = row.id as number;
    expect(await (await officer.get(G)).text()).toContain("Ffion Jones");

    // Withdrawing consent removes the profile data.
    const edit = await officer.post(`${G}/members/${id}`, {
      ...member({ profileConsent: "no", ageBand: "", sex: "", locality: "", ethnicity: "", displayName: "Ffion J." }),
      intent: "save",
    });
    expect(edit.status).toBe(302);
    expect(await db.get("select display_name, age_band, locality, profile_consent_at from advisory_group_members where id = ?", id)).toEqual({
      display_name: "Ffion J.",
      age_band: null,
      locality: null,
      profile_consent_at: null,
    });
    const clash = await officer.post(`${G}/members/${id}`, {
      ...member({ email: "member02@cag.example", profileConsent: "no", ageBand: "", sex: "", locality: "", ethnicity: "" }),
      intent: "save",
    });
    expect(clash.status).toBe(400);

    // An open invitation is withdrawn when the member leaves.
    const consultationId = ((await db.get("select id from consultations where slug = 'joined-up-care'")) as { id: number }).id;
    await db.run("insert into invitations (consultation_id, member_id, token_hash) values (?, ?, 'h-ffion')", consultationId, id);
    const removed = await officer.post(`${G}/members/${id}`, { intent: "remove" });
    expect(removed.status).toBe(302);
    expect(((await db.get("select left_at from advisory_group_members where id = ?", id)) as { left_at: number | null }).left_at).toBeTypeOf("number");
    expect(((await db.get("select revoked_at from invitations where token_hash = 'h-ffion'")) as { revoked_at: number | null }).revoked_at).toBeTypeOf(
      "number",
    );
    expect((await officer.get(`${G}/members/${id}`)).status).toBe(404);
    expect(await (await officer.get(G)).text()).not.toContain("Ffion J.");
    const actions = (await db.all(
      "select action, details from audit_log where entity_id = ? and entity_type = 'advisory-group-member' order by id",
      String(id),
    )) as Array<{ action: string; details: string }>;
    expect(actions.map((a) => a.action)).toEqual(["advisory-group.member-added", "advisory-group.member-edited", "advisory-group.member-removed"]);
    expect(actions.map((a) => a.details).join(" ")).not.toContain("ffion");
    // Having left, the same person can be added again.
    expect((await officer.post(`${G}/members/new`, member())).status).toBe(302);
  });

  it("imports all or nothing, reporting each problem by line and column, and exports safely", async () => {
    const officer = await signedIn(DEMO.officer);
    const before = ((await db.get("select count(*) as n from advisory_group_members where group_id = ?", groupId)) as { n: number }).n;
    const bad = await upload(
      officer,
      G,
      [
        "name,email,stakeholder_group,preferred_language,profile_consent,age_band,sex,locality,ethnicity",
        "Good One,good1@cag.example,citizen,en,yes,18-34,male,Rushcliffe,White",
        "Bad Group,bad@cag.example,voter,en,no,,,,",
        "Repeat,GOOD1@cag.example,carer,en,no,,,,",
        "Existing,member03@cag.example,carer,en,no,,,,",
      ].join("\r\n"),
    );
    expect(bad.status).toBe(400);
    const report = await bad.text();
    expect(report).toContain("The file has problems (3): nothing was imported");
    expect(report).toMatch(/<th scope="row" class="govuk-table__header">3<\/th><td class="govuk-table__cell govuk-table__cell--numeric">3<\/td>/);
    expect(report).toContain("good1@cag.example is also on line 2");
    expect(report).toContain("member03@cag.example is already a member of this group");
    expect(((await db.get("select count(*) as n from advisory_group_members where group_id = ?", groupId)) as { n: number }).n).toBe(before);

    const broken = await upload(officer, G, 'name,email,stakeholder_group\n"unclosed,x@cag.example,citizen\n');
    expect(broken.status).toBe(400);
    expect(await broken.text()).toContain("The file is not valid CSV");
    expect(
      (
        await officer.request(G, {
          method: "POST",
          body: (() => {
            const f = new FormData();
            f.set("intent", "import");
            return f;
          })(),
          headers: { Origin: server.url },
        })
      ).status,
    ).toBe(400);

    const good = await upload(
      officer,
      G,
      `name,email,stakeholder_group,locality,profile_consent\n"=HYPERLINK(""http://evil"")",formula@cag.example,citizen,@SUM(A1),yes\nPlain Person,plain@cag.example,professional,,no\n`,
    );
    expect(good.status).toBe(302);
    expect(good.headers.get("Location")).toBe(`${G}?imported=2`);
    expect(((await db.get("select count(*) as n from advisory_group_members where group_id = ?", groupId)) as { n: number }).n).toBe(before + 2);

    const csv = await officer.get(`${G}/members.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("Content-Type")).toMatch(/text\/csv/);
    const text = await csv.text();
    const table = parseCsv(text);
    expect(table.header.slice(0, 3)).toEqual(["name", "email", "stakeholder_group"]);
    const formulaRow = table.rows.find((r) => r.values.email === "formula@cag.example")!;
    expect(formulaRow.values.name).toBe('\'=HYPERLINK("http://evil")');
    expect(formulaRow.values.locality).toBe("'@SUM(A1)");
    for (const r of table.rows) for (const f of r.fields) expect(f).not.toMatch(/^[=+@\t\r]/);
    // The export imports back into another group unchanged (the extra columns are ignored).
    const created = await officer.post("/partnerships/south-nottinghamshire/groups", { intent: "create", name: "Copy of the panel" });
    const copy = created.headers.get("Location")!.replace(/\?.*$/, "");
    const back = await upload(officer, copy, text.replace(/'=HYPERLINK\(""http:\/\/evil""\)/, "Formula Person").replace("'@SUM(A1)", "Rushcliffe"));
    expect(back.status).toBe(302);
    expect(back.headers.get("Location")).toContain(`imported=${table.rows.length}`);
  });
});
