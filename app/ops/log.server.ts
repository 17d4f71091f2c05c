/**
 * The one logger: JSON lines on standard output (pino), level from LOG_LEVEL (default "info";
 * "silent" turns it off). server.js uses the same instance for its request log, so every line a
 * server prints has one shape: `time`, `level`, `pid`, `msg`, and `req_id` where a request is in
 * hand. Log ids and counts, never personal data (names, emails, answers, addresses).
 */
import pino from "pino";

const LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
type Level = (typeof LEVELS)[number];

function levelFrom(value: string | undefined): Level {
  return (LEVELS as readonly string[]).includes(value ?? "") ? (value as Level) : "info";
}

export const logger = pino({
  level: levelFrom(process.env.LOG_LEVEL),
  base: { pid: process.pid },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
});

/** An error as log fields: its name, message and stack (the stack stays in the log, never on a page). */
export function errorFields(error: unknown): { err: { type: string; message: string; stack?: string } } {
  if (error instanceof Error) return { err: { type: error.name, message: error.message, stack: error.stack } };
  return { err: { type: typeof error, message: String(error) } };
}

/** The id server.js gave the request being served (X-Request-Id), for lines logged while serving it. */
export function requestIdOf(request: Request): string | undefined {
  return request.headers.get("x-request-id") ?? undefined;
}
