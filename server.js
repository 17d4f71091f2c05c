// Production server: Express serving the Remix build, with security headers,
// a per-request CSP nonce and the CSRF check in front of every mutation.
import cluster from "node:cluster";
import { createServer } from "node:http";
import compression from "compression";
import express from "express";
import { requestLogging } from "./server/logger.js";
import { closeAfterResponse, createRemixHandler } from "./server/remix-handler.js";
import { validHost } from "./server/request-body.js";
import { createNonce, crossSiteReason, securityHeaders } from "./server/security.js";

const production = process.env.NODE_ENV === "production";
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const allowedOrigin = process.env.APP_ORIGIN;
/** Largest request body accepted, counted as it arrives (uploads are 1 MB at most; forms far less). */
const maxBodyBytes = 12 * 1024 * 1024;

const build = await import("./build/index.js");
const { logger, closeDatabase } = build.entry.module;
// Validate configuration and open (and migrate) the database before accepting traffic. A bad
// setting stops the server with the message naming it, not a stack trace.
/** WEB_CONCURRENCY: server processes sharing the port and the database. */
let processes = 1;
/** REQUEST_BODY_TIMEOUT_SECONDS: time allowed for a request body to arrive in full. */
let bodyTimeoutSeconds = 60;
/** SHUTDOWN_GRACE_SECONDS: time requests in flight get to finish once SIGTERM arrives. */
let shutdownGraceSeconds = 10;
/** TRUST_PROXY: take client addresses, scheme and request ids from the reverse proxy's headers. */
let trustProxy = false;
try {
  ({ processes, bodyTimeoutSeconds, shutdownGraceSeconds, trustProxy } = await build.entry.module.boot());
} catch (error) {
  console.error(error instanceof Error && /^(Invalid environment configuration|Cannot start)/.test(error.message) ? error.message : error);
  process.exit(1);
}

if (cluster.isPrimary && processes > 1) {
  // The primary migrated the database above, runs the email sender and the retention sweep
  // (one of each), and keeps `processes` workers serving HTTP (decision 0017).
  primary(processes, await build.entry.module.startBackgroundWork());
} else {
  // The email sender loop (outbox → SMTP, with retries) runs beside the HTTP server, in one process only.
  serve(cluster.isWorker ? null : await build.entry.module.startBackgroundWork());
}

function primary(count, background) {
  let stopping = false;
  for (let i = 0; i < count; i++) cluster.fork();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    logger.error({ worker: worker.process.pid, exit: signal ?? code }, "server process exited; starting another");
    cluster.fork();
  });
  for (const signal of ["SIGTERM", "SIGINT"]) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, "stopping: server processes finish the requests they have");
      const stopped = background.stop().catch((error) => logger.error({ err: String(error) }, "background work did not stop cleanly"));
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
      // Each worker drains itself within the grace period; the primary closes the database last.
      cluster.on("exit", () => {
        if (Object.keys(cluster.workers ?? {}).length > 0) return;
        void stopped.then(() => {
          void closeDatabase()
            .catch((error) => logger.error({ err: String(error) }, "database did not close cleanly"))
            .finally(() => {
              logger.info("stopped");
              process.exit(0);
            });
        });
      });
      setTimeout(() => process.exit(1), (shutdownGraceSeconds + 5) * 1000).unref();
    });
  }
  logger.info({ processes: count, port }, `Outcomes co-design platform: ${count} server processes on http://localhost:${port}`);
}

function serve(background) {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", trustProxy);
  let stopping = false;
  // First: every request gets its id and one log line, whatever answers it.
  app.use(requestLogging({ trustProxy, logger }));
  app.use((req, res, next) => {
    if (!stopping) return next();
    // Draining: a load balancer polling /readyz takes this server out; kept-alive connections
    // are closed after their current response, so clients reconnect to a server that stays.
    res.setHeader("Connection", "close");
    if (req.path === "/readyz") {
      res
        .status(503)
        .type("application/json")
        .send(JSON.stringify({ ready: false, stopping: true }));
      return;
    }
    next();
  });
  const remix = createRemixHandler({
    build,
    mode: production ? "production" : "development",
    // The database is opened once per process at start-up (SQLite file or PostgreSQL pool) and
    // handed to routes here; routes pass it to services and never open it themselves.
    getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce, setCookies: [], db: build.entry.module.getDb() }),
    maxBodyBytes,
    bodyTimeoutMs: bodyTimeoutSeconds * 1000,
  });

  app.use((req, res, next) => {
    // A response sent before the request body was read (a 403 or a redirect to sign in answered
    // from the guard) leaves the rest of the body unread; the Remix adapter's paused stream would
    // then wedge the kept-alive connection for the next request. Discard what is left instead.
    res.on("finish", () => {
      if (!req.complete && !res.locals.closeConnection) {
        req.removeAllListeners("data");
        req.resume();
      }
    });
    // The address rate limits use: Express's req.ip honours X-Forwarded-For only with TRUST_PROXY.
    req.headers["x-client-address"] = req.ip ?? req.socket.remoteAddress ?? "unknown";
    const nonce = createNonce();
    res.locals.cspNonce = nonce;
    for (const [name, value] of Object.entries(securityHeaders(nonce, { production }))) res.setHeader(name, value);
    // A Host (or, behind a trusted proxy, forwarded host or scheme) that cannot make a URL.
    const forwardedHost = app.get("trust proxy") ? req.headers["x-forwarded-host"] : undefined;
    if (!validHost(req.headers.host) || (forwardedHost !== undefined && !validHost(forwardedHost)) || !["http", "https"].includes(req.protocol)) {
      remix.sendErrorPage(req, res, 400).catch(next);
      return;
    }
    // A declared length over the cap is refused before reading; the rest are counted as they arrive.
    if (Number(req.headers["content-length"] ?? 0) > maxBodyBytes) {
      closeAfterResponse(req, res);
      remix.sendErrorPage(req, res, 413).catch(next);
      return;
    }
    const ownOrigin = `${req.protocol}://${req.get("host")}`;
    const reason = crossSiteReason({ method: req.method, headers: req.headers, ownOrigin, allowedOrigin });
    if (reason) {
      res.status(403).type("text/plain").send("This request came from another site and was refused.");
      return;
    }
    next();
  });

  // A page opened with ?lng= (a shared or invitation link) keeps that language for the whole visit.
  const { queryLocaleCookie } = build.entry.module;
  app.use((req, res, next) => {
    const cookie = queryLocaleCookie(req.method, req.path, req.query.lng, req.headers.cookie);
    if (cookie) res.append("Set-Cookie", cookie);
    next();
  });

  // Published summaries are the same for everyone: answered from the rendered cache
  // (per path and locale, filled by the Remix routes) without compression or Remix.
  const { lookupPublished, notModified } = build.entry.module;
  app.use(async (req, res, next) => {
    // Express 4 does not catch a rejected promise: an error goes on to next(), as when this was synchronous.
    try {
      if ((req.method !== "GET" && req.method !== "HEAD") || !req.path.startsWith("/summaries/")) return next();
      const lng = typeof req.query.lng === "string" ? req.query.lng : null;
      // It reads the database's content version (so a page changed through another server is not served stale).
      const hit = await lookupPublished(req.path, { lng, cookie: req.headers.cookie, acceptLanguage: req.headers["accept-language"] });
      if (!hit) return next();
      const gzip = hit.gzip !== null && /\bgzip\b/.test(req.headers["accept-encoding"] ?? "");
      const headers = { ...hit.headers, ETag: gzip ? `${hit.etag.slice(0, -1)}-gzip"` : hit.etag, "X-Cache": "hit" };
      if (notModified(req.headers["if-none-match"], hit.etag)) {
        res.writeHead(304, headers);
        res.end();
        return;
      }
      const body = gzip ? hit.gzip : hit.body;
      if (gzip) headers["Content-Encoding"] = "gzip";
      headers["Content-Length"] = String(body.length);
      res.writeHead(hit.status, headers);
      res.end(req.method === "HEAD" ? undefined : body);
    } catch (error) {
      next(error);
    }
  });

  app.use(compression());
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  // Other public files all have an extension (styles, icons, GOV.UK assets): page requests skip
  // the file system lookup (a failed stat on every page cost about a twentieth of its time).
  const publicFiles = express.static("public", { maxAge: "1h" });
  app.use((req, res, next) => (/\.[A-Za-z0-9]+$/.test(req.path) ? publicFiles(req, res, next) : next()));

  app.all("*", remix);

  const server = createServer(app).listen(port, host, () => {
    logger.info({ port }, `Outcomes co-design platform listening on http://localhost:${port}`);
  });
  // Keep idle connections longer than clients and proxies do (they close first), so a request
  // sent on a reused connection never meets a socket the server is closing (ECONNRESET).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  // Graceful stop (SIGTERM from systemd, a container runtime or a deploy): stop accepting
  // connections, let requests in flight finish (up to SHUTDOWN_GRACE_SECONDS), stop the background
  // work, then close the database and exit 0. A second signal does not cut the drain short.
  for (const signal of ["SIGTERM", "SIGINT"]) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal, graceSeconds: shutdownGraceSeconds }, "stopping: finishing requests in flight");
      const stopped = background?.stop().catch((error) => logger.error({ err: String(error) }, "background work did not stop cleanly")) ?? Promise.resolve();
      server.close(() => {
        void stopped.then(() => {
          void closeDatabase()
            .catch((error) => logger.error({ err: String(error) }, "database did not close cleanly"))
            .finally(() => {
              logger.info("stopped");
              process.exit(0);
            });
        });
      });
      // Connections left idle by a finished request (kept alive by a client) hold close() open:
      // close them as they go idle, not only those idle at the signal.
      server.closeIdleConnections();
      setInterval(() => server.closeIdleConnections(), 100).unref();
      setTimeout(() => {
        logger.warn("stopping: grace period over, closing the connections still open");
        server.closeAllConnections();
      }, shutdownGraceSeconds * 1000).unref();
      setTimeout(() => process.exit(1), (shutdownGraceSeconds + 3) * 1000).unref();
    });
  }
}
