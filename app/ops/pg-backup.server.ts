/**
 * Backups of a PostgreSQL database and their restore, with PostgreSQL's own tools: `pg_dump` in
 * its custom format (one consistent snapshot, taken while the database keeps serving; compressed;
 * restorable table by table) and `pg_restore`. The dump is checked before it is reported good:
 * `pg_restore --list` must read it and find the data of every table that holds what people gave us.
 * Row counts come from the live database in the same report, as the SQLite backup prints them.
 *
 * The tools are found in PG_BIN_DIR, else `pg_config --bindir`, else Debian's
 * /usr/lib/postgresql/<newest>/bin, else the PATH; they must be at least the server's version.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { env } from "../env.server";

/** The tables whose rows a backup report counts (the same list as the SQLite backup's). */
export const COUNTED_TABLES = ["consultations", "participants", "responses", "answers", "response_drafts", "audit_log"] as const;

export interface PgBackupReport {
  file: string;
  bytes: number;
  /** Entries in the dump's table of contents (tables, indexes, functions, triggers, data…). */
  entries: number;
  tables: Record<string, number>;
}

export function pgToolPath(tool: "pg_dump" | "pg_restore"): string {
  const dirs: string[] = [];
  const configured = env().PG_BIN_DIR;
  if (configured) dirs.push(configured);
  try {
    dirs.push(execFileSync("pg_config", ["--bindir"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
  } catch {
    // no pg_config on the PATH
  }
  if (existsSync("/usr/lib/postgresql")) {
    for (const v of readdirSync("/usr/lib/postgresql").sort((a, b) => Number(b) - Number(a))) dirs.push(`/usr/lib/postgresql/${v}/bin`);
  }
  for (const dir of dirs) if (existsSync(path.join(dir, tool))) return path.join(dir, tool);
  return tool;
}

function run(tool: "pg_dump" | "pg_restore", args: string[]): string {
  const result = spawnSync(pgToolPath(tool), args, { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (result.error) throw new Error(`${tool} could not be run (${result.error.message}); install PostgreSQL's client tools or set PG_BIN_DIR`);
  if (result.status !== 0) throw new Error(`${tool} failed: ${(result.stderr || result.stdout).trim()}`);
  return result.stdout;
}

/** Row counts of the counted tables in the database at `url`. */
export async function countPgRows(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const counts: Record<string, number> = {};
    for (const table of COUNTED_TABLES) {
      const exists = await client.query("select to_regclass($1) as t", [`public.${table}`]);
      if (exists.rows[0].t === null) continue;
      counts[table] = Number((await client.query(`select count(*) as n from "${table}"`)).rows[0].n);
    }
    return counts;
  } finally {
    await client.end();
  }
}

/** Reads a dump's table of contents; throws unless it holds the data of every counted table the database has. */
export function checkPgDump(file: string, expectTables: readonly string[]): number {
  const list = run("pg_restore", ["--list", file]);
  const entries = list.split("\n").filter((l) => /^\d+;/.test(l));
  const withData = new Set(entries.map((l) => / TABLE DATA public (\S+) /.exec(l)?.[1]).filter(Boolean));
  const missing = expectTables.filter((t) => !withData.has(t));
  if (missing.length) throw new Error(`${file} does not hold the data of ${missing.join(", ")}`);
  return entries.length;
}

export async function backupPostgres(url: string, file: string): Promise<PgBackupReport> {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const tables = await countPgRows(url);
  run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", "--file", file, "--dbname", url]);
  const entries = checkPgDump(file, Object.keys(tables));
  return { file, bytes: statSync(file).size, entries, tables };
}

/**
 * Replaces the database's contents with the dump's, in one transaction (all or nothing): objects
 * are dropped and re-created, so rows written after the backup are gone. Stop the servers first.
 */
export async function restorePostgres(file: string, url: string): Promise<Record<string, number>> {
  checkPgDump(file, []);
  run("pg_restore", ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", "--dbname", url, file]);
  return countPgRows(url);
}
