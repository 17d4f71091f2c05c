// The server keeps connections usable whatever a client sends, and bounds request bodies.
import { afterAll, beforeAll, expect, it } from "vitest";
import { Client, DEMO } from "../helpers/client";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

it("answers the next request on a kept-alive connection after refusing a large post unread", async () => {
  // An officer of another partnership is refused (403) before the body is read.
  const c = new Client(server.url);
  await c.signIn(DEMO.otherOfficer.email, DEMO.otherOfficer.password);
  for (let i = 0; i < 8; i++) {
    const big = await c.request("/consultations/joined-up-care/outcomes", { form: { a: "x".repeat(200_000) }, signal: AbortSignal.timeout(5000) });
    expect(big.status).toBe(403);
    const small = await c.request("/consultations/joined-up-care/outcomes", { form: { a: "y" }, signal: AbortSignal.timeout(5000) });
    expect(small.status).toBe(403);
  }
  const signedOut = new Client(server.url);
  for (let i = 0; i < 4; i++) {
    const big = await signedOut.request("/consultations/joined-up-care/results", { form: { a: "x".repeat(300_000) }, signal: AbortSignal.timeout(5000) });
    expect(big.status).toBe(302);
    expect((await signedOut.request("/healthz", { signal: AbortSignal.timeout(5000) })).status).toBe(200);
  }
});

it("refuses bodies over 12 MB with 413 before reading them", async () => {
  const res = await fetch(`${server.url}/sign-in`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url },
    body: new Uint8Array(13 * 1024 * 1024).fill(0x61),
  }).catch((e: Error) => e);
  // Either the 413 arrives, or the server closed the connection while the client was still sending.
  if (res instanceof Error) expect(String(res.cause ?? res.message)).toMatch(/ECONNRESET|EPIPE|other side closed|socket/i);
  else expect(res.status).toBe(413);
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
});
