/**
 * Backup and restore from the command line.
 *   npm run db:backup -- [FILE]          online backup of DATABASE_PATH while the server runs
 *                                        (default data/backups/app-<time>.db)
 *   npm run db:restore -- FILE           stop the server first; replaces DATABASE_PATH with FILE
 * Both check the copy with PRAGMA integrity_check and print row counts. Exit 2 on error.
 * With DATABASE_URL=postgres://… both work on that PostgreSQL database instead: pg_dump's custom
 * format (default data/backups/app-<time>.pgdump), checked with pg_restore --list; the restore
 * replaces the database's contents in one transaction.
 */
import path from "node:path";
import { backupDatabase, restoreDatabase } from "../app/ops/backup.server";
import { backupPostgres, restorePostgres } from "../app/ops/pg-backup.server";
import { env } from "../app/env.server";

const [command, file] = process.argv.slice(2);
const databasePath = env().DATABASE_PATH;
const databaseUrl = env().DATABASE_URL;
/** The address without its password, for what is printed. */
const shown = databaseUrl?.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");

try {
  if (databaseUrl && command === "backup") {
    // With DATABASE_URL (PostgreSQL): pg_dump's custom format, checked with pg_restore --list.
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    const report = await backupPostgres(databaseUrl, file ?? path.join("data", "backups", `app-${stamp}.pgdump`));
    console.log(`Backed up ${shown} to ${report.file} (${report.bytes} bytes, ${report.entries} entries, readable by pg_restore)`);
    console.log(JSON.stringify(report.tables));
  } else if (databaseUrl && command === "restore" && file) {
    const tables = await restorePostgres(file, databaseUrl);
    console.log(`Restored ${file} to ${shown} (in one transaction)`);
    console.log(JSON.stringify(tables));
  } else if (command === "backup") {
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    const to = file ?? path.join(path.dirname(databasePath), "backups", `app-${stamp}.db`);
    const report = await backupDatabase(databasePath, to);
    console.log(`Backed up ${databasePath} to ${report.file} (${report.bytes} bytes, integrity ok)`);
    console.log(JSON.stringify(report.tables));
  } else if (command === "restore" && file) {
    const { kept, tables } = restoreDatabase(file, databasePath, new Date());
    console.log(`Restored ${file} to ${databasePath}${kept ? `; the previous database is kept as ${kept}` : ""}`);
    console.log(JSON.stringify(tables));
  } else {
    console.error("usage: tsx db/backup.ts backup [FILE] | restore FILE");
    process.exit(2);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
}
