/**
 * globalSetup of the `postgres` vitest project: one throwaway PostgreSQL cluster for the run
 * (test/helpers/postgres.ts), with a database migrated and seeded once (`db/seed.ts` on
 * DATABASE_URL) that every test server copies as a template.
 */
import type { TestProject } from "vitest/node";
import { startPostgres } from "./postgres";
import { createSeededTemplate } from "./test-database";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const cluster = await startPostgres();
  try {
    await createSeededTemplate(cluster.url);
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  project.provide("postgresUrl", cluster.url);
  return async () => {
    await cluster.stop();
  };
}
