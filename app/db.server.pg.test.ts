/**
 * inTransaction and the dialect helpers on a real PostgreSQL (a throwaway cluster): commit,
 * rollback, savepoints, retries on serialisation failures, queries made through the pool's `db`
 * inside a transaction joining it, and a finished transaction's scope not leaking into timers.
 * Skipped, saying why, where PostgreSQL is not installed; on CI it must run.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { postgresUnavailable, startPostgres, type Postgres } from "../test/helpers/postgres";

const skip = postgresUnavailable();

describe.skipIf(skip)(`inTransaction on PostgreSQL${skip ? ` (skipped: ${skip})` : ""}`, () => {
  let cluster: Postgres;
  let m: typeof import("./db.server");
  let db: import("./db.server").DB;
  let close: () => Promise<void>;
  const before = process.env.DATABASE_URL;

  beforeAll(async () => {
    cluster = await startPostgres();
    // The dialect is chosen when db/tables loads: load the module graph again for PostgreSQL.
    process.env.DATABASE_URL = cluster.url;
    vi.resetModules();
    m = await import("./db.server");
    expect(m.dialect).toBe("postgres");
    const opened = m.openPostgres(cluster.url, { max: 6 });
    db = opened.db;
    close = () => opened.pool.end();
    await m.execute(db, sql`create table counter (id int primary key, n int not null)`);
    await m.execute(db, sql`insert into counter values (1, 0)`);
  }, 60_000);
  afterAll(async () => {
    await close?.();
    await cluster?.stop();
    if (before === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = before;
    vi.resetModules();
  });

  const value = async () => (await m.row<{ n: number }>(db, sql`select n from counter where id = 1`))!.n;

  it("commits when the callback resolves and rolls back when it rejects", async () => {
    const start = await value();
    await m.inTransaction(db, async (tx) => void (await m.execute(tx, sql`update counter set n = n + 1 where id = 1`)));
    expect(await value()).toBe(start + 1);
    await expect(
      m.inTransaction(db, async (tx) => {
        await m.execute(tx, sql`update counter set n = n + 100 where id = 1`);
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect(await value()).toBe(start + 1);
  });

  it("opens a savepoint when nested: the inner rollback leaves the outer work", async () => {
    const start = await value();
    await m.inTransaction(db, async (tx) => {
      await m.execute(tx, sql`update counter set n = n + 1 where id = 1`);
      await expect(
        m.inTransaction(db, async (inner) => {
          await m.execute(inner, sql`update counter set n = n + 50 where id = 1`);
          throw new Error("inner");
        }),
      ).rejects.toThrow("inner");
    });
    expect(await value()).toBe(start + 1);
  });

  it("runs a query made through the pool's db inside the transaction on the transaction's connection", async () => {
    const seen = await m.inTransaction(db, async (tx) => {
      await m.execute(tx, sql`update counter set n = -7 where id = 1`);
      // Through `db`, not `tx`: on a second connection this would not see the change (and an
      // update would wait on the transaction's own lock).
      return (await m.row<{ n: number }>(db, sql`select n from counter where id = 1`))!.n;
    });
    expect(seen).toBe(-7);
  });

  it("re-runs read-then-write transactions that meet serialisation failures: 12 concurrent increments make 12", async () => {
    await m.execute(db, sql`update counter set n = 0 where id = 1`);
    await Promise.all(
      Array.from({ length: 12 }, () =>
        m.inTransaction(db, async (tx) => {
          const n = (await m.row<{ n: number }>(tx, sql`select n from counter where id = 1`))!.n;
          await m.execute(tx, sql`update counter set n = ${n + 1} where id = 1`);
        }),
      ),
    );
    expect(await value()).toBe(12);
  });

  it("does not hand a finished transaction to a timer created inside it", async () => {
    let later: Promise<number> | undefined;
    await m.inTransaction(db, async (tx) => {
      await m.execute(tx, sql`update counter set n = 5 where id = 1`);
      later = new Promise((resolve, reject) => setTimeout(() => value().then(resolve, reject), 20));
    });
    expect(await later).toBe(5);
  });

  it("runs what afterCommit was given once the transaction has committed, and never after a rollback", async () => {
    const seen: string[] = [];
    await m.inTransaction(db, async (tx) => {
      await m.execute(tx, sql`update counter set n = 9 where id = 1`);
      m.afterCommit(() => seen.push("committed"));
      await m.inTransaction(tx, async () => m.afterCommit(() => seen.push("from a savepoint")));
      expect(seen).toEqual([]);
    });
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual(["committed", "from a savepoint"]);
    await m
      .inTransaction(db, async () => {
        m.afterCommit(() => seen.push("rolled back"));
        throw new Error("no");
      })
      .catch(() => undefined);
    await new Promise((r) => setImmediate(r));
    expect(seen).not.toContain("rolled back");
  });

  it("counts changed rows and reads counts as numbers", async () => {
    expect(await m.execute(db, sql`update counter set n = n where id = 1`)).toBe(1);
    expect(await m.row(db, sql`select count(*) as c from counter`)).toEqual({ c: 1 });
  });

  it("recognises unique violations and says which errors mean the database is unavailable", async () => {
    const error = await m.execute(db, sql`insert into counter values (1, 0)`).catch((e: unknown) => e);
    expect(m.isUniqueViolation(error)).toBe(true);
    expect(m.isStorageUnavailable(error)).toBe(false);
    expect(m.isStorageUnavailable({ code: "ECONNREFUSED" })).toBe(true);
    expect(m.isStorageUnavailable({ code: "57P01" })).toBe(true);
  });
});
