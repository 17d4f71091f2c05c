/**
 * setupFiles of the `postgres` vitest project, run before each test file's imports: points the
 * test process at the run's PostgreSQL cluster, so `db/tables.ts` (chosen when first imported)
 * gives the PostgreSQL tables to any repository a test calls in-process.
 */
import { inject } from "vitest";

process.env.TEST_DATABASE = "postgres";
process.env.TEST_POSTGRES_URL = inject("postgresUrl");
process.env.DATABASE_URL ??= inject("postgresUrl");
