import Database from "better-sqlite3";
import { AsyncLocalStorage } from "node:async_hooks";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import * as schema from "../db/schema";
import { env } from "./env.server";

/** The drizzle database; `$client` (the raw better-sqlite3 handle) is only for streaming reads outside transactions. */
export type DB = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/**
 * Opens SQLite with the settings every connection needs and applies committed
 * migrations. WAL lets readers run while one writer writes; synchronous=NORMAL
 * in WAL mode is durable across application crashes (see docs/decisions/0003).
 */
export function openDatabase(file: string, migrationsDir: string, options: { maxBytes?: number; synchronous?: "NORMAL" | "FULL" } = {}): { db: DB; sqlite: Database.Database } {
  if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma(`synchronous = ${options.synchronous === "FULL" ? "FULL" : "NORMAL"}`);
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: path.resolve(migrationsDir) });
  if (options.maxBytes) sqlite.pragma(`max_page_count = ${Math.floor(options.maxBytes / (sqlite.pragma("page_size", { simple: true }) as number))}`);
  return { db, sqlite };
}

/** A transaction's callback awaited something other than the database (a timer, a hash, the network). */
export class TransactionSpannedEventLoopError extends Error {
  constructor() {
    super("A transaction awaited something other than the database: do that work before the transaction begins.");
    this.name = "TransactionSpannedEventLoopError";
  }
}

interface OpenTransaction {
  client: Database.Database;
  open: boolean;
  savepoints: number;
}
const currentTransaction = new AsyncLocalStorage<OpenTransaction>();
/** Per connection, the end of the queue of transactions waiting to begin. */
const writerQueue = new WeakMap<Database.Database, Promise<unknown>>();

/** Runs `fn` once every transaction queued before it on this connection has finished. */
function afterQueuedWriters<T>(client: Database.Database, fn: () => Promise<T>): Promise<T> {
  const before = writerQueue.get(client) ?? Promise.resolve();
  const run = before.then(fn, fn);
  writerQueue.set(client, run.catch(() => undefined));
  return run;
}

/**
 * The one way to a transaction: `await inTransaction(db, async (tx) => { ... })`. Commits when the
 * callback resolves and rolls back when it rejects; called inside another transaction it opens a
 * savepoint, rolled back alone if its callback rejects.
 *
 * On SQLite (one connection per process) it begins IMMEDIATE, so a transaction that reads and then
 * writes waits its turn behind another process's writer (busy_timeout) instead of failing with
 * SQLITE_BUSY_SNAPSHOT, and transactions of this process queue one behind another. The driver is
 * synchronous, so a callback that awaits only the database runs to its end before any other
 * request's code can run, and nothing from outside can slip into the open transaction. A callback
 * that awaits anything else (a timer, password hashing, the network) would let other requests'
 * statements join it: that is refused with TransactionSpannedEventLoopError, and the transaction
 * is rolled back. Do such work before the transaction begins.
 *
 * The callback gets the same query API as `db`, so repositories take either.
 */
export async function inTransaction<T>(db: DB, fn: (tx: DB) => Promise<T>): Promise<T> {
  const client = db.$client;
  const outer = currentTransaction.getStore();
  if (outer?.open && outer.client === client && client.inTransaction) {
    const name = `sp_${++outer.savepoints}`;
    client.exec(`SAVEPOINT ${name}`);
    try {
      const result = await fn(db);
      client.exec(`RELEASE ${name}`);
      return result;
    } catch (error) {
      client.exec(`ROLLBACK TO ${name}`);
      client.exec(`RELEASE ${name}`);
      throw error;
    }
  }
  return afterQueuedWriters(client, async () => {
    client.exec("BEGIN IMMEDIATE");
    const scope: OpenTransaction = { client, open: true, savepoints: 0 };
    // setImmediate runs only once this turn of the event loop, with all its promise callbacks, is
    // over: if it has run by the time the callback resolves, the callback waited for something else.
    let spanned = false;
    const watch = setImmediate(() => {
      spanned = true;
    });
    try {
      const result = await currentTransaction.run(scope, () => fn(db));
      if (spanned) throw new TransactionSpannedEventLoopError();
      client.exec("COMMIT");
      return result;
    } catch (error) {
      if (client.inTransaction) client.exec("ROLLBACK");
      throw error;
    } finally {
      scope.open = false;
      clearImmediate(watch);
    }
  });
}

declare global {
  // Survives dev-server rebuilds so one connection serves the process.
  var __appDb: { db: DB; sqlite: Database.Database } | undefined;
}

export function getDb(): DB {
  if (!globalThis.__appDb) {
    const e = env();
    globalThis.__appDb = openDatabase(e.DATABASE_PATH, e.MIGRATIONS_DIR, { maxBytes: e.DATABASE_MAX_BYTES, synchronous: e.DATABASE_SYNCHRONOUS });
  }
  return globalThis.__appDb.db;
}

/** Closes the process's database connection (after the last request); the next getDb() opens it again. */
export function closeDatabase(): void {
  const open = globalThis.__appDb;
  globalThis.__appDb = undefined;
  if (open?.sqlite.open) open.sqlite.close();
}

const UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|FULL|IOERR|READONLY|CANTOPEN|PROTOCOL)/;

/** The database cannot take a write just now (locked past the busy timeout, full, an I/O error): the caller keeps what it has and says so. */
export function isStorageUnavailable(error: unknown): boolean {
  return typeof error === "object" && error !== null && UNAVAILABLE.test(String((error as { code?: unknown }).code));
}

/** Throws unless the database answers a trivial query. */
export async function ping(): Promise<void> {
  getDb().$client.prepare("select 1").get();
}

export interface Readiness {
  ready: boolean;
  database: "reachable" | "unreachable";
  /** "current": the database has exactly the migrations this code ships; "behind"/"ahead" otherwise. */
  migrations: "current" | "behind" | "ahead" | "unknown";
}

/**
 * For `/readyz`: the database answers and holds exactly the migrations this build ships (the
 * newest applied migration's timestamp equals the journal's last entry). A database restored
 * from an older backup, or migrated by a newer release, makes this server not ready.
 */
export async function readiness(): Promise<Readiness> {
  try {
    const db = getDb();
    const journal = JSON.parse(readFileSync(path.resolve(env().MIGRATIONS_DIR, "meta/_journal.json"), "utf8")) as { entries: Array<{ when: number }> };
    const expected = Math.max(...journal.entries.map((e) => e.when));
    const row = db.$client.prepare("select max(created_at) as last from __drizzle_migrations").get() as { last: number | null } | undefined;
    const last = row?.last == null ? null : Number(row.last);
    const migrations = last === null ? "behind" : last === expected ? "current" : last < expected ? "behind" : "ahead";
    return { ready: migrations === "current", database: "reachable", migrations };
  } catch {
    return { ready: false, database: "unreachable", migrations: "unknown" };
  }
}
