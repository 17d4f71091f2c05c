import { describe, expect, it } from "vitest";
import { canRemind, memberRoundStatus, nextReminderAllowedAt, planInvitations, REMINDER_INTERVAL_MS } from "./invitations";

const now = new Date("2026-11-25T10:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);
const open = { completedAt: null, revokedAt: null };
const member = { leftAt: null, email: "a@b.example", lastReminderAt: null };

describe("the reminder rule", () => {
  it("allows a first reminder and refuses a second within 24 hours", () => {
    expect(canRemind(open, member, now)).toEqual({ ok: true });
    expect(canRemind(open, { ...member, lastReminderAt: ago(60_000) }, now)).toEqual({ ok: false, reason: "reminded-recently" });
    expect(canRemind(open, { ...member, lastReminderAt: ago(REMINDER_INTERVAL_MS - 1) }, now)).toEqual({ ok: false, reason: "reminded-recently" });
    expect(canRemind(open, { ...member, lastReminderAt: ago(REMINDER_INTERVAL_MS) }, now)).toEqual({ ok: true });
  });
  it("never reminds someone who has finished, was withdrawn, left, or has no email", () => {
    expect(canRemind({ ...open, completedAt: ago(1) }, member, now)).toEqual({ ok: false, reason: "completed" });
    expect(canRemind({ ...open, revokedAt: ago(1) }, member, now)).toEqual({ ok: false, reason: "revoked" });
    expect(canRemind(open, { ...member, leftAt: ago(1) }, now)).toEqual({ ok: false, reason: "left" });
    expect(canRemind(open, { ...member, email: null }, now)).toEqual({ ok: false, reason: "no-email" });
  });
  it("says when the next reminder is allowed", () => {
    expect(nextReminderAllowedAt(null, now)).toBeNull();
    expect(nextReminderAllowedAt(ago(REMINDER_INTERVAL_MS + 1), now)).toBeNull();
    expect(nextReminderAllowedAt(ago(3_600_000), now)).toEqual(new Date(now.getTime() + REMINDER_INTERVAL_MS - 3_600_000));
  });
  it("holds over any sequence of attempts: reminders sent are always at least 24 hours apart", () => {
    let last: Date | null = null;
    const sent: number[] = [];
    for (let minutes = 0; minutes < 7 * 24 * 60; minutes += 37) {
      const t = new Date(now.getTime() + minutes * 60_000);
      if (canRemind(open, { ...member, lastReminderAt: last }, t).ok) {
        sent.push(t.getTime());
        last = t;
      }
    }
    expect(sent.length).toBeGreaterThanOrEqual(6);
    for (let i = 1; i < sent.length; i++) expect(sent[i] - sent[i - 1]).toBeGreaterThanOrEqual(REMINDER_INTERVAL_MS);
  });
});

describe("choosing whom to invite", () => {
  const members = [
    { id: 1, email: "1@x.example", invitation: null, responded: false },
    { id: 2, email: "2@x.example", invitation: { id: 20, ...open }, responded: false },
    { id: 3, email: "3@x.example", invitation: { id: 30, ...open, completedAt: ago(1) }, responded: true },
    { id: 4, email: "4@x.example", invitation: { id: 40, ...open, revokedAt: ago(1) }, responded: false },
    { id: 5, email: null, invitation: null, responded: false },
    // Answered through the public link, never invited.
    { id: 6, email: "6@x.example", invitation: null, responded: true },
  ];
  it("not yet invited: no live invitation (a withdrawn one does not count)", () => {
    expect(planInvitations(members, "not-invited")).toEqual({ create: [1, 4], resend: [], skippedNoEmail: 1, skippedCompleted: 2 });
  });
  it("all: also sends a fresh link to those invited but not finished", () => {
    expect(planInvitations(members, "all")).toEqual({ create: [1, 4], resend: [20], skippedNoEmail: 1, skippedCompleted: 2 });
  });
});

describe("a member's progress in a round", () => {
  const inv = { ...open, reminderCount: 0 };
  it("takes the furthest step", () => {
    expect(memberRoundStatus({ invitation: null, hasDraft: false, hasResponse: false })).toBe("not-invited");
    expect(memberRoundStatus({ invitation: inv, hasDraft: false, hasResponse: false })).toBe("invited");
    expect(memberRoundStatus({ invitation: { ...inv, reminderCount: 1 }, hasDraft: false, hasResponse: false })).toBe("reminded");
    expect(memberRoundStatus({ invitation: { ...inv, reminderCount: 1 }, hasDraft: true, hasResponse: false })).toBe("started");
    expect(memberRoundStatus({ invitation: inv, hasDraft: true, hasResponse: true })).toBe("completed");
    expect(memberRoundStatus({ invitation: { ...inv, completedAt: ago(1) }, hasDraft: false, hasResponse: false })).toBe("completed");
    expect(memberRoundStatus({ invitation: { ...inv, revokedAt: ago(1) }, hasDraft: false, hasResponse: false })).toBe("revoked");
    expect(memberRoundStatus({ invitation: null, hasDraft: false, hasResponse: true })).toBe("completed");
  });
});
