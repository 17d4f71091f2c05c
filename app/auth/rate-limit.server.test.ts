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

it("forgets expired addresses once it holds many, without scanning on every new one", () => {
  const limiter = new RateLimiter(1, 1_000);
  for (let i = 0; i < 10_000; i++) limiter.hit(`a${i}`, 0);
  const size = () => (limiter as unknown as { hits: Map<string, unknown> }).hits.size;
  expect(size()).toBe(10_000);
  limiter.hit("late", 5_000); // everything before has expired: swept
  expect(size()).toBe(1);
  for (let i = 0; i < 10_000; i++) limiter.hit(`b${i}`, 5_500);
  expect(size()).toBe(10_001); // no sweep within a second of the last one
  limiter.hit("later", 7_000); // a sweep at 7 s: "late" expired at 6 s, the b* entries at 6.5 s
  expect(size()).toBe(1);
  expect(limiter.hit("later", 7_001).allowed).toBe(false);
});
