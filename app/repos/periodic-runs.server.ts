/** Periodic jobs shared between servers: which one runs a job this period (see `periodicRuns` in the schema). */
import { and, eq, lte } from "drizzle-orm";
import { periodicRuns } from "../../db/tables";
import { changedRows, inTransaction, type DB } from "../db.server";

/**
 * True for exactly one caller per period: the first ever, then the first after `periodMs` has
 * passed since the last start. Whichever server asks first runs the job; the others skip it.
 */
export async function claimPeriodicRun(db: DB, name: string, now: Date, periodMs: number): Promise<boolean> {
  return await inTransaction(db, async (tx) => {
    if (changedRows(await tx.insert(periodicRuns).values({ name, lastRunAt: now }).onConflictDoNothing()) === 1) return true;
    const due = new Date(now.getTime() - periodMs);
    return (
      changedRows(
        await tx
          .update(periodicRuns)
          .set({ lastRunAt: now })
          .where(and(eq(periodicRuns.name, name), lte(periodicRuns.lastRunAt, due))),
      ) === 1
    );
  });
}
