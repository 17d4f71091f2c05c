/**
 * Online, consistent backups of the SQLite database and their restore.
 *
 * `backupDatabase` uses SQLite's online backup API (through better-sqlite3), which copies
 * the database page by page while the server keeps reading and writing; if a write lands
 * mid-copy the API restarts, so the copy is always one committed state (never a torn one).
 * The copy is then checked with `PRAGMA integrity_check` before it is reported good.
 */
import Database from "better-sqlite3";
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";

export interface BackupReport {
  file: string;
  bytes: number;
  tables: Record<string, number>;
  integrity: "ok";
}

/** Row counts of the tables that hold what people gave us, for the report and for checks. */
const COUNTED_TABLES = ["consultations", "participants", "responses", "answers", "response_drafts", "audit_log"];

export function countRows(db: Database.Database): Record<string, number> {
  const existing = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((r) => r.name));
  const counts: Record<string, number> = {};
  for (const table of COUNTED_TABLES) {
    if (existing.has(table)) counts[table] = (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
  }
  return counts;
}

export function checkIntegrity(file: string): Record<string, number> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma("integrity_check") as Array<{ integrity_check: string }>;
    const verdict = rows.map((r) => r.integrity_check).join("; ");
    if (verdict !== "ok") throw new Error(`${file} failed the integrity check: ${verdict}`);
    return countRows(db);
  } finally {
    db.close();
  }
}

export async function backupDatabase(source: string, destination: string): Promise<BackupReport> {
  if (!existsSync(source)) throw new Error(`No database at ${source}`);
  const target = path.resolve(destination);
  if (existsSync(target)) throw new Error(`${target} exists already; choose a new file name`);
  mkdirSync(path.dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  const db = new Database(source, { fileMustExist: true });
  db.pragma("busy_timeout = 5000");
  try {
    const progress = await db.backup(partial);
    const bytes = progress.totalPages * (db.pragma("page_size", { simple: true }) as number);
    const tables = checkIntegrity(partial);
    renameSync(partial, target);
    return { file: target, bytes, tables, integrity: "ok" };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    db.close();
  }
}

/**
 * Puts a checked backup in place of `destination` (the server must be stopped). The old file,
 * if any, is kept beside it as `<name>.before-restore-<time>`; its -wal and -shm files are
 * removed so SQLite cannot replay a journal that belongs to the old database.
 */
export function restoreDatabase(backup: string, destination: string, now: Date): { kept: string | null; tables: Record<string, number> } {
  const tables = checkIntegrity(backup);
  const target = path.resolve(destination);
  mkdirSync(path.dirname(target), { recursive: true });
  let kept: string | null = null;
  if (existsSync(target)) {
    kept = `${target}.before-restore-${now.toISOString().replace(/[:.]/g, "-")}`;
    // Fold the old WAL into the old file first so the kept copy is complete.
    const old = new Database(target, { fileMustExist: true });
    old.pragma("wal_checkpoint(TRUNCATE)");
    old.close();
    renameSync(target, kept);
  }
  for (const suffix of ["-wal", "-shm"]) rmSync(`${target}${suffix}`, { force: true });
  const incoming = `${target}.restoring`;
  copyFileSync(backup, incoming);
  renameSync(incoming, target);
  return { kept, tables };
}
