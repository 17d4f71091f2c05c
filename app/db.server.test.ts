import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { inTransaction, openDatabase, TransactionSpannedEventLoopError, type DB } from "./db.server";

it("transactions take the write lock when they begin (another process's writer waits, not the reverse)", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "ocd-db-"));
  try {
    const file = path.join(dir, "app.db");
    const { db, sqlite } = openDatabase(file, "db/migrations");
    const other = new Database(file);
    other.pragma("busy_timeout = 0");
    await inTransaction(db, async () => {
      // Nothing written yet: with BEGIN DEFERRED the other connection could still take the lock.
      expect(() => other.prepare("BEGIN IMMEDIATE").run()).toThrow(/locked|busy/i);
    });
    other.prepare("BEGIN IMMEDIATE").run();
    other.prepare("COMMIT").run();
    other.close();
    sqlite.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe("inTransaction", () => {
  let dir: string;
  let db: DB;
  let close: () => void;
  const names = async (d: DB) => (await d.all<{ name: string }>(sql`select name from t order by name`)).map((r) => r.name);

  function open() {
    dir = mkdtempSync(path.join(tmpdir(), "ocd-tx-"));
    const opened = openDatabase(path.join(dir, "app.db"), "db/migrations");
    db = opened.db;
    close = () => opened.sqlite.close();
    db.run(sql`create table t (name text primary key)`);
  }
  afterEach(() => {
    close?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it("commits what the callback wrote when it resolves, and returns its value", async () => {
    open();
    const value = await inTransaction(db, async (tx) => {
      await tx.run(sql`insert into t values ('a')`);
      return 42;
    });
    expect(value).toBe(42);
    expect(await names(db)).toEqual(["a"]);
    expect(db.$client.inTransaction).toBe(false);
  });

  it("rolls everything back when the callback rejects, and rethrows", async () => {
    open();
    await expect(
      inTransaction(db, async (tx) => {
        await tx.run(sql`insert into t values ('a')`);
        throw new Error("refused");
      }),
    ).rejects.toThrow("refused");
    expect(await names(db)).toEqual([]);
    expect(db.$client.inTransaction).toBe(false);
  });

  it("nested, rolls back only the inner part when the inner callback rejects", async () => {
    open();
    await inTransaction(db, async (tx) => {
      await tx.run(sql`insert into t values ('outer')`);
      await expect(
        inTransaction(tx, async (inner) => {
          await inner.run(sql`insert into t values ('inner')`);
          throw new Error("inner refused");
        }),
      ).rejects.toThrow("inner refused");
      await inTransaction(tx, async (inner) => {
        await inner.run(sql`insert into t values ('second')`);
      });
    });
    expect(await names(db)).toEqual(["outer", "second"]);
  });

  it("runs transactions started at the same time one after another, never interleaved", async () => {
    open();
    const order: string[] = [];
    const one = (label: string) =>
      inTransaction(db, async (tx) => {
        order.push(`${label} begins`);
        await tx.run(sql`insert into t values (${label})`);
        await tx.all(sql`select * from t`);
        order.push(`${label} ends`);
      });
    await Promise.all([one("a"), one("b"), one("c")]);
    expect(order).toEqual(["a begins", "a ends", "b begins", "b ends", "c begins", "c ends"]);
    expect(await names(db)).toEqual(["a", "b", "c"]);
  });

  it("one transaction failing does not stop the next in the queue", async () => {
    open();
    const failing = inTransaction(db, async () => {
      throw new Error("no");
    });
    const next = inTransaction(db, async (tx) => {
      await tx.run(sql`insert into t values ('after')`);
    });
    await expect(failing).rejects.toThrow("no");
    await next;
    expect(await names(db)).toEqual(["after"]);
  });

  it("refuses, and rolls back, a callback that waits for something other than the database", async () => {
    open();
    await expect(
      inTransaction(db, async (tx) => {
        await tx.run(sql`insert into t values ('a')`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }),
    ).rejects.toBeInstanceOf(TransactionSpannedEventLoopError);
    expect(await names(db)).toEqual([]);
  });
});
