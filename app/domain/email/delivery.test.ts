import { describe, expect, it } from "vitest";
import { afterFailure, classifySmtpFailure, retryDelayMs, type RetryPolicy } from "./delivery";

const policy: RetryPolicy = { baseDelayMs: 30_000, maxDelayMs: 3_600_000, maxAttempts: 5 };
const now = new Date("2026-11-25T10:00:00Z");

describe("retry schedule", () => {
  it("doubles from the base and stops at the cap", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => retryDelayMs(n, policy))).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000, 3_600_000]);
    expect(retryDelayMs(1000, policy)).toBe(3_600_000);
    expect(retryDelayMs(0, policy)).toBe(30_000);
  });
  it("never decreases", () => {
    let last = 0;
    for (let n = 1; n < 100; n++) {
      const d = retryDelayMs(n, policy);
      expect(d).toBeGreaterThanOrEqual(last);
      last = d;
    }
  });
});

describe("classifying SMTP failures", () => {
  it("treats no answer as the server being unreachable", () => {
    expect(classifySmtpFailure({ code: "ECONNECTION" })).toBe("unreachable");
    expect(classifySmtpFailure({ code: "ETIMEDOUT" })).toBe("unreachable");
    expect(classifySmtpFailure({ code: "ESOCKET" })).toBe("unreachable");
    expect(classifySmtpFailure({ responseCode: 421, command: "CONN" })).toBe("unreachable");
  });
  it("separates bounces (5xx to RCPT TO) from other permanent refusals and temporary ones", () => {
    expect(classifySmtpFailure({ code: "EENVELOPE", responseCode: 550, command: "RCPT TO" })).toBe("bounce");
    expect(classifySmtpFailure({ code: "EMESSAGE", responseCode: 554, command: "DATA" })).toBe("permanent");
    expect(classifySmtpFailure({ code: "EENVELOPE", responseCode: 451, command: "RCPT TO" })).toBe("temporary");
  });
});

describe("after a failed try", () => {
  it("keeps mail queued for ever while the server is unreachable, backing off", () => {
    let attempts = 0;
    for (let i = 0; i < 50; i++) {
      const o = afterFailure(attempts, "unreachable", now, policy);
      expect(o.status).toBe("queued");
      expect(o.nextAttemptAt.getTime() - now.getTime()).toBe(retryDelayMs(attempts + 1, policy));
      attempts = o.attempts;
    }
    expect(attempts).toBe(50);
  });
  it("gives up on temporary refusals after the maximum number of tries", () => {
    expect(afterFailure(3, "temporary", now, policy)).toMatchObject({ status: "queued", attempts: 4 });
    expect(afterFailure(4, "temporary", now, policy)).toMatchObject({ status: "failed", attempts: 5 });
  });
  it("records bounces and permanent failures at once", () => {
    expect(afterFailure(0, "bounce", now, policy)).toMatchObject({ status: "bounced", attempts: 1 });
    expect(afterFailure(0, "permanent", now, policy)).toMatchObject({ status: "failed", attempts: 1 });
  });
});
