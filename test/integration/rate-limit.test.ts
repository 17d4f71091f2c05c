import { afterAll, beforeAll, expect, it } from "vitest";
import { Client, DEMO } from "../helpers/client";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ SIGN_IN_MAX_ATTEMPTS: "3", SIGN_IN_WINDOW_SECONDS: "6" });
});
afterAll(async () => {
  await server?.stop();
});

it("limits sign-in attempts with a clear 429 and recovers after the window", async () => {
  const client = new Client(server.url);
  for (let i = 0; i < 3; i++) expect((await client.signIn("someone@example.org", "wrong-password")).status).toBe(400);
  const limited = await client.signIn(DEMO.officer.email, DEMO.officer.password);
  expect(limited.status).toBe(429);
  expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(await limited.text()).toContain("Too many attempts to sign in");
  await new Promise((r) => setTimeout(r, 6100));
  const ok = await client.signIn(DEMO.officer.email, DEMO.officer.password);
  expect(ok.status).toBe(302);
});
