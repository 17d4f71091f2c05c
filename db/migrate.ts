/** Applies committed migrations to DATABASE_PATH (the server also does this at boot). */
import { getDb } from "../app/db.server";
import { env } from "../app/env.server";

getDb();
console.log(`Database migrated: ${env().DATABASE_PATH}`);
