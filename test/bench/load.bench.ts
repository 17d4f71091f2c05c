/**
 * Load benchmark: the real citizen journey against the production build on loopback.
 * Simulated participants (one connection each, like a browser) start, answer every question
 * (each Continue saves a draft, then the next page is fetched as a browser would after the
 * redirect), check their answers and submit, first with JavaScript off (full pages), then with
 * JavaScript on (Remix data requests: the action, then the next page's loaders as JSON).
 * Concurrency ramps until p99 of saving an answer passes 200 ms. Baselines measured in the
 * same run: an empty Remix page (/bench/empty, the same root layout, no data) and a question
 * page, each read at 64 connections.
 * Afterwards the database is checked: every acknowledged answer and submission is there once.
 */
import Database from "better-sqlite3";
import http from "node:http";
import { rmSync } from "node:fs";
import { checkLedgers, participantToken, type Ledger } from "../helpers/ledger";
import { openTestDb } from "../helpers/test-database";
import { BenchClient, type BenchResponse } from "./http-client";
import { freePort, launchServer, makeSeededDatabase } from "../helpers/server";

const SLUG = "joined-up-care";
const BASE = `/s/${SLUG}`;
const STAGES = (process.env.LOAD_STAGES ?? "8,16,32,64,96,128,192,256").split(",").map(Number);
const STAGE_SECONDS = Number(process.env.LOAD_STAGE_SECONDS ?? 6);
const BASELINE_SECONDS = Number(process.env.LOAD_BASELINE_SECONDS ?? 5);

type Step = "start" | "save" | "question" | "check" | "submit";

/**
 * How the participant's browser talks to the server. `document`: JavaScript off, every step a
 * full page (a post answered by a redirect, then the next page). `data`: JavaScript on, as
 * Remix does it: the form posts to the route's action as a data request (answered by 204 and
 * X-Remix-Redirect), then the next page's loaders are fetched as JSON, in parallel (root and
 * the page's route), and rendered in the browser.
 */
export type Transport = "document" | "data";
const PROCESSES = Number(process.env.LOAD_WEB_CONCURRENCY ?? 1);
const TRANSPORTS = (process.env.LOAD_TRANSPORTS ?? "document,data").split(",") as Transport[];
const ROUTE = { start: "routes/s.$slug._index", question: "routes/s.$slug.q.$qid", check: "routes/s.$slug.check" } as const;

function dataUrl(path: string, routeId: string, index = false): string {
  return `${path}${path.includes("?") ? "&" : "?"}${index ? "index&" : ""}_data=${encodeURIComponent(routeId)}`;
}

function transportOf(kind: Transport) {
  return kind === "document"
    ? {
        post: (c: BenchClient, path: string, _route: string, form: Record<string, string>) => c.post(path, form),
        load: (c: BenchClient, path: string) => c.get(path),
      }
    : {
        post: (c: BenchClient, path: string, route: string, form: Record<string, string>) => c.post(dataUrl(path, route, route === ROUTE.start), form),
        load: (c: BenchClient, path: string, route: string) => Promise.all([c.get(dataUrl(path, "root")), c.get(dataUrl(path, route))]),
      };
}
const STEPS: Step[] = ["start", "save", "question", "check", "submit"];

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)];
}

interface Participant extends Omit<Ledger, "token"> {
  client: BenchClient;
}

export interface StageReport {
  transport: Transport;
  connections: number;
  seconds: number;
  answersPerSecond: number;
  submissionsPerSecond: number;
  requestsPerSecond: number;
  errors: number;
  latency: Record<Step, { p50: number; p99: number; n: number }>;
}

export interface LoadReport {
  baseline: { emptyPage: ReadReport; questionPage: ReadReport; ratio: number };
  stages: StageReport[];
  kneeConnections: Partial<Record<Transport, number>>;
  verification: { participants: number; acknowledgedAnswers: number; acknowledgedSubmissions: number; problems: string[] };
}

interface ReadReport {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

async function readLoad(clients: BenchClient[], path: string, seconds: number): Promise<ReadReport> {
  const times: number[] = [];
  let errors = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    clients.map(async (c) => {
      while (performance.now() < until) {
        const t = performance.now();
        try {
          const res = await c.get(path);
          if (res.status !== 200) errors++;
        } catch {
          errors++;
        }
        times.push(performance.now() - t);
      }
    }),
  );
  times.sort((a, b) => a - b);
  return { requestsPerSecond: times.length / seconds, p50: percentile(times, 50), p99: percentile(times, 99), errors };
}

export async function runLoadBench(): Promise<LoadReport> {
  const { dir, dbPath } = await makeSeededDatabase();
  const port = await freePort();
  const server = await launchServer(
    dbPath,
    port,
    {
      JOURNEY_START_LIMIT: "100000",
      JOURNEY_POST_LIMIT: "1000000",
      BENCH_ROUTES: "true",
      // LOAD_WEB_CONCURRENCY=2: two server processes (decision 0017); the baselines use them too.
      WEB_CONCURRENCY: String(PROCESSES),
      ...(PROCESSES > 1 ? { EMAIL_CAPTURE: "false" } : {}),
    },
    // e.g. LOAD_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/profiles" to profile the server under load.
    process.env.LOAD_SERVER_NODE_ARGS?.split(" ").filter(Boolean) ?? [],
  );
  const url = `http://localhost:${port}`;
  try {
    const setup = new Database(dbPath, { readonly: true });
    const round = (setup.prepare("select id from rounds where number = 1").get() as { id: number }).id;
    const ratingIds = (setup.prepare("select id from questions where round_id = ? and type = 'rating' order by position").all(round) as Array<{ id: number }>).map((r) => r.id);
    const proposeId = (setup.prepare("select id from questions where round_id = ? and type = 'propose-outcome'").get(round) as { id: number }).id;
    setup.close();

    // One kept-alive connection per simulated participant at a time (like a browser tab).
    const agent = new http.Agent({ keepAlive: true, maxSockets: Math.max(64, ...STAGES) });
    // By address, not "localhost": each new connection would otherwise wait for a name lookup.
    const origin = new URL(url.replace("//localhost:", "//127.0.0.1:"));
    let address = 0;
    const newClient = () => {
      address++;
      return new BenchClient(agent, origin, { "x-forwarded-for": `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}` });
    };

    // Baselines at 64 connections: the empty page, and one participant's question page.
    const readers = Array.from({ length: 64 }, newClient);
    await readLoad(readers.slice(0, 8), "/bench/empty", 1); // warm up
    const emptyPage = await readLoad(readers, "/bench/empty", BASELINE_SECONDS);
    const reader = newClient();
    await reader.post(BASE, { website: "" });
    await reader.post(`${BASE}/q/${ratingIds[0]}`, { answer: "7" });
    for (const c of readers) for (const [k, v] of reader.cookies) c.setCookie(k, v);
    const questionPage = await readLoad(readers, `${BASE}/q/${ratingIds[1]}`, BASELINE_SECONDS);

    const participants: Participant[] = [];
    const stages: StageReport[] = [];
    const kneeConnections: LoadReport["kneeConnections"] = {};
    const runStage = async (transport: Transport, connections: number): Promise<StageReport> => {
      const send = transportOf(transport);
      const times: Record<Step, number[]> = { start: [], save: [], question: [], check: [], submit: [] };
      let answers = 0;
      let submissions = 0;
      let requests = 0;
      let errors = 0;
      const started = performance.now();
      const until = started + STAGE_SECONDS * 1000;
      const timed = async (step: Step, f: () => Promise<BenchResponse | BenchResponse[]>): Promise<BenchResponse | null> => {
        const t = performance.now();
        try {
          const all = [await f()].flat();
          times[step].push(performance.now() - t);
          requests += all.length;
          if (all.some((res) => res.status >= 400)) {
            errors++;
            return null;
          }
          return all[all.length - 1];
        } catch {
          errors++;
          return null;
        }
      };
      await Promise.all(
        Array.from({ length: connections }, async (_, k) => {
          while (performance.now() < until) {
            const p: Participant = { client: newClient(), acked: new Map(), proposal: null, submitted: false };
            participants.push(p);
            const c = p.client;
            if (!(await timed("start", () => send.post(c, BASE, ROUTE.start, { website: "" })))) continue;
            for (const [i, id] of ratingIds.entries()) {
              if (performance.now() >= until) break;
              const score = 1 + ((k + i) % 9);
              const saved = await timed("save", () => send.post(c, `${BASE}/q/${id}`, ROUTE.question, { answer: String(score) }));
              if (!saved?.location) break;
              p.acked.set(id, score);
              answers++;
              await timed("question", () => send.load(c, saved.location ?? BASE, ROUTE.question));
            }
            if (p.acked.size < ratingIds.length || performance.now() >= until) continue;
            const proposal = `A new outcome ${k}`;
            const proposed = await timed("save", () => send.post(c, `${BASE}/q/${proposeId}`, ROUTE.question, { answer: proposal }));
            if (!proposed?.location) continue;
            p.proposal = proposal;
            answers++;
            await timed("check", () => send.load(c, `${BASE}/check`, ROUTE.check));
            const done = await timed("submit", () => send.post(c, `${BASE}/check`, ROUTE.check, { website: "" }));
            if (done?.location === `${BASE}/done`) {
              p.submitted = true;
              submissions++;
            }
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      const latency = Object.fromEntries(
        STEPS.map((s) => {
          const sorted = times[s].sort((a, b) => a - b);
          return [s, { p50: percentile(sorted, 50), p99: percentile(sorted, 99), n: sorted.length }];
        }),
      ) as StageReport["latency"];
      return { transport, connections, seconds, answersPerSecond: answers / seconds, submissionsPerSecond: submissions / seconds, requestsPerSecond: requests / seconds, errors, latency };
    };
    for (const transport of TRANSPORTS) {
      for (const connections of STAGES) {
        const stage = await runStage(transport, connections);
        stages.push(stage);
        if (stage.latency.save.p99 > 200) {
          kneeConnections[transport] = connections;
          break;
        }
      }
    }

    agent.destroy();
    // Verification: every acknowledged answer and submission is stored exactly once.
    server.child.kill("SIGTERM");
    await new Promise((r) => server.child.once("exit", r));
    const db = openTestDb(dbPath);
    const checked = await checkLedgers(
      db,
      round,
      proposeId,
      participants.map((p) => ({ ...p, token: participantToken(p.client.cookies) })),
    );
    await db.close();
    return {
      baseline: { emptyPage, questionPage, ratio: questionPage.requestsPerSecond / emptyPage.requestsPerSecond },
      stages,
      kneeConnections,
      verification: { ...checked, problems: checked.problems.slice(0, 20) },
    };
  } finally {
    if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  }
}

const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : "–");

export function formatLoadReport(r: LoadReport): string {
  const lines = [
    `## Load: the citizen journey (production build, loopback, this machine, ${PROCESSES === 1 ? "one server process" : `${PROCESSES} server processes`})`,
    "",
    `Baseline at 64 connections: empty Remix page ${r.baseline.emptyPage.requestsPerSecond.toFixed(0)} req/s (p50 ${ms(r.baseline.emptyPage.p50)}, p99 ${ms(r.baseline.emptyPage.p99)}); ` +
      `question page ${r.baseline.questionPage.requestsPerSecond.toFixed(0)} req/s (p50 ${ms(r.baseline.questionPage.p50)}, p99 ${ms(r.baseline.questionPage.p99)}) = ${r.baseline.ratio.toFixed(2)}× the empty page`,
    "",
    ...TRANSPORTS.flatMap((transport) => {
      const rows = r.stages.filter((st) => st.transport === transport);
      const knee = r.kneeConnections[transport];
      return [
        transport === "document"
          ? "### JavaScript off: every step a full page (post, redirect, next page)"
          : "### JavaScript on: Remix data requests (post to the action; the next page's two loaders as JSON, in parallel)",
        "",
        "| connections | answers saved/s | submissions/s | requests/s | × empty page req/s | save p50 / p99 | next page p50 / p99 | start p99 | check p99 | submit p50 / p99 | errors |",
        "| ---: | ---: | ---: | ---: | ---: | --- | --- | ---: | ---: | --- | ---: |",
        ...rows.map(
          (s) =>
            `| ${s.connections} | ${s.answersPerSecond.toFixed(0)} | ${s.submissionsPerSecond.toFixed(1)} | ${s.requestsPerSecond.toFixed(0)} | ${(s.requestsPerSecond / r.baseline.emptyPage.requestsPerSecond).toFixed(2)} | ${ms(s.latency.save.p50)} / ${ms(s.latency.save.p99)} | ${ms(s.latency.question.p50)} / ${ms(s.latency.question.p99)} | ${ms(s.latency.start.p99)} | ${ms(s.latency.check.p99)} | ${ms(s.latency.submit.p50)} / ${ms(s.latency.submit.p99)} | ${s.errors} |`,
        ),
        "",
        knee ? `p99 of saving an answer passed 200 ms at ${knee} connections.` : `p99 of saving an answer stayed under 200 ms up to ${rows.at(-1)?.connections} connections.`,
        "",
      ];
    }),
    `Verified afterwards in SQLite: ${r.verification.participants} participants, ${r.verification.acknowledgedAnswers} acknowledged answers, ${r.verification.acknowledgedSubmissions} acknowledged submissions; ` +
      (r.verification.problems.length ? `PROBLEMS: ${r.verification.problems.join("; ")}` : "every one stored exactly once."),
  ];
  return lines.join("\n");
}
