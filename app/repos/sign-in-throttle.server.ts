import { inArray, lte } from "drizzle-orm";
import { signInFailures } from "../../db/schema";
import type { DB } from "../db.server";
import type { FailureRecord } from "../domain/auth/sign-in-throttle";

export function readFailures(db: DB, keys: string[]): Map<string, FailureRecord> {
  if (keys.length === 0) return new Map();
  const rows = db.select().from(signInFailures).where(inArray(signInFailures.key, keys)).all();
  return new Map(rows.map((r) => [r.key, { failures: r.failures, lastFailureAt: r.lastFailureAt }]));
}

export function writeFailures(db: DB, records: Array<{ key: string; record: FailureRecord }>): void {
  for (const { key, record } of records) {
    db.insert(signInFailures)
      .values({ key, ...record })
      .onConflictDoUpdate({ target: signInFailures.key, set: { failures: record.failures, lastFailureAt: record.lastFailureAt } })
      .run();
  }
}

export function clearFailures(db: DB, keys: string[]): void {
  if (keys.length > 0) db.delete(signInFailures).where(inArray(signInFailures.key, keys)).run();
}

/** Drops keys quiet since `before` (each is forgotten then anyway). */
export function sweepFailures(db: DB, before: number): void {
  db.delete(signInFailures).where(lte(signInFailures.lastFailureAt, before)).run();
}
