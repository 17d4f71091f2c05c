// Publishing a consultation's summary over HTTP against the real server: the
// officer-only workflow, disclosure control in pages and downloads, versions,
// and the cache (ETag, Cache-Control, 304).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, DEMO } from "../helpers/client";
import { submitTextAnswers } from "../helpers/moderation";
import { startServer, type TestServer } from "../helpers/server";
import { openTestDb } from "../helpers/test-database";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

const SLUG = "joined-up-care";
/** A 1×1 transparent PNG. */
const PNG: Uint8Array<ArrayBuffer> = Uint8Array.from(
  atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="),
  (c) => c.charCodeAt(0),
);
const BASE = `/consultations/${SLUG}/publication`;

async function officer() {
  const c = new Client(server.url);
  await c.signIn(DEMO.officer.email, DEMO.officer.password);
  return c;
}

const draft = (overrides: Record<string, string> = {}) => ({
  intent: "save",
  result: "latest",
  margins: "none",
  licence: "CC-BY-4.0",
  whatWeAsked_en: "We asked which outcomes of joined-up care matter most.\n\nThe answers shape future contracts.",
  whatWeAsked_cy: "Gofynnon ni pa ganlyniadau sydd bwysicaf.",
  whatWeDid_en: "Commissioners will choose the outcome set in the spring.",
  alt_asked_en: "A person asking a question",
  ...overrides,
});

describe("publishing workflow", () => {
  it("is for the consultation's officers only: sign-in, 403 for other partnerships and roles", async () => {
    const anon = new Client(server.url);
    const res = await anon.get(BASE);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/sign-in/);
    const other = new Client(server.url);
    await other.signIn(DEMO.otherOfficer.email, DEMO.otherOfficer.password);
    expect((await other.get(BASE)).status).toBe(403);
    expect((await other.post(BASE, draft())).status).toBe(403);
    expect((await other.get(`${BASE}/preview`)).status).toBe(403);
    const commissioner = new Client(server.url);
    await commissioner.signIn(DEMO.commissioner.email, DEMO.commissioner.password);
    expect((await commissioner.get(BASE)).status).toBe(403);
    expect((await commissioner.post(BASE, { intent: "publish", changeNote: "" })).status).toBe(403);
  });

  it("nothing is public before publishing; publishing needs results and a closed consultation", async () => {
    const anon = new Client(server.url);
    expect((await anon.get(`/summaries/${SLUG}`)).status).toBe(404);
    expect((await anon.get(`/summaries/${SLUG}/v/1/data.csv`)).status).toBe(404);
    const o = await officer();
    const page = await o.get(BASE);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("There are no results to summarise yet.");
    let res = await o.post(BASE, { intent: "publish", changeNote: "" });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("The consultation must be closed");
    // Closing is the officers' lifecycle action on the consultation's overview.
    expect((await o.post(`/consultations/${SLUG}`, { intent: "status", to: "closed" })).status).toBe(302);
    res = await o.post(BASE, { intent: "publish", changeNote: "" });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("Calculate the results before publishing");
  });

  it("saves a draft, previews it with exact figures marked, publishes version 1", async () => {
    const o = await officer();
    const computed = await o.post(`/consultations/${SLUG}/results`, {
      intent: "compute",
      rule: "comet",
      thresholdIn: "70",
      thresholdOut: "15",
      bound: "strict",
      groups: "overall",
      groupWeighting: "equal",
      margins: "none",
    });
    expect(computed.status).toBe(302);
    const bad = await o.post(BASE, draft({ licence: "MIT", whatWeDid_en: "x".repeat(20_000) }));
    expect(bad.status).toBe(400);
    const badText = await bad.text();
    expect(badText).toContain("Error: ");
    expect(badText).toContain("Choose an open data licence");
    const saved = await o.post(BASE, draft());
    expect(saved.status).toBe(302);
    // Free text coded into a theme with an approved quote (the panel's moderation and codebook).
    const answers = await submitTextAnswers(server.dbPath, [
      { kind: "free-text", text: "I had to tell my story five times and nobody talked to each other.", group: "carer" },
      { kind: "free-text", text: "Please make staff share my notes so I only tell my story once.", group: "citizen" },
    ]);
    expect((await o.post(`/consultations/${SLUG}/codebook`, { intent: "create", name: "Telling my story once", description: "" })).status).toBe(302);
    const db0 = openTestDb(server.dbPath);
    const theme = String((await db0.get<{ id: number }>("SELECT id FROM codebook_themes WHERE name = ?", "Telling my story once"))!.id);
    await db0.close();
    for (const id of answers) expect((await o.post(`/consultations/${SLUG}/moderation/${id}`, { intent: "tag", themes: [theme] })).status).toBe(302);
    expect((await o.post(`/consultations/${SLUG}/moderation/${answers[0]}`, { intent: "quote", quote: "I had to tell my story five times" })).status).toBe(302);
    // An Easy Read picture: the type comes from the bytes, not the name.
    const upload = (point: string, bytes: Uint8Array<ArrayBuffer>, name: string) => {
      const fd = new FormData();
      fd.set("intent", "image");
      fd.set("point", point);
      fd.set("file", new Blob([bytes]), name);
      return o.request(BASE, { method: "POST", body: fd, headers: { Origin: server.url } });
    };
    const fake = await upload("asked", new Uint8Array(new TextEncoder().encode("<svg onload=alert(1)>")), "picture.png");
    expect(fake.status).toBe(400);
    expect(await fake.text()).toContain("The picture must be a PNG, JPEG or WebP image");
    expect((await upload("nowhere", PNG, "p.png")).status).toBe(400);
    expect((await upload("asked", PNG, "p.png")).status).toBe(302);
    const preview = await o.get(`${BASE}/preview?lng=en`);
    const html = await preview.text();
    expect(preview.status).toBe(200);
    expect(html).toContain("Preview: not published");
    expect(html).toMatch(/exact: 24/);
    expect(html).toContain("We asked which outcomes of joined-up care matter most.");
    const published = await o.post(BASE, { intent: "publish", changeNote: "" });
    expect(published.status).toBe(302);
    expect(published.headers.get("location")).toContain("version=1");
    const db = openTestDb(server.dbPath);
    expect(await db.get("SELECT status FROM consultations WHERE slug = ?", SLUG)).toEqual({ status: "published" });
    const audit = await db.all("SELECT action FROM audit_log WHERE action LIKE 'publication.%' ORDER BY id");
    await db.close();
    expect(audit.map((a) => (a as { action: string }).action)).toEqual(["publication.draft-saved", "publication.image-uploaded", "publication.published"]);
  });

  it("serves the published page to anyone, without exact figures, with ETag, Cache-Control and 304", async () => {
    const anon = new Client(server.url);
    const first = await anon.get(`/summaries/${SLUG}`);
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get("cache-control")).toContain("public");
    expect(first.headers.get("content-security-policy")).toContain("default-src 'self'");
    const html = await first.text();
    expect(html).toContain("We asked which outcomes of joined-up care matter most.");
    expect(html).not.toContain("exact:");
    expect(html).toContain("About 25 people answered round 1.");
    expect(html).toContain("fewer than 8");
    expect(html).not.toMatch(/<script/);
    // The theme, its count under the small-number rule, and the approved quote (not the rest of the answer).
    expect(html).toContain("Telling my story once");
    expect(html).toContain("People who said this: fewer than 8");
    expect(html).toContain("I had to tell my story five times");
    expect(html).not.toContain("nobody talked to each other");
    // The second request comes from the cache: same bytes, same tag.
    const second = await anon.get(`/summaries/${SLUG}`);
    expect(second.headers.get("etag")).toBe(etag);
    expect(await second.text()).toBe(html);
    const notModified = await anon.get(`/summaries/${SLUG}`, { "If-None-Match": etag });
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe("");
    expect(notModified.headers.get("etag")).toBe(etag);
    const gz = await fetch(`${server.url}/summaries/${SLUG}`, { headers: { "Accept-Encoding": "gzip", "If-None-Match": etag } });
    expect(gz.status).toBe(304);
    const changed = await anon.get(`/summaries/${SLUG}`, { "If-None-Match": '"something-else"' });
    expect(changed.status).toBe(200);
    // Another locale is another page with another tag. (Another visitor: ?lng= keeps Welsh for whoever follows it.)
    const cy = await new Client(server.url).get(`/summaries/${SLUG}?lng=cy`);
    expect(cy.status).toBe(200);
    expect(cy.headers.get("etag")).not.toBe(etag);
    expect(cy.headers.get("content-language")).toBe("cy");
    expect(await cy.text()).toContain('lang="cy"');
    // A 304 also on the first, uncached request of a path (answered by Remix, not the cache):
    // "/easy-read/" is not in the cache yet but is the same page, bytes and tag as "/easy-read".
    const er = await anon.get(`/summaries/${SLUG}/easy-read`);
    const erTag = er.headers.get("etag")!;
    expect(er.status).toBe(200);
    const erHtml = await er.text();
    const img = /<img src="(\/summaries\/joined-up-care\/images\/\d+)" alt="A person asking a question"/.exec(erHtml);
    expect(img, "Easy Read picture with its alternative text").not.toBeNull();
    const picture = await anon.get(img![1]);
    expect(picture.headers.get("content-type")).toBe("image/png");
    expect(picture.headers.get("cache-control")).toContain("immutable");
    const fresh = await new Client(server.url).get(`/summaries/${SLUG}/easy-read/`, { "If-None-Match": erTag });
    expect(fresh.status).toBe(304);
    // Other spellings of an address are answered but never cached; the canonical one is.
    expect((await anon.get(`/summaries/${SLUG}`)).headers.get("x-cache")).toBe("hit");
    for (let i = 0; i < 2; i++) {
      const other = await anon.get(`/summaries/joined%2Dup-care`);
      expect(other.status).toBe(200);
      expect(other.headers.get("x-cache")).toBeNull();
    }
  });

  it("downloads contain only disclosure-controlled aggregates, under the chosen licence", async () => {
    const anon = new Client(server.url);
    const json = await anon.get(`/summaries/${SLUG}/v/1/data.json`);
    expect(json.status).toBe(200);
    expect(json.headers.get("content-disposition")).toContain("attachment");
    const body = (await json.json()) as { licence: { id: string }; data: Array<{ table: string; measure: string; value: number | null; rule: string }> };
    expect(body.licence.id).toBe("CC-BY-4.0");
    const tables = new Set(body.data.map((r) => r.table));
    expect(
      [...tables].every((t) =>
        [
          "participation-total",
          "participation-by-group",
          "participation-by-locality",
          "participation-by-round",
          "consensus-outcomes",
          "outcomes-by-round",
          "themes",
        ].includes(t),
      ),
    ).toBe(true);
    for (const row of body.data) {
      if (row.measure === "people" || row.measure === "people-who-scored") {
        expect(row.value === null || row.value === 0 || row.value % 5 === 0, JSON.stringify(row)).toBe(true);
        expect(row.value === null || row.value === 0 || row.value >= 8).toBe(true);
        if (row.value === null) expect(["small", "secondary"]).toContain(row.rule);
      }
    }
    const text = JSON.stringify(body);
    expect(text).not.toMatch(/DEMO-\d{4}/);
    expect(text).not.toContain("exact");
    expect(text).not.toMatch(/participant|respondent|response_id/i);
    const csv = await anon.get(`/summaries/${SLUG}/v/1/data.csv`);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines[0]).toBe("table,category,measure,value,rule");
    expect(lines).toContain("metadata,licence,CC-BY-4.0,,https://creativecommons.org/licenses/by/4.0/");
    expect(lines.length).toBe(body.data.length + 4);
    expect(lines.join("\n")).not.toMatch(/DEMO-\d{4}/);
  });

  it("republishing needs a change note; earlier versions stay addressable and frozen", async () => {
    const o = await officer();
    await o.post(BASE, draft({ whatWeAsked_en: "A corrected account of what we asked." }));
    const noNote = await o.post(BASE, { intent: "publish", changeNote: "  " });
    expect(noNote.status).toBe(422);
    expect(await noNote.text()).toContain("Enter what changed since the last published version");
    const ok = await o.post(BASE, { intent: "publish", changeNote: "Corrected the introduction." });
    expect(ok.headers.get("location")).toContain("version=2");
    const anon = new Client(server.url);
    const latest = await (await anon.get(`/summaries/${SLUG}`)).text();
    expect(latest).toContain("A corrected account of what we asked.");
    expect(latest).toContain("Corrected the introduction.");
    expect(latest).toContain("(version 2)");
    const v1 = await (await anon.get(`/summaries/${SLUG}/v/1`)).text();
    expect(v1).toContain("We asked which outcomes of joined-up care matter most.");
    expect(v1).not.toContain("A corrected account");
    expect(v1).toContain("an earlier version of this summary");
  });

  it("unpublishing withdraws every version; the public index follows", async () => {
    const o = await officer();
    const anon = new Client(server.url);
    const before = await (await anon.get(`/summaries?q=joined`)).text();
    expect(before).toContain(`href="/summaries/${SLUG}"`);
    expect((await o.post(BASE, { intent: "unpublish" })).status).toBe(302);
    expect((await anon.get(`/summaries/${SLUG}`)).status).toBe(410);
    expect((await anon.get(`/summaries/${SLUG}/v/1`)).status).toBe(410);
    expect((await anon.get(`/summaries/${SLUG}/v/2/data.json`)).status).toBe(410);
    const after = await (await anon.get(`/summaries?q=joined`)).text();
    expect(after).not.toContain(`href="/summaries/${SLUG}"`);
    const none = await (await anon.get(`/summaries?q=zzzz-nothing`)).text();
    expect(none).toContain("Consultations found for &quot;zzzz-nothing&quot;: 0");
    expect((await o.post(BASE, { intent: "unpublish" })).status).toBe(422);
    // Publishing again makes version 3 the live one.
    const again = await o.post(BASE, { intent: "publish", changeNote: "Published again after review." });
    expect(again.headers.get("location")).toContain("version=3");
    expect((await anon.get(`/summaries/${SLUG}`)).status).toBe(200);
    expect((await anon.get(`/summaries/${SLUG}`)).headers.get("x-cache")).toBe("hit");
    // Closing a published consultation from its overview (the officers' lifecycle action) takes
    // the summary down at once: the cached page is not served any more.
    expect((await o.post(`/consultations/${SLUG}`, { intent: "status", to: "closed" })).status).toBe(302);
    expect((await anon.get(`/summaries/${SLUG}`)).status).toBe(410);
  });
});
