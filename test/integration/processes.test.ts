// WEB_CONCURRENCY=2: two server processes share the port and the database (decision 0017).
// Limits hold whichever process answers, a dead process is replaced, a change made through one
// process is seen by the other's caches, and a killed primary takes its workers with it.
import Database from "better-sqlite3";
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BenchClient } from "../bench/http-client";
import { publishDemo } from "../helpers/publication";
import { freePort, launchServer, makeSeededDatabase, type LaunchedServer } from "../helpers/server";

let server: LaunchedServer;
let dir: string;
let dbPath: string;
// A new connection for every request, so the kernel spreads them over both processes.
const agent = new http.Agent({ keepAlive: false });

function workersOf(pid: number): number[] {
  try {
    return execFileSync("pgrep", ["-P", String(pid)], { encoding: "utf8" })
      .trim()
      .split("\n")
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

async function until(check: () => boolean | Promise<boolean>, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  ({ dir, dbPath } = await makeSeededDatabase());
  server = await launchServer(dbPath, await freePort(), { WEB_CONCURRENCY: "2", EMAIL_CAPTURE: "false", JOURNEY_START_LIMIT: "4" });
  await until(() => workersOf(server.child.pid!).length === 2);
});

afterAll(async () => {
  agent.destroy();
  if (server && server.child.exitCode === null && server.child.signalCode === null) {
    const exited = new Promise((r) => server.child.once("exit", r));
    server.child.kill("SIGTERM");
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

function fetchPage(path: string): Promise<{ status: number; cache: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ agent, host: "127.0.0.1", port: new URL(server.url).port, path }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, cache: String(res.headers["x-cache"] ?? "") }));
    });
    req.on("error", reject);
  });
}

const client = (address: string) => new BenchClient(agent, new URL(server.url.replace("//localhost:", "//127.0.0.1:")), { "x-forwarded-for": address });

describe("two server processes", () => {
  it("hold a journey limit across both: four starts from one address, then 429", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await client("10.77.0.1").post("/s/joined-up-care", { website: "" })).status);
    expect(statuses.filter((s) => s === 302)).toHaveLength(4);
    expect(statuses.slice(4)).toEqual([429, 429, 429, 429]);
    // Another address is not affected.
    expect((await client("10.77.0.2").post("/s/joined-up-care", { website: "" })).status).toBe(302);
  });

  it("carry a participant's answers whichever process serves each request", async () => {
    const c = client("10.77.0.3");
    expect((await c.post("/s/joined-up-care", { website: "" })).status).toBe(302);
    const db = new Database(dbPath, { readonly: true });
    const ids = (
      db
        .prepare("select q.id from questions q join rounds r on r.id = q.round_id where r.number = 1 and q.type = 'rating' order by q.position")
        .all() as Array<{ id: number }>
    ).map((r) => r.id);
    db.close();
    for (const [i, id] of ids.slice(0, 6).entries()) {
      const saved = await c.post(`/s/joined-up-care/q/${id}`, { answer: String(1 + i) });
      expect(saved.status).toBe(302);
    }
    const check = new Database(dbPath, { readonly: true });
    const draft = check.prepare("select answers from response_drafts order by updated_at desc limit 1").get() as { answers: string };
    check.close();
    const answers = JSON.parse(draft.answers) as Record<string, { score: number }>;
    expect(ids.slice(0, 6).map((id) => answers[String(id)]?.score)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("see a consultation's new title at once, whichever process serves the page", async () => {
    const c = client("10.77.0.4");
    // Warm both processes' caches, then change the title behind their backs.
    for (let i = 0; i < 4; i++) expect((await c.get("/s/joined-up-care")).status).toBe(200);
    const db = new Database(dbPath);
    db.prepare("update consultation_translations set title = 'Title changed by another process' where locale = 'en'").run();
    db.close();
    for (let i = 0; i < 4; i++) {
      const page = await new Promise<string>((resolve, reject) => {
        const req = http.get(
          { agent, host: "127.0.0.1", port: new URL(server.url).port, path: "/s/joined-up-care", headers: { "x-forwarded-for": "10.77.0.4" } },
          (res) => {
            let body = "";
            res.on("data", (d) => (body += d));
            res.on("end", () => resolve(body));
          },
        );
        req.on("error", reject);
      });
      expect(page).toContain("Title changed by another process");
    }
  });

  it("stop serving a withdrawn summary from every process's page cache", async () => {
    const path = await publishDemo(server.url); // through the officer's routes, on either process
    const seen: string[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await fetchPage(path);
      expect(res.status).toBe(200);
      seen.push(res.cache);
    }
    expect(seen).toContain("hit"); // both processes have it cached
    const db = new Database(dbPath);
    db.prepare("update publication_versions set withdrawn_at = ? where withdrawn_at is null").run(Date.now());
    db.prepare("update consultations set status = 'closed' where slug = 'joined-up-care'").run();
    db.close();
    for (let i = 0; i < 6; i++) expect((await fetchPage(path)).status).toBeGreaterThanOrEqual(404);
  });

  it("replace a process that dies", async () => {
    const [first] = workersOf(server.child.pid!);
    process.kill(first, "SIGKILL");
    await until(() => {
      const now = workersOf(server.child.pid!);
      return now.length === 2 && !now.includes(first);
    });
    expect((await client("10.77.0.5").get("/healthz")).status).toBe(200);
  });

  it("stop with their primary when it is killed (SIGKILL): nothing keeps the port", async () => {
    const workers = workersOf(server.child.pid!);
    const exited = new Promise((r) => server.child.once("exit", r));
    server.child.kill("SIGKILL");
    await exited;
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    await until(() => workers.every((pid) => !alive(pid)), 10_000);
  });
});

it("a bad setting stops the server with a message naming it, not a stack trace", async () => {
  const { dir: d, dbPath: p } = await makeSeededDatabase();
  try {
    await expect(launchServer(p, await freePort(), { WEB_CONCURRENCY: "2", EMAIL_CAPTURE: "true" })).rejects.toThrow(
      /WEB_CONCURRENCY: more than one process needs real SMTP/,
    );
    await expect(launchServer(p, await freePort(), { WEB_CONCURRENCY: "2", EMAIL_CAPTURE: "true" })).rejects.not.toThrow(/at parseEnv|\.js:\d+:\d+/);
  } finally {
    rmSync(d, { recursive: true, force: true });
  }
});
