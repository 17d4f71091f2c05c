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
