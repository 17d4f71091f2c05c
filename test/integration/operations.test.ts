/**
 * Running the server: one JSON log line per request with a request id (sent back as X-Request-Id)
 * and no personal data; a graceful stop on SIGTERM that lets a request in flight finish, refuses
 * new connections, closes the database and exits 0.
 */
import { existsSync, rmSync } from "node:fs";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, launchServer, makeSeededDatabase, type LaunchedServer } from "../helpers/server";

let dir: string;
let dbPath: string;
beforeAll(async () => {
  ({ dir, dbPath } = await makeSeededDatabase());
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const lines = (server: LaunchedServer) =>
  server
    .output()
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

function exitOf(server: LaunchedServer): Promise<{ code: number | null; signal: string | null }> {
  if (server.child.exitCode !== null || server.child.signalCode !== null)
    return Promise.resolve({ code: server.child.exitCode, signal: server.child.signalCode });
  return new Promise((resolve) => server.child.once("exit", (code, signal) => resolve({ code, signal })));
}

describe("structured logs", () => {
  let server: LaunchedServer;
  beforeAll(async () => {
    server = await launchServer(dbPath, await freePort(), { TRUST_PROXY: "false" });
  });
  afterAll(async () => {
    server.child.kill("SIGTERM");
    await exitOf(server);
  });

  it("logs every request once as JSON with its id, status and time, and sends the id back", async () => {
    const res = await fetch(`${server.url}/s/joined-up-care?lng=cy`);
    expect(res.status).toBe(200);
    const id = res.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await new Promise((r) => setTimeout(r, 100));
    const entry = lines(server).filter((l) => l.req_id === id);
    expect(entry).toHaveLength(1);
    expect(entry[0]).toMatchObject({ level: "info", msg: "request", method: "GET", path: "/s/joined-up-care", status: 200 });
    expect(typeof entry[0].ms).toBe("number");
    expect(typeof entry[0].time).toBe("string");
    // No query string (it is not logged at all), no address, no cookies or headers.
    expect(JSON.stringify(entry[0])).not.toContain("lng=");
    expect(JSON.stringify(entry[0])).not.toContain("127.0.0.1");
  });

  it("replaces the secret in invitation and joining links, and ignores a client's own request id without a trusted proxy", async () => {
    const secret = "k3y-that-must-never-reach-a-log-file-0123456789";
    const res = await fetch(`${server.url}/invite/${secret}`, { headers: { "X-Request-Id": "chosen-by-client" }, redirect: "manual" });
    const id = res.headers.get("x-request-id")!;
    expect(id).not.toBe("chosen-by-client");
    await fetch(`${server.url}/join/${secret}`, { redirect: "manual" });
    await new Promise((r) => setTimeout(r, 100));
    expect(server.output()).not.toContain(secret);
    const paths = lines(server).map((l) => l.path);
    expect(paths).toContain("/invite/:secret");
    expect(paths).toContain("/join/:secret");
  });

  it("a sign-in attempt logs no email address or password", async () => {
    const body = new URLSearchParams({ email: "someone.private@example.org", password: "not-in-the-log-1" });
    const res = await fetch(`${server.url}/sign-in`, { method: "POST", body, headers: { Origin: server.url }, redirect: "manual" });
    expect(res.status).toBeLessThan(500);
    await new Promise((r) => setTimeout(r, 100));
    expect(server.output()).not.toContain("someone.private");
    expect(server.output()).not.toContain("not-in-the-log-1");
    expect(lines(server).some((l) => l.method === "POST" && l.path === "/sign-in")).toBe(true);
  });
});

describe("graceful stop", () => {
  it("on SIGTERM finishes the request in flight, refuses new connections, closes the database and exits 0", async () => {
    const port = await freePort();
    const server = await launchServer(dbPath, port, { SHUTDOWN_GRACE_SECONDS: "10" });
    // A sign-in form whose body arrives slowly: the request is in flight when the signal comes.
    const body = new URLSearchParams({ email: "nobody@example.org", password: "wrong-password-123" }).toString();
    const response = new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: "127.0.0.1",
          port,
          path: "/sign-in",
          method: "POST",
          headers: {
            "Content-Type": "application/x-www-form-urlencoded",
            "Content-Length": Buffer.byteLength(body),
            Origin: server.url.replace("localhost", "127.0.0.1"),
          },
        },
        (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        },
      );
      req.on("error", reject);
      req.write(body.slice(0, 10));
      setTimeout(() => req.end(body.slice(10)), 1500);
    });
    await new Promise((r) => setTimeout(r, 300));
    const exited = exitOf(server);
    server.child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 300));
    // Still running (the request is not done), but no longer accepting.
    expect(server.child.exitCode).toBeNull();
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    const status = await response;
    expect(status).toBeGreaterThanOrEqual(200);
    expect(status).toBeLessThan(500);
    expect(await exited).toEqual({ code: 0, signal: null });
    // The connection was closed cleanly: SQLite folded its write-ahead log back into the file.
    expect(existsSync(`${dbPath}-wal`)).toBe(false);
    const said = lines(server).map((l) => l.msg);
    expect(said).toContain("stopping: finishing requests in flight");
    expect(said).toContain("stopped");
  });
});

describe("a PostgreSQL address", () => {
  it("that cannot be reached stops the server at start with a one-line message, never falling back to the SQLite file", async () => {
    const start = launchServer(dbPath, await freePort(), { DATABASE_URL: "postgres://app@127.0.0.1:1/app" });
    await expect(start).rejects.toThrow(
      /Cannot start: the PostgreSQL database at DATABASE_URL \(127\.0\.0\.1:1\/app\) could not be opened and migrated: .*ECONNREFUSED/,
    );
    await expect(start).rejects.not.toThrow(/at .*\.js:\d+/);
    await expect(launchServer(dbPath, await freePort(), { DATABASE_URL: "mysql://x" })).rejects.toThrow(
      /DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ address/,
    );
  });
});
