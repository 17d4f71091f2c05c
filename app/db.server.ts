import Database from "better-sqlite3";
import { AsyncLocalStorage } from "node:async_hooks";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { sql, type AnyColumn, type SQL } from "drizzle-orm";
import pg from "pg";
import * as schema from "../db/schema";
import * as pgSchema from "../db/schema.pg";
import { dialect } from "../db/tables";
import { env } from "./env.server";

export { dialect } from "../db/tables";

/**
 * The drizzle database. The code is written against drizzle's SQLite types; on PostgreSQL the same
 * builder API runs over node-postgres (see `db/tables.ts`). `$client` is the raw better-sqlite3
 * handle on SQLite and the `pg.Pool` on PostgreSQL: only `app/db.server.ts` and the few modules
 * that branch on `dialect` touch it.
 */
export type DB = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

// Counts (count(*), sums of integers: int8) and numeric aggregates arrive from node-postgres as
// strings so as not to lose precision past 2^53; every such figure here is a count or a small
// aggregate, read as a number, as SQLite gives them.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

/** The pool behind a PostgreSQL `DB`. */
export function poolOf(db: DB): pg.Pool {
  return db.$client as unknown as pg.Pool;
}

/**
 * A PostgreSQL connection pool and its drizzle database. Migrations are not applied here (they are
 * asynchronous): `prepareDatabase()` (server start, `npm run db:migrate`, the seed) applies them.
 */
export function openPostgres(url: string, options: { max?: number } = {}): { db: DB; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, idleTimeoutMillis: 30_000 });
  // An idle connection the server dropped (a restart, a failover) must not crash the process.
  pool.on("error", () => undefined);
  const base = drizzlePg(pool, { schema: pgSchema }) as unknown as DB;
  // Inside inTransaction, every query of this async context runs on the transaction's connection,
  // as on SQLite's one connection: code that calls getDb() within a transaction (rather than the
  // `tx` it was given) joins the transaction instead of waiting on its locks from another connection.
  const db: DB = new Proxy(base, {
    get(target, prop) {
      const active = openScope();
      const on = active && active.root === target ? active.tx : target;
      const value = Reflect.get(on, prop, on) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(on) : value;
    },
  });
  roots.set(db, base);
  return { db, pool };
}

/** Applies the committed PostgreSQL migrations, one server at a time (an advisory lock), so servers starting together do not race. */
export async function migratePostgres(pool: pg.Pool, migrationsDir: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("select pg_advisory_lock(7254001)");
    try {
      await migratePg(drizzlePg(client), { migrationsFolder: path.resolve(migrationsDir) });
    } finally {
      await client.query("select pg_advisory_unlock(7254001)");
    }
  } finally {
    client.release();
  }
}

/**
 * Opens SQLite with the settings every connection needs and applies committed
 * migrations. WAL lets readers run while one writer writes; synchronous=NORMAL
 * in WAL mode is durable across application crashes (see docs/decisions/0003).
 */
export function openDatabase(
  file: string,
  migrationsDir: string,
  options: { maxBytes?: number; synchronous?: "NORMAL" | "FULL" } = {},
): { db: DB; sqlite: Database.Database } {
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
  writerQueue.set(
    client,
    run.catch(() => undefined),
  );
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
  if (dialect === "postgres") return inPostgresTransaction(db, fn);
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

interface PgScope {
  root: DB;
  tx: DB;
  /** Run once the outermost transaction has committed (shared by its savepoints). */
  committed: Array<() => void>;
  /** False once the transaction (or savepoint) has ended: timers and callbacks created inside it keep the async context, and must then reach the pool, not the finished transaction. */
  open: boolean;
}

/** The transaction scope of this async context, if its transaction is still open. */
function openScope(): PgScope | undefined {
  const scope = pgTransaction.getStore();
  return scope?.open ? scope : undefined;
}

/** Runs `fn` with `tx` as this async context's open transaction, closing the scope when it settles. */
async function withScope<T>(root: DB, tx: DB, committed: Array<() => void>, fn: (tx: DB) => Promise<T>): Promise<T> {
  const scope: PgScope = { root, tx, committed, open: true };
  try {
    return await pgTransaction.run(scope, () => fn(tx));
  } finally {
    scope.open = false;
  }
}
const pgTransaction = new AsyncLocalStorage<PgScope>();
type PgTransactional = { transaction<T>(fn: (tx: DB) => Promise<T>, config?: { isolationLevel: "serializable" }): Promise<T> };

/** SQLSTATEs after which PostgreSQL asks the client to run the transaction again. */
const RETRYABLE = new Set(["40001", "40P01"]);
/** Attempts at a transaction that keeps meeting serialisation failures or deadlocks. */
const ATTEMPTS = 8;

/**
 * PostgreSQL: SERIALIZABLE, so every use (a submit, a sign-off, an invitation completing, the next
 * version number) behaves as if transactions ran one after another, as SQLite's single writer
 * makes them; a serialisation failure or deadlock runs the callback again (up to 8 attempts, with
 * a short random back-off). The callback therefore must do nothing but database work, which is
 * already the rule on SQLite. Nested, it opens a savepoint on the outer transaction.
 */
async function inPostgresTransaction<T>(db: DB, fn: (tx: DB) => Promise<T>): Promise<T> {
  const outer = openScope();
  if (outer) return (outer.tx as unknown as PgTransactional).transaction((sp) => withScope(outer.root, sp, outer.committed, fn));
  const root = rootOf(db);
  for (let attempt = 1; ; attempt++) {
    // Each attempt collects its own: what a failed attempt asked for is asked again by the re-run.
    const committed: Array<() => void> = [];
    try {
      const result = await (root as unknown as PgTransactional).transaction((tx) => withScope(root, tx, committed, fn), { isolationLevel: "serializable" });
      for (const then of committed) setImmediate(then);
      return result;
    } catch (error) {
      if (attempt >= ATTEMPTS || !RETRYABLE.has(sqlState(error) ?? "")) throw error;
      await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
    }
  }
}

/**
 * Runs `then` once this async context's transaction has committed, never if it rolls back; with no
 * transaction open, on the next turn of the event loop. On SQLite a transaction's callback awaits
 * only the database, so it has ended before the next turn: the next turn is after its commit.
 */
export function afterCommit(then: () => void): void {
  const scope = dialect === "postgres" ? openScope() : undefined;
  if (scope) scope.committed.push(then);
  else setImmediate(then);
}

/** The unproxied drizzle database behind `db` (the proxy would hand back an open transaction). */
const roots = new WeakMap<object, DB>();
function rootOf(db: DB): DB {
  return roots.get(db) ?? db;
}

/** An error and the causes it wraps (drizzle wraps the driver's error), outermost first, at most 4. */
function causeChain(error: unknown): Array<{ code?: unknown; message?: unknown }> {
  const chain: Array<{ code?: unknown; message?: unknown; cause?: unknown }> = [];
  for (let e = error as (typeof chain)[number] | undefined; e && typeof e === "object" && chain.length < 4 && !chain.includes(e); e = e.cause as typeof e)
    chain.push(e);
  return chain;
}

/** The SQLSTATE of a PostgreSQL error (also when drizzle wraps it), or undefined. */
export function sqlState(error: unknown): string | undefined {
  const found = causeChain(error).find((e) => typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code));
  return found?.code as string | undefined;
}

declare global {
  // Survives dev-server rebuilds so one connection (SQLite) or one pool (PostgreSQL) serves the process.
  var __appDb: { db: DB; close: () => Promise<void>; migrated?: Promise<void> } | undefined;
}

/** The migrations for this process's database: `MIGRATIONS_DIR`, else the dialect's committed folder. */
export function migrationsDir(): string {
  const e = env();
  if (dialect === "postgres") return e.MIGRATIONS_DIR === "db/migrations" ? "db/migrations-pg" : e.MIGRATIONS_DIR;
  return e.MIGRATIONS_DIR;
}

/**
 * This process's database. SQLite (no `DATABASE_URL`): opened and migrated on first use.
 * PostgreSQL: the pool opens on first use; `prepareDatabase()` must have applied the migrations.
 */
export function getDb(): DB {
  if (!globalThis.__appDb) {
    const e = env();
    if (dialect === "postgres") {
      const { db, pool } = openPostgres(e.DATABASE_URL!, { max: e.DATABASE_POOL_MAX });
      globalThis.__appDb = { db, close: () => pool.end() };
    } else {
      const { db, sqlite } = openDatabase(e.DATABASE_PATH, migrationsDir(), { maxBytes: e.DATABASE_MAX_BYTES, synchronous: e.DATABASE_SYNCHRONOUS });
      globalThis.__appDb = { db, close: async () => void (sqlite.open && sqlite.close()), migrated: Promise.resolve() };
    }
  }
  return globalThis.__appDb.db;
}

/** Opens this process's database and applies its migrations (once per process); the server awaits it before listening. */
export async function prepareDatabase(): Promise<DB> {
  const db = getDb();
  const open = globalThis.__appDb!;
  open.migrated ??= migratePostgres(poolOf(db), migrationsDir());
  await open.migrated;
  return db;
}

/** Closes the process's database (after the last request); the next getDb() opens it again. */
export async function closeDatabase(): Promise<void> {
  const open = globalThis.__appDb;
  globalThis.__appDb = undefined;
  await open?.close();
}

const UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|FULL|IOERR|READONLY|CANTOPEN|PROTOCOL)/;
/** PostgreSQL: out of resources (53…), shutting down or not accepting connections (57P0…), connection failures (08…), lock timeouts (55P03), and failures that outlived the retries (40…). */
const PG_UNAVAILABLE = /^(53|57P0|08|55P03|40001|40P01)/;
const NETWORK = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EHOSTUNREACH"]);

/** The database cannot take a write just now (locked past the busy timeout, full, an I/O error, unreachable): the caller keeps what it has and says so. */
export function isStorageUnavailable(error: unknown): boolean {
  const state = sqlState(error);
  if (state && PG_UNAVAILABLE.test(state)) return true;
  return causeChain(error).some((e) => {
    const code = String(e.code);
    return UNAVAILABLE.test(code) || NETWORK.has(code) || /Connection terminated|timeout exceeded when trying to connect/.test(String(e.message));
  });
}

/** A unique or primary-key constraint refused the write (SQLite or PostgreSQL). */
export function isUniqueViolation(error: unknown): boolean {
  return causeChain(error).some((e) => e.code === "23505" || e.code === "SQLITE_CONSTRAINT_UNIQUE" || e.code === "SQLITE_CONSTRAINT_PRIMARYKEY");
}

/** Throws unless the database answers a trivial query. */
export async function ping(): Promise<void> {
  await row(getDb(), sql`select 1`);
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
    const journal = JSON.parse(readFileSync(path.resolve(migrationsDir(), "meta/_journal.json"), "utf8")) as { entries: Array<{ when: number }> };
    const expected = Math.max(...journal.entries.map((e) => e.when));
    // drizzle keeps its journal in the `drizzle` schema on PostgreSQL, in the main database on SQLite.
    const journalTable = sql.raw(dialect === "postgres" ? "drizzle.__drizzle_migrations" : "__drizzle_migrations");
    const applied = await row<{ last: number | null }>(db, sql`select max(created_at) as last from ${journalTable}`);
    const last = applied?.last == null ? null : Number(applied.last);
    const migrations = last === null ? "behind" : last === expected ? "current" : last < expected ? "behind" : "ahead";
    return { ready: migrations === "current", database: "reachable", migrations };
  } catch {
    return { ready: false, database: "unreachable", migrations: "unknown" };
  }
}

// ── What differs between the dialects, in one place ─────────────────────────────────────────
// Repositories write portable SQL and call these instead of the SQLite-only `db.all/get/run`,
// `.run()` and `.prepare()`; `app/architecture.test.ts` keeps them out of the rest of the code.

/** Every row of a raw query (`sql\`…\``), named by its column aliases. */
export async function rows<T>(db: DB, query: SQL): Promise<T[]> {
  if (dialect === "postgres") return (await (db as unknown as { execute(q: SQL): Promise<{ rows: T[] }> }).execute(query)).rows;
  return db.all<T>(query);
}

/** The first row of a raw query, or undefined. */
export async function row<T>(db: DB, query: SQL): Promise<T | undefined> {
  if (dialect === "postgres") return (await rows<T>(db, query))[0];
  return db.get<T>(query);
}

/** Runs a raw statement; resolves to the number of rows it changed. */
export async function execute(db: DB, query: SQL): Promise<number> {
  if (dialect === "postgres") return changedRows(await (db as unknown as { execute(q: SQL): Promise<unknown> }).execute(query));
  return db.run(query).changes;
}

/**
 * The rows an awaited insert, update or delete (without `.returning()`) changed: better-sqlite3
 * reports `changes`, node-postgres `rowCount`. `changedRows(await db.update(t).set(…).where(…))`.
 */
export function changedRows(result: unknown): number {
  const r = result as { changes?: number; rowCount?: number | null };
  return Number(r.changes ?? r.rowCount ?? 0);
}

/** An instant as a parameter of raw SQL compared with a timestamp column: milliseconds on SQLite, an ISO timestamp on PostgreSQL. */
export function instant(date: Date): SQL {
  return dialect === "postgres" ? sql`${date.toISOString()}::timestamptz` : sql`${date.getTime()}`;
}

/** A timestamp column (or expression) read by raw SQL as milliseconds since the epoch, on either database (null stays null). */
export function epochMs(expression: SQL | AnyColumn): SQL<number | null> {
  return dialect === "postgres" ? sql<number | null>`(extract(epoch from ${expression}) * 1000)::bigint` : sql<number | null>`${expression}`;
}

/**
 * Ends the subquery that picks the next job for a claim (`update … where id = (select … limit 1 <here>)`):
 * on PostgreSQL it locks the row it picks and passes over rows another server is claiming that
 * moment; on SQLite, whose one writer makes the single statement atomic already, it is empty.
 */
export function skipLocked(): SQL {
  return dialect === "postgres" ? sql` for update skip locked` : sql``;
}

/** `group_concat(expr, sep)` on SQLite, `string_agg` on PostgreSQL. */
export function groupConcat(expression: SQL | AnyColumn, separator: string): SQL<string | null> {
  return dialect === "postgres"
    ? sql<string | null>`string_agg(${expression}::text, ${separator})`
    : sql<string | null>`group_concat(${expression}, ${separator})`;
}
