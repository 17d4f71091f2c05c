/**
 * When the database cannot take a write (locked past the busy timeout, disk or quota full,
 * an I/O error), a citizen's form is shown again with what they entered and a clear message,
 * with status 503 and Retry-After: nothing half-written (each save is one transaction) and
 * nothing lost from the page.
 */
import { logger } from "../ops/log.server";
export { isStorageUnavailable } from "../db.server";
import { isStorageUnavailable, sqlState } from "../db.server";

export const storageUnavailableHeaders = { "Retry-After": "10", "Cache-Control": "private, no-store" };

/** Runs a write; a storage failure comes back as `null` (after logging), any other error is thrown. */
export async function tryWrite<T>(write: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> {
  try {
    return { ok: true, value: await write() };
  } catch (error) {
    if (!isStorageUnavailable(error)) throw error;
    // PostgreSQL's errors come wrapped by drizzle: its SQLSTATE is on the cause.
    logger.error({ code: (error as { code?: string }).code ?? sqlState(error) }, "storage unavailable");
    return { ok: false };
  }
}
