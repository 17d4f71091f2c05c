import { z } from "zod";

/**
 * Every environment variable the server reads, validated once at boot.
 * A bad value stops the server with a message naming the variable.
 */
const booleanFromString = z
  .enum(["true", "false", "1", "0"])
  .transform((v) => v === "true" || v === "1");

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_PATH: z.string().min(1).default("data/app.db"),
  MIGRATIONS_DIR: z.string().min(1).default("db/migrations"),
  /** Public origin, e.g. https://consult.example.org; used for links and the CSRF Origin check. */
  APP_ORIGIN: z.url().optional(),
  /** Cookie Secure flag; defaults to true in production. */
  SECURE_COOKIES: booleanFromString.optional(),
  SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  SIGN_IN_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(1000).default(10),
  SIGN_IN_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86400).default(900),
  ACCOUNT_LOCK_THRESHOLD: z.coerce.number().int().min(1).max(1000).default(10),
  ACCOUNT_LOCK_MINUTES: z.coerce.number().int().min(1).max(10080).default(15),
});

export type Env = z.infer<typeof envSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export function secureCookies(): boolean {
  const e = env();
  return e.SECURE_COOKIES ?? e.NODE_ENV === "production";
}
