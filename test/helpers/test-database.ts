/**
 * Which database the integration tests run on, and a small async client over either one for the
 * tests' own reads and fixtures.
 *
 * `TEST_DATABASE=postgres` (the `postgres` vitest project sets it) runs the same HTTP suites
 * against PostgreSQL: a throwaway cluster started once per run (test/helpers/postgres-global.ts),
 * a database migrated and seeded once as a template, and each test server on its own copy
 * (`CREATE DATABASE … TEMPLATE`). Otherwise a migrated, seeded SQLite file per server, as before.
 *
 * `openTestDb(target)` takes what `makeSeededDatabase()` returned (a file path or a postgres://
 * URL) and gives `all/get/run` with `?` placeholders. Results look the same on both databases, in
 * SQLite's shapes: instants as epoch milliseconds, booleans as 1/0, JSON columns as text. Give it
 * instants as Date objects (milliseconds on SQLite, timestamptz on PostgreSQL).
 */
import Database from "better-sqlite3";
import { spawnSync } from "node:child_process";
import pg from "pg";

export type TestDialect = "sqlite" | "postgres";
export const testDialect: TestDialect = process.env.TEST_DATABASE === "postgres" ? "postgres" : "sqlite";

/** The test cluster's maintenance database URL (postgres://…/postgres), set by the postgres project's setup file. */
export function postgresClusterUrl(): string {
  const url = process.env.TEST_POSTGRES_URL;
  if (!url) throw new Error("TEST_DATABASE=postgres, but no test cluster is running: run the `postgres` vitest project (npx vitest run --project postgres)");
  return url;
}

export const TEMPLATE_DATABASE = "app_seeded";

function databaseUrl(cluster: string, name: string): string {
  const u = new URL(cluster);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Creates the template database on a cluster and migrates and seeds it (`db/seed.ts` on DATABASE_URL, in a child process, so this process's dialect does not matter). */
export async function createSeededTemplate(cluster: string): Promise<void> {
  const client = new pg.Client({ connectionString: cluster });
  await client.connect();
  try {
    await client.query(`create database ${TEMPLATE_DATABASE}`);
  } finally {
    await client.end();
  }
  const seeded = spawnSync(process.execPath, ["--import", "tsx", "db/seed.ts"], {
    encoding: "utf8",
    env: { ...process.env, NODE_ENV: "test", DATABASE_URL: databaseUrl(cluster, TEMPLATE_DATABASE) },
  });
  if (seeded.status !== 0) throw new Error(`seeding the PostgreSQL template failed:\n${seeded.stderr || seeded.stdout}`);
}

let made = 0;
/** A new database on the test cluster: a copy of the migrated, seeded template (or an empty one). */
export async function createPostgresDatabase(options: { seeded?: boolean } = {}): Promise<string> {
  const cluster = postgresClusterUrl();
  const name = `t_${process.pid}_${++made}_${Math.random().toString(36).slice(2, 8)}`;
  const client = new pg.Client({ connectionString: cluster });
  await client.connect();
  try {
    await client.query(`create database ${name}${options.seeded === false ? "" : ` template ${TEMPLATE_DATABASE}`}`);
  } finally {
    await client.end();
  }
  return databaseUrl(cluster, name);
}

export interface TestDb {
  dialect: TestDialect;
  all<T = Record<string, unknown>>(query: string, ...params: unknown[]): Promise<T[]>;
  get<T = Record<string, unknown>>(query: string, ...params: unknown[]): Promise<T | undefined>;
  /** Inserts report the new row's `id` as lastInsertRowid (PostgreSQL: through `returning id`). */
  run(query: string, ...params: unknown[]): Promise<{ changes: number; lastInsertRowid: number }>;
  close(): Promise<void>;
}

const JSON_TYPES = new Set([114, 3802]);

export function openTestDb(target: string): TestDb {
  if (/^postgres(ql)?:\/\//.test(target)) {
    const pool = new pg.Pool({ connectionString: target, max: 2 });
    const toPg = (query: string) => {
      let n = 0;
      return query.replace(/\?/g, () => `$${++n}`);
    };
    const param = (v: unknown) => (v instanceof Date ? v.toISOString() : v);
    const shape = (result: pg.QueryResult) =>
      result.rows.map((r: Record<string, unknown>) => {
        const out: Record<string, unknown> = {};
        for (const f of result.fields) {
          const v = r[f.name];
          out[f.name] =
            v instanceof Date ? v.getTime() : typeof v === "boolean" ? (v ? 1 : 0) : JSON_TYPES.has(f.dataTypeID) && v !== null ? JSON.stringify(v) : v;
        }
        return out;
      });
    const query = (q: string, params: unknown[]) => pool.query(toPg(q), params.map(param));
    return {
      dialect: "postgres",
      all: async <T>(q: string, ...params: unknown[]) => shape(await query(q, params)) as T[],
      get: async <T>(q: string, ...params: unknown[]) => shape(await query(q, params))[0] as T | undefined,
      async run(q, ...params) {
        const insert = /^\s*insert\b/i.test(q) && !/\breturning\b/i.test(q);
        const result = await query(insert ? `${q} returning id` : q, params);
        return { changes: result.rowCount ?? 0, lastInsertRowid: insert ? Number(result.rows[0]?.id ?? 0) : 0 };
      },
      close: () => pool.end(),
    };
  }
  const db = new Database(target);
  db.pragma("busy_timeout = 5000");
  const param = (v: unknown) => (v instanceof Date ? v.getTime() : typeof v === "boolean" ? (v ? 1 : 0) : v);
  return {
    dialect: "sqlite",
    all: async <T>(q: string, ...params: unknown[]) => db.prepare(q).all(...params.map(param)) as T[],
    get: async <T>(q: string, ...params: unknown[]) => db.prepare(q).get(...params.map(param)) as T | undefined,
    async run(q, ...params) {
      const r = db.prepare(q).run(...params.map(param));
      return { changes: r.changes, lastInsertRowid: Number(r.lastInsertRowid) };
    },
    close: async () => void db.close(),
  };
}
