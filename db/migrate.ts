/** Applies committed migrations to this process's database: DATABASE_URL (PostgreSQL) or DATABASE_PATH (the server also does this at boot). */
import { closeDatabase, dialect, prepareDatabase } from "../app/db.server";
import { env } from "../app/env.server";

await prepareDatabase();
await closeDatabase();
console.log(`Database migrated: ${dialect === "postgres" ? "PostgreSQL (DATABASE_URL)" : env().DATABASE_PATH}`);
