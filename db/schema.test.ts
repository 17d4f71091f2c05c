import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../app/db.server";
import { auditLog } from "./schema";
import { seedDemo } from "./seed";

describe("database", () => {
  it("opens with WAL, foreign keys and a busy timeout", () => {
    const { sqlite } = openDatabase(":memory:", "db/migrations");
    expect(sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(sqlite.pragma("busy_timeout", { simple: true })).toBe(5000);
  });

  it("refuses to edit or delete the audit log", () => {
    const { db } = openDatabase(":memory:", "db/migrations");
    db.insert(auditLog).values({ at: new Date(), action: "test", entityType: "x" }).run();
    const failure = (statement: ReturnType<typeof sql>) => {
      try {
        db.run(statement);
      } catch (error) {
        return String((error as Error & { cause?: unknown }).cause ?? error);
      }
      return "no error";
    };
    expect(failure(sql`update audit_log set action = 'changed'`)).toMatch(/append-only/);
    expect(failure(sql`delete from audit_log`)).toMatch(/append-only/);
  });

  it("seeds the demo idempotently", async () => {
    const { db, sqlite } = openDatabase(":memory:", "db/migrations");
    const count = () =>
      Object.fromEntries(
        ["organisations", "partnerships", "users", "memberships", "advisory_group_members", "consultations", "candidate_outcomes", "questions"].map((t) => [
          t,
          (sqlite.prepare(`select count(*) n from ${t}`).get() as { n: number }).n,
        ]),
      );
    await seedDemo(db);
    const first = count();
    await seedDemo(db);
    expect(count()).toEqual(first);
    expect(first.organisations).toBeGreaterThanOrEqual(12);
    expect(first.advisory_group_members).toBe(30);
    expect(first.candidate_outcomes).toBe(13);
    const groups = sqlite.prepare("select stakeholder_group g, count(*) n from advisory_group_members group by g").all();
    expect(groups.length).toBe(4);
  });
});

describe("migration 0012 (issue 18)", () => {
  it("deletes receipts already sent or failed for good, and unlinks waiting ones from their response", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ocd-migration-"));
    try {
      // The database as it was before the migration.
      const before = path.join(dir, "migrations");
      cpSync("db/migrations", before, { recursive: true });
      const journalPath = path.join(before, "meta/_journal.json");
      const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: Array<{ tag: string }> };
      journal.entries = journal.entries.slice(0, journal.entries.findIndex((e) => e.tag === "0012_receipts_forgotten"));
      writeFileSync(journalPath, JSON.stringify(journal));
      const file = path.join(dir, "app.db");
      const old = openDatabase(file, before);
      const insert = old.sqlite.prepare("insert into email_outbox (kind, to_address, subject, text, status, next_attempt_at, related_id) values (?, ?, ?, ?, ?, 0, ?)");
      for (const [kind, status] of [["receipt", "sent"], ["receipt", "failed"], ["receipt", "bounced"], ["receipt", "queued"], ["invitation", "sent"]]) insert.run(kind, `${status}@example.org`, `Reference ABC-${status}`, "text", status, 7);
      old.sqlite.close();
      const { sqlite } = openDatabase(file, "db/migrations");
      expect(sqlite.prepare("select kind, status, related_id from email_outbox order by id").all()).toEqual([
        { kind: "receipt", status: "queued", related_id: null },
        { kind: "invitation", status: "sent", related_id: 7 },
      ]);
      sqlite.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
