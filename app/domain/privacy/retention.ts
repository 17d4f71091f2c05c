/**
 * Retention of personal data (pure). A consultation's personal data is due for deletion once
 * its retention date has passed, and only once. The date must fall after the consultation
 * closes (answers are needed while it runs) and within the limit the privacy notice promises.
 */
export const MAX_RETENTION_DAYS = 3 * 365;

export interface RetentionState {
  personalDataRetainUntil: Date | null;
  personalDataDeletedAt: Date | null;
}

export function isRetentionDue(c: RetentionState, now: Date): boolean {
  return c.personalDataDeletedAt == null && c.personalDataRetainUntil != null && c.personalDataRetainUntil.getTime() <= now.getTime();
}

export type RetentionDateProblem = "beforeClose" | "tooLate" | null;

/** Checks a chosen retention date against the consultation's closing date and the limit. */
export function checkRetentionDate(date: Date, closesAt: Date | null, now: Date): RetentionDateProblem {
  if (closesAt && date.getTime() < closesAt.getTime()) return "beforeClose";
  if (date.getTime() > now.getTime() + MAX_RETENTION_DAYS * 86_400_000) return "tooLate";
  return null;
}
