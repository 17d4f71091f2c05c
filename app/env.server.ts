import { z } from "zod";

/**
 * Every environment variable the server reads, validated once at boot.
 * A bad value stops the server with a message naming the variable.
 */
const booleanFromString = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_PATH: z.string().min(1).default("data/app.db"),
  /** A PostgreSQL database (postgres://…): the whole product runs on it instead of the SQLite file at DATABASE_PATH (decision 0034). */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, "must be a postgres:// or postgresql:// address")
    .optional(),
  /** Where pg_dump and pg_restore are, when pg_config and Debian's place do not find them. */
  PG_BIN_DIR: z.string().min(1).optional(),
  MIGRATIONS_DIR: z.string().min(1).default("db/migrations"),
  /** Optional size quota for the database file in bytes (PRAGMA max_page_count); past it, saves fail cleanly as on a full disk. */
  DATABASE_MAX_BYTES: z.coerce.number().int().min(65536).optional(),
  /** SQLite synchronous setting in WAL mode: NORMAL survives process crashes; FULL also power loss, at about 3 ms per save here (decision 0015). */
  DATABASE_SYNCHRONOUS: z.enum(["NORMAL", "FULL"]).default("NORMAL"),
  /** PostgreSQL: connections each server process keeps in its pool. */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  /** Public origin, e.g. https://consult.example.org; used for links and the CSRF Origin check. */
  APP_ORIGIN: z.url().optional(),
  /** Cookie Secure flag; defaults to true in production. */
  SECURE_COOKIES: booleanFromString.optional(),
  SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** Allow an OpenID Connect issuer on plain HTTP (a provider on loopback in tests or development); never in production. */
  SSO_ALLOW_HTTP_ISSUER: booleanFromString.default(false),
  /** Sign-in (decision 0001): failed password sign-ins from one address, to any accounts, before delays start. Successes never count. */
  SIGN_IN_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100000).default(50),
  /** Failures for one account from one address (or from one browser it signed in on before) before delays start. */
  SIGN_IN_PAIR_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  /** Failures for one account from browsers it never signed in on, from any address, before delays start. */
  SIGN_IN_ACCOUNT_FAILURES: z.coerce.number().int().min(1).max(1000).default(10),
  /** The first delay; it doubles with each further failure up to SIGN_IN_DELAY_MAX_SECONDS. */
  SIGN_IN_DELAY_BASE_SECONDS: z.coerce.number().min(0.01).max(3600).default(1),
  SIGN_IN_DELAY_MAX_SECONDS: z.coerce.number().min(0.01).max(86400).default(900),
  /** Failures are forgotten after this long without another. */
  SIGN_IN_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86400).default(3600),
  /**
   * Citizen journey: new participants (Start now, resume codes, invitation links) per address per
   * hour. High enough for a drop-in session of a hundred people on one library's wifi (decision 0022).
   */
  JOURNEY_START_LIMIT: z.coerce.number().int().min(1).max(100000).default(300),
  /** Citizen journey: form posts (Continue, submit) per address per 10 minutes: the ceiling for a whole room. */
  JOURNEY_POST_LIMIT: z.coerce.number().int().min(1).max(1000000).default(6000),
  /** Citizen journey: form posts per participant (their cookie) per 10 minutes: one person answering fast stays far below it. */
  JOURNEY_POST_PARTICIPANT_LIMIT: z.coerce.number().int().min(1).max(1000000).default(300),
  /** The windows of those two limits. */
  JOURNEY_START_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86400).default(3600),
  JOURNEY_POST_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86400).default(600),
  /** Time a request body may take to arrive in full; a slower one (a slow-loris body) gets 408 and the connection is closed. */
  REQUEST_BODY_TIMEOUT_SECONDS: z.coerce.number().min(0.1).max(3600).default(60),
  /** Seconds a stopping server (SIGTERM) gives requests in flight to finish before it closes their connections. */
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().min(0).max(600).default(10),
  /** Behind a reverse proxy: client addresses, scheme and request ids are taken from its X-Forwarded-* / X-Request-Id headers. */
  TRUST_PROXY: booleanFromString.default(false),
  /** Log level of the JSON logs on standard output (read by app/ops/log.server.ts at start). */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Server processes sharing the port and the database (Node cluster, decision 0017); 1: one process. */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  /** Serves /bench/empty (an empty page in the app's layout), the baseline of `npm run bench`. Off by default. */
  BENCH_ROUTES: booleanFromString.default(false),
  /** Outgoing mail (SMTP). Unset: mail is captured locally when EMAIL_CAPTURE is on, else kept queued. */
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  /** true: TLS from the start (usually port 465); false: STARTTLS when the server offers it. */
  SMTP_SECURE: booleanFromString.default(false),
  /** Refuse to send unless the connection is upgraded with STARTTLS. */
  SMTP_REQUIRE_TLS: booleanFromString.default(false),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  /** Seconds to wait for the SMTP server to connect, greet or answer. */
  SMTP_TIMEOUT_SECONDS: z.coerce.number().min(1).max(600).default(20),
  EMAIL_FROM: z
    .string()
    .regex(/^(?:[^<>\r\n]{0,100}<[^@\s<>]+@[^@\s<>]+>|[^@\s<>]+@[^@\s<>]+)$/, "must be an address, e.g. Name <no-reply@example.org>")
    .default("Outcomes that matter <no-reply@localhost>"),
  /** Retry schedule for mail the SMTP server did not take: base × 2^(n-1), capped. */
  EMAIL_RETRY_BASE_SECONDS: z.coerce.number().min(0.1).max(86400).default(30),
  EMAIL_RETRY_MAX_SECONDS: z.coerce.number().min(0.1).max(604800).default(3600),
  /** Temporary (4xx) refusals of one message before it is marked failed. */
  EMAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(10),
  /** How often the sender looks for due mail (it is also woken when mail is queued). */
  EMAIL_POLL_SECONDS: z.coerce.number().min(0.05).max(3600).default(5),
  /** Capture mail in-process (shown to staff at /dev/mailbox) instead of sending it; default on when SMTP_HOST is unset outside production. */
  EMAIL_CAPTURE: booleanFromString.optional(),
});

export type Env = z.infer<typeof envSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  // Captured mail is held in the memory of the one process that runs the sender, which
  // /dev/mailbox, served by the others, could not read.
  if (result.data.WEB_CONCURRENCY > 1 && emailCaptureEnabled(result.data)) {
    throw new Error(
      "Invalid environment configuration:\n  WEB_CONCURRENCY: more than one process needs real SMTP (set SMTP_HOST, or EMAIL_CAPTURE=false to keep mail queued)",
    );
  }
  return result.data;
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Mail is captured locally (never sent) when asked, or by default without SMTP outside production. */
export function emailCaptureEnabled(e: Env = env()): boolean {
  return e.EMAIL_CAPTURE ?? (!e.SMTP_HOST && e.NODE_ENV !== "production");
}

export function secureCookies(): boolean {
  const e = env();
  return e.SECURE_COOKIES ?? e.NODE_ENV === "production";
}
