/**
 * Two application servers, separate processes on two ports (not a cluster), sharing one
 * database, with state shared through it only: a participant's journey alternating between them,
 * a rate limit holding across both, a title changed through one seen by the other, simultaneous
 * submits through both recorded once, an email being sent by one never re-sent by the other
 * starting, and one server SIGKILLed mid-load while the other keeps serving, after which every
 * acknowledged answer and submission is stored exactly once.
 *
 * The same file runs twice: on the SQLite file (separate processes on one machine) and, in the
 * `postgres` project, on one PostgreSQL database, as servers on several machines would share it.
 * There it also checks that sign-offs and invitation completions sent through both servers at
 * once are recorded exactly once.
 */
import Database from "better-sqlite3";
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashTokenHex, randomToken } from "../../app/auth/tokens.server";
import { Client, DEMO } from "../helpers/client";
import { CCG_COMMISSIONER, COMET, INDICATOR } from "../helpers/framework";
import { checkLedgers, participantToken, type Ledger } from "../helpers/ledger";
import { freePort, launchServer, makeSeededDatabase, type LaunchedServer } from "../helpers/server";
import { openTestDb, testDialect, type TestDb } from "../helpers/test-database";

const BASE = "/s/joined-up-care";
let dir: string;
let dbPath: string;
let a: LaunchedServer;
let b: LaunchedServer;
let round: number;
let ratingIds: number[];
let proposeId: number;
/** The tests' own reads and fixtures, on whichever database the servers share. */
let db: TestDb;

const ENV = { EMAIL_CAPTURE: "false", JOURNEY_START_LIMIT: "100000", JOURNEY_POST_LIMIT: "1000000", JOURNEY_POST_PARTICIPANT_LIMIT: "100000" };

beforeAll(async () => {
  ({ dir, dbPath } = await makeSeededDatabase());
  db = openTestDb(dbPath);
  round = (await db.get<{ id: number }>(
    "select id from rounds where number = 1 and survey_id = (select s.id from surveys s join consultations c on c.id = s.consultation_id where c.slug = 'joined-up-care')",
  ))!.id;
  ratingIds = (await db.all<{ id: number }>("select id from questions where round_id = ? and type = 'rating' order by position", round)).map((r) => r.id);
  proposeId = (await db.get<{ id: number }>("select id from questions where round_id = ? and type = 'propose-outcome'", round))!.id;
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
  await db?.close();
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
    const result = await checkLedgers(db, round, proposeId, [
      { token: participantToken(p.onA.jar), acked, proposal: "An outcome proposed across two servers", submitted: true },
    ]);
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
      for (let i = 0; i < 8; i++)
        statuses.push((await new Client(i % 2 ? lb.url : la.url, { "x-forwarded-for": "10.88.0.2" }).post(BASE, { website: "" })).status);
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
    const text = (await db.get<Record<string, string | null>>(
      "select t.title, t.summary, t.briefing, t.privacy_notice as \"privacyNotice\" from consultation_translations t join consultations c on c.id = t.consultation_id where c.slug = 'joined-up-care' and t.locale = 'en'",
    ))!;
    expect(before).toContain(text.title!);
    const saved = await officer.post("/consultations/joined-up-care/edit/en", {
      title: "Joined-up care, retitled on server A",
      summary: text.summary ?? "",
      briefing: text.briefing ?? "",
      privacyNotice: text.privacyNotice ?? "",
    });
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
    const answers = await Promise.all([
      p.onA.post(`${BASE}/check`, { website: "" }),
      p.onB.post(`${BASE}/check`, { website: "" }),
      p.onA.post(`${BASE}/check`, { website: "" }),
      p.onB.post(`${BASE}/check`, { website: "" }),
    ]);
    expect(answers.map((r) => r.status)).toEqual([302, 302, 302, 302]);
    const n = (await db.get<{ n: number }>(
      "select count(*) as n from responses r join participants p on p.id = r.participant_id join answers x on x.response_id = r.id where x.text_value = 'Submitted twice at once'",
    ))!;
    expect(n.n).toBe(1);
  });

  it("complete an invitation once when its member submits through both servers at the same moment", async () => {
    const member = (await db.get<{ id: number }>("select id from advisory_group_members where left_at is null order by id desc limit 1"))!;
    const consultationId = (await db.get<{ id: number }>("select id from consultations where slug = 'joined-up-care'"))!.id;
    const token = randomToken();
    const invitation = (
      await db.run(
        "insert into invitations (consultation_id, member_id, round_id, token_hash) values (?, ?, ?, ?)",
        consultationId,
        member.id,
        round,
        hashTokenHex(token),
      )
    ).lastInsertRowid;
    const p = browser("10.88.0.5");
    expect((await p.onA.get(`/invite/${token}`)).headers.get("Location")).toBe(BASE);
    for (const [i, id] of ratingIds.entries()) expect((await p.at(i).post(`${BASE}/q/${id}`, { answer: "7" })).status).toBe(302);
    expect((await p.onA.post(`${BASE}/q/${proposeId}`, { answer: "Invited, submitted twice at once" })).status).toBe(302);
    const answers = await Promise.all([
      p.onA.post(`${BASE}/check`, { website: "" }),
      p.onB.post(`${BASE}/check`, { website: "" }),
      p.onB.post(`${BASE}/check`, { website: "" }),
      p.onA.post(`${BASE}/check`, { website: "" }),
    ]);
    expect(answers.map((r) => r.status)).toEqual([302, 302, 302, 302]);
    const participants = await db.all<{ id: number }>("select id from participants where member_id = ? and consultation_id = ?", member.id, consultationId);
    expect(participants).toHaveLength(1);
    expect(await db.get("select count(*) as n from responses where participant_id = ? and round_id = ?", participants[0].id, round)).toEqual({ n: 1 });
    const completed = (await db.get<{ completed_at: number | null }>("select completed_at from invitations where id = ?", invitation))!;
    expect(completed.completed_at).toBeGreaterThan(0);
  });

  it("record one signature per organisation when a commissioner signs through both servers at the same moment", { timeout: 90_000 }, async () => {
    const signedIn = async (url: string, account: { email: string; password: string }) => {
      const c = new Client(url);
      expect((await c.signIn(account.email, account.password)).status, account.email).toBe(302);
      return c;
    };
    const C = "/consultations/joined-up-care";
    const F = `${C}/framework`;
    const officer = await signedIn(a.url, DEMO.officer);
    const names = ["Nottinghamshire County Council", "Rushcliffe Clinical Commissioning Group"];
    const organisations = await Promise.all(
      names.map(async (n) => String((await db.get<{ id: number }>("select id from organisations where name = ?", n))!.id)),
    );
    expect((await officer.post(`${C}/signatories`, { organisations })).status).toBe(302);
    expect((await officer.post(`${C}/results`, COMET)).status).toBe(302);
    // Claire works through A, David through B, as a balancer might send them.
    const claire = await signedIn(a.url, DEMO.commissioner);
    const claireOnB = new Client(b.url, {}, claire.jar);
    const david = await signedIn(b.url, CCG_COMMISSIONER);
    const davidOnA = new Client(a.url, {}, david.jar);
    expect((await claire.post(F, { intent: "start" })).headers.get("location")).toBe(`${F}?notice=started`);
    const set = (await db.get<{ version: number; content: string }>(
      "select version, content from outcome_sets where consultation_id = (select id from consultations where slug = 'joined-up-care') order by version desc limit 1",
    ))!;
    const codes = (JSON.parse(set.content) as { outcomes: Array<{ code: string; included: boolean }> }).outcomes.filter((o) => o.included).map((o) => o.code);
    expect(codes.length).toBeGreaterThan(0);
    for (const code of codes) expect((await claireOnB.post(`${F}/outcomes/${code}/indicators/new`, INDICATOR)).status).toBe(302);
    const even = (100 / codes.length).toFixed(2);
    const weights = Object.fromEntries(codes.map((c, k) => [`weight-${c}`, k === 0 ? (100 - Number(even) * (codes.length - 1)).toFixed(2) : even]));
    const reasons = Object.fromEntries(codes.map((c) => [`reason-${c}`, "Equal shares agreed by the commissioning board"]));
    expect((await claire.post(`${F}/weights`, { ...weights, ...reasons, pot: "250000", margin: "5" })).status).toBe(302);
    const version = String(set.version);
    expect((await claireOnB.post(F, { intent: "propose", version })).headers.get("location")).toBe(`${F}?notice=proposed`);

    const claireSigns = await Promise.all([
      claire.post(F, { intent: "sign", version }),
      claireOnB.post(F, { intent: "sign", version }),
      claire.post(F, { intent: "sign", version }),
      claireOnB.post(F, { intent: "sign", version }),
    ]);
    expect(claireSigns.filter((r) => r.headers.get("location") === `${F}?notice=signed`)).toHaveLength(1);
    expect(claireSigns.filter((r) => r.status === 409)).toHaveLength(3);
    const davidSigns = await Promise.all([david.post(F, { intent: "sign", version }), davidOnA.post(F, { intent: "sign", version })]);
    expect(davidSigns.filter((r) => r.headers.get("location") === `${F}?notice=agreed`)).toHaveLength(1);
    expect(davidSigns.filter((r) => r.status === 409)).toHaveLength(1);
    const signatures = await db.all<{ organisation_id: number }>(
      "select organisation_id from outcome_set_signatures where set_id = (select id from outcome_sets where consultation_id = (select id from consultations where slug = 'joined-up-care') and version = ?) and signed_at is not null order by organisation_id",
      set.version,
    );
    expect(signatures.map((r) => String(r.organisation_id)).sort()).toEqual([...organisations].sort());
    expect(
      (await db.get<{ status: string }>(
        "select status from outcome_sets where consultation_id = (select id from consultations where slug = 'joined-up-care') and version = ?",
        set.version,
      ))!.status,
    ).toBe("agreed");
    expect(await db.get("select count(*) as n from audit_log where action = 'outcome_set.agreed'")).toEqual({ n: 1 });
  });

  it("leave an email another server is sending alone when a server starts (no second send)", async () => {
    const now = new Date();
    const busy = (
      await db.run(
        "insert into email_outbox (kind, to_address, subject, text, status, next_attempt_at, updated_at) values ('test', 'x@cag.example', 'Being sent by A', 'body', 'sending', ?, ?)",
        now,
        now,
      )
    ).lastInsertRowid;
    const c = await launchServer(dbPath, await freePort(), ENV);
    try {
      await new Promise((r) => setTimeout(r, 500));
      expect((await db.get<{ status: string }>("select status from email_outbox where id = ?", busy))!.status).toBe("sending");
    } finally {
      const exited = new Promise((r) => c.child.once("exit", r));
      c.child.kill("SIGTERM");
      await exited;
    }
  });

  it(
    "keep serving through the other when one is killed (SIGKILL) mid-load: every acknowledged answer and submission stored exactly once",
    { timeout: 120_000 },
    async () => {
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
      const result = await checkLedgers(db, round, proposeId, ledgers);
      if (testDialect === "sqlite") {
        const file = new Database(dbPath, { readonly: true });
        expect(String(file.pragma("integrity_check", { simple: true }))).toBe("ok");
        file.close();
      }
      expect(result.problems).toEqual([]);
      expect(result.acknowledgedSubmissions).toBe(6);
      expect(result.leftAsDrafts).toBe(2);
      expect(result.acknowledgedAnswers).toBe(8 * (ratingIds.length + 1));
    },
  );
});
