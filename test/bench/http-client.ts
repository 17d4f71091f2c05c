/**
 * The load benchmark's HTTP client: node:http over kept-alive connections, cookies kept per
 * simulated participant, redirects not followed, bodies read (as a browser would) but not
 * decoded. It costs far less CPU than fetch, which matters when the load generator shares
 * the machine's two cores with the server it measures.
 */
import http from "node:http";

export interface BenchResponse {
  status: number;
  /** Where a redirect points: the Location header, or X-Remix-Redirect for a data request. */
  location: string | null;
  bytes: number;
}

export class BenchClient {
  readonly cookies = new Map<string, string>();
  constructor(
    private readonly agent: http.Agent,
    private readonly origin: URL,
    private readonly headers: Record<string, string> = {},
  ) {}

  setCookie(name: string, value: string) {
    this.cookies.set(name, value);
  }

  get(path: string): Promise<BenchResponse> {
    return this.send("GET", path, null);
  }

  post(path: string, form: Record<string, string>): Promise<BenchResponse> {
    return this.send("POST", path, new URLSearchParams(form).toString());
  }

  private send(method: string, path: string, body: string | null): Promise<BenchResponse> {
    const headers: Record<string, string> = { ...this.headers, "accept-encoding": "gzip", accept: "text/html" };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    if (body !== null) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      headers["content-length"] = String(Buffer.byteLength(body));
      headers.origin = this.origin.origin;
    }
    return new Promise((resolve, reject) => {
      const req = http.request({ agent: this.agent, host: this.origin.hostname, port: this.origin.port, method, path, headers }, (res) => {
        for (const line of res.headers["set-cookie"] ?? []) {
          const [pair, ...attrs] = line.split(";");
          const eq = pair.indexOf("=");
          const name = pair.slice(0, eq).trim();
          const value = pair.slice(eq + 1).trim();
          if (value === "" || attrs.some((a) => /max-age=0/i.test(a.trim()))) this.cookies.delete(name);
          else this.cookies.set(name, value);
        }
        let bytes = 0;
        res.on("data", (chunk: Buffer) => (bytes += chunk.length));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, location: (res.headers.location ?? res.headers["x-remix-redirect"] ?? null) as string | null, bytes }),
        );
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end(body ?? undefined);
    });
  }
}
