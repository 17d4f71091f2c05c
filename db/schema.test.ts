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

  it("writes the demo's outcomes and rating questions in every language it offers, and fills any that are missing without overwriting", async () => {
    const { db, sqlite } = openDatabase(":memory:", "db/migrations");
    await seedDemo(db);
    const perLocale = (table: string) => sqlite.prepare(`select locale, count(*) n from ${table} group by locale order by locale`).all();
    const ratingPerLocale = () =>
      sqlite
        .prepare(
          "select qt.locale, count(*) n from question_translations qt join questions q on q.id = qt.question_id where q.type = 'rating' group by qt.locale order by qt.locale",
        )
        .all();
    const all = [
      { locale: "cy", n: 13 },
      { locale: "en", n: 13 },
      { locale: "pl", n: 13 },
      { locale: "ur", n: 13 },
    ];
    expect(perLocale("candidate_outcome_translations")).toEqual(all);
    expect(ratingPerLocale()).toEqual(all);
    expect(perLocale("outcome_domain_translations")).toEqual(all.map((x) => ({ ...x, n: 4 })));
    const welshO1 =
      "select statement from candidate_outcome_translations t join candidate_outcomes o on o.id = t.outcome_id where o.code = 'O1' and t.locale = 'cy'";
    expect((sqlite.prepare(welshO1).get() as { statement: string }).statement).toBe("Dim ond unwaith y mae'n rhaid i mi adrodd fy stori");
    // A database missing the Welsh (seeded before) gets it; an officer's change is kept.
    sqlite
      .prepare("delete from candidate_outcome_translations where locale = 'cy' and outcome_id = (select id from candidate_outcomes where code = 'O2')")
      .run();
    sqlite
      .prepare(
        "delete from question_translations where locale = 'cy' and question_id in (select id from questions where outcome_id = (select id from candidate_outcomes where code = 'O2'))",
      )
      .run();
    sqlite
      .prepare(
        "update candidate_outcome_translations set statement = 'Geiriau’r swyddog' where locale = 'cy' and outcome_id = (select id from candidate_outcomes where code = 'O1')",
      )
      .run();
    await seedDemo(db);
    expect(perLocale("candidate_outcome_translations")).toEqual(all);
    expect(ratingPerLocale()).toEqual(all);
    expect((sqlite.prepare(welshO1).get() as { statement: string }).statement).toBe("Geiriau’r swyddog");
    const o2 = sqlite
      .prepare(
        "select qt.text from question_translations qt join questions q on q.id = qt.question_id join candidate_outcomes o on o.id = q.outcome_id where o.code = 'O2' and qt.locale = 'cy'",
      )
      .get() as { text: string };
    expect(o2.text).toBe("Pa mor bwysig yw hyn i chi: “Mae'r gweithwyr proffesiynol sy'n fy nghefnogi yn siarad â'i gilydd”?");
  });
});

describe("migration 0015", () => {
  it("deletes receipts already sent or failed for good, and unlinks waiting ones from their response", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ocd-migration-"));
    try {
      // The database as it was before the migration.
      const before = path.join(dir, "migrations");
      cpSync("db/migrations", before, { recursive: true });
      const journalPath = path.join(before, "meta/_journal.json");
      const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: Array<{ tag: string }> };
      journal.entries = journal.entries.slice(
        0,
        journal.entries.findIndex((e) => e.tag === "0015_receipts_forgotten"),
      );
      writeFileSync(journalPath, JSON.stringify(journal));
      const file = path.join(dir, "app.db");
      const old = openDatabase(file, before);
      const insert = old.sqlite.prepare(
        "insert into email_outbox (kind, to_address, subject, text, status, next_attempt_at, related_id) values (?, ?, ?, ?, ?, 0, ?)",
      );
      for (const [kind, status] of [
        ["receipt", "sent"],
        ["receipt", "failed"],
        ["receipt", "bounced"],
        ["receipt", "queued"],
        ["invitation", "sent"],
      ])
        insert.run(kind, `${status}@example.org`, `Reference ABC-${status}`, "text", status, 7);
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
