/**
 * Growing delays between failed sign-ins (OWASP ASVS V2.2.1, decision 0001), in place of a
 * lock an attacker could hold shut. Pure: the caller passes the time and the stored records.
 */

export interface ThrottlePolicy {
  /** Failures allowed before delays start. */
  freeFailures: number;
  /** The first delay; each further failure doubles it … */
  baseDelayMs: number;
  /** … up to this. */
  maxDelayMs: number;
  /** A key with no failure for this long is forgotten. */
  forgetAfterMs: number;
}

export interface FailureRecord {
  failures: number;
  lastFailureAt: number;
}

/** The earliest time (ms) the next attempt under this record may be made; 0 when it may be made now. */
export function nextAttemptAt(record: FailureRecord | undefined, policy: ThrottlePolicy, now: number): number {
  if (!record || now - record.lastFailureAt >= policy.forgetAfterMs) return 0;
  if (record.failures < policy.freeFailures) return 0;
  const delay = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(30, record.failures - policy.freeFailures));
  const at = record.lastFailureAt + delay;
  return at > now ? at : 0;
}

/** The record after one more failure at `now` (a forgotten record starts again at 1). */
export function afterFailure(record: FailureRecord | undefined, policy: ThrottlePolicy, now: number): FailureRecord {
  if (!record || now - record.lastFailureAt >= policy.forgetAfterMs) return { failures: 1, lastFailureAt: now };
  return { failures: record.failures + 1, lastFailureAt: now };
}

/**
 * The keys a password attempt is counted under, each with its policy. From a browser where this
 * account signed in before (a valid device cookie): that device alone, so attacks on the account
 * or from the office's address never keep its owner out. From anywhere else: the address (many
 * accounts tried from one place), the address with the account (one account guessed from one
 * place) and the account from untrusted browsers (one account guessed from many places).
 */
export function throttleKeys(
  input: { address: string; email: string; deviceId: string | null },
  policies: { address: ThrottlePolicy; pair: ThrottlePolicy; account: ThrottlePolicy; device: ThrottlePolicy },
): Array<{ key: string; policy: ThrottlePolicy; clearedOnSuccess: boolean }> {
  if (input.deviceId) return [{ key: `device:${input.deviceId}`, policy: policies.device, clearedOnSuccess: true }];
  return [
    // Cleared by nobody's success: one valid account must not reset an address spraying others.
    { key: `address:${input.address}`, policy: policies.address, clearedOnSuccess: false },
    { key: `pair:${input.address}|${input.email}`, policy: policies.pair, clearedOnSuccess: true },
    { key: `account:${input.email}`, policy: policies.account, clearedOnSuccess: true },
  ];
}

/** When the attempt may be made: 0 now, else the latest of the keys' next times. */
export function attemptAllowedAt(records: Map<string, FailureRecord>, keys: Array<{ key: string; policy: ThrottlePolicy }>, now: number): number {
  return Math.max(0, ...keys.map(({ key, policy }) => nextAttemptAt(records.get(key), policy, now)));
}
