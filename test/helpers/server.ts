/**
 * Starts the real production server (node server.js, the built app) on a free
 * loopback port with a fresh, migrated and seeded database: a SQLite file, or with
 * TEST_DATABASE=postgres a copy of the seeded template on the run's PostgreSQL cluster
 * (test/helpers/test-database.ts). `dbPath` is then that database's postgres:// URL.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDatabase } from "../../app/db.server";
import { seedDemo } from "../../db/seed";
import { createPostgresDatabase, testDialect } from "./test-database";

export interface TestServer {
  url: string;
  dbPath: string;
  stop: () => Promise<void>;
  output: () => string;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** A migrated, seeded database for one test server: `dbPath` is a SQLite file, or a postgres:// URL under TEST_DATABASE=postgres. */
export async function makeSeededDatabase(): Promise<{ dir: string; dbPath: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), "ocd-test-"));
  if (testDialect === "postgres") return { dir, dbPath: await createPostgresDatabase() };
  const dbPath = path.join(dir, "app.db");
  const { db, sqlite } = openDatabase(dbPath, "db/migrations");
  await seedDemo(db, new Date());
  sqlite.close();
  return { dir, dbPath };
}

export interface LaunchedServer {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** Spawns `node server.js` (production build) on `port` over `dbPath` (a SQLite file or a postgres:// URL) and waits for /healthz. */
export async function launchServer(dbPath: string, port: number, extraEnv: Record<string, string> = {}, nodeArgs: string[] = []): Promise<LaunchedServer> {
  let log = "";
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, "server.js"], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      ...(/^postgres(ql)?:\/\//.test(dbPath) ? { DATABASE_URL: dbPath, DATABASE_PATH: "/proc/no-sqlite-on-postgres/app.db" } : { DATABASE_PATH: dbPath }),
      SIGN_IN_MAX_ATTEMPTS: "1000",
      // Tests stand in for many people by sending X-Forwarded-For, as a proxy would.
      TRUST_PROXY: "true",
      ...extraEnv,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // The last 256 KB of what the server printed (one JSON line per request), for failure messages.
  const keep = (d: Buffer) => (log = (log + d).slice(-256_000));
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const url = `http://localhost:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited early:\n${log}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, url, output: () => log };
}

export async function startServer(extraEnv: Record<string, string> = {}): Promise<TestServer> {
  const { dir, dbPath } = await makeSeededDatabase();
  const port = await freePort();
  const { child, url, output } = await launchServer(dbPath, port, extraEnv);
  const log = { toString: output };
  return {
    url,
    dbPath,
    output: () => String(log),
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
