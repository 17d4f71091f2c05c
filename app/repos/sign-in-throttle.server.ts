import { inArray, lte } from "drizzle-orm";
import { signInFailures } from "../../db/tables";
import type { DB } from "../db.server";
import type { FailureRecord } from "../domain/auth/sign-in-throttle";

export async function readFailures(db: DB, keys: string[]): Promise<Map<string, FailureRecord>> {
  if (keys.length === 0) return new Map();
  const rows = await db.select().from(signInFailures).where(inArray(signInFailures.key, keys));
  return new Map(rows.map((r) => [r.key, { failures: r.failures, lastFailureAt: r.lastFailureAt }]));
}

export async function writeFailures(db: DB, records: Array<{ key: string; record: FailureRecord }>): Promise<void> {
  for (const { key, record } of records) {
    await db
      .insert(signInFailures)
      .values({ key, ...record })
      .onConflictDoUpdate({ target: signInFailures.key, set: { failures: record.failures, lastFailureAt: record.lastFailureAt } });
  }
}

export async function clearFailures(db: DB, keys: string[]): Promise<void> {
  if (keys.length > 0) await db.delete(signInFailures).where(inArray(signInFailures.key, keys));
}

/** Drops keys quiet since `before` (each is forgotten then anyway). */
export async function sweepFailures(db: DB, before: number): Promise<void> {
  await db.delete(signInFailures).where(lte(signInFailures.lastFailureAt, before));
}
