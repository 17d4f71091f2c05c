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
 *
 * Configurations (LOAD_CONFIGS, default "sqlite:1,postgres:1,postgres:2"): the database and how
 * many application servers (separate processes on their own ports, participants spread over them
 * as a balancer would) serve the same run. PostgreSQL is a throwaway local cluster (the tests'
 * harness) on the same two cores. Each stage also reports the CPU time the servers and the
 * database spent per request (from /proc), which shows the cost of a step where two shared cores
 * cannot show scaling.
 */
import http from "node:http";
import { rmSync } from "node:fs";
import { checkLedgers, participantToken, type Ledger } from "../helpers/ledger";
import { openTestDb } from "../helpers/test-database";
import { BenchClient, type BenchResponse } from "./http-client";
import { freePort, launchServer, makeSeededDatabase, type LaunchedServer } from "../helpers/server";
import { readdirSync, readFileSync } from "node:fs";
import { startPostgres, type Postgres } from "../helpers/postgres";
import { createPostgresDatabase, createSeededTemplate } from "../helpers/test-database";

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

export interface LoadConfig {
  database: "sqlite" | "postgres";
  servers: number;
}

export function loadConfigs(): LoadConfig[] {
  return (process.env.LOAD_CONFIGS ?? "sqlite:1,postgres:1,postgres:2").split(",").map((c) => {
    const [database, servers] = c.split(":");
    if (database !== "sqlite" && database !== "postgres") throw new Error(`LOAD_CONFIGS: unknown database ${database}`);
    return { database, servers: Number(servers ?? 1) };
  });
}

/** CPU seconds (user + system) used so far by the given processes, from /proc (0 where unreadable). */
function cpuSeconds(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone
    }
  }
  return ticks / 100;
}

/** The PostgreSQL server's processes (postmaster and backends), by command name. */
function postgresPids(): number[] {
  return readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return readFileSync(`/proc/${d}/comm`, "utf8").trim() === "postgres";
      } catch {
        return false;
      }
    })
    .map(Number);
}

let cluster: Postgres | null = null;
/** A PostgreSQL database, migrated and seeded, on a cluster started once for the whole bench run. */
async function postgresDatabase(): Promise<string> {
  if (!cluster) {
    cluster = await startPostgres();
    process.env.TEST_POSTGRES_URL = cluster.url;
    await createSeededTemplate(cluster.url);
  }
  return createPostgresDatabase();
}

export async function stopBenchPostgres(): Promise<void> {
  await cluster?.stop();
  cluster = null;
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
  /** CPU milliseconds per request: the application servers, and the PostgreSQL server (0 on SQLite, whose work is inside the servers). */
  cpuMsPerRequest: { servers: number; database: number };
}

export interface LoadReport {
  config: LoadConfig;
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

export async function runLoadBench(config: LoadConfig = { database: "sqlite", servers: 1 }): Promise<LoadReport> {
  const { dir, dbPath } = config.database === "postgres" ? { dir: null, dbPath: await postgresDatabase() } : await makeSeededDatabase();
  const launch = async () => {
    const port = await freePort();
    return launchServer(
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
  };
  const servers: LaunchedServer[] = [];
  for (let i = 0; i < config.servers; i++) servers.push(await launch());
  const serverPids = () => servers.map((s) => s.child.pid!).filter(Boolean);
  try {
    const setup = openTestDb(dbPath);
    const round = (await setup.get<{ id: number }>("select id from rounds where number = 1"))!.id;
    const ratingIds = (await setup.all<{ id: number }>("select id from questions where round_id = ? and type = 'rating' order by position", round)).map(
      (r) => r.id,
    );
    const proposeId = (await setup.get<{ id: number }>("select id from questions where round_id = ? and type = 'propose-outcome'", round))!.id;
    await setup.close();

    // One kept-alive connection per simulated participant at a time (like a browser tab).
    const agent = new http.Agent({ keepAlive: true, maxSockets: Math.max(64, ...STAGES) });
    // By address, not "localhost": each new connection would otherwise wait for a name lookup.
    const origins = servers.map((s) => new URL(s.url.replace("//localhost:", "//127.0.0.1:")));
    let address = 0;
    /** A participant's browser; with several servers, participants are spread over them in turn. */
    const newClient = () => {
      address++;
      return new BenchClient(agent, origins[address % origins.length], {
        "x-forwarded-for": `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`,
      });
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
      const database = config.database === "postgres" ? postgresPids() : [];
      const cpuBefore = { servers: cpuSeconds(serverPids()), database: cpuSeconds(database) };
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
      const cpuMsPerRequest = {
        servers: requests ? ((cpuSeconds(serverPids()) - cpuBefore.servers) * 1000) / requests : NaN,
        database: requests ? ((cpuSeconds(database) - cpuBefore.database) * 1000) / requests : NaN,
      };
      const latency = Object.fromEntries(
        STEPS.map((s) => {
          const sorted = times[s].sort((a, b) => a - b);
          return [s, { p50: percentile(sorted, 50), p99: percentile(sorted, 99), n: sorted.length }];
        }),
      ) as StageReport["latency"];
      return {
        transport,
        connections,
        seconds,
        answersPerSecond: answers / seconds,
        submissionsPerSecond: submissions / seconds,
        requestsPerSecond: requests / seconds,
        errors,
        latency,
        cpuMsPerRequest,
      };
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
    for (const server of servers) {
      server.child.kill("SIGTERM");
      await new Promise((r) => server.child.once("exit", r));
    }
    const db = openTestDb(dbPath);
    const checked = await checkLedgers(
      db,
      round,
      proposeId,
      participants.map((p) => ({ ...p, token: participantToken(p.client.cookies) })),
    );
    await db.close();
    return {
      config,
      baseline: { emptyPage, questionPage, ratio: questionPage.requestsPerSecond / emptyPage.requestsPerSecond },
      stages,
      kneeConnections,
      verification: { ...checked, problems: checked.problems.slice(0, 20) },
    };
  } finally {
    for (const server of servers) if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill("SIGTERM");
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : "–");

export function formatLoadReport(r: LoadReport): string {
  const lines = [
    `## Load: the citizen journey on ${r.config.database === "postgres" ? "PostgreSQL" : "SQLite"}, ${r.config.servers === 1 ? "one application server" : `${r.config.servers} application servers`} (production build, loopback, this machine, ${PROCESSES === 1 ? "one process each" : `${PROCESSES} processes each`})`,
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
        "| connections | answers saved/s | submissions/s | requests/s | × empty page req/s | save p50 / p99 | next page p50 / p99 | start p99 | check p99 | submit p50 / p99 | errors | CPU ms/request: servers + database |",
        "| ---: | ---: | ---: | ---: | ---: | --- | --- | ---: | ---: | --- | ---: | ---: |",
        ...rows.map(
          (s) =>
            `| ${s.connections} | ${s.answersPerSecond.toFixed(0)} | ${s.submissionsPerSecond.toFixed(1)} | ${s.requestsPerSecond.toFixed(0)} | ${(s.requestsPerSecond / r.baseline.emptyPage.requestsPerSecond).toFixed(2)} | ${ms(s.latency.save.p50)} / ${ms(s.latency.save.p99)} | ${ms(s.latency.question.p50)} / ${ms(s.latency.question.p99)} | ${ms(s.latency.start.p99)} | ${ms(s.latency.check.p99)} | ${ms(s.latency.submit.p50)} / ${ms(s.latency.submit.p99)} | ${s.errors} | ${s.cpuMsPerRequest.servers.toFixed(2)} + ${s.cpuMsPerRequest.database.toFixed(2)} |`,
        ),
        "",
        knee
          ? `p99 of saving an answer passed 200 ms at ${knee} connections.`
          : `p99 of saving an answer stayed under 200 ms up to ${rows.at(-1)?.connections} connections.`,
        "",
      ];
    }),
    `Verified afterwards in ${r.config.database === "postgres" ? "PostgreSQL" : "SQLite"}: ${r.verification.participants} participants, ${r.verification.acknowledgedAnswers} acknowledged answers, ${r.verification.acknowledgedSubmissions} acknowledged submissions; ` +
      (r.verification.problems.length ? `PROBLEMS: ${r.verification.problems.join("; ")}` : "every one stored exactly once."),
  ];
  return lines.join("\n");
}

/**
 * The configurations side by side, at the same load (32 connections, or the largest stage all
 * reached): answers saved per second and save p50/p99, as ratios against each configuration's
 * own empty page and against SQLite with one server, from the same run.
 */
export function formatLoadComparison(reports: LoadReport[]): string {
  const name = (c: LoadConfig) => `${c.database === "postgres" ? "PostgreSQL" : "SQLite"}, ${c.servers} server${c.servers === 1 ? "" : "s"}`;
  const reference = reports.find((r) => r.config.database === "sqlite" && r.config.servers === 1) ?? reports[0];
  const lines = ["## Load: the configurations compared (same run)", ""];
  for (const transport of TRANSPORTS) {
    const common = Math.max(...STAGES.filter((c) => c <= 32 && reports.every((r) => r.stages.some((s) => s.transport === transport && s.connections === c))));
    if (!Number.isFinite(common)) continue;
    const at = (r: LoadReport) => r.stages.find((s) => s.transport === transport && s.connections === common)!;
    const ref = at(reference);
    lines.push(
      `### ${transport === "document" ? "JavaScript off" : "JavaScript on"}, ${common} connections`,
      "",
      "| configuration | empty page req/s | answers saved/s | × its empty page (req/s) | × SQLite, 1 server (answers/s) | save p50 / p99 | submit p50 / p99 | CPU ms/request: servers + database |",
      "| --- | ---: | ---: | ---: | ---: | --- | --- | ---: |",
      ...reports.map((r) => {
        const s = at(r);
        return `| ${name(r.config)} | ${r.baseline.emptyPage.requestsPerSecond.toFixed(0)} | ${s.answersPerSecond.toFixed(0)} | ${(s.requestsPerSecond / r.baseline.emptyPage.requestsPerSecond).toFixed(2)} | ${(s.answersPerSecond / ref.answersPerSecond).toFixed(2)} | ${ms(s.latency.save.p50)} / ${ms(s.latency.save.p99)} | ${ms(s.latency.submit.p50)} / ${ms(s.latency.submit.p99)} | ${s.cpuMsPerRequest.servers.toFixed(2)} + ${s.cpuMsPerRequest.database.toFixed(2)} |`;
      }),
      "",
    );
  }
  return lines.join("\n");
}
