/** /healthz says the process is alive; /readyz says it can serve: database reachable, migrations matching this build. */
import { afterAll, beforeAll, expect, it } from "vitest";
import { startServer, type TestServer } from "../helpers/server";
import { openTestDb, testDialect } from "../helpers/test-database";

let server: TestServer;
// drizzle keeps PostgreSQL's migration journal in its own schema; `created_at` is epoch milliseconds on both.
const MIGRATIONS = testDialect === "postgres" ? "drizzle.__drizzle_migrations" : "__drizzle_migrations";
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

it("is ready when the database holds exactly this build's migrations, without signing in", async () => {
  const res = await fetch(`${server.url}/readyz`);
  expect(res.status).toBe(200);
  expect(res.headers.get("cache-control")).toBe("no-store");
  expect(await res.json()).toEqual({ ready: true, database: "reachable", migrations: "current" });
});

it("is not ready (503) when the database was migrated by a newer release, and ready again once that is undone", async () => {
  const db = openTestDb(server.dbPath);
  try {
    await db.run(`insert into ${MIGRATIONS} (hash, created_at) values ('newer-release', ?)`, Date.UTC(2099, 0, 1));
    const res = await fetch(`${server.url}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ ready: false, database: "reachable", migrations: "ahead" });
    // Alive all the same: a load balancer stops sending traffic without restarting the process.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  } finally {
    await db.run(`delete from ${MIGRATIONS} where hash = 'newer-release'`);
    await db.close();
  }
  expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
});
