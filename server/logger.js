// Structured logs: one JSON object per line on standard output (pino), for whatever collects a
// server's output (journald, a container runtime, a log shipper). Each request is logged once,
// when it ends, with a request id that is also sent back as X-Request-Id and handed to the
// application (errors logged while serving it carry the same id).
//
// No personal data: no addresses, no query strings (they can carry a language choice today and
// anything tomorrow), no cookies, no bodies, and secret links (invitations, joining links, file
// downloads) have their secret part replaced before the path is logged.
// The logger itself is the application's (app/ops/log.server.ts, handed over by server.js).
import { randomUUID } from "node:crypto";

/** A request id from a trusted proxy is kept when it is short and plain (it ends up in logs). */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export function requestIdOf(header, trustProxy) {
  return trustProxy && typeof header === "string" && REQUEST_ID.test(header) ? header : randomUUID();
}

/** Path segments that are secrets: the token after these prefixes. */
const SECRET_AFTER = new Set(["invite", "join", "reset", "verify"]);
/** A long unguessable segment anywhere (a token, a resume code in a path) is a secret too. */
const LONG_TOKEN = /^[A-Za-z0-9_-]{24,}$/;

/** The path as it may be logged: no query string, secret segments replaced by ":secret". */
export function loggablePath(url) {
  const path = String(url ?? "/")
    .split("?")[0]
    .split("#")[0];
  const parts = path.split("/");
  return parts
    .map((part, i) => (i > 0 && (SECRET_AFTER.has(parts[i - 1]) || LONG_TOKEN.test(part)) ? ":secret" : part))
    .join("/")
    .slice(0, 300);
}

/**
 * Express middleware: gives the request its id (X-Request-Id, also in `req.headers` for the
 * application) and logs it once, when the response finishes or the connection closes first.
 */
export function requestLogging({ trustProxy, logger }) {
  return (req, res, next) => {
    const id = requestIdOf(req.headers["x-request-id"], trustProxy);
    req.headers["x-request-id"] = id;
    res.setHeader("X-Request-Id", id);
    const started = process.hrtime.bigint();
    let logged = false;
    const done = () => {
      if (logged) return;
      logged = true;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const entry = { req_id: id, method: req.method, path: loggablePath(req.originalUrl ?? req.url), status: res.statusCode, ms: Math.round(ms * 10) / 10 };
      if (!res.writableFinished) entry.aborted = true;
      if (res.statusCode >= 500) logger.error(entry, "request failed");
      else logger.info(entry, "request");
    };
    res.on("finish", done);
    res.on("close", done);
    next();
  };
}
