import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { openDatabase } from "../db.server";
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
