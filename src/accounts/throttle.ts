// Login throttling, as pure decisions over failure counts. A handle gets a few free
// failures, then must wait longer after each (1 s, 2 s, 4 s ... capped), then is locked for
// a while; a client address gets the same treatment with room for an office or a classroom
// behind one address. Counts start afresh once a window has passed since the last failure.

export interface FailureCount {
  failures: number;
  /** Unix seconds. */
  windowStart: number;
  lastFailure: number;
}

export interface ThrottlePolicy {
  /** Failures allowed before any waiting. */
  free: number;
  /** Failures after which the key is locked for `lockSeconds`. */
  lockAfter: number;
  lockSeconds: number;
  maxBackoffSeconds: number;
  /** A count is forgotten once this long has passed since its last failure. */
  windowSeconds: number;
}

export const handlePolicy: ThrottlePolicy = { free: 5, lockAfter: 20, lockSeconds: 15 * 60, maxBackoffSeconds: 60, windowSeconds: 15 * 60 };
export const addressPolicy: ThrottlePolicy = { free: 100, lockAfter: 1000, lockSeconds: 15 * 60, maxBackoffSeconds: 60, windowSeconds: 15 * 60 };

function forgotten(count: FailureCount | null, p: ThrottlePolicy, now: number): boolean {
  return !count || now - count.lastFailure >= Math.max(p.windowSeconds, p.lockSeconds);
}

/** Seconds to wait before the next attempt may be tried; 0: it may be tried now. */
export function waitBefore(count: FailureCount | null, p: ThrottlePolicy, now: number): number {
  if (forgotten(count, p, now) || count!.failures < p.free) return 0;
  const pause = count!.failures >= p.lockAfter ? p.lockSeconds : Math.min(p.maxBackoffSeconds, 2 ** (count!.failures - p.free));
  return Math.max(0, count!.lastFailure + pause - now);
}

/** The count after one more failure at `now`. */
export function afterFailure(count: FailureCount | null, p: ThrottlePolicy, now: number): FailureCount {
  if (forgotten(count, p, now)) return { failures: 1, windowStart: now, lastFailure: now };
  return { failures: count!.failures + 1, windowStart: count!.windowStart, lastFailure: now };
}
