// Request checks done before Remix sees a request: the Host header, the body's type and
// encoding, and reading the body with its size counted as it streams and a time limit.
// Plain JS because the server entry runs without a TypeScript step.

/** Media types the app's actions read (every action reads `request.formData()`). */
const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);

/**
 * Whether a Host (or X-Forwarded-Host) value is a host name, IPv4 or bracketed IPv6 address
 * with an optional port in range: `x:99999`, `a b` and `[::1` are not, and would otherwise
 * fail to make the request URL (a 500) further in.
 */
export function validHost(value) {
  if (typeof value !== "string" || value.length === 0 || value.length > 255) return false;
  const match = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+)(?::(\d{1,5}))?$/.exec(value);
  if (!match) return false;
  if (match[1] !== undefined && Number(match[1]) > 65535) return false;
  try {
    new URL(`http://${value}/`);
    return true;
  } catch {
    return false;
  }
}

/**
 * Why a request body cannot be what an action reads, or null when it can: a compressed body
 * (Content-Encoding) is refused rather than inflated, so the size cap counts what is parsed;
 * a body that is not a form is refused too. Both are 415 Unsupported Media Type.
 */
export function unsupportedBody(headers) {
  const encoding = (headers["content-encoding"] ?? "").trim().toLowerCase();
  if (encoding !== "" && encoding !== "identity") return `Content-Encoding: ${encoding}`;
  const type = mediaType(headers["content-type"]);
  if (!FORM_TYPES.has(type)) return `Content-Type: ${type || "(none)"}`;
  return null;
}

export function mediaType(contentType) {
  return (contentType ?? "").split(";")[0].trim().toLowerCase();
}

export class BodyError extends Error {
  /** @param {400 | 408 | 413} status */
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/**
 * Reads the whole body of `req`, counting bytes as they arrive, chunked or not: past
 * `maxBytes` it stops reading and rejects with 413, so a body with no (or a false)
 * Content-Length never grows past the cap in memory. A body that has not arrived in full
 * within `timeoutMs` (a slow-loris body) rejects with 408, and so does one the client abandons.
 * @returns {Promise<Buffer>}
 */
export function readBody(req, { maxBytes, timeoutMs }) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let total = 0;
    let settled = false;
    const finish = (error, value) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      req.off("close", onClose);
      if (error) {
        chunks.length = 0;
        // Stop taking data: what is still coming is neither parsed nor kept.
        req.pause();
        reject(error);
      } else resolve(value);
    };
    const onData = (chunk) => {
      total += chunk.length;
      if (total > maxBytes) return finish(new BodyError(413, `body over ${maxBytes} bytes`));
      chunks.push(chunk);
    };
    const onEnd = () => finish(null, Buffer.concat(chunks, total));
    const onError = () => finish(new BodyError(400, "body stream failed"));
    const onClose = () => finish(new BodyError(400, "client closed the connection before the body ended"));
    const timer = setTimeout(() => finish(new BodyError(408, `body not received within ${timeoutMs} ms`)), timeoutMs);
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
    req.on("close", onClose);
  });
}

/** A multipart body's form, or null when it does not parse (undici's parser would otherwise throw inside an action: a 500). */
export async function parseMultipart(body, contentType) {
  try {
    return await new Response(body, { headers: { "Content-Type": contentType } }).formData();
  } catch {
    return null;
  }
}
