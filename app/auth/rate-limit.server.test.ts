import { expect, it } from "vitest";
import { RateLimiter } from "./rate-limit.server";

it("allows the limit within a window, refuses the next, and recovers after the window", () => {
  const limiter = new RateLimiter(3, 60_000);
  expect([1, 2, 3].map(() => limiter.hit("k", 0).allowed)).toEqual([true, true, true]);
  const refused = limiter.hit("k", 1_000);
  expect(refused).toEqual({ allowed: false, retryAfterSeconds: 59 });
  expect(limiter.hit("other", 1_000).allowed).toBe(true);
  expect(limiter.hit("k", 60_000).allowed).toBe(true);
});
