// The production server under load, killed with SIGKILL at random moments and restarted:
// every request that got a success answer is stored exactly once, and every draft is intact.
import Database from "better-sqlite3";
import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { hashTokenHex } from "../../app/auth/tokens.server";
import { Client } from "../helpers/client";
import { freePort, launchServer, makeSeededDatabase, type LaunchedServer } from "../helpers/server";

const SLUG = "joined-up-care";
const BASE = `/s/${SLUG}`;
const PARTICIPANTS = 16;
const KILLS = 5;
const SEED = Number(process.env.FAULT_SEED ?? 4242);
const ENV = { JOURNEY_START_LIMIT: "100000", JOURNEY_POST_LIMIT: "1000000" };

/** Small deterministic PRNG (mulberry32) so a failing run can be replayed with FAULT_SEED. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Ledger {
  client: Client;
  /** Answers the server acknowledged (302 onwards), by question id: the last acknowledged value wins. */
  acked: Map<number, number>;
  submitted: boolean;
}

const cleanup: string[] = [];
afterAll(() => cleanup.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("faults", () => {
  it(`keeps every acknowledged answer and submission across ${KILLS} SIGKILLs under load`, { timeout: 240_000 }, async () => {
    const { dir, dbPath } = await makeSeededDatabase();
    cleanup.push(dir);
    const setup = new Database(dbPath, { readonly: true });
    const round = (setup.prepare("select id from rounds where number = 1").get() as { id: number }).id;
    const ratingIds = (setup.prepare("select id from questions where round_id = ? and type = 'rating' order by position").all(round) as Array<{ id: number }>).map((r) => r.id);
    const proposeId = (setup.prepare("select id from questions where round_id = ? and type = 'propose-outcome'").get(round) as { id: number }).id;
    setup.close();

    const port = await freePort();
    let server: LaunchedServer = await launchServer(dbPath, port, ENV);
    let running = true;
    let restarting: Promise<void> | null = null;
    const random = prng(SEED);
    const stats = { requests: 0, acknowledged: 0, failed: 0, kills: 0 };

    /** Sends until the server answers (connection errors and 5xx during a restart are retried). */
    async function send(c: Client, path: string, form: Record<string, string>): Promise<Response> {
      for (let attempt = 0; attempt < 400; attempt++) {
        if (restarting) await restarting;
        try {
          stats.requests++;
          const res = await c.request(path, { form, signal: AbortSignal.timeout(10_000) });
          if (res.status < 500) return res;
          stats.failed++;
        } catch {
          stats.failed++;
        }
        await sleep(20);
      }
      throw new Error(`gave up on ${path}`);
    }

    async function participate(k: number): Promise<Ledger> {
      const ledger: Ledger = { client: new Client(`http://localhost:${port}`, { "x-forwarded-for": `10.9.0.${k + 1}` }), acked: new Map(), submitted: false };
      const c = ledger.client;
      // Start: only a 302 means the participant exists.
      for (;;) {
        const res = await send(c, BASE, { website: "" });
        if (res.status === 302) break;
      }
      for (let pass = 0; pass < 2; pass++) {
        for (const [i, id] of ratingIds.entries()) {
          const score = 1 + ((k * 7 + i * 3 + pass) % 9);
          const res = await send(c, `${BASE}/q/${id}`, { answer: String(score) });
          expect(res.status, `participant ${k} question ${id}`).toBe(302);
          ledger.acked.set(id, score);
          stats.acknowledged++;
        }
        if (pass === 0 && k % 2 === 0) break; // half the participants answer twice (changes), half once
      }
      const proposed = await send(c, `${BASE}/q/${proposeId}`, { answer: `Outcome from participant ${k}` });
      expect(proposed.status).toBe(302);
      if (k % 4 !== 3) {
        // Three in four submit; the others leave a draft.
        const done = await send(c, `${BASE}/check`, { website: "" });
        expect(done.headers.get("Location")).toBe(`${BASE}/done`);
        ledger.submitted = true;
        stats.acknowledged++;
      }
      return ledger;
    }

    const killer = (async () => {
      while (running && stats.kills < KILLS) {
        await sleep(150 + random() * 600);
        if (!running) break;
        const exited = new Promise((r) => server.child.once("exit", r));
        server.child.kill("SIGKILL");
        stats.kills++;
        restarting = (async () => {
          await exited;
          server = await launchServer(dbPath, port, ENV);
        })();
        await restarting;
        restarting = null;
      }
    })();

    const ledgers = await Promise.all(Array.from({ length: PARTICIPANTS }, (_, k) => participate(k)));
    running = false;
    await killer;
    const killed = new Promise((r) => server.child.once("exit", r));
    server.child.kill("SIGTERM");
    await killed;

    // Verify against the database, as left by the last (possibly killed) server.
    const db = new Database(dbPath);
    const integrity = db.pragma("integrity_check", { simple: true });
    expect(integrity).toBe("ok");
    for (const [k, ledger] of ledgers.entries()) {
      const cookie = [...(ledger.client as unknown as { cookies: Map<string, string> }).cookies].find(([name]) => name.startsWith("ocd_p"));
      expect(cookie, `participant ${k} has a journey cookie`).toBeTruthy();
      const participant = db.prepare("select id from participants where resume_token_hash = ?").get(hashTokenHex(cookie![1])) as { id: number } | undefined;
      expect(participant, `participant ${k} stored`).toBeTruthy();
      const responses = db.prepare("select id from responses where participant_id = ? and round_id = ?").all(participant!.id, round) as Array<{ id: number }>;
      if (ledger.submitted) {
        expect(responses.length, `participant ${k}: exactly one response`).toBe(1);
        const stored = new Map(
          (db.prepare("select question_id as q, numeric_value as v from answers where response_id = ? and numeric_value is not null").all(responses[0].id) as Array<{ q: number; v: number }>).map((a) => [a.q, a.v]),
        );
        for (const [q, v] of ledger.acked) expect(stored.get(q), `participant ${k} question ${q}`).toBe(v);
        const text = db.prepare("select text_value as t from answers where response_id = ? and question_id = ?").get(responses[0].id, proposeId) as { t: string };
        expect(text.t).toBe(`Outcome from participant ${k}`);
      } else {
        expect(responses.length).toBe(0);
        const draft = db.prepare("select answers from response_drafts where participant_id = ? and round_id = ?").get(participant!.id, round) as { answers: string };
        const saved = JSON.parse(draft.answers) as Record<string, { score?: number; text?: string }>;
        for (const [q, v] of ledger.acked) expect(saved[String(q)], `participant ${k} draft question ${q}`).toEqual({ score: v });
        expect(saved[String(proposeId)]).toEqual({ text: `Outcome from participant ${k}` });
      }
    }
    const duplicates = db.prepare("select participant_id, count(*) as n from responses where round_id = ? group by participant_id having n > 1").all(round);
    expect(duplicates).toEqual([]);
    db.close();
    expect(stats.kills).toBe(KILLS);
    console.log(`faults: ${stats.kills} SIGKILLs; ${stats.acknowledged} acknowledged writes verified; ${stats.requests} requests, ${stats.failed} refused or cut off by a kill and retried`);
  });
});
