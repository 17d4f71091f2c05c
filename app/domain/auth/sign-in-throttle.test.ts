import { describe, expect, it } from "vitest";
import { afterFailure, attemptAllowedAt, nextAttemptAt, throttleKeys, type FailureRecord, type ThrottlePolicy } from "./sign-in-throttle";

const policy: ThrottlePolicy = { freeFailures: 3, baseDelayMs: 1000, maxDelayMs: 8000, forgetAfterMs: 60_000 };

function fail(times: number, from = 0, step = 0): FailureRecord | undefined {
  let record: FailureRecord | undefined;
  for (let i = 0; i < times; i++) record = afterFailure(record, policy, from + i * step);
  return record;
}

describe("growing delays", () => {
  it("allows the free failures, then doubles the wait after each further failure up to the maximum", () => {
    expect(nextAttemptAt(fail(2), policy, 0)).toBe(0);
    expect(nextAttemptAt(fail(3), policy, 0)).toBe(1000);
    expect(nextAttemptAt(fail(4), policy, 0)).toBe(2000);
    expect(nextAttemptAt(fail(5), policy, 0)).toBe(4000);
    expect(nextAttemptAt(fail(6), policy, 0)).toBe(8000);
    expect(nextAttemptAt(fail(60), policy, 0)).toBe(8000);
  });

  it("is a delay, not a lock: once it has passed an attempt is allowed", () => {
    expect(nextAttemptAt(fail(6), policy, 7999)).toBe(8000);
    expect(nextAttemptAt(fail(6), policy, 8000)).toBe(0);
  });

  it("forgets a key after a quiet spell, and counts again from one", () => {
    const record = fail(10);
    expect(nextAttemptAt(record, policy, 60_000)).toBe(0);
    expect(afterFailure(record, policy, 60_000)).toEqual({ failures: 1, lastFailureAt: 60_000 });
  });

  it("waits for the latest of the keys", () => {
    const keys = [
      { key: "a", policy },
      { key: "b", policy: { ...policy, freeFailures: 1 } },
    ];
    expect(attemptAllowedAt(new Map([["a", fail(1)!]]), keys, 0)).toBe(0);
    expect(
      attemptAllowedAt(
        new Map([
          ["a", fail(1)!],
          ["b", fail(2)!],
        ]),
        keys,
        0,
      ),
    ).toBe(2000);
  });
});

describe("keys", () => {
  const policies = { address: policy, pair: policy, account: policy, device: policy };
  it("counts a trusted browser on its own, and anywhere else by address, address and account, and account", () => {
    expect(throttleKeys({ address: "10.0.0.1", email: "a@x.example", deviceId: "d1" }, policies).map((k) => k.key)).toEqual(["device:d1"]);
    expect(throttleKeys({ address: "10.0.0.1", email: "a@x.example", deviceId: null }, policies).map((k) => [k.key, k.clearedOnSuccess])).toEqual([
      ["address:10.0.0.1", false],
      ["pair:10.0.0.1|a@x.example", true],
      ["account:a@x.example", true],
    ]);
  });
});
