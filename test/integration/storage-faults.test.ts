// Database locked or full: a clear error (503, Retry-After), everything typed kept on the page,
// nothing half-written, and the same answer saves once the database is back.
import Database from "better-sqlite3";
import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { hashTokenHex } from "../../app/auth/tokens.server";
import { Client } from "../helpers/client";
import { freePort, launchServer, makeSeededDatabase, type LaunchedServer } from "../helpers/server";

const BASE = "/s/joined-up-care";
const cleanup: Array<() => void> = [];
afterAll(() => cleanup.forEach((f) => f()));

async function setup(extraEnv: (dbPath: string) => Record<string, string> = () => ({})) {
  const { dir, dbPath } = await makeSeededDatabase();
  const port = await freePort();
  const server = await launchServer(dbPath, port, extraEnv(dbPath));
  cleanup.push(() => {
    server.child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  });
  const db = new Database(dbPath);
  db.pragma("busy_timeout = 5000");
  const round = (db.prepare("select id from rounds where number = 1").get() as { id: number }).id;
  const ratingIds = (db.prepare("select id from questions where round_id = ? and type = 'rating' order by position").all(round) as Array<{ id: number }>).map(
    (r) => r.id,
  );
  const proposeId = (db.prepare("select id from questions where round_id = ? and type = 'propose-outcome'").get(round) as { id: number }).id;
  const c = new Client(server.url);
  expect((await c.post(BASE, { website: "" })).status).toBe(302);
  const token = [...(c as unknown as { cookies: Map<string, string> }).cookies].find(([k]) => k.startsWith("ocd_p"))![1];
  const pid = (db.prepare("select id from participants where resume_token_hash = ?").get(hashTokenHex(token)) as { id: number }).id;
  const draft = () => {
    const row = db.prepare("select answers from response_drafts where participant_id = ? and round_id = ?").get(pid, round) as { answers: string } | undefined;
    return row ? (JSON.parse(row.answers) as Record<string, unknown>) : {};
  };
  return { dbPath, port, server, db, round, ratingIds, proposeId, c, pid, draft };
}

describe("storage faults", () => {
  it("database locked: the answer page comes back with the answer kept and a clear message; it saves once the lock goes", { timeout: 60_000 }, async () => {
    const s = await setup();
    expect((await s.c.post(`${BASE}/q/${s.ratingIds[0]}`, { answer: "6" })).status).toBe(302);
    const before = s.draft();

    const holder = new Database(s.dbPath);
    holder.exec("BEGIN IMMEDIATE"); // another writer holds the lock past the server's 5 s busy timeout
    const locked = await s.c.post(`${BASE}/q/${s.ratingIds[1]}`, { answer: "8" });
    const html = await locked.text();
    expect(locked.status).toBe(503);
    expect(locked.headers.get("Retry-After")).toBe("10");
    expect(html).toContain("<title>Error:");
    expect(html).toContain("We could not save your answer just now");
    expect(html).toMatch(/<input[^>]*value="8"[^>]*checked|<input[^>]*checked[^>]*value="8"/);
    expect(s.draft()).toEqual(before);

    // Submitting while locked: 503 with the message; the draft is untouched.
    holder.exec("ROLLBACK");
    const saved = await s.c.post(`${BASE}/q/${s.ratingIds[1]}`, { answer: "8" });
    expect(saved.status).toBe(302);
    expect(s.draft()[String(s.ratingIds[1])]).toEqual({ score: 8 });

    for (const id of s.ratingIds.slice(2)) expect((await s.c.post(`${BASE}/q/${id}`, { answer: "5" })).status).toBe(302);
    expect((await s.c.post(`${BASE}/q/${s.proposeId}`, { answer: "" })).status).toBe(302);
    holder.exec("BEGIN IMMEDIATE");
    const submitLocked = await s.c.post(`${BASE}/check`, { website: "" });
    const submitHtml = await submitLocked.text();
    expect(submitLocked.status).toBe(503);
    expect(submitHtml).toContain("We could not send your answers just now");
    expect(submitHtml).toContain('href="#submit-answers"');
    holder.exec("ROLLBACK");
    holder.close();
    expect(s.db.prepare("select count(*) as n from responses where participant_id = ?").get(s.pid)).toEqual({ n: 0 });
    expect(Object.keys(s.draft()).length).toBeGreaterThanOrEqual(s.ratingIds.length);
    const done = await s.c.post(`${BASE}/check`, { website: "" });
    expect(done.headers.get("Location")).toBe(`${BASE}/done`);
    expect(s.db.prepare("select count(*) as n from responses where participant_id = ?").get(s.pid)).toEqual({ n: 1 });
  });

  it("disk full (database quota reached): the text typed is kept on the page, nothing partial is stored", { timeout: 60_000 }, async () => {
    // The quota is the database's size now: the first writes that need a new page fail, as on a full disk.
    const s = await setup((dbPath) => {
      const probe = new Database(dbPath, { readonly: true });
      const bytes = (probe.pragma("page_count", { simple: true }) as number) * (probe.pragma("page_size", { simple: true }) as number);
      probe.close();
      return { DATABASE_MAX_BYTES: String(bytes), JOURNEY_START_LIMIT: "100000", JOURNEY_POST_LIMIT: "1000000" };
    });
    // Participants keep arriving and answering their ratings until the quota stops a save; then
    // those already started write their proposals (each grows a draft) until one save is refused.
    const started: Array<{ person: Client; draftOf: () => Record<string, unknown> }> = [];
    let startRefused = false;
    let full: Response | null = null;
    let text = "";
    let person: Client = s.c;
    let draftOf: () => Record<string, unknown> = s.draft;
    for (let i = 0; i < 400 && !full; i++) {
      if (!startRefused) {
        const p = new Client(s.server.url);
        const start = await p.post(BASE, { website: "" });
        if (start.status === 503) {
          startRefused = true;
          expect(await start.text()).toContain("Sorry, we could not save that just now");
        } else {
          expect(start.status).toBe(302);
          const token = [...(p as unknown as { cookies: Map<string, string> }).cookies].find(([k]) => k.startsWith("ocd_p"))![1];
          const pid = (s.db.prepare("select id from participants where resume_token_hash = ?").get(hashTokenHex(token)) as { id: number }).id;
          const draftOfP = () => {
            const row = s.db.prepare("select answers from response_drafts where participant_id = ? and round_id = ?").get(pid, s.round) as
              { answers: string } | undefined;
            return row ? (JSON.parse(row.answers) as Record<string, unknown>) : {};
          };
          started.push({ person: p, draftOf: draftOfP });
          for (const id of s.ratingIds) {
            const before = draftOfP();
            const res = await p.post(`${BASE}/q/${id}`, { answer: "7" });
            if (res.status === 503) {
              expect(draftOfP()).toEqual(before);
              expect(await res.text()).toMatch(/<input[^>]*value="7"[^>]*checked|<input[^>]*checked[^>]*value="7"/);
              startRefused = true;
              break;
            }
            expect(res.status).toBe(302);
          }
          continue;
        }
      }
      const next = started.shift();
      if (!next) break;
      ({ person, draftOf } = next);
      text = `Participant ${i}: ${"I want to be listened to and not passed around. ".repeat(12)}`.slice(0, 500);
      const before = draftOf();
      const res = await person.post(`${BASE}/q/${s.proposeId}?change=1`, { answer: text });
      if (res.status === 503) {
        full = res;
        expect(draftOf()).toEqual(before); // the failed save left the draft as it was
      }
    }
    expect(full, "the quota was reached").not.toBeNull();
    const html = await full!.text();
    expect(html).toContain("We could not save your answer just now");
    expect(html).toContain(text.slice(0, 60));

    // With room again (the quota lifted at restart), the same answer saves.
    s.server.child.kill("SIGTERM");
    await new Promise((r) => s.server.child.once("exit", r));
    const again: LaunchedServer = await launchServer(s.dbPath, s.port);
    cleanup.push(() => again.child.kill("SIGKILL"));
    expect((await person.post(`${BASE}/q/${s.proposeId}?change=1`, { answer: text })).status).toBe(302);
    expect(draftOf()[String(s.proposeId)]).toEqual({ text });
  });
});
