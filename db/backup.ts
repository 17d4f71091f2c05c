/**
 * Backup and restore from the command line.
 *   npm run db:backup -- [FILE]          online backup of DATABASE_PATH while the server runs
 *                                        (default data/backups/app-<time>.db)
 *   npm run db:restore -- FILE           stop the server first; replaces DATABASE_PATH with FILE
 * Both check the copy with PRAGMA integrity_check and print row counts. Exit 2 on error.
 */
import path from "node:path";
import { backupDatabase, restoreDatabase } from "../app/ops/backup.server";
import { env } from "../app/env.server";

const [command, file] = process.argv.slice(2);
const databasePath = env().DATABASE_PATH;

try {
  if (command === "backup") {
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
