import { describe, expect, it } from "vitest";
import { openDatabase } from "../db.server";
import { users } from "../../db/schema";
import { createSession, invalidateSession, invalidateUserSessions, validateSessionToken } from "./session.server";

const DAY = 86_400_000;

function setup() {
  const { db } = openDatabase(":memory:", "db/migrations");
  const userId = db.insert(users).values({ email: "a@example.org", displayName: "A", passwordHash: "x" }).returning({ id: users.id }).get().id;
  return { db, userId };
}

describe("sessions (Lucia model)", () => {
  const t0 = new Date("2026-01-01T00:00:00Z");

  it("validates a fresh token and rejects a wrong secret", () => {
    const { db, userId } = setup();
    const { token } = createSession(db, userId, t0, 30);
    expect(validateSessionToken(db, token, t0, 30)?.user.id).toBe(userId);
    const [id] = token.split(".");
    expect(validateSessionToken(db, `${id}.wrongsecretwrongsecretwrongsecret`, t0, 30)).toBeNull();
    expect(validateSessionToken(db, "nodot", t0, 30)).toBeNull();
  });

  it("slides the expiry forward once less than half the lifetime remains", () => {
    const { db, userId } = setup();
    const { token, expiresAt } = createSession(db, userId, t0, 30);
    const early = validateSessionToken(db, token, new Date(t0.getTime() + 10 * DAY), 30)!;
    expect(early.session.refreshed).toBe(false);
    expect(early.session.expiresAt.getTime()).toBe(expiresAt.getTime());
    const later = new Date(t0.getTime() + 20 * DAY);
    const slid = validateSessionToken(db, token, later, 30)!;
    expect(slid.session.refreshed).toBe(true);
    expect(slid.session.expiresAt.getTime()).toBe(later.getTime() + 30 * DAY);
  });

  it("expires an unused session and deletes it", () => {
    const { db, userId } = setup();
    const { token } = createSession(db, userId, t0, 30);
    expect(validateSessionToken(db, token, new Date(t0.getTime() + 31 * DAY), 30)).toBeNull();
    expect(validateSessionToken(db, token, t0, 30)).toBeNull();
  });

  it("revokes one session or all of a user's sessions", () => {
    const { db, userId } = setup();
    const a = createSession(db, userId, t0, 30);
    const b = createSession(db, userId, t0, 30);
    const c = createSession(db, userId, t0, 30);
    invalidateSession(db, a.token.split(".")[0]);
    expect(validateSessionToken(db, a.token, t0, 30)).toBeNull();
    expect(validateSessionToken(db, b.token, t0, 30)).not.toBeNull();
    expect(invalidateUserSessions(db, userId)).toBe(2);
    expect(validateSessionToken(db, c.token, t0, 30)).toBeNull();
  });
});
