import { describe, expect, it } from "vitest";
import { openDatabase } from "../db.server";
import { users } from "../../db/tables";
import { createSession, invalidateSession, invalidateUserSessions, validateSessionToken } from "./session.server";

const DAY = 86_400_000;

async function setup() {
  const { db } = openDatabase(":memory:", "db/migrations");
  const [{ id: userId }] = await db.insert(users).values({ email: "a@example.org", displayName: "A", passwordHash: "x" }).returning({ id: users.id });
  return { db, userId };
}

describe("sessions (Lucia model)", () => {
  const t0 = new Date("2026-01-01T00:00:00Z");

  it("validates a fresh token and rejects a wrong secret", async () => {
    const { db, userId } = await setup();
    const { token } = await createSession(db, userId, t0, 30);
    expect((await validateSessionToken(db, token, t0, 30))?.user.id).toBe(userId);
    const [id] = token.split(".");
    expect(await validateSessionToken(db, `${id}.wrongsecretwrongsecretwrongsecret`, t0, 30)).toBeNull();
    expect(await validateSessionToken(db, "nodot", t0, 30)).toBeNull();
  });

  it("slides the expiry forward once less than half the lifetime remains", async () => {
    const { db, userId } = await setup();
    const { token, expiresAt } = await createSession(db, userId, t0, 30);
    const early = (await validateSessionToken(db, token, new Date(t0.getTime() + 10 * DAY), 30))!;
    expect(early.session.refreshed).toBe(false);
    expect(early.session.expiresAt.getTime()).toBe(expiresAt.getTime());
    const later = new Date(t0.getTime() + 20 * DAY);
    const slid = (await validateSessionToken(db, token, later, 30))!;
    expect(slid.session.refreshed).toBe(true);
    expect(slid.session.expiresAt.getTime()).toBe(later.getTime() + 30 * DAY);
  });

  it("expires an unused session and deletes it", async () => {
    const { db, userId } = await setup();
    const { token } = await createSession(db, userId, t0, 30);
    expect(await validateSessionToken(db, token, new Date(t0.getTime() + 31 * DAY), 30)).toBeNull();
    expect(await validateSessionToken(db, token, t0, 30)).toBeNull();
  });

  it("revokes one session or all of a user's sessions", async () => {
    const { db, userId } = await setup();
    const a = await createSession(db, userId, t0, 30);
    const b = await createSession(db, userId, t0, 30);
    const c = await createSession(db, userId, t0, 30);
    await invalidateSession(db, a.token.split(".")[0]);
    expect(await validateSessionToken(db, a.token, t0, 30)).toBeNull();
    expect(await validateSessionToken(db, b.token, t0, 30)).not.toBeNull();
    expect(await invalidateUserSessions(db, userId)).toBe(2);
    expect(await validateSessionToken(db, c.token, t0, 30)).toBeNull();
  });
});
