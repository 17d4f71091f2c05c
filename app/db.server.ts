import Database from "better-sqlite3";
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
  // Transactions take the write lock when they begin: one that reads and then writes would
  // otherwise fail at once (SQLITE_BUSY_SNAPSHOT) if another process (a second server process,
  // the command line) committed in between, instead of waiting its turn (busy_timeout).
  const transaction = db.transaction.bind(db);
  db.transaction = ((fn, config) => transaction(fn, { behavior: "immediate", ...config })) as typeof db.transaction;
  migrate(db, { migrationsFolder: path.resolve(migrationsDir) });
  if (options.maxBytes) sqlite.pragma(`max_page_count = ${Math.floor(options.maxBytes / (sqlite.pragma("page_size", { simple: true }) as number))}`);
  return { db, sqlite };
}

/**
 * The one way to a transaction. On SQLite it begins IMMEDIATE (takes the write lock first, so a
 * transaction that reads and then writes waits its turn behind another process instead of failing
 * with SQLITE_BUSY_SNAPSHOT), and it is synchronous, so nothing else in this process can run
 * between its statements: writers are serialised in-process by construction. Called inside
 * another transaction it opens a savepoint, rolled back alone if its callback throws.
 * The callback gets the same query API as `db`, so repositories take either.
 */
export function inTransaction<T>(db: DB, fn: (tx: DB) => T): T {
  // drizzle types a transaction as its own class (no `$client`); the query API is the same.
  return db.transaction((tx) => fn(tx as unknown as DB), { behavior: "immediate" });
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
export function ping(): void {
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
export function readiness(): Readiness {
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
