import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { postgresUnavailable, startPostgres, type Postgres } from "../../test/helpers/postgres";
import { migratePostgres, openDatabase, openPostgres } from "../db.server";
import { MemoryRateLimitStore, PostgresRateLimitStore, RateLimiter, SqliteRateLimitStore, type RateLimitStore } from "./rate-limit.server";

const stores: Array<[string, () => RateLimitStore]> = [
  ["in memory", () => new MemoryRateLimitStore()],
  ["in SQLite", () => new SqliteRateLimitStore(openDatabase(":memory:", "db/migrations").sqlite)],
];

// The same cases on a real PostgreSQL (a throwaway cluster), where PostgreSQL is installed; the
// table is emptied before each case, as a new in-memory SQLite database is.
const noPostgres = postgresUnavailable();
let cluster: Postgres | undefined;
let pgPool: pg.Pool | undefined;
if (!noPostgres) stores.push(["in PostgreSQL", () => new PostgresRateLimitStore(() => pgPool!)]);
beforeAll(async () => {
  if (noPostgres) return;
  cluster = await startPostgres();
  const { pool } = openPostgres(cluster.url, { max: 4 });
  await migratePostgres(pool, "db/migrations-pg");
  pgPool = pool;
}, 60_000);
beforeEach(async () => {
  await pgPool?.query("delete from rate_limit_hits");
});
afterAll(async () => {
  await pgPool?.end();
  await cluster?.stop();
});

describe.each(stores)("rate limits %s", (_name, makeStore) => {
  it("allows the limit within a window, refuses the next, and recovers after the window", async () => {
    const limiter = new RateLimiter(3, 60_000, makeStore());
    const first: boolean[] = [];
    for (let i = 0; i < 3; i++) first.push((await limiter.hit("k", 0)).allowed);
    expect(first).toEqual([true, true, true]);
    const refused = await limiter.hit("k", 1_000);
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: 59 });
    expect((await limiter.hit("other", 1_000)).allowed).toBe(true);
    expect((await limiter.hit("k", 60_000)).allowed).toBe(true);
  });

  it("reset clears one key", async () => {
    const limiter = new RateLimiter(1, 60_000, makeStore());
    await limiter.hit("a", 0);
    await limiter.hit("b", 0);
    expect((await limiter.hit("a", 1)).allowed).toBe(false);
    await limiter.reset("a");
    expect((await limiter.hit("a", 2)).allowed).toBe(true);
    expect((await limiter.hit("b", 2)).allowed).toBe(false);
  });
});

it("two limiters on one SQLite database (two server processes) share their counts", async () => {
  const { sqlite } = openDatabase(":memory:", "db/migrations");
  const a = new RateLimiter(2, 60_000, new SqliteRateLimitStore(sqlite));
  const b = new RateLimiter(2, 60_000, new SqliteRateLimitStore(sqlite));
  expect((await a.hit("k", 0)).allowed).toBe(true);
  expect((await b.hit("k", 1)).allowed).toBe(true);
  expect((await a.hit("k", 2)).allowed).toBe(false);
  expect((await b.hit("k", 3)).allowed).toBe(false);
});

it("in memory: forgets expired addresses once it holds many, without scanning on every new one", async () => {
  const store = new MemoryRateLimitStore();
  const limiter = new RateLimiter(1, 1_000, store);
  for (let i = 0; i < 10_000; i++) await limiter.hit(`a${i}`, 0);
  expect(store.size).toBe(10_000);
  await limiter.hit("late", 5_000); // everything before has expired: swept
  expect(store.size).toBe(1);
  for (let i = 0; i < 10_000; i++) await limiter.hit(`b${i}`, 5_500);
  expect(store.size).toBe(10_001); // no sweep within a second of the last one
  await limiter.hit("later", 7_000); // a sweep at 7 s: "late" expired at 6 s, the b* entries at 6.5 s
  expect(store.size).toBe(1);
  expect((await limiter.hit("later", 7_001)).allowed).toBe(false);
});

it("counts in the process while the database cannot take a write (locked), never throwing into the request", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "limits-"));
  try {
    const file = path.join(dir, "app.db");
    const server = openDatabase(file, "db/migrations").sqlite;
    server.pragma("busy_timeout = 50");
    const holder = new Database(file);
    const limiter = new RateLimiter(2, 60_000, new SqliteRateLimitStore(server));
    expect((await limiter.hit("k", 0)).allowed).toBe(true);
    holder.exec("BEGIN IMMEDIATE"); // another writer holds the lock
    expect((await limiter.hit("k", 1)).allowed).toBe(true);
    expect((await limiter.hit("k", 2)).allowed).toBe(true);
    expect((await limiter.hit("k", 3)).allowed).toBe(false); // the fallback count holds its own limit
    holder.exec("ROLLBACK");
    // Back in the database: its own count goes on from where it was (one hit).
    expect((await limiter.hit("k", 4)).allowed).toBe(true);
    expect((await limiter.hit("k", 5)).allowed).toBe(false);
    holder.close();
    server.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
