/**
 * globalSetup of the `postgres` vitest project: one throwaway PostgreSQL cluster for the run
 * (test/helpers/postgres.ts), with a database migrated and seeded once (`db/seed.ts` on
 * DATABASE_URL) that every test server copies as a template.
 */
import { spawnSync } from "node:child_process";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startPostgres } from "./postgres";
import { TEMPLATE_DATABASE } from "./test-database";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const cluster = await startPostgres();
  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  await client.query(`create database ${TEMPLATE_DATABASE}`);
  await client.end();
  const template = new URL(cluster.url);
  template.pathname = `/${TEMPLATE_DATABASE}`;
  const seeded = spawnSync(process.execPath, ["--import", "tsx", "db/seed.ts"], { encoding: "utf8", env: { ...process.env, NODE_ENV: "test", DATABASE_URL: template.toString() } });
  if (seeded.status !== 0) {
    await cluster.stop();
    throw new Error(`seeding the PostgreSQL template failed:\n${seeded.stderr || seeded.stdout}`);
  }
  project.provide("postgresUrl", cluster.url);
  return async () => {
    await cluster.stop();
  };
}
