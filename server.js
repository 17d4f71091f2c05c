// Production server: Express serving the Remix build, with security headers,
// a per-request CSP nonce and the CSRF check in front of every mutation.
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";
import { createNonce, crossSiteReason, securityHeaders } from "./server/security.js";

const production = process.env.NODE_ENV === "production";
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const allowedOrigin = process.env.APP_ORIGIN;

const build = await import("./build/index.js");
// Validate configuration and open (and migrate) the database before accepting traffic.
await build.entry.module.boot();
// The email sender loop (outbox → SMTP, with retries) runs beside the HTTP server.
const background = await build.entry.module.startBackgroundWork();

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", process.env.TRUST_PROXY === "true");
app.use(compression());

app.use((req, res, next) => {
  const nonce = createNonce();
  res.locals.cspNonce = nonce;
  for (const [name, value] of Object.entries(securityHeaders(nonce, { production }))) res.setHeader(name, value);
  const ownOrigin = `${req.protocol}://${req.get("host")}`;
  const reason = crossSiteReason({ method: req.method, headers: req.headers, ownOrigin, allowedOrigin });
  if (reason) {
    res.status(403).type("text/plain").send("This request came from another site and was refused.");
    return;
  }
  next();
});

app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));

app.all(
  "*",
  createRequestHandler({
    build,
    mode: production ? "production" : "development",
    getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce, setCookies: [] }),
  }),
);

const server = app.listen(port, host, () => {
  console.log(`Outcomes co-design platform listening on http://localhost:${port}`);
});

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => {
    void background.stop().catch(() => {});
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  });
}
