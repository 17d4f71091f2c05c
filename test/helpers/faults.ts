/**
 * The SIGKILL scenario shared by the fault test and `npm run bench`: simulated participants
 * drive the journey while the production server is killed with SIGKILL at random moments and
 * restarted on the same database; afterwards every acknowledged answer, draft and submission
 * is checked in SQLite.
 */
import Database from "better-sqlite3";
import { rmSync } from "node:fs";
import { Client } from "./client";
import { checkLedgers, participantToken, type Ledger } from "./ledger";
import { openTestDb } from "./test-database";
import { freePort, launchServer, makeSeededDatabase, type LaunchedServer } from "./server";
import { mulberry32 } from "../../app/domain/themes/prng";

const BASE = "/s/joined-up-care";
const ENV = { JOURNEY_START_LIMIT: "100000", JOURNEY_POST_LIMIT: "1000000" };

/** Small deterministic PRNG (mulberry32, the themes engine's) so a run can be replayed with the same seed. */
export const prng = mulberry32;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface FaultReport {
  kills: number;
  participants: number;
  acknowledgedAnswers: number;
  acknowledgedSubmissions: number;
  leftAsDrafts: number;
  requests: number;
  retried: number;
  restartMs: number[];
  seconds: number;
  integrity: string;
  problems: string[];
}

interface ClientLedger extends Omit<Ledger, "token"> {
  client: Client;
}

export async function runFaultScenario(options: { participants: number; kills: number; seed: number }): Promise<FaultReport> {
  const started = performance.now();
  const { dir, dbPath } = await makeSeededDatabase();
  const setup = new Database(dbPath, { readonly: true });
  const round = (setup.prepare("select id from rounds where number = 1").get() as { id: number }).id;
  const ratingIds = (
    setup.prepare("select id from questions where round_id = ? and type = 'rating' order by position").all(round) as Array<{ id: number }>
  ).map((r) => r.id);
  const proposeId = (setup.prepare("select id from questions where round_id = ? and type = 'propose-outcome'").get(round) as { id: number }).id;
  setup.close();

  const port = await freePort();
  let server: LaunchedServer = await launchServer(dbPath, port, ENV);
  let running = true;
  let restarting: Promise<void> | null = null;
  const random = prng(options.seed);
  const stats = { requests: 0, retried: 0, kills: 0, restartMs: [] as number[] };
  const problems: string[] = [];

  /** Sends until the server answers (connection errors and 5xx during a restart are retried). */
  async function send(c: Client, path: string, form: Record<string, string>): Promise<Response> {
    for (let attempt = 0; attempt < 400; attempt++) {
      if (restarting) await restarting;
      try {
        stats.requests++;
        const res = await c.request(path, { form, signal: AbortSignal.timeout(10_000) });
        if (res.status < 500) return res;
      } catch {
        // cut off by a kill: retried below
      }
      stats.retried++;
      await sleep(20);
    }
    throw new Error(`gave up on ${path}`);
  }

  async function participate(k: number): Promise<ClientLedger> {
    const ledger: ClientLedger = {
      client: new Client(`http://localhost:${port}`, { "x-forwarded-for": `10.9.${k >> 8}.${k & 255}` }),
      acked: new Map(),
      proposal: null,
      submitted: false,
    };
    const c = ledger.client;
    while ((await send(c, BASE, { website: "" })).status !== 302);
    for (let pass = 0; pass < 2; pass++) {
      for (const [i, id] of ratingIds.entries()) {
        const score = 1 + ((k * 7 + i * 3 + pass) % 9);
        const res = await send(c, `${BASE}/q/${id}`, { answer: String(score) });
        if (res.status !== 302) problems.push(`participant ${k} question ${id}: status ${res.status}`);
        else ledger.acked.set(id, score);
      }
      if (pass === 0 && k % 2 === 0) break; // half answer twice (changing every score), half once
    }
    const proposal = `Outcome from participant ${k}`;
    if ((await send(c, `${BASE}/q/${proposeId}`, { answer: proposal })).status === 302) ledger.proposal = proposal;
    if (k % 4 !== 3) {
      const done = await send(c, `${BASE}/check`, { website: "" });
      if (done.headers.get("Location") === `${BASE}/done`) ledger.submitted = true;
      else problems.push(`participant ${k}: submit answered ${done.status} ${done.headers.get("Location")}`);
    }
    return ledger;
  }

  const killer = (async () => {
    // Every kill happens: at random moments while participants answer, and any left after they finish.
    while (stats.kills < options.kills) {
      await sleep(running ? 100 + random() * 400 : 50);
      const exited = new Promise((r) => server.child.once("exit", r));
      server.child.kill("SIGKILL");
      stats.kills++;
      const t = performance.now();
      restarting = (async () => {
        await exited;
        server = await launchServer(dbPath, port, ENV);
      })();
      await restarting;
      stats.restartMs.push(performance.now() - t);
      restarting = null;
    }
  })();

  try {
    const ledgers = await Promise.all(Array.from({ length: options.participants }, (_, k) => participate(k)));
    running = false;
    await killer;
    const stopped = new Promise((r) => server.child.once("exit", r));
    server.child.kill("SIGTERM");
    await stopped;

    const sqlite = new Database(dbPath);
    const integrity = String(sqlite.pragma("integrity_check", { simple: true }));
    sqlite.close();
    const db = openTestDb(dbPath);
    const checked = await checkLedgers(
      db,
      round,
      proposeId,
      // Every participant's start was acknowledged (it is retried until it is): a missing cookie is a problem too.
      ledgers.map((l) => ({ ...l, token: participantToken((l.client as unknown as { cookies: Map<string, string> }).cookies) ?? "not-acknowledged" })),
    );
    problems.push(...checked.problems);
    const { acknowledgedAnswers, leftAsDrafts } = checked;
    await db.close();
    return {
      kills: stats.kills,
      participants: options.participants,
      acknowledgedAnswers,
      acknowledgedSubmissions: ledgers.filter((l) => l.submitted).length,
      leftAsDrafts,
      requests: stats.requests,
      retried: stats.retried,
      restartMs: stats.restartMs,
      seconds: (performance.now() - started) / 1000,
      integrity,
      problems,
    };
  } finally {
    if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  }
}

export function formatFaultReport(r: FaultReport): string {
  const sorted = [...r.restartMs].sort((a, b) => a - b);
  return [
    "## Faults: SIGKILL under load (production build, loopback)",
    "",
    `${r.participants} participants answering at once; the server was killed with SIGKILL ${r.kills} times at random moments and restarted (restart to first answer: median ${sorted[Math.floor(sorted.length / 2)]?.toFixed(0) ?? "–"} ms).`,
    `${r.requests} requests, ${r.retried} cut off by a kill and retried by the client.`,
    `Checked in SQLite afterwards (integrity_check: ${r.integrity}): ${r.acknowledgedAnswers} acknowledged answers, ${r.acknowledgedSubmissions} acknowledged submissions, ${r.leftAsDrafts} drafts left open; ` +
      (r.problems.length ? `PROBLEMS: ${r.problems.slice(0, 10).join("; ")}` : "every one stored exactly once; none lost."),
    `Run time ${r.seconds.toFixed(1)} s.`,
  ].join("\n");
}
