// Sign-in limits against the real server (OWASP ASVS V2.2, decision 0001): growing delays per
// (address, account) instead of a lock an attacker controls, successes never counted, and a
// browser that signed in before (its device cookie) let in despite attacks from elsewhere.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, DEMO } from "../helpers/client";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
beforeAll(async () => {
  server = await startServer({
    SIGN_IN_MAX_ATTEMPTS: "8",
    SIGN_IN_PAIR_FAILURES: "3",
    SIGN_IN_ACCOUNT_FAILURES: "5",
    SIGN_IN_DELAY_BASE_SECONDS: "1",
    SIGN_IN_DELAY_MAX_SECONDS: "60",
    SIGN_IN_WINDOW_SECONDS: "600",
  });
});
afterAll(async () => {
  await server?.stop();
});

let addresses = 0;
const from = (address = `10.18.${++addresses}.1`) => new Client(server.url, { "x-forwarded-for": address });
const wait = (seconds: number) => new Promise((r) => setTimeout(r, seconds * 1000 + 100));
const retryAfter = (res: Response) => Number(res.headers.get("retry-after"));

describe("sign-in limits", () => {
  it("never counts successes: an office behind one address signs in as often as it needs", async () => {
    const office = "10.18.200.1";
    for (let i = 0; i < 12; i++) {
      const account = [DEMO.officer, DEMO.commissioner, DEMO.admin][i % 3];
      expect((await from(office).signIn(account.email, account.password)).status, `sign-in ${i + 1}`).toBe(302);
    }
  });

  it("delays an (address, account) pair after its free failures, by a growing amount, never a lock", async () => {
    const attacker = from();
    for (let i = 0; i < 3; i++) expect((await attacker.signIn(DEMO.commissioner.email, `wrong-${i}`)).status).toBe(400);
    const delayed = await attacker.signIn(DEMO.commissioner.email, DEMO.commissioner.password);
    expect(delayed.status).toBe(429);
    expect(retryAfter(delayed)).toBe(1);
    expect(await delayed.text()).toContain("Too many attempts to sign in");
    // The same account from elsewhere is not held up by this pair.
    expect((await from().signIn(DEMO.commissioner.email, DEMO.commissioner.password)).status).toBe(302);
    // Once the delay has passed the pair may try again; another failure doubles the delay.
    await wait(1);
    expect((await attacker.signIn(DEMO.commissioner.email, "wrong-again")).status).toBe(400);
    const longer = await attacker.signIn(DEMO.commissioner.email, DEMO.commissioner.password);
    expect(longer.status).toBe(429);
    expect(retryAfter(longer)).toBe(2);
    await wait(2);
    expect((await attacker.signIn(DEMO.commissioner.email, DEMO.commissioner.password)).status).toBe(302);
  });

  it("treats an unknown account exactly like a known one, so delays reveal nothing", async () => {
    const statuses = async (email: string) => {
      const c = from();
      const out: number[] = [];
      for (let i = 0; i < 5; i++) out.push((await c.signIn(email, `wrong-${i}`)).status);
      return out;
    };
    expect(await statuses("nobody.here@south-notts.example")).toEqual([400, 400, 400, 429, 429]);
    expect(await statuses("commissioner.ccg@south-notts.example")).toEqual([400, 400, 400, 429, 429]);
  });

  it("limits one address trying many accounts (password spraying), successes aside", async () => {
    const sprayer = from();
    const statuses: number[] = [];
    for (let i = 0; i < 9; i++) statuses.push((await sprayer.signIn(`user${i}@spray.example`, "Winter2026!")).status);
    expect(statuses).toEqual([400, 400, 400, 400, 400, 400, 400, 400, 429]);
  });

  it("sends the device cookie to the sign-in form only, HttpOnly and SameSite=Strict", async () => {
    const res = await from().signIn(DEMO.admin.email, DEMO.admin.password);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("device="))!;
    expect(cookie).toMatch(/Path=\/sign-in/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Secure/);
  });
});

describe("device cookies", () => {
  // Long delays here, so that the account is still held up while the test runs.
  let slow: TestServer;
  beforeAll(async () => {
    slow = await startServer({ SIGN_IN_PAIR_FAILURES: "3", SIGN_IN_ACCOUNT_FAILURES: "5", SIGN_IN_DELAY_BASE_SECONDS: "60" });
  });
  afterAll(async () => {
    await slow?.stop();
  });
  const fromAddress = (address = `10.19.${++addresses}.1`) => new Client(slow.url, { "x-forwarded-for": address });

  it("lets the real user in from a browser they signed in on, whatever attackers elsewhere do to their account", async () => {
    const victim = DEMO.otherOfficer;
    const home = fromAddress("10.18.250.1");
    expect((await home.signIn(victim.email, victim.password)).status).toBe(302);
    const device = home.cookie("device");
    expect(device).toMatch(/^[a-z0-9]+\.[a-z0-9]+$/);
    await home.post("/sign-out", { scope: "this" });
    // Attackers from many addresses, one guess each: no pair is delayed, the account is.
    for (let i = 0; i < 6; i++) expect((await fromAddress().signIn(victim.email, `guess-${i}`)).status).toBe(i < 5 ? 400 : 429);
    // A new browser, even with the right password, waits …
    expect((await fromAddress().signIn(victim.email, victim.password)).status).toBe(429);
    // … and so does a browser with a device cookie of someone else's account.
    const other = fromAddress();
    await other.signIn(DEMO.officer.email, DEMO.officer.password);
    await other.post("/sign-out", { scope: "this" });
    expect(other.cookie("device")).toBeTruthy();
    expect((await other.signIn(victim.email, victim.password)).status).toBe(429);
    // The real user's browser is counted on its own: in at once.
    expect(home.cookie("device")).toBe(device);
    expect((await home.signIn(victim.email, victim.password)).status).toBe(302);
    // A forged device cookie is no device cookie.
    const forged = fromAddress();
    forged.setCookie("device", `${device!.split(".")[0]}.forgedsecretvalue`);
    expect((await forged.signIn(victim.email, victim.password)).status).toBe(429);
  });
});
