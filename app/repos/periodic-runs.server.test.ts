import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { openDatabase } from "../db.server";
import { postgresUnavailable, startPostgres } from "../../test/helpers/postgres";
import { claimPeriodicRun } from "./periodic-runs.server";

const dir = mkdtempSync(path.join(tmpdir(), "periodic-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("lets one of several servers run a job once per period, and another take over when the period has passed", async () => {
  const file = path.join(dir, "app.db");
  // Two connections to one file, as two servers have.
  const a = openDatabase(file, "db/migrations");
  const b = openDatabase(file, "db/migrations");
  const hour = 3600_000;
  const t0 = new Date("2026-12-03T10:00:00Z");
  expect(await claimPeriodicRun(a.db, "retention", t0, hour)).toBe(true);
  expect(await claimPeriodicRun(b.db, "retention", t0, hour)).toBe(false);
  expect(await claimPeriodicRun(b.db, "retention", new Date(t0.getTime() + hour - 1), hour)).toBe(false);
  // A different job has its own period.
  expect(await claimPeriodicRun(b.db, "other", t0, hour)).toBe(true);
  // Server a is gone; an hour on, b runs it, once.
  a.sqlite.close();
  expect(await claimPeriodicRun(b.db, "retention", new Date(t0.getTime() + hour), hour)).toBe(true);
  expect(await claimPeriodicRun(b.db, "retention", new Date(t0.getTime() + hour + 1000), hour)).toBe(false);
  b.sqlite.close();
});

const skip = postgresUnavailable();
if (skip) console.warn(`Skipping the PostgreSQL periodic-runs test: ${skip}`);

describe.skipIf(!!skip)("on PostgreSQL", () => {
  it("lets exactly one of several servers claiming at the same moment run the job, once per period", async () => {
    const server = await startPostgres();
    const before = process.env.DATABASE_URL;
    try {
      // The dialect is chosen when db/tables loads: load this module's graph again for PostgreSQL.
      process.env.DATABASE_URL = server.url;
      vi.resetModules();
      const dbm = await import("../db.server");
      const repo = await import("./periodic-runs.server");
      expect(dbm.dialect).toBe("postgres");
      // Four servers, each with its own pool.
      const servers = [0, 1, 2, 3].map(() => dbm.openPostgres(server.url, { max: 3 }));
      try {
        await dbm.migratePostgres(servers[0].pool, "db/migrations-pg");
        const hour = 3600_000;
        const t0 = new Date("2026-12-03T10:00:00Z");
        const race = (at: Date) => Promise.all(servers.flatMap((s) => [0, 1, 2].map(() => repo.claimPeriodicRun(s.db, "retention", at, hour))));
        expect((await race(t0)).filter(Boolean)).toHaveLength(1);
        expect((await race(new Date(t0.getTime() + hour - 1))).filter(Boolean)).toHaveLength(0);
        expect((await race(new Date(t0.getTime() + hour))).filter(Boolean)).toHaveLength(1);
        expect(await repo.claimPeriodicRun(servers[1].db, "other", t0, hour)).toBe(true);
      } finally {
        for (const s of servers) await s.pool.end();
      }
    } finally {
      if (before === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = before;
      vi.resetModules();
      await server.stop();
    }
  }, 60_000);
});
