/**
 * The sender loop: started once by server.js (through the server build's entry module).
 * It takes one due email at a time from the outbox, sends it with nodemailer over SMTP,
 * and records sent / bounced / failed, or puts it back in the queue with backoff
 * (app/domain/email/delivery.ts). When the SMTP server cannot be reached the rest of the
 * batch waits for the next try instead of each failing in turn.
 */
import { AsyncResource } from "node:async_hooks";
import nodemailer, { type Transporter } from "nodemailer";
import type { DB } from "../db.server";
import { afterFailure, classifySmtpFailure, STALE_SENDING_MS, type RetryPolicy } from "../domain/email/delivery";
import { claimNextDue, markFailedAttempt, markSent, requeueStale } from "../repos/email-outbox.server";
import type { Env } from "../env.server";
import { onEmailQueued } from "./email.server";
import { startMailCapture } from "./mail-capture.server";
import { errorFields, logger } from "../ops/log.server";

export interface SmtpConfig {
  host: string;
  port: number;
  secure: boolean;
  requireTLS: boolean;
  user?: string;
  password?: string;
  timeoutMs: number;
  /** For the in-process capture only (loopback, no TLS offered). */
  ignoreTLS?: boolean;
}

export interface SenderConfig {
  smtp: SmtpConfig | null;
  from: string;
  policy: RetryPolicy;
  pollMs: number;
}

export interface EmailSender {
  /** Runs one pass now (tests); resolves when the pass is over. */
  runOnce: () => Promise<void>;
  stop: () => Promise<void>;
}

function makeTransport(smtp: SmtpConfig): Transporter {
  return nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    requireTLS: smtp.requireTLS,
    ignoreTLS: smtp.ignoreTLS ?? false,
    auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? "" } : undefined,
    connectionTimeout: smtp.timeoutMs,
    greetingTimeout: smtp.timeoutMs,
    socketTimeout: smtp.timeoutMs,
  });
}

function describe(e: unknown): string {
  if (e && typeof e === "object") {
    const o = e as { message?: string; response?: string; code?: string };
    return [o.code, o.response ?? o.message].filter(Boolean).join(": ") || "unknown error";
  }
  return String(e);
}

export async function startEmailSender(db: DB, config: SenderConfig, clock: () => Date = () => new Date()): Promise<EmailSender> {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  const transport = config.smtp ? makeTransport(config.smtp) : null;

  // Several servers may each run a sender: every email is claimed by one of them (claimNextDue
  // is one write transaction), and one still "sending" goes back to the queue only once it has
  // been so for STALE_SENDING_MS (its sender died mid-send), never because another server started.
  await requeueStale(db, new Date(clock().getTime() - STALE_SENDING_MS), clock());

  async function pass(): Promise<void> {
    if (!transport) return;
    for (;;) {
      if (stopped) return;
      const now = clock();
      await requeueStale(db, new Date(now.getTime() - STALE_SENDING_MS), now);
      const row = await claimNextDue(db, now);
      if (!row) return;
      try {
        const info = await transport.sendMail({
          from: config.from,
          to: row.toAddress,
          subject: row.subject,
          text: row.text,
          html: row.html ?? undefined,
          headers: { "X-Outbox-Id": String(row.id), "Auto-Submitted": "auto-generated" },
        });
        const rejected = (info.rejected ?? []).length > 0;
        if (rejected) {
          const outcome = afterFailure(row.attempts, "bounce", clock(), config.policy);
          await markFailedAttempt(db, row.id, outcome, `rejected: ${info.response ?? ""}`, clock());
        } else {
          await markSent(db, row.id, info.messageId ?? null, clock());
        }
      } catch (e) {
        const failure = e as { code?: string; responseCode?: number; command?: string };
        const kind = classifySmtpFailure(failure);
        const outcome = afterFailure(row.attempts, kind, clock(), config.policy);
        await markFailedAttempt(db, row.id, outcome, describe(e), clock());
        if (kind === "unreachable") {
          // The server is down or slow: stop this pass; the next poll tries again.
          return;
        }
      }
    }
  }

  function schedule(ms: number) {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(tick, ms);
    timer.unref();
  }

  function tick() {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = pass()
      .catch((e) => logger.error(errorFields(e), "email sender failed"))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          schedule(0);
        } else schedule(config.pollMs);
      });
  }

  // A wake comes from the request that queued the email, often from inside its transaction, and
  // timers keep the async context they were made in: the loop goes back to its own (the one it was
  // started in) so its queries never run as part of that request's transaction (on PostgreSQL,
  // getDb() inside a transaction's context answers with the transaction's connection).
  const home = new AsyncResource("email-sender");
  onEmailQueued(() => home.runInAsyncScope(() => schedule(0)));
  schedule(0);

  return {
    runOnce: async () => {
      while (running) await running;
      running = pass().finally(() => (running = null));
      await running;
    },
    stop: async () => {
      stopped = true;
      onEmailQueued(null);
      if (timer) clearTimeout(timer);
      while (running) await running;
      transport?.close();
    },
  };
}

/** The sender configured from the environment (server.js calls this once after boot). */
export async function senderConfigFromEnv(e: Env, capture: boolean): Promise<SenderConfig> {
  let smtp: SmtpConfig | null = null;
  if (capture) {
    const { port } = await startMailCapture();
    smtp = { host: "127.0.0.1", port, secure: false, requireTLS: false, ignoreTLS: true, timeoutMs: 10_000 };
  } else if (e.SMTP_HOST) {
    smtp = {
      host: e.SMTP_HOST,
      port: e.SMTP_PORT,
      secure: e.SMTP_SECURE,
      requireTLS: e.SMTP_REQUIRE_TLS,
      user: e.SMTP_USER,
      password: e.SMTP_PASSWORD,
      timeoutMs: e.SMTP_TIMEOUT_SECONDS * 1000,
    };
  }
  return {
    smtp,
    from: e.EMAIL_FROM,
    policy: { baseDelayMs: e.EMAIL_RETRY_BASE_SECONDS * 1000, maxDelayMs: e.EMAIL_RETRY_MAX_SECONDS * 1000, maxAttempts: e.EMAIL_MAX_ATTEMPTS },
    pollMs: e.EMAIL_POLL_SECONDS * 1000,
  };
}
