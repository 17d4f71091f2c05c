/**
 * Fixed-window rate limits. Keys are namespaced by the caller, e.g. "sign-in:ip:…".
 * The application's counters live in the database (`rate_limit_hits`), so a limit holds whichever
 * server or process answers (decision 0017; before, one process kept them in memory, which a
 * second server beside it could not see): `SqliteRateLimitStore` or `PostgresRateLimitStore`, by the
 * database the process runs on. The memory store serves unit tests.
 */
import type Database from "better-sqlite3";
import type pg from "pg";
import { dialect, isStorageUnavailable, poolOf, type DB } from "../db.server";

/** A store answers at once (in memory) or once the database has (a Promise): callers await either. */
export interface RateLimitStore {
  /** Counts a hit on `key`; a new window starts when the last one has ended. */
  hit(key: string, now: number, windowMs: number): { count: number; resetAt: number } | Promise<{ count: number; resetAt: number }>;
  reset(key: string): void | Promise<void>;
}

export class MemoryRateLimitStore implements RateLimitStore {
  private hits = new Map<string, { count: number; resetAt: number }>();
  private lastSweep = -Infinity;

  hit(key: string, now: number, windowMs: number) {
    const entry = this.hits.get(key);
    if (!entry || entry.resetAt <= now) {
      const fresh = { count: 1, resetAt: now + windowMs };
      this.hits.set(key, fresh);
      this.sweep(now);
      return { ...fresh };
    }
    entry.count += 1;
    return { ...entry };
  }

  reset(key: string): void {
    this.hits.delete(key);
  }

  /** Drops expired entries once the map is large; at most once a second, so many new addresses cannot make every hit a full scan. */
  private sweep(now: number): void {
    if (this.hits.size < 10_000 || now - this.lastSweep < 1000) return;
    this.lastSweep = now;
    for (const [key, entry] of this.hits) if (entry.resetAt <= now) this.hits.delete(key);
  }

  get size(): number {
    return this.hits.size;
  }
}

/** One row per key; one statement per hit (an upsert that returns the new count). */
export class SqliteRateLimitStore implements RateLimitStore {
  private readonly upsert: Database.Statement<[{ key: string; now: number; window: number }], { count: number; resetAt: number }>;
  private readonly remove: Database.Statement<[string]>;
  private readonly sweepExpired: Database.Statement<[number]>;
  private lastSweep = -Infinity;

  constructor(sqlite: Database.Database) {
    // In SET, reset_at and count are the row's values before the update.
    this.upsert = sqlite.prepare(
      `insert into rate_limit_hits (key, count, reset_at) values (@key, 1, @now + @window)
       on conflict (key) do update set
         count = case when reset_at <= @now then 1 else count + 1 end,
         reset_at = case when reset_at <= @now then @now + @window else reset_at end
       returning count, reset_at as resetAt`,
    );
    this.remove = sqlite.prepare("delete from rate_limit_hits where key = ?");
    this.sweepExpired = sqlite.prepare("delete from rate_limit_hits where reset_at <= ?");
  }

  /** Counts kept here while the database cannot take a write (locked, full): see `hit`. */
  private readonly fallback = new MemoryRateLimitStore();

  async hit(key: string, now: number, windowMs: number): Promise<{ count: number; resetAt: number }> {
    try {
      if (now - this.lastSweep >= 60_000) {
        this.lastSweep = now;
        this.sweepExpired.run(now);
      }
      return this.upsert.get({ key, now, window: windowMs })!;
    } catch (error) {
      // A database that cannot take a write must not turn a citizen's post into a 500 here: the
      // hit is counted in this process instead, and the request goes on to its own save, which
      // answers 503 with what was typed kept (services/storage.server.ts).
      if (!isStorageUnavailable(error)) throw error;
      return this.fallback.hit(key, now, windowMs);
    }
  }

  async reset(key: string): Promise<void> {
    this.remove.run(key);
  }
}

/**
 * The same counters in PostgreSQL: one statement per hit, an upsert that returns the new count,
 * atomic under concurrent hits from any server (the conflicting row is locked until the statement
 * ends). It runs on the pool, outside any transaction of the request.
 */
export class PostgresRateLimitStore implements RateLimitStore {
  private lastSweep = -Infinity;
  /** Counts kept here while the database cannot take a write (unreachable, out of connections): see `hit`. */
  private readonly fallback = new MemoryRateLimitStore();

  /** `pool` is asked for each time, so a database closed and opened again (tests) is followed. */
  constructor(private readonly pool: () => pg.Pool) {}

  async hit(key: string, now: number, windowMs: number): Promise<{ count: number; resetAt: number }> {
    try {
      if (now - this.lastSweep >= 60_000) {
        this.lastSweep = now;
        await this.pool().query("delete from rate_limit_hits where reset_at <= $1", [now]);
      }
      // In SET, the table's name (h) reads the row's values before the update, as on SQLite.
      const result = await this.pool().query<{ count: number; resetAt: number }>(
        `insert into rate_limit_hits as h (key, count, reset_at) values ($1, 1, $3::bigint)
         on conflict (key) do update set
           count = case when h.reset_at <= $2::bigint then 1 else h.count + 1 end,
           reset_at = case when h.reset_at <= $2::bigint then $3::bigint else h.reset_at end
         returning count, reset_at as "resetAt"`,
        [key, now, now + windowMs],
      );
      const row = result.rows[0];
      return { count: Number(row.count), resetAt: Number(row.resetAt) };
    } catch (error) {
      // As on SQLite: the hit is counted in this process, and the request goes on to its own save.
      if (!isStorageUnavailable(error)) throw error;
      return this.fallback.hit(key, now, windowMs);
    }
  }

  async reset(key: string): Promise<void> {
    await this.pool().query("delete from rate_limit_hits where key = $1", [key]);
  }
}

export class RateLimiter {
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly store: RateLimitStore = new MemoryRateLimitStore(),
  ) {}

  /** Records a hit; returns whether it is allowed and when to retry. */
  async hit(key: string, now: number): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
    const { count, resetAt } = await this.store.hit(key, now, this.windowMs);
    if (count === 1) return { allowed: true, retryAfterSeconds: 0 };
    return { allowed: count <= this.limit, retryAfterSeconds: Math.max(1, Math.ceil((resetAt - now) / 1000)) };
  }

  async reset(key: string): Promise<void> {
    await this.store.reset(key);
  }
}

/** The store for the app's limiters: the database (`db()`, this process's), shared by every server and process. */
export function rateLimitStore(db: () => DB): RateLimitStore {
  if (dialect === "postgres") return new PostgresRateLimitStore(() => poolOf(db()));
  return new SqliteRateLimitStore(db().$client);
}
