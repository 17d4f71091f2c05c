/**
 * Two application servers, separate processes on two ports (not a cluster), sharing one
 * database, with state shared through it only: a participant's journey alternating between them,
 * a rate limit holding across both, a title changed through one seen by the other, simultaneous
 * submits through both recorded once, an email being sent by one never re-sent by the other
 * starting, and one server SIGKILLed mid-load while the other keeps serving, after which every
 * acknowledged answer and submission is stored exactly once.
 *
 * Today the shared database is the SQLite file (separate processes on one machine); serving
 * from PostgreSQL, across machines, is what the asynchronous data layer is still missing.
 */
import Database from "better-sqlite3";
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, DEMO } from "../helpers/client";
import { checkLedgers, participantToken, type Ledger } from "../helpers/ledger";
import { freePort, launchServer, makeSeededDatabase, type LaunchedServer } from "../helpers/server";

const BASE = "/s/joined-up-care";
let dir: string;
let dbPath: string;
let a: LaunchedServer;
let b: LaunchedServer;
let round: number;
let ratingIds: number[];
let proposeId: number;

const ENV = { EMAIL_CAPTURE: "false", JOURNEY_START_LIMIT: "100000", JOURNEY_POST_LIMIT: "1000000", JOURNEY_POST_PARTICIPANT_LIMIT: "100000" };

beforeAll(async () => {
  ({ dir, dbPath } = await makeSeededDatabase());
  const setup = new Database(dbPath, { readonly: true });
  round = (setup.prepare("select id from rounds where number = 1 and survey_id = (select s.id from surveys s join consultations c on c.id = s.consultation_id where c.slug = 'joined-up-care')").get() as { id: number }).id;
  ratingIds = (setup.prepare("select id from questions where round_id = ? and type = 'rating' order by position").all(round) as Array<{ id: number }>).map((r) => r.id);
  proposeId = (setup.prepare("select id from questions where round_id = ? and type = 'propose-outcome'").get(round) as { id: number }).id;
  setup.close();
  [a, b] = await Promise.all([launchServer(dbPath, await freePort(), ENV), launchServer(dbPath, await freePort(), ENV)]);
}, 120_000);
afterAll(async () => {
  for (const s of [a, b]) {
    if (s && s.child.exitCode === null && s.child.signalCode === null) {
      const exited = new Promise((r) => s.child.once("exit", r));
      s.child.kill("SIGTERM");
      await exited;
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

/** One browser (one cookie jar) that can talk to either server, as behind a load balancer. */
function browser(address: string) {
  const onA = new Client(a.url, { "x-forwarded-for": address });
  const onB = new Client(b.url, { "x-forwarded-for": address }, onA.jar);
  return { onA, onB, at: (n: number) => (n % 2 === 0 ? onA : onB) };
}

describe("two servers, one database", () => {
  it("carry a participant's journey alternating between them, to one submitted response", async () => {
    const p = browser("10.88.0.1");
    expect((await p.onA.post(BASE, { website: "" })).status).toBe(302);
    const acked = new Map<number, number>();
    for (const [i, id] of ratingIds.entries()) {
      const res = await p.at(i + 1).post(`${BASE}/q/${id}`, { answer: String(1 + (i % 9)) });
      expect(res.status, `question ${id}`).toBe(302);
      acked.set(id, 1 + (i % 9));
    }
    expect((await p.onA.post(`${BASE}/q/${proposeId}`, { answer: "An outcome proposed across two servers" })).status).toBe(302);
    // The check page on the other server shows what the first one saved.
    const check = await (await p.onB.get(`${BASE}/check`)).text();
    expect(check).toContain("An outcome proposed across two servers");
    const done = await p.onB.post(`${BASE}/check`, { website: "" });
    expect(done.headers.get("Location")).toBe(`${BASE}/done`);
    const db = new Database(dbPath, { readonly: true });
    const result = checkLedgers(db, round, proposeId, [{ token: participantToken(p.onA.jar), acked, proposal: "An outcome proposed across two servers", submitted: true }]);
    db.close();
    expect(result.problems).toEqual([]);
    expect(result.acknowledgedSubmissions).toBe(1);
  });

  it("hold a journey rate limit across both: the starts from one address are counted once, whichever server answers", async () => {
    const [la, lb] = await Promise.all([
      launchServer(dbPath, await freePort(), { ...ENV, JOURNEY_START_LIMIT: "4" }),
      launchServer(dbPath, await freePort(), { ...ENV, JOURNEY_START_LIMIT: "4" }),
    ]);
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) statuses.push((await new Client(i % 2 ? lb.url : la.url, { "x-forwarded-for": "10.88.0.2" }).post(BASE, { website: "" })).status);
      expect(statuses.filter((s) => s === 302)).toHaveLength(4);
      expect(statuses.slice(4)).toEqual([429, 429, 429, 429]);
      expect((await new Client(lb.url, { "x-forwarded-for": "10.88.0.3" }).post(BASE, { website: "" })).status).toBe(302);
    } finally {
      for (const s of [la, lb]) {
        const exited = new Promise((r) => s.child.once("exit", r));
        s.child.kill("SIGTERM");
        await exited;
      }
    }
  });

  it("show a title an officer changed through one server on the other at once", async () => {
    const before = await (await new Client(b.url).get(BASE)).text(); // B has the page cached now
    const officer = new Client(a.url);
    expect((await officer.signIn(DEMO.officer.email, DEMO.officer.password)).status).toBe(302);
    const db = new Database(dbPath, { readonly: true });
    const text = db.prepare("select t.title, t.summary, t.briefing, t.privacy_notice as privacyNotice from consultation_translations t join consultations c on c.id = t.consultation_id where c.slug = 'joined-up-care' and t.locale = 'en'").get() as Record<string, string | null>;
    db.close();
    expect(before).toContain(text.title!);
    const saved = await officer.post("/consultations/joined-up-care/edit/en", { title: "Joined-up care, retitled on server A", summary: text.summary ?? "", briefing: text.briefing ?? "", privacyNotice: text.privacyNotice ?? "" });
    expect(saved.status).toBe(302);
    const after = await (await new Client(b.url).get(BASE)).text();
    expect(after).toContain("Joined-up care, retitled on server A");
    expect(after).not.toContain(`>${text.title}<`);
  });

  it("record one response when the same participant submits through both servers at the same moment", async () => {
    const p = browser("10.88.0.4");
    expect((await p.onB.post(BASE, { website: "" })).status).toBe(302);
    for (const [i, id] of ratingIds.entries()) expect((await p.at(i).post(`${BASE}/q/${id}`, { answer: "5" })).status).toBe(302);
    expect((await p.onB.post(`${BASE}/q/${proposeId}`, { answer: "Submitted twice at once" })).status).toBe(302);
    const answers = await Promise.all([p.onA.post(`${BASE}/check`, { website: "" }), p.onB.post(`${BASE}/check`, { website: "" }), p.onA.post(`${BASE}/check`, { website: "" }), p.onB.post(`${BASE}/check`, { website: "" })]);
    expect(answers.map((r) => r.status)).toEqual([302, 302, 302, 302]);
    const db = new Database(dbPath, { readonly: true });
    const n = db.prepare("select count(*) as n from responses r join participants p on p.id = r.participant_id join answers x on x.response_id = r.id where x.text_value = 'Submitted twice at once'").get() as { n: number };
    db.close();
    expect(n.n).toBe(1);
  });

  it("leave an email another server is sending alone when a server starts (no second send)", async () => {
    const db = new Database(dbPath);
    db.pragma("busy_timeout = 5000");
    const now = Date.now();
    const busy = Number(db.prepare("insert into email_outbox (kind, to_address, subject, text, status, next_attempt_at, updated_at) values ('test', 'x@cag.example', 'Being sent by A', 'body', 'sending', ?, ?)").run(now, now).lastInsertRowid);
    const c = await launchServer(dbPath, await freePort(), ENV);
    try {
      await new Promise((r) => setTimeout(r, 500));
      expect((db.prepare("select status from email_outbox where id = ?").get(busy) as { status: string }).status).toBe("sending");
    } finally {
      const exited = new Promise((r) => c.child.once("exit", r));
      c.child.kill("SIGTERM");
      await exited;
      db.close();
    }
  });

  it("keep serving through the other when one is killed (SIGKILL) mid-load: every acknowledged answer and submission stored exactly once", { timeout: 120_000 }, async () => {
    const victim = await launchServer(dbPath, await freePort(), ENV);
    const servers = [victim, b];
    let killed = false;
    const retried = { n: 0 };
    /** Sends to the server the balancer picks (alternating); a refused or cut-off request goes to the other, as a balancer retries. */
    async function send(clients: Client[], n: number, path: string, form: Record<string, string>): Promise<Response> {
      for (let attempt = 0; attempt < 20; attempt++) {
        const client = clients[(n + attempt) % 2];
        try {
          const res = await client.post(path, form);
          if (res.status < 500) return res;
        } catch {
          // the server is gone: the next attempt goes to the other
        }
        retried.n++;
      }
      throw new Error(`no server answered ${path}`);
    }
    const participants = Array.from({ length: 8 }, (_, k) => {
      const onVictim = new Client(victim.url, { "x-forwarded-for": `10.89.0.${k}` });
      const onB = new Client(b.url, { "x-forwarded-for": `10.89.0.${k}` }, onVictim.jar);
      return { k, clients: [onVictim, onB] };
    });
    const run = async ({ k, clients }: (typeof participants)[number]): Promise<Ledger> => {
      const ledger: Ledger = { token: null, acked: new Map(), proposal: null, submitted: false };
      let n = k;
      expect((await send(clients, n++, BASE, { website: "" })).status).toBe(302);
      for (const id of ratingIds) {
        const score = 1 + ((k + id) % 9);
        if ((await send(clients, n++, `${BASE}/q/${id}`, { answer: String(score) })).status === 302) ledger.acked.set(id, score);
        await new Promise((r) => setTimeout(r, 10));
      }
      const proposal = `Proposal ${k} through two servers`;
      if ((await send(clients, n++, `${BASE}/q/${proposeId}`, { answer: proposal })).status === 302) ledger.proposal = proposal;
      if (k % 4 !== 3) {
        const done = await send(clients, n++, `${BASE}/check`, { website: "" });
        ledger.submitted = done.headers.get("Location") === `${BASE}/done`;
      }
      ledger.token = participantToken(clients[0].jar);
      return ledger;
    };
    const killer = (async () => {
      await new Promise((r) => setTimeout(r, 400));
      victim.child.kill("SIGKILL");
      killed = true;
    })();
    const ledgers = await Promise.all(participants.map(run));
    await killer;
    expect(killed).toBe(true);
    expect(servers[1].child.exitCode).toBeNull();
    const db = new Database(dbPath, { readonly: true });
    const result = checkLedgers(db, round, proposeId, ledgers);
    expect(String(db.pragma("integrity_check", { simple: true }))).toBe("ok");
    db.close();
    expect(result.problems).toEqual([]);
    expect(result.acknowledgedSubmissions).toBe(6);
    expect(result.leftAsDrafts).toBe(2);
    expect(result.acknowledgedAnswers).toBe(8 * (ratingIds.length + 1));
  });
});
