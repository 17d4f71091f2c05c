// Session fixation, cross-site posts to the public journey, and the public rate limits that
// hold and then recover.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, DEMO } from "../helpers/client";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ JOURNEY_START_LIMIT: "2", JOURNEY_START_WINDOW_SECONDS: "5", JOURNEY_POST_LIMIT: "3", JOURNEY_POST_WINDOW_SECONDS: "5" });
});
afterAll(async () => {
  await server?.stop();
});

const BASE = "/s/joined-up-care";

describe("sessions", () => {
  it("refuses session fixation: signing in always issues a new session, never adopts one planted in the browser", async () => {
    // The attacker's own valid session, planted in the victim's browser.
    const attacker = new Client(server.url);
    await attacker.signIn(DEMO.otherOfficer.email, DEMO.otherOfficer.password);
    const planted = attacker.cookie("session")!;
    const victim = new Client(server.url);
    victim.setCookie("session", planted);
    expect((await victim.signIn(DEMO.commissioner.email, DEMO.commissioner.password)).status).toBe(302);
    const issued = victim.cookie("session")!;
    expect(issued).not.toBe(planted);
    // The planted session stays the attacker's own: it gained nothing from the victim's sign-in.
    expect((await attacker.get("/consultations/joined-up-care/results")).status).toBe(403);
    expect((await victim.get("/consultations/joined-up-care/results")).status).toBe(200);
    // A made-up session value is ignored and replaced.
    const other = new Client(server.url);
    other.setCookie("session", "fixedsessionid.fixedsecretvalue");
    await other.signIn(DEMO.officer.email, DEMO.officer.password);
    expect(other.cookie("session")).not.toBe("fixedsessionid.fixedsecretvalue");
  });
});

describe("public journey", () => {
  it("refuses cross-site form posts to the journey", async () => {
    const res = await new Client(server.url).post(BASE, { website: "" }, { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" });
    expect(res.status).toBe(403);
  });

  it("limits new participants and answers per address, then recovers after the window", async () => {
    const from = (ip: string) => new Client(server.url, { "x-forwarded-for": ip });
    const starts = [];
    for (let i = 0; i < 3; i++) starts.push(await from("10.77.0.1").post(BASE, { website: "" }));
    expect(starts.map((r) => r.status)).toEqual([302, 302, 429]);
    expect(Number(starts[2].headers.get("Retry-After"))).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 5100));
    expect((await from("10.77.0.1").post(BASE, { website: "" })).status).toBe(302);
  });
});

describe("addresses for rate limits", () => {
  it("ignores X-Forwarded-For unless TRUST_PROXY is on, so a client cannot dodge a limit by inventing addresses", async () => {
    const direct = await startServer({ TRUST_PROXY: "false", JOURNEY_START_LIMIT: "2", JOURNEY_START_WINDOW_SECONDS: "60" });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++)
        statuses.push(
          (await new Client(direct.url, { "x-forwarded-for": `203.0.113.${i}`, "x-client-address": `198.51.100.${i}` }).post(BASE, { website: "" })).status,
        );
      expect(statuses).toEqual([302, 302, 429]);
    } finally {
      await direct.stop();
    }
  });
});
