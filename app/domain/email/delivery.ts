/**
 * Rules for delivering queued email (pure: the sender loop passes "now").
 *
 * - A failure to reach the SMTP server at all (refused, timed out, DNS, TLS) says
 *   nothing about the message: it stays queued and is retried for ever, with
 *   exponential backoff capped at `maxDelayMs`. Nothing is lost while SMTP is down.
 * - A temporary refusal of the message (4xx reply) is retried with the same backoff
 *   until `maxAttempts`, then the email is marked failed.
 * - A permanent refusal of the recipient (5xx reply to RCPT TO, e.g. 550 no such user)
 *   is a bounce; any other permanent refusal (5xx) marks the email failed.
 */

export interface RetryPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
  maxAttempts: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseDelayMs: 30_000, maxDelayMs: 3_600_000, maxAttempts: 10 };

/** Delay before the next try after `attempts` failed tries (1 → base, 2 → 2×base, … capped). */
export function retryDelayMs(attempts: number, policy: RetryPolicy): number {
  const n = Math.max(1, Math.floor(attempts));
  // 2^(n-1) without overflow: once past the cap, stay at the cap.
  const factor = n > 40 ? Infinity : 2 ** (n - 1);
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * factor);
}

export type SmtpFailureKind = "unreachable" | "temporary" | "bounce" | "permanent";

export interface SmtpFailure {
  /** nodemailer's error code, e.g. "ECONNECTION", "ETIMEDOUT", "EENVELOPE", "EMESSAGE". */
  code?: string;
  /** The SMTP reply code, when the server answered. */
  responseCode?: number;
  /** The SMTP command that failed, e.g. "RCPT TO", "DATA", "CONN". */
  command?: string;
}

export function classifySmtpFailure(f: SmtpFailure): SmtpFailureKind {
  const rc = f.responseCode;
  if (typeof rc === "number" && rc >= 500 && rc < 600) {
    return f.code === "EENVELOPE" || /RCPT/i.test(f.command ?? "") ? "bounce" : "permanent";
  }
  if (typeof rc === "number" && rc >= 400 && rc < 500) {
    // 421 is "service not available, closing channel": the server, not the message.
    return rc === 421 ? "unreachable" : "temporary";
  }
  return "unreachable";
}

export type DeliveryOutcome =
  { status: "queued"; attempts: number; nextAttemptAt: Date } | { status: "failed" | "bounced"; attempts: number; nextAttemptAt: Date };

/** What happens to an email after a failed try; `attempts` counts tries before this one. */
export function afterFailure(attempts: number, kind: SmtpFailureKind, now: Date, policy: RetryPolicy): DeliveryOutcome {
  const tried = attempts + 1;
  if (kind === "bounce") return { status: "bounced", attempts: tried, nextAttemptAt: now };
  if (kind === "permanent") return { status: "failed", attempts: tried, nextAttemptAt: now };
  if (kind === "temporary" && tried >= policy.maxAttempts) return { status: "failed", attempts: tried, nextAttemptAt: now };
  return { status: "queued", attempts: tried, nextAttemptAt: new Date(now.getTime() + retryDelayMs(tried, policy)) };
}

/** An email left "sending" by a process that died is handed back to the queue after this long. */
export const STALE_SENDING_MS = 5 * 60_000;

/** Where an email in the outbox stands (the schema's `email_outbox.status`); shown on staff screens, so not server-only. */
export const EMAIL_STATUSES = ["queued", "sending", "sent", "failed", "bounced"] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];
