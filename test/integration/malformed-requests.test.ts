// Requests no action can read, against the real server: bodies counted as they stream (chunked,
// compressed, slow), a POST with no body or a body that is not a form to every action, sign-out
// whatever the body, Host headers that cannot make a URL, and Cache-Control on personal pages.
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, DEMO } from "../helpers/client";
import { rawExchange, rawRequest } from "../helpers/raw-http";
import { freePort, launchServer, makeSeededDatabase, type LaunchedServer } from "../helpers/server";

const BODY_TIMEOUT_SECONDS = 1.5;
const ERROR_PAGE = "Something was wrong with that request";

let server: LaunchedServer;
let dir: string;
beforeAll(async () => {
  const seeded = await makeSeededDatabase();
  dir = seeded.dir;
  server = await launchServer(seeded.dbPath, await freePort(), { REQUEST_BODY_TIMEOUT_SECONDS: String(BODY_TIMEOUT_SECONDS) });
});
afterAll(async () => {
  if (server && server.child.exitCode === null) {
    const exited = new Promise((r) => server.child.once("exit", r));
    server.child.kill("SIGTERM");
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

/** Peak and current resident memory of the server process, in MB (Linux /proc). */
function memoryMb(pid: number): { peak: number; now: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)![1]);
  return { peak: kb("VmHWM") / 1024, now: kb("VmRSS") / 1024 };
}

/** Sends up to `totalBytes` as a chunked body (no Content-Length), stopping once the server answers. */
function postChunked(path: string, totalBytes: number): Promise<{ status: number; sentMb: number; body: string; connection: string | undefined }> {
  return new Promise((resolve) => {
    const req = httpRequest(new URL(path, server.url), {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Transfer-Encoding": "chunked" },
    });
    const chunk = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    let status = 0;
    let body = "";
    let connection: string | undefined;
    const done = () => resolve({ status, sentMb: sent / 1024 / 1024, body, connection });
    req.on("response", (res) => {
      status = res.statusCode ?? 0;
      connection = res.headers.connection;
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => {
        req.destroy();
        done();
      });
    });
    req.on("error", done);
    const pump = () => {
      while (sent < totalBytes && status === 0) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (status === 0) req.end();
    };
    pump();
  });
}

describe("request bodies are counted as they stream", () => {
  it("a 100 MB chunked POST without an account is refused with 413 at the 12 MB cap, and the server's memory stays flat", { timeout: 120_000 }, async () => {
    const pid = server.child.pid!;
    // Warm up the route first so what is measured is the body, not the first render.
    await new Client(server.url).get("/resume");
    const before = memoryMb(pid);
    const started = Date.now();
    const result = await postChunked("/resume", 100 * 1024 * 1024);
    const after = memoryMb(pid);
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `100 MB chunked POST /resume: ${result.status} after ${result.sentMb.toFixed(1)} MB sent in ${seconds.toFixed(1)} s; ` +
        `server RSS ${before.now.toFixed(0)} → ${after.now.toFixed(0)} MB, peak ${before.peak.toFixed(0)} → ${after.peak.toFixed(0)} MB`,
    );
    expect(result.status).toBe(413);
    expect(result.connection).toBe("close");
    expect(result.body).toContain(ERROR_PAGE);
    // Reading stopped near the cap: the client could not push the whole 100 MB in.
    expect(result.sentMb).toBeLessThan(60);
    // Before counting bytes the whole body was read: RSS grew by over 300 MB.
    expect(after.peak - before.peak).toBeLessThan(60);
    // The server still answers.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it("a body within the cap still reaches the action, chunked or not", async () => {
    const res = await postChunked("/resume", 64 * 1024);
    // The journey's resume form, given a field it does not know: its own validation answers.
    expect(res.status).toBe(400);
    expect(res.body).not.toContain(ERROR_PAGE);
  });

  it("refuses a compressed body (Content-Encoding) with 415 instead of inflating it past the cap", async () => {
    for (const encoding of ["gzip", "deflate", "br"]) {
      const res = await fetch(`${server.url}/resume`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Encoding": encoding },
        body: gzipSync(Buffer.alloc(1024 * 1024, "a")),
      });
      expect(res.status, encoding).toBe(415);
      expect(await res.text()).toContain(ERROR_PAGE);
    }
  });

  it("a slow-loris body times out with 408 and the connection is closed, instead of being held open", async () => {
    let trickle: NodeJS.Timeout | undefined;
    const res = await rawExchange(
      server.url,
      (socket) => {
        socket.write(
          ["POST /resume HTTP/1.1", "Host: localhost", "Content-Type: application/x-www-form-urlencoded", "Content-Length: 100000", "", "code="].join("\r\n"),
        );
        trickle = setInterval(() => socket.writable && socket.write("a"), 200);
      },
      20_000,
    );
    clearInterval(trickle);
    expect(res.status).toBe(408);
    expect(res.body).toContain(ERROR_PAGE);
    expect(res.closed).toBe(true);
    expect(res.closedAfterMs).toBeLessThan(BODY_TIMEOUT_SECONDS * 1000 + 3000);
  });
});

/** Every route module with an action, as a URL into the seeded data (each parameter given a seeded value). */
function actionPaths(): string[] {
  const values: Record<string, string> = {
    number: "1",
    questionId: "1",
    groupId: "1",
    memberId: "2",
    locale: "en",
    answerId: "1",
    token: "not-a-token",
    code: "H1",
    indicator: "1",
    qid: "1",
  };
  return readdirSync("app/routes")
    .filter((file) => /export (async )?function action|export \{[^}]*\baction\b/.test(readFileSync(`app/routes/${file}`, "utf8")))
    .map((file) => {
      const segments = file
        .replace(/\.tsx?$/, "")
        .split(".")
        .filter((s) => s !== "_index")
        .map((s) => s.replace(/_$/, "").replace(/^\[(.*)\]$/, "$1"));
      return (
        "/" +
        segments
          .map((s, i) =>
            s === "$slug" ? (segments[i - 1] === "partnerships" ? "south-nottinghamshire" : "joined-up-care") : s.startsWith("$") ? values[s.slice(1)] : s,
          )
          .join("/")
      );
    });
}

describe("a POST no action can read", () => {
  it("answers 415 (no body, JSON, text) or 400 (broken multipart) with the error page on every action, never a 500", { timeout: 120_000 }, async () => {
    const officer = new Client(server.url);
    expect((await officer.signIn(DEMO.officer.email, DEMO.officer.password)).status).toBe(302);
    const paths = actionPaths().filter((p) => p !== "/sign-out");
    expect(paths.length).toBeGreaterThan(35);
    const bodies: Array<{ label: string; headers: Record<string, string>; body?: string; status: number }> = [
      { label: "no body", headers: {}, status: 415 },
      { label: "JSON", headers: { "Content-Type": "application/json" }, body: '{"intent":"publish"}', status: 415 },
      { label: "text", headers: { "Content-Type": "text/plain" }, body: "intent=publish", status: 415 },
      { label: "broken multipart", headers: { "Content-Type": "multipart/form-data; boundary=x" }, body: "--x\r\nnot a part", status: 400 },
      { label: "multipart without a boundary", headers: { "Content-Type": "multipart/form-data" }, body: "intent=publish", status: 400 },
    ];
    for (const path of paths) {
      for (const { label, headers, body, status } of bodies) {
        const res = await officer.request(path, { method: "POST", headers: { Origin: server.url, ...headers }, body });
        const html = await res.text();
        expect(res.status, `${path}: ${label}`).toBe(status);
        expect(html, `${path}: ${label}`).toContain(ERROR_PAGE);
      }
      // The same through Remix's data requests (JavaScript on).
      const data = await officer.request(`${path}?_data=root`, { method: "POST", headers: { Origin: server.url } });
      expect(data.status, `${path}?_data`).toBe(415);
    }
  });

  it("sign-out signs out whatever the body: none, JSON, an unknown scope", async () => {
    const cases: Array<{ headers: Record<string, string>; body?: string }> = [
      { headers: {} },
      { headers: { "Content-Type": "application/json" }, body: "{}" },
      { headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "scope=nowhere" },
      { headers: { "Content-Type": "multipart/form-data; boundary=x" }, body: "garbage" },
    ];
    for (const { headers, body } of cases) {
      const officer = new Client(server.url);
      await officer.signIn(DEMO.officer.email, DEMO.officer.password);
      const session = officer.cookie("session")!;
      expect((await officer.get("/dashboard")).status).toBe(200);
      const res = await officer.request("/sign-out", { method: "POST", headers: { Origin: server.url, ...headers }, body });
      expect(res.status, JSON.stringify(headers)).toBe(302);
      expect(res.headers.get("location")).toBe("/?signedOut=1");
      // The session is gone on the server, not only from this browser.
      const replay = new Client(server.url);
      replay.setCookie("session", session);
      expect((await replay.get("/dashboard")).status, JSON.stringify(headers)).toBe(302);
    }
  });
});

describe("Host headers that cannot make a URL", () => {
  it("answer 400 with the error page (x:99999, a b, [::1, and the same behind a proxy)", async () => {
    for (const host of ["x:99999", "a b", "[::1", "a/b", "a@b", ""]) {
      const res = await rawRequest(server.url, ["GET / HTTP/1.1", `Host: ${host}`]);
      expect(res.status, `Host: ${host}`).toBe(400);
      if (host !== "") expect(res.body, `Host: ${host}`).toContain(ERROR_PAGE);
    }
    for (const header of ["X-Forwarded-Host: x:99999", "X-Forwarded-Host: a b", "X-Forwarded-Proto: a b"]) {
      const res = await rawRequest(server.url, ["GET / HTTP/1.1", "Host: localhost", header]);
      expect(res.status, header).toBe(400);
      expect(res.body, header).toContain(ERROR_PAGE);
    }
    // A POST with a bad Host is refused before its body is read.
    const post = await rawRequest(
      server.url,
      ["POST /resume HTTP/1.1", "Host: [::1", "Content-Type: application/x-www-form-urlencoded", "Content-Length: 6"],
      "code=x",
    );
    expect(post.status).toBe(400);
    for (const host of ["localhost", `localhost:${new URL(server.url).port}`, "127.0.0.1:1", "[::1]:3000", "consult.example.org"]) {
      expect((await rawRequest(server.url, ["GET /healthz HTTP/1.1", `Host: ${host}`])).status, `Host: ${host}`).toBe(200);
    }
  });
});

describe("Cache-Control", () => {
  it("is private, no-store on pages behind sign-in, their ?_data= responses, and the citizen's own pages", async () => {
    const officer = new Client(server.url);
    await officer.signIn(DEMO.officer.email, DEMO.officer.password);
    for (const path of [
      "/dashboard",
      "/dashboard?_data=routes/dashboard",
      "/consultations/joined-up-care",
      "/consultations/joined-up-care?_data=routes/consultations.$slug._index",
      "/partnerships/south-nottinghamshire/groups",
    ]) {
      const res = await officer.get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("cache-control"), path).toBe("private, no-store");
    }
    const citizen = new Client(server.url);
    for (const path of ["/s/joined-up-care", "/s/joined-up-care?_data=routes/s.$slug._index", "/sign-in"]) {
      const res = await citizen.get(path);
      expect(res.headers.get("cache-control"), path).toBe("private, no-store");
    }
    // A response that says how it may be cached keeps its own header.
    expect((await citizen.get("/healthz")).headers.get("cache-control")).toBe("no-store");
  });
});
