// Over HTTP against the real server: the journey's rate limits count answers per
// participant under a higher ceiling per address (a room on one wifi is not locked out), the
// page past a limit is translated and says when to try again (429 and Retry-After kept), and a
// ?lng= link sets the language cookie that keeps it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, DEMO } from "../helpers/client";
import { startServer, type TestServer } from "../helpers/server";
import { openTestDb } from "../helpers/test-database";

const BASE = "/s/joined-up-care";
let server: TestServer;
beforeAll(async () => {
  server = await startServer({
    TRUST_PROXY: "true",
    JOURNEY_START_LIMIT: "3",
    JOURNEY_POST_PARTICIPANT_LIMIT: "2",
    JOURNEY_POST_LIMIT: "5",
    JOURNEY_POST_WINDOW_SECONDS: "60",
  });
});
afterAll(async () => {
  await server?.stop();
});

const from = (ip: string, lng = "en") => {
  const c = new Client(server.url, { "x-forwarded-for": ip });
  c.setCookie("lng", lng);
  return c;
};

async function started(c: Client): Promise<Client> {
  const res = await c.post(BASE, { website: "" });
  expect(res.status).toBe(302);
  return c;
}

describe("journey rate limits", () => {
  it("answers count per participant: one person past their limit does not stop the others in the room, up to the room's ceiling", async () => {
    const room = "10.16.0.1";
    const [a, b] = [await started(from(room)), await started(from(room))];
    const continueBriefing = (c: Client) => c.post(`${BASE}/about-you`, { website: "" });
    expect([(await continueBriefing(a)).status, (await continueBriefing(a)).status]).not.toContain(429);
    const third = await continueBriefing(a);
    expect(third.status).toBe(429);
    expect(Number(third.headers.get("Retry-After"))).toBeGreaterThan(0);
    // B, on the same address, is still answering.
    expect((await continueBriefing(b)).status).not.toBe(429);
    expect((await continueBriefing(b)).status).not.toBe(429);
    // The room's ceiling (5 posts per address) still holds for a third participant.
    const c = await started(from(room));
    expect((await continueBriefing(c)).status).toBe(429);
    // Another address is unaffected.
    expect((await continueBriefing(await started(from("10.16.0.2")))).status).not.toBe(429);
  });

  it("past the limit the page is translated and says when to try again; the 429 and Retry-After stay", async () => {
    const address = "10.16.0.9";
    for (let i = 0; i < 3; i++) await started(from(address, "cy"));
    const res = await from(address, "cy").post(BASE, { website: "" });
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(res.headers.get("Content-Type")).toContain("text/html");
    const html = await res.text();
    const main = html.slice(html.indexOf("<main"), html.indexOf("</main>"));
    expect(main).not.toContain("tooMany");
    expect(html).toContain('<html lang="cy"');
    expect(html).toContain("Gormod o geisiadau");
    const time = new Intl.DateTimeFormat("cy-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "Europe/London" });
    const expected = [0, 60].map((slack) => time.format(new Date(Date.now() + (retryAfter + slack) * 1000)));
    expect(
      expected.some((t) => main.includes(`Gallwch roi cynnig arall arni ar ôl ${t}.`)),
      main,
    ).toBe(true);
    // An invitation link past the limit: the same page, not a bare JSON body.
    const invite = await from(address, "ur").get("/invite/abcdefghijklmnopqrstuvwxyz");
    expect(invite.status).toBe(429);
    expect(await invite.text()).toContain("بہت زیادہ درخواستیں");
    // An unknown invitation link (another address): the translated not-found page.
    const unknown = await from("10.16.0.10", "pl").get("/invite/abcdefghijklmnopqrstuvwxyz");
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('<html lang="pl"');
  });
});

describe("?lng= keeps the language", () => {
  it("sets the lng cookie on public pages (not on staff screens, not when already held) and the switcher drops ?lng= on return", async () => {
    const c = new Client(server.url, { "x-forwarded-for": "10.16.1.1" });
    const first = await c.get(`${BASE}?lng=ur`);
    expect(first.headers.get("Set-Cookie")).toMatch(/^lng=ur; Path=\/; Max-Age=31536000; SameSite=Lax/);
    expect(c.cookie("lng")).toBe("ur");
    expect((await c.get(`${BASE}?lng=ur`)).headers.get("Set-Cookie") ?? "").not.toContain("lng=");
    expect((await c.get("/dashboard?lng=pl")).headers.get("Set-Cookie") ?? "").not.toContain("lng=");
    expect((await c.get("/summaries?lng=cy")).headers.get("Set-Cookie")).toContain("lng=cy");
    const back = await c.get(`/language/en?returnTo=${encodeURIComponent(`${BASE}/check?lng=cy&x=1`)}`);
    expect(back.headers.get("Location")).toBe(`${BASE}/check?x=1`);
    expect(c.cookie("lng")).toBe("en");
  });
});

describe("forms that must not destroy data", () => {
  it("a blank Save on an open consultation's details keeps its dates and contact email, with the error pattern", async () => {
    const db = openTestDb(server.dbPath);
    const read = async () =>
      (await db.get<Record<string, unknown>>(
        "select audience, advisory_group_id, opens_at, closes_at, contact_email from consultations where slug = 'joined-up-care'",
      ))!;
    const before = await read();
    expect(before.closes_at).not.toBeNull();
    expect(before.contact_email).not.toBeNull();
    const officer = new Client(server.url, { "x-forwarded-for": "10.16.2.1" });
    await officer.signIn(DEMO.officer.email, DEMO.officer.password);
    const res = await officer.post("/consultations/joined-up-care/edit", {
      audience: String(before.audience),
      opensAt: "",
      closesAt: "",
      contactEmail: "",
      advisoryGroupId: String(before.advisory_group_id ?? "none"),
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("govuk-error-summary");
    expect(html).toContain("Enter the closing date: a consultation that has opened keeps its dates");
    expect(html).toContain("Enter the contact email address");
    expect(await read()).toEqual(before);
    // Dates use the GOV.UK date input (day, month, year), never type=date; saving through it keeps the date.
    const page = await (await officer.get("/consultations/joined-up-care/edit")).text();
    expect(page).not.toContain('type="date"');
    const closes = new Date(Number(before.closes_at));
    expect(page).toMatch(new RegExp(`name="closesAt-day" type="text" inputMode="numeric" value="${closes.getUTCDate()}"`));
    expect(page).toMatch(new RegExp(`name="closesAt-year" type="text" inputMode="numeric" value="${closes.getUTCFullYear()}"`));
    const parts = (name: string, d: Date | null) => ({
      [`${name}-day`]: d ? String(d.getUTCDate()) : "",
      [`${name}-month`]: d ? String(d.getUTCMonth() + 1) : "",
      [`${name}-year`]: d ? String(d.getUTCFullYear()) : "",
    });
    const opens = before.opens_at == null ? null : new Date(Number(before.opens_at));
    const saved = await officer.post("/consultations/joined-up-care/edit", {
      audience: String(before.audience),
      ...parts("opensAt", opens),
      ...parts("closesAt", closes),
      contactEmail: String(before.contact_email),
      advisoryGroupId: String(before.advisory_group_id ?? "none"),
    });
    expect(saved.status).toBe(302);
    const after = await read();
    const day = (ms: unknown) => (ms == null ? null : new Date(Number(ms)).toISOString().slice(0, 10));
    expect([day(after.opens_at), day(after.closes_at), after.contact_email]).toEqual([day(before.opens_at), day(before.closes_at), before.contact_email]);
    await db.close();
  });
});

describe("Easy Read pictures", () => {
  it("the default pictures are served, and the officer's publication page says each point shows its default until one is uploaded", async () => {
    for (const point of ["asked", "who", "said", "did", "contact"]) {
      const res = await new Client(server.url).get(`/easy-read/${point}.svg`);
      expect(res.status, point).toBe(200);
      expect(res.headers.get("Content-Type")).toContain("image/svg+xml");
      expect(await res.text()).toContain("<svg");
    }
    const officer = new Client(server.url, { "x-forwarded-for": "10.16.3.1" });
    await officer.signIn(DEMO.officer.email, DEMO.officer.password);
    const html = await (await officer.get("/consultations/joined-up-care/publication")).text();
    expect(html).toContain('src="/easy-read/asked.svg"');
    expect(html).toContain("the default picture is shown.");
  });
});
