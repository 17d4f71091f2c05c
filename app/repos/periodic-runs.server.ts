/** Periodic jobs shared between servers: which one runs a job this period (see `periodicRuns` in the schema). */
import { and, eq, lte } from "drizzle-orm";
import { periodicRuns } from "../../db/tables";
import { inTransaction, type DB } from "../db.server";

/**
 * True for exactly one caller per period: the first ever, then the first after `periodMs` has
 * passed since the last start. Whichever server asks first runs the job; the others skip it.
 */
export async function claimPeriodicRun(db: DB, name: string, now: Date, periodMs: number): Promise<boolean> {
  return await inTransaction(db, async (tx) => {
    if ((await tx.insert(periodicRuns).values({ name, lastRunAt: now }).onConflictDoNothing().run()).changes === 1) return true;
    const due = new Date(now.getTime() - periodMs);
    return (await tx.update(periodicRuns).set({ lastRunAt: now }).where(and(eq(periodicRuns.name, name), lte(periodicRuns.lastRunAt, due))).run()).changes === 1;
  });
}
