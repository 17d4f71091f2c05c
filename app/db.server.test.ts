import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { openDatabase } from "./db.server";

it("transactions take the write lock when they begin (another process's writer waits, not the reverse)", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "ocd-db-"));
  try {
    const file = path.join(dir, "app.db");
    const { db, sqlite } = openDatabase(file, "db/migrations");
    const other = new Database(file);
    other.pragma("busy_timeout = 0");
    db.transaction(() => {
      // Nothing written yet: with BEGIN DEFERRED the other connection could still take the lock.
      expect(() => other.prepare("BEGIN IMMEDIATE").run()).toThrow(/locked|busy/i);
    });
    other.prepare("BEGIN IMMEDIATE").run();
    other.prepare("COMMIT").run();
    other.close();
    sqlite.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
