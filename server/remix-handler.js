// The Express handler in front of the Remix build (in place of @remix-run/express's own):
// it reads every request body itself, counted as it streams, before any loader or action
// runs, and answers a body that no action could read (too large, too slow, compressed, not a
// form, a broken multipart) with the app's error page and a 4xx, never a 500 from deep inside
// `request.formData()`. Responses that set no Cache-Control get `private, no-store`.
import { createRequestHandler, writeReadableStreamToWritable } from "@remix-run/node";
import { BodyError, mediaType, parseMultipart, readBody, unsupportedBody } from "./request-body.js";

/** Pages and data that do not say otherwise are personal or behind sign-in: never stored by a browser or proxy. */
export const DEFAULT_CACHE_CONTROL = "private, no-store";

/** Methods whose body an action reads (forms post; Remix also routes PUT, PATCH and DELETE to actions). */
const BODY_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Routes whose action must run whatever the body: sign-out signs out even when the form is
 * missing or malformed (it is then given an empty form, i.e. "sign out on this device").
 */
const RUNS_WITH_ANY_BODY = new Set(["/sign-out"]);

/**
 * NUL characters are dropped from every form field before any action reads it: no one types them,
 * PostgreSQL's text cannot hold them, and every form would otherwise need its own check. Url-encoded
 * bodies lose `%00` (and raw 0 bytes); a multipart body whose text fields hold one is encoded again
 * without it, its files untouched. `form` is the multipart body already parsed. Resolves to the
 * body and its content type (a new boundary when re-encoded).
 * @param {Buffer} body
 * @param {string | null | undefined} contentType
 * @param {FormData | null} [form]
 */
export async function withoutNul(body, contentType, form = null) {
  const type = mediaType(contentType ?? "");
  if (type === "application/x-www-form-urlencoded") {
    if (!body.includes(0) && !body.includes("%00")) return { body, contentType };
    return { body: Buffer.from(body.toString("latin1").replaceAll("%00", "").replaceAll("\u0000", ""), "latin1"), contentType };
  }
  if (type !== "multipart/form-data" || !form) return { body, contentType };
  const entries = [...form.entries()];
  if (!entries.some(([, v]) => typeof v === "string" && v.includes("\u0000"))) return { body, contentType };
  const clean = new FormData();
  for (const [k, v] of entries) clean.append(k, typeof v === "string" ? v.replaceAll("\u0000", "") : v);
  const encoded = new Response(clean);
  return { body: Buffer.from(await encoded.arrayBuffer()), contentType: encoded.headers.get("content-type") };
}

export function createRemixHandler({ build, mode, getLoadContext, maxBodyBytes, bodyTimeoutMs }) {
  const handle = createRequestHandler(build, mode);

  async function send(req, res, request) {
    const response = await handle(request, getLoadContext(req, res));
    if (res.headersSent || res.destroyed) return;
    if (!response.headers.has("Cache-Control")) res.setHeader("Cache-Control", DEFAULT_CACHE_CONTROL);
    await sendRemixResponse(res, response);
  }

  /** The app's error page for `status` (in the visitor's language, from their cookie and Accept-Language). */
  async function sendErrorPage(req, res, status) {
    const headers = createRemixHeaders(req.headers);
    for (const name of ["content-type", "content-length", "content-encoding", "transfer-encoding"]) headers.delete(name);
    await send(req, res, new Request(`http://localhost/errors/${status}`, { method: "GET", headers }));
  }

  const handler = async (req, res, next) => {
    try {
      const controller = new AbortController();
      // Abort loaders and actions once no response can be written (`close` before `finish`).
      res.on("close", () => {
        if (!res.writableFinished) controller.abort();
      });
      const headers = createRemixHeaders(req.headers);
      let body;
      if (BODY_METHODS.has(req.method)) {
        const problem = await bodyProblem(req, res);
        if (problem !== null) {
          if (!RUNS_WITH_ANY_BODY.has(req.path)) return await sendErrorPage(req, res, problem);
          body = Buffer.alloc(0);
          headers.set("Content-Type", "application/x-www-form-urlencoded");
        } else {
          const clean = await withoutNul(res.locals.body, headers.get("content-type"), res.locals.form);
          body = clean.body;
          if (clean.contentType) headers.set("Content-Type", clean.contentType);
        }
        for (const name of ["content-length", "transfer-encoding"]) headers.delete(name);
        headers.set("Content-Length", String(body.length));
      }
      await send(req, res, new Request(requestUrl(req), { method: req.method, headers, body, signal: controller.signal }));
    } catch (error) {
      next(error);
    }
  };
  handler.sendErrorPage = sendErrorPage;
  return handler;

  /** Reads the body into res.locals.body; returns the status to answer instead, or null. */
  async function bodyProblem(req, res) {
    if (unsupportedBody(req.headers) !== null) return 415;
    try {
      res.locals.body = await readBody(req, { maxBytes: maxBodyBytes, timeoutMs: bodyTimeoutMs });
    } catch (error) {
      if (!(error instanceof BodyError)) throw error;
      if (error.status !== 400) closeAfterResponse(req, res);
      return error.status;
    }
    if (mediaType(req.headers["content-type"]) === "multipart/form-data") {
      res.locals.form = await parseMultipart(res.locals.body, req.headers["content-type"]);
      if (!res.locals.form) return 400;
    }
    return null;
  }
}

/** The request's headers as a Fetch API Headers object (as @remix-run/express makes them). */
function createRemixHeaders(requestHeaders) {
  const headers = new Headers();
  for (const [key, values] of Object.entries(requestHeaders)) {
    if (!values) continue;
    if (Array.isArray(values)) for (const value of values) headers.append(key, value);
    else headers.set(key, values);
  }
  return headers;
}

/** Writes a Fetch API response to Express's (as @remix-run/express does). */
async function sendRemixResponse(res, response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

/** As @remix-run/express builds it: req.hostname honours X-Forwarded-Host under "trust proxy"; the port comes from either header. */
function requestUrl(req) {
  const port = [req.get("X-Forwarded-Host"), req.get("host")]
    .map((value) => Number.parseInt(value?.split(":")[1] ?? "", 10))
    .find((n) => Number.isSafeInteger(n));
  return new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`).href;
}

/**
 * After refusing a body that is still arriving, close the connection rather than read the
 * rest: `Connection: close` on the answer, then the socket is destroyed shortly after it is
 * sent (long enough for the client to read it).
 */
export function closeAfterResponse(req, res) {
  res.locals.closeConnection = true;
  res.setHeader("Connection", "close");
  res.on("finish", () => setTimeout(() => req.socket.destroy(), 500).unref());
}
