/**
 * Fixed-window rate limiter held in memory (one server process per database,
 * as SQLite implies). Keys are namespaced by the caller, e.g. "sign-in:ip:…".
 */
export class RateLimiter {
  private hits = new Map<string, { count: number; resetAt: number }>();
  private lastSweep = -Infinity;
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Records a hit; returns whether it is allowed and when to retry. */
  hit(key: string, now: number): { allowed: boolean; retryAfterSeconds: number } {
    const entry = this.hits.get(key);
    if (!entry || entry.resetAt <= now) {
      this.hits.set(key, { count: 1, resetAt: now + this.windowMs });
      this.sweep(now);
      return { allowed: true, retryAfterSeconds: 0 };
    }
    entry.count += 1;
    return {
      allowed: entry.count <= this.limit,
      retryAfterSeconds: Math.max(1, Math.ceil((entry.resetAt - now) / 1000)),
    };
  }

  reset(key: string): void {
    this.hits.delete(key);
  }

  /** Drops expired entries once the map is large; at most once a second, so many new addresses cannot make every hit a full scan. */
  private sweep(now: number): void {
    if (this.hits.size < 10_000 || now - this.lastSweep < 1000) return;
    this.lastSweep = now;
    for (const [key, entry] of this.hits) if (entry.resetAt <= now) this.hits.delete(key);
  }
}
