import { defineConfig } from "drizzle-kit";

/** PostgreSQL migrations (issue 15): `npm run db:generate:pg`; the SQLite ones stay in drizzle.config.ts. */
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.pg.ts",
  out: "./db/migrations-pg",
  dbCredentials: { url: process.env.DATABASE_URL ?? "postgres://localhost/outcomes" },
});
