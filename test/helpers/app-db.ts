/**
 * The application's drizzle `DB` over a test database, for tests that call repositories or
 * services in-process: `target` is what `makeSeededDatabase()`/`startServer()` gave (a SQLite
 * file, or a postgres:// URL under TEST_DATABASE=postgres, where the test process's tables are
 * already the PostgreSQL ones: test/helpers/postgres-setup.ts sets DATABASE_URL first).
 * SQLite: `openDatabase` (migrations already applied by the seed). PostgreSQL: `openPostgres`.
 */
import { openDatabase, openPostgres, type DB } from "../../app/db.server";

export function openAppDb(target: string): { db: DB; close: () => Promise<void> } {
  if (/^postgres(ql)?:\/\//.test(target)) {
    const { db, pool } = openPostgres(target, { max: 2 });
    return { db, close: () => pool.end() };
  }
  const { db, sqlite } = openDatabase(target, "db/migrations");
  return { db, close: async () => void sqlite.close() };
}
